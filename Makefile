# statspan - plain Makefile, pkg-config for every dependency.
#   make            build ./statspan
#   make demo       extract the bundled fixtures to out/facts.csv and print a summary
#   make test       unit, table, rule-example, golden, CLI and corpus tests
#   make asan       the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      throughput over ../shared/corpus beside pcre2grep
#   make eval       precision / recall on the annotated fixtures, audit accuracy per class
#   make currencies rules/02-currencies.rules again from ICU (libicu-dev)
#   make valgrind   the fixtures under valgrind (leaks, invalid accesses)
#   make hostile    the second hostile pass (read errors, closed streams, memory,
#                   hangs, signals, file names), bounded in time and memory;
#                   HEAVY=1 adds the slow cases
#   make fuzz       libFuzzer targets (clang); make fuzz-smoke runs each on fixed inputs
#   make tsan       one rule set shared by 4 extracting threads under ThreadSanitizer (clang)
#   make install    PREFIX=/usr/local DESTDIR= : binary, libraries, header, statspan.pc,
#                   default rules, man pages; make uninstall removes them
#   make clean

CC       ?= cc
BUILD    ?= build
SAN      ?=
PKGS      = libpcre2-8 libxml-2.0 jansson yaml-0.1 md4c
# Opened at run time by the first -f xlsx (src/export/xlsx.c): its headers at
# build time, its soname read off the library pkg-config finds.
LAZY_PKGS = xlsxwriter
CORPUS   ?= ../shared/corpus
# OpenCC's dictionaries, the source of the traditional-to-simplified fold table.
OPENCC_DATA ?= /usr/share/opencc
# jieba's dictionary (Debian: python3-jieba), the source of the word lexicon
# the subject finder segments clauses with.
JIEBA_DICT ?= /usr/lib/python3/dist-packages/jieba/dict.txt
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man
PCDIR    ?= $(LIBDIR)/pkgconfig
VERSION  := $(shell sed -n 's/^\#define SS_VERSION "\(.*\)"/\1/p' include/statspan.h)
SOMAJOR  := $(firstword $(subst ., ,$(VERSION)))

WARN      = -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ifeq ($(SAN),1)
  CFLAGS  = -O1 -g -fno-omit-frame-pointer
  SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined
endif
ifeq ($(SAN),tsan)
  CFLAGS  = -O1 -g -fno-omit-frame-pointer
  SANFLAGS = -fsanitize=thread
endif
DEPS_OK  := $(shell OPENCC_DATA='$(OPENCC_DATA)' JIEBA_DICT='$(JIEBA_DICT)' sh scripts/deps.sh $(if $(filter test asan check,$(MAKECMDGOALS)),--test) \
                $(if $(filter 1,$(HS)),--hs) >&2 && echo ok)
ifneq ($(DEPS_OK),ok)
  $(error missing build dependencies (see the message above))
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(LAZY_PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
XLSXWRITER_SO ?= $(or $(shell objdump -p "$$($(CC) $$(pkg-config --libs-only-L xlsxwriter) \
                     -print-file-name=libxlsxwriter.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p'),libxlsxwriter.so)
PKG_CFLAGS += -DSS_XLSXWRITER_SO='"$(XLSXWRITER_SO)"'
# Vectorscan (or Hyperscan, pkg-config libhs): the rule scan's prefilter,
# built whenever pkg-config finds it (HS=0 leaves it out, HS=1 insists).
HS       ?= $(shell pkg-config --exists libhs 2>/dev/null && echo 1 || echo 0)
ifeq ($(HS),1)
  PKG_CFLAGS += -DSS_HAVE_HS $(shell pkg-config --cflags libhs)
  PKG_LIBS   += $(shell pkg-config --libs libhs)
endif
ALL_CFLAGS  = $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(CFLAGS) $(SANFLAGS) \
              -Iinclude -Isrc $(PKG_CFLAGS) -MMD -MP
LDLIBS      = $(PKG_LIBS) -lpthread -lm
# The library exports its public API (SS_API in statspan.h) and nothing else:
# hidden by default, and a version script as the second fence.
LIB_CFLAGS  = -fPIC -fvisibility=hidden -fno-semantic-interposition

LIB_SRC   := $(sort $(wildcard src/util/*.c src/text/*.c src/numeral/*.c src/rules/*.c \
                               src/facts/*.c src/pipeline/*.c src/audit/*.c src/export/*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
RULES     := $(sort $(wildcard rules/*.rules))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/default_rules.o \
             $(BUILD)/gen/report_template.o $(BUILD)/gen/fold_table.o \
             $(BUILD)/gen/lexicon_table.o \
             $(BUILD)/gen/content_hints.o \
             $(BUILD)/gen/audit_lexicon.o $(BUILD)/gen/builtin.o
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
LIB       := $(BUILD)/libstatspan.a

# PDF input (src/pdf/): poppler is GPL and libstatspan is not, so the PDF
# reader is built beside the library and the library never links it.
# The command does not link poppler either: its PDF child opens the plugin
# statspan-pdf.so (read_poppler.c and poppler-glib), built beside the
# command and installed in $(LIBDIR)/statspan, so that a run that meets no
# PDF starts without poppler's ~50 shared libraries. The PDF test tools
# link poppler directly. Without poppler-glib (or with POPPLER=no)
# statspan builds without PDF support and says so for a PDF input.
POPPLER   ?= $(shell pkg-config --exists poppler-glib 2>/dev/null && echo yes)
PDF_CORE  := $(BUILD)/src/pdf/layout.o $(BUILD)/src/pdf/wire.o
PDF_BASE  := $(PDF_CORE) $(BUILD)/src/pdf/read.o $(BUILD)/src/pdf/reader.o \
             $(BUILD)/src/pdf/read_child.o
PDF_OBJ   := $(PDF_BASE) \
             $(BUILD)/src/pdf/$(if $(filter yes,$(POPPLER)),read_plugin,read_none).o
PDF_TOOL_OBJ := $(PDF_BASE) $(if $(filter yes,$(POPPLER)),$(BUILD)/src/pdf/read_linked.o \
             $(BUILD)/src/pdf/read_poppler.o,$(BUILD)/src/pdf/read_none.o)
# beside the command ($(BIN) is set below: a recursive variable)
PDF_PLUGIN = $(if $(filter yes,$(POPPLER)),$(dir $(BIN))statspan-pdf.so)
PDF_DIR   ?= $(LIBDIR)/statspan
$(BUILD)/src/pdf/read_plugin.o: ALL_CFLAGS += -DSS_PDF_PLUGIN_DIR='"$(PDF_DIR)"'
ifeq ($(POPPLER),yes)
$(BUILD)/src/pdf/read_poppler.o: ALL_CFLAGS += $(shell pkg-config --cflags poppler-glib)
PDF_LIBS  := $(shell pkg-config --libs poppler-glib)
endif
SONAME    := libstatspan.so.$(SOMAJOR)
SO        := $(BUILD)/libstatspan.so.$(VERSION)
SOLINKS   := $(BUILD)/$(SONAME) $(BUILD)/libstatspan.so
BIN       := $(if $(SAN),$(BUILD)/statspan,statspan)

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TABLES    := $(sort $(wildcard tests/table/*.test))

.PHONY: lib-sources all lib test check asan tsan demo bench eval currencies clean unit table rules-test golden cli pathological hostile corpus fuzz fuzz-smoke valgrind xlsx xlsx-corpus browser pdf eval-pdf audit-test audit-bench api install uninstall
all: $(BIN) lib
lib: $(LIB) $(SOLINKS)

$(BUILD)/src/cli/%.o: src/cli/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c $< -o $@

# The default rules are embedded by a generator, never copied by hand.
$(BUILD)/embed: scripts/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<
$(BUILD)/gen/default_rules.c: $(BUILD)/embed $(RULES)
	@mkdir -p $(dir $@)
	$(BUILD)/embed $(RULES) > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/default_rules.o: $(BUILD)/gen/default_rules.c
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -Isrc/rules -c $< -o $@

# What start-up would work out for the built-in rules each time (their start
# sets, and with Vectorscan the prefilter's database, seconds to compile),
# worked out here once by a generator that links the library's objects but
# this one; remade whenever a rule file or the rule engine changes.
$(BUILD)/builtingen: $(BUILD)/scripts/builtingen.o $(filter-out $(BUILD)/gen/builtin.o,$(LIB_OBJ))
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/scripts/builtingen.o: scripts/builtingen.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(BUILD)/gen/builtin.c: $(BUILD)/builtingen
	@mkdir -p $(dir $@)
	$(BUILD)/builtingen > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/builtin.o: $(BUILD)/gen/builtin.c
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c $< -o $@

# The HTML report's page (style and script) is a data file, embedded the same way.
$(BUILD)/embed_text: scripts/embed_text.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<
$(BUILD)/gen/report_template.c: $(BUILD)/embed_text src/export/assets/report.html
	@mkdir -p $(dir $@)
	$(BUILD)/embed_text ss_report_template src/export/assets/report.html > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/report_template.o: $(BUILD)/gen/report_template.c
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c $< -o $@
# The traditional-to-simplified fold table, from OpenCC's character dictionary
# (Debian: opencc, libopencc-data), also by a generator.
$(BUILD)/foldgen: scripts/foldgen.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<
$(BUILD)/gen/TSCharacters.txt: $(OPENCC_DATA)/TSCharacters.ocd2
	@mkdir -p $(dir $@)
	opencc_dict -i $< -o $@.tmp -f ocd2 -t text && mv $@.tmp $@
$(BUILD)/gen/fold_table.c: $(BUILD)/foldgen $(BUILD)/gen/TSCharacters.txt
	$(BUILD)/foldgen $(BUILD)/gen/TSCharacters.txt > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/fold_table.o: $(BUILD)/gen/fold_table.c
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -Isrc/text -c $< -o $@
# The word lexicon of the subject finder, from jieba's dictionary, the same way.
$(BUILD)/lexgen: scripts/lexgen.c src/facts/lexicon.h
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $< -lm
$(BUILD)/gen/lexicon_table.c: $(BUILD)/lexgen $(JIEBA_DICT)
	@mkdir -p $(dir $@)
	$(BUILD)/lexgen $(JIEBA_DICT) > $@.tmp && mv $@.tmp $@
# a data table: no optimisation to speak of, and -O0 compiles it in a second
$(BUILD)/gen/lexicon_table.o: $(BUILD)/gen/lexicon_table.c
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -O0 -Isrc/facts -c $< -o $@
$(BUILD)/gen/content_hints.c: $(BUILD)/embed_text rules/content.hints
	@mkdir -p $(dir $@)
	$(BUILD)/embed_text ss_content_hints rules/content.hints > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/audit_lexicon.c: $(BUILD)/embed_text rules/audit.lexicon
	@mkdir -p $(dir $@)
	$(BUILD)/embed_text ss_audit_lexicon rules/audit.lexicon > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/content_hints.o $(BUILD)/gen/audit_lexicon.o: $(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SO): $(LIB_OBJ) src/libstatspan.map
	$(CC) $(CFLAGS) $(SANFLAGS) -shared -Wl,-soname,$(SONAME) \
	  -Wl,--version-script=src/libstatspan.map -Wl,--no-undefined -o $@ $(LIB_OBJ) $(LDLIBS)
$(SOLINKS): $(SO)
	ln -sf $(notdir $(SO)) $@

# The command links the static library, as any program may (one file to
# install, no library search at start-up), and the PDF reader beside it.
$(BIN): $(CLI_OBJ) $(PDF_OBJ) $(LIB) | $(PDF_PLUGIN)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $(CLI_OBJ) $(PDF_OBJ) $(LIB) $(LDLIBS)

# The plugin: poppler's side of the PDF child, its own copy of the few
# library objects it needs (hidden), one exported function.
$(PDF_PLUGIN): $(BUILD)/src/pdf/read_poppler.o $(BUILD)/src/pdf/wire.o $(LIB)
	$(CC) $(CFLAGS) $(SANFLAGS) -shared -Wl,--no-undefined -o $@ $^ $(PDF_LIBS) -lm


# ---- tests -----------------------------------------------------------------
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(LIB) $(CMOCKA_LIBS) $(LDLIBS)

# The PDF layout's unit tests link its poppler-free part only.
$(BUILD)/tests/test_pdf_%: tests/unit/test_pdf_%.c $(PDF_CORE) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(PDF_CORE) $(LIB) $(CMOCKA_LIBS) $(LDLIBS)

# pdftext: the PDF reader alone (text, boxes, wire dumps), and the box check.
$(BUILD)/tests/pdftext: tests/pdf/pdftext.c $(PDF_TOOL_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(PDF_TOOL_OBJ) $(LIB) $(LDLIBS) $(PDF_LIBS)

$(BUILD)/tests/box_check: tests/pdf/box_check.c $(PDF_TOOL_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags poppler-glib) -o $@ $< $(PDF_TOOL_OBJ) $(LIB) \
		$(LDLIBS) $(PDF_LIBS)

$(BUILD)/tests/pdf_eval: tests/pdf/pdf_eval.c $(PDF_TOOL_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(PDF_TOOL_OBJ) $(LIB) $(LDLIBS) $(PDF_LIBS)

$(BUILD)/tests/genpdf: tests/pdf/genpdf.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(SANFLAGS) -o $@ $<

$(BUILD)/tests/table_runner: tests/table/runner.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/span_check: tests/corpus/span_check.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/eval: tests/eval/eval.c tests/eval/ann.c tests/eval/eval.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ tests/eval/eval.c tests/eval/ann.c $(LIB) $(LDLIBS)

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do $$t || fail=1; done; exit $$fail

table: $(BUILD)/tests/table_runner
	@$(BUILD)/tests/table_runner $(TABLES)

rules-test: $(BIN)
	./$(BIN) rules test

golden: $(BIN) $(BUILD)/tests/span_check
	@$(BUILD)/tests/span_check fixtures
	@sh tests/golden/run.sh ./$(BIN)

# The fault-injection shim (LD_PRELOAD) for unreadable files and read errors.
$(BUILD)/tests/inject.so: tests/pathological/inject.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -g -Wall -shared -fPIC -o $@ $< -ldl

cli: $(BIN) $(BUILD)/tests/inject.so
	@SS_INJECT=$(CURDIR)/$(BUILD)/tests/inject.so sh tests/cli/run.sh ./$(BIN)

# Generated hostile documents, with time limits; a smaller huge line under ASan.
pathological: $(BIN) $(BUILD)/tests/inject.so
	@SS_PATHO_MB=$(if $(SAN),20,100) sh tests/pathological/run.sh ./$(BIN) $(BUILD)/tests/inject.so

# Read errors, closed streams, running out of memory (ulimit -v, not under a
# sanitizer), hangs, signals and hostile file names: a few seconds.
hostile: $(BIN) $(BUILD)/tests/inject.so
	@SS_HOSTILE_SAN=$(if $(SAN),1,0) SS_HOSTILE_HEAVY=$(if $(HEAVY),1,0) \
	 sh tests/pathological/hostile.sh ./$(BIN) $(BUILD)/tests/inject.so

corpus: $(BUILD)/tests/span_check
	@if [ -d "$(CORPUS)" ]; then $(BUILD)/tests/span_check $(CORPUS)/html $(CORPUS)/text ../shared/seeds; \
	 else echo "corpus: skipped ($(CORPUS) not found; the span test runs where ../shared exists)"; fi

# Audit golden cases (accuracy per class) and its command-line transcript.
audit-test: $(BIN)
	@sh tests/audit/run.sh ./$(BIN)

# The library as a user meets it: exported symbols, the header in C++, an
# installed copy in a temporary prefix built against through pkg-config,
# --help against statspan(1), and the Python module. Not under a sanitizer
# (a sanitized shared library cannot be loaded by python3 or a plain program).
api: $(BIN) lib
	@if [ -n "$(SAN)" ]; then echo "api: skipped under a sanitizer"; \
	 else sh tests/lib/run.sh ./$(BIN) $(BUILD); fi

# The workbook read back (zipfile/ElementTree, and LibreOffice where installed)
# and the HTML report in headless Chromium (skipped with a note without it).
xlsx: $(BIN)
	@sh tests/xlsx/run.sh ./$(BIN)

# Once, not in test: corpus/html through a workbook and LibreOffice and back.
xlsx-corpus: $(BIN)
	@sh tests/xlsx/run.sh ./$(BIN) $(CORPUS)/html

browser: $(BIN)
	@sh tests/browser/run.sh ./$(BIN) $(BUILD)/tests/browser

# PDF input: generated PDFs good and hostile, and the box invariant over
# ../shared/corpus-extra/pdf (only the refusal when built without poppler).
PDF_TOOLS := $(BUILD)/tests/genpdf $(if $(filter yes,$(POPPLER)),$(BUILD)/tests/pdftext $(BUILD)/tests/box_check)
pdf: $(BIN) $(PDF_TOOLS) $(BUILD)/statspan-nopdf
	@sh tests/pdf/run.sh ./$(BIN) $(BUILD)/tests $(POPPLER)
	@sh tests/pdf/run.sh $(BUILD)/statspan-nopdf $(BUILD)/tests no

# The command as built without poppler (the same objects, the stub child):
# the build must work, and refuse a PDF clearly.
$(BUILD)/statspan-nopdf: $(CLI_OBJ) $(PDF_BASE) $(BUILD)/src/pdf/read_none.o $(LIB)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS)

test: unit table rules-test golden cli audit-test pathological hostile corpus pdf xlsx browser api
	@echo "make test: all suites passed"
check: test

asan:
	$(MAKE) SAN=1 BUILD=build/asan test

demo: $(BIN)
	@mkdir -p out
	./$(BIN) extract -f csv -o out/facts.csv $(filter-out fixtures/SOURCES.md,$(wildcard fixtures/*.md fixtures/*.html fixtures/*.txt))
	@sh scripts/summary.sh out/facts.csv

bench: $(BIN)
	@sh bench/run.sh ./$(BIN) $(CORPUS)

# Claims per second: 10,000 claims against the whole corpus.
audit-bench: $(BIN)
	@sh tests/audit/bench.sh ./$(BIN) $(CORPUS)

eval: $(BIN) $(BUILD)/tests/eval
	@sh tests/eval/run.sh ./$(BIN) $(EVALFLAGS)
	@sh tests/content/eval.sh ./$(BIN) $(CORPUS)
	@sh tests/audit/run.sh ./$(BIN) --report
	@$(MAKE) -s eval-pdf

# The PDF group: hand annotations of pages of ../shared/corpus-extra/pdf
# (fixtures/eval/pdf, *.pdfann), scored apart from the text groups.
PDF_CORPUS ?= ../shared/corpus-extra/pdf
eval-pdf: $(BUILD)/tests/pdf_eval
	@if [ -d "$(PDF_CORPUS)" ]; then $(BUILD)/tests/pdf_eval $(EVALFLAGS) $(PDF_CORPUS) fixtures/eval/pdf; \
	 else echo "eval-pdf: skipped ($(PDF_CORPUS) not found)"; fi

valgrind: $(BIN)
	@sh tests/valgrind.sh ./$(BIN)

# rules/02-currencies.rules from ICU's currency names (needs libicu-dev; the
# file is committed, so the build itself does not need ICU).
currencies: scripts/currencygen.c
	@sh scripts/deps.sh --currencies
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) -o $(BUILD)/currencygen $< $$(pkg-config --cflags --libs icu-uc)
	$(BUILD)/currencygen > rules/02-currencies.rules.tmp && mv rules/02-currencies.rules.tmp rules/02-currencies.rules

# Fuzz targets (clang libFuzzer); sources and seed corpora under tests/fuzz/.
fuzz:
	@sh tests/fuzz/build.sh

# The library's sources, generated ones too: what tests/fuzz/build.sh compiles.
lib-sources:
	@echo $(LIB_SRC) $(patsubst %.o,%.c,$(filter $(BUILD)/gen/%,$(LIB_OBJ)))

fuzz-smoke: fuzz
	@sh tests/fuzz/smoke.sh

# One compiled rule set shared read-only by 4 threads, each extracting its
# own documents, under ThreadSanitizer (clang): any data race fails.
tsan:
	$(MAKE) SAN=tsan CC=clang BUILD=build/tsan build/tsan/tests/threads
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" build/tsan/tests/threads fixtures
$(BUILD)/tests/threads: tests/lib/threads.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# statspan.pc is written at install time: it names PREFIX, which differs
# from one install to the next.
install: $(BIN) lib
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	  $(DESTDIR)$(PCDIR) $(DESTDIR)$(DATADIR)/statspan/rules $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man3
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/statspan
	$(if $(PDF_PLUGIN),install -d $(DESTDIR)$(PDF_DIR) && \
	  install -m 755 $(PDF_PLUGIN) $(DESTDIR)$(PDF_DIR)/statspan-pdf.so)
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libstatspan.a
	install -m 755 $(SO) $(DESTDIR)$(LIBDIR)/$(notdir $(SO))
	ln -sf $(notdir $(SO)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(notdir $(SO)) $(DESTDIR)$(LIBDIR)/libstatspan.so
	install -m 644 include/statspan.h $(DESTDIR)$(INCDIR)/statspan.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCDIR@|$(INCDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@REQUIRES@|$(PKGS)$(if $(filter 1,$(HS)), libhs)|' statspan.pc.in \
	    > $(DESTDIR)$(PCDIR)/statspan.pc
	chmod 644 $(DESTDIR)$(PCDIR)/statspan.pc
	install -m 644 $(RULES) rules/README.md $(DESTDIR)$(DATADIR)/statspan/rules/
	install -m 644 man/statspan.1 $(DESTDIR)$(MANDIR)/man1/statspan.1
	install -m 644 man/statspan.3 $(DESTDIR)$(MANDIR)/man3/statspan.3

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/statspan $(DESTDIR)$(LIBDIR)/libstatspan.a \
	  $(DESTDIR)$(LIBDIR)/libstatspan.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	  $(DESTDIR)$(LIBDIR)/libstatspan.so $(DESTDIR)$(INCDIR)/statspan.h \
	  $(DESTDIR)$(PCDIR)/statspan.pc $(DESTDIR)$(MANDIR)/man1/statspan.1 \
	  $(DESTDIR)$(MANDIR)/man3/statspan.3
	rm -rf $(DESTDIR)$(DATADIR)/statspan $(DESTDIR)$(PDF_DIR)

clean:
	rm -rf build statspan statspan-pdf.so out

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

/* inputs.c - every source document of a run, for any subcommand that reads
 * documents: the walk over PATH arguments (directories in name order),
 * --files-from lists, --jsonl-in lines and standard input go into the
 * ordered batch; on a worker thread each is read, named, extracted (a
 * document that does not fit in memory fails alone) and handed to the
 * command; results come out in input order. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../pipeline/pipeline.h"
#include "cli.h"

/* What a document needs besides its bytes, measured at -j2 (records held
 * until written) on 10 MB of Chinese text: 2.3 bytes a byte with no figure
 * at all (3.1 read as HTML), 5.9 fact-dense (130k digit runs, 48k facts:
 * about 215 bytes a digit run more); 25 MB of HTML pages took 1.6 bytes a
 * byte. An estimate on the safe side, checked before extracting. */
/* (-DMEM_PER_BYTE=1 -DMEM_PER_FIGURE=0 lets the guard behind the check be tried.) */
#ifndef MEM_PER_BYTE
#define MEM_PER_BYTE 8
#endif
#ifndef MEM_PER_FIGURE
#define MEM_PER_FIGURE 256
#endif

#define MEM_CHECK_FROM ((size_t)1 << 20)

/* A list of names: a name is a path, at most PATH_MAX bytes. Runs of empty
 * names or blank lines this long mean the input is no list (/dev/zero). */
#define MAX_BAD_IN_A_ROW 10
#define MAX_BLANK_IN_A_ROW 65536

typedef struct {
	const ss_inputs *in;
	ss_batch *batch;
	bool counting; /* a first walk that only counts, for the progress line */
	size_t count_files, count_bytes;
	bool stdin_taken; /* standard input is the list or the JSONL, not a document */
	size_t found;     /* documents the walk has given so far */
	int failed;       /* the walk found an error (the walking thread's) */
	int emit_failed;  /* some result failed (emit's: a pool thread's) */
} walk;

/* Extensions a directory walk reads; explicit file arguments are always read. */
static const char *const ext[] = {".html", ".htm", ".xhtml", ".shtml", ".md",
                                  ".markdown", ".txt", ".text", ".pdf", NULL};

static bool wanted(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return false;
	for (size_t i = 0; ext[i]; i++)
		if (!strcasecmp(dot, ext[i]))
			return true;
	return false;
}

/* ---- on a worker thread: one item to the command's result ---- */

static void worker_diag(void *userdata, const ss_diag *d)
{
	ss_result *res = userdata;
	/* work() parks --quiet in res->counted while the document is extracted */
	ss_cli_diag_format(&res->err, res->counted, d);
}

/* The name of an input that failed without a document, for the formats
 * that list every input (xlsx, html); as records show it (UTF-8). */
static char *record_name(const char *name, ss_result *res, bool quiet);

static void failed_name(ss_result *res, const char *name)
{
	free(res->name);
	res->name = record_name(name, res, true);
	if (!res->name)
		res->name = ss_xstrdup(name);
}

static void item_error(ss_result *res, const char *what, const char *name, int err)
{
	char *q = ss_quote(name);
	ss_buf_addf(&res->err, "statspan: error: %s '%s': %s\n", what, q, strerror(err));
	free(q);
	res->failed = true;
	failed_name(res, name);
}

/* The name as records show it: bytes that are not UTF-8 (a file name is any
 * bytes) become U+FFFD, so that the JSON and CSV stay valid UTF-8; said once
 * per document. NULL when the name is fine as it is. */
static char *record_name(const char *name, ss_result *res, bool quiet)
{
	size_t n = strlen(name), i = 0;
	uint32_t cp;
	int w;
	while (i < n && (w = ss_utf8_decode(name + i, n - i, &cp)) > 0)
		i += (size_t)w;
	if (i == n)
		return NULL;
	ss_buf b = SS_BUF_INIT;
	for (i = 0; i < n;) {
		w = ss_utf8_decode(name + i, n - i, &cp);
		if (w > 0) {
			ss_buf_add(&b, name + i, (size_t)w);
			i += (size_t)w;
		} else {
			ss_buf_adds(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	if (!quiet) {
		char *q = ss_quote(name);
		ss_buf_addf(&res->err,
		            "statspan: warning: '%s': the file name is not UTF-8; records show "
		            "U+FFFD for its bad bytes\n",
		            q);
		free(q);
	}
	size_t len;
	return ss_buf_detach(&b, &len);
}

/* The digit runs of s[0, n) (a figure's worth of memory each). Eight bytes
 * at a time: the high bit of each byte that is no digit, then the digits
 * whose byte before is none. */
static size_t digit_runs(const unsigned char *s, size_t n)
{
	size_t runs = 0, i = 0;
	bool prev = false; /* the byte before i is a digit */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t hi = 0x8080808080808080ull, low7 = 0x7F7F7F7F7F7F7F7Full;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t y = w ^ 0x3030303030303030ull; /* a digit is 0..9 now */
		/* a byte of 10 or more gets its high bit; no carry crosses bytes */
		uint64_t digit = ~(((y & low7) + 0x7676767676767676ull) | y) & hi;
		uint64_t before = (digit << 8) | (prev ? 0x80u : 0u);
		/* one bit a byte at most: a multiply sums them in the top byte
		 * (without -mpopcnt a popcount is a call into libgcc) */
		runs += (size_t)((((digit & ~before) >> 7) * 0x0101010101010101ull) >> 56);
		prev = (digit >> 63) != 0;
	}
#endif
	for (; i < n; i++) {
		bool d = s[i] >= '0' && s[i] <= '9';
		runs += d && !prev;
		prev = d;
	}
	return runs;
}

static size_t mem_estimate(const char *s, size_t n)
{
	size_t figures = digit_runs((const unsigned char *)s, n);
	if (n > (SIZE_MAX - figures * MEM_PER_FIGURE) / MEM_PER_BYTE)
		return SIZE_MAX;
	return n * MEM_PER_BYTE + figures * MEM_PER_FIGURE;
}

/* Extract one document and hand it to the command, with running out of
 * memory an error for this document alone. */
static void extract(const ss_inputs *in, const ss_source *src, char **mem, ss_format format,
                    ss_result *res)
{
	/* Below a megabyte the check is not worth its pass and its two calls. */
	if (src->len >= MEM_CHECK_FROM && !ss_mem_check(mem_estimate(src->src, src->len))) {
		item_error(res, "not enough memory for", src->name, ENOMEM);
		return;
	}
	/* The diagnostic callback is this document's: a context each. */
	ss_options *xo = ss_options_new();
	ss_options_set_format(xo, format != SS_FORMAT_AUTO ? format : in->format);
	ss_options_set_kinds(xo, in->kinds);
	ss_options_set_all_text(xo, in->all_text);
	ss_options_set_readers(xo, in->readers);
	ss_options_set_currency(xo, in->currency);
	ss_options_set_diag(xo, worker_diag, res);
	/* The backstop when the estimate is short or other threads took the
	 * memory meanwhile: what the document had allocated is lost, the run
	 * goes on. Messages so far are dropped with it (their buffer may be
	 * what failed). */
	ss_oom_guard g;
	if (setjmp(g.env) == 0) {
		ss_oom_guard_push(&g);
		res->counted = in->quiet; /* read by worker_diag; reset below */
		/* mem: src's own buffer, which the document may keep as its text
		 * rather than copy (then mem is NULL and the doc frees it). */
		ss_doc *doc = mem ? ss_doc_extract_take(in->rs, src->name, mem, src->len, xo)
		                  : ss_doc_extract(in->rs, src->name, src->src, src->len, xo);
		res->counted = true;
		res->facts = ss_doc_fact_count(doc);
		if (ss_doc_status(doc) != SS_OK)
			res->failed = true;
		in->doc(in->ctx, src, doc, res);
		ss_oom_guard_pop(&g);
	} else {
		ss_buf_release(&res->out);
		memset(&res->err, 0, sizeof res->err);
		res->doc = NULL;
		res->counted = true;
		item_error(res, "out of memory extracting", src->name, ENOMEM);
	}
	ss_options_free(xo);
}

static void work(void *ctx, ss_item *it, ss_result *res)
{
	const walk *w = ctx;
	const ss_inputs *in = w->in;
	char *buf = NULL;
	size_t len = 0;
	int err = 0;
	res->counted = true;
	switch (it->kind) {
	case SS_ITEM_ERROR:
		ss_buf_addf(&res->err, "statspan: error: %s\n", it->data);
		res->failed = true;
		res->counted = false;
		if (it->name)
			failed_name(res, it->name);
		return;
	case SS_ITEM_JSONL: {
		ss_source s = {NULL, NULL, 0};
		ss_format f = SS_FORMAT_AUTO;
		void *h = ss_jsonl_parse(it, res, &s.name, &s.src, &s.len, &f);
		if (h) {
			res->bytes = s.len;
			extract(in, &s, NULL, f, res);
		}
		ss_jsonl_free(h);
		return;
	}
	case SS_ITEM_FILE:
		err = ss_read_file(it->name, &buf, &len);
		break;
	case SS_ITEM_STDIN:
		err = ss_read_fd(STDIN_FILENO, &buf, &len);
		break;
	}
	const char *name = it->kind == SS_ITEM_STDIN ? "-" : it->name;
	if (err && it->kind == SS_ITEM_STDIN) {
		ss_buf_addf(&res->err, "statspan: error: cannot read standard input: %s\n",
		            strerror(err));
		res->failed = true;
		failed_name(res, "-");
		return;
	}
	if (err) {
		item_error(res, "cannot read", name, err);
		return;
	}
	char *rname = record_name(name, res, in->quiet);
	ss_source s = {rname ? rname : name, buf, len};
	res->bytes = len;
	extract(in, &s, &buf, SS_FORMAT_AUTO, res);
	free(rname);
	free(buf);
}

/* ---- in input order, one at a time (the batch's emit) ---- */

static void emit(void *ctx, ss_result *res)
{
	walk *w = ctx;
	if (res->err.len)
		ss_cli_write_err(res->err.ptr, res->err.len);
	if (res->failed)
		w->emit_failed = 1;
	w->in->emit(w->in->ctx, res);
	if (res->counted)
		ss_progress_add(1, res->bytes);
}

static void submit(walk *w, ss_item_kind kind, char *name, char *data, size_t len,
                   unsigned long line)
{
	ss_item it = {kind, name, data, len, line};
	ss_batch_submit(w->batch, &it);
}

/* An error in its place in the output order: fmt has one %s, for the
 * (quoted) name, then the errno's text when err is not 0. */
static void walk_error(walk *w, const char *fmt, const char *name, int err)
	__attribute__((format(printf, 2, 0)));
static void walk_error(walk *w, const char *fmt, const char *name, int err)
{
	w->failed = 1;
	if (w->counting)
		return; /* the real walk says it, in its place */
	char *q = ss_quote(name);
	ss_buf m = SS_BUF_INIT;
	ss_buf_addf(&m, fmt, q);
	if (err)
		ss_buf_addf(&m, ": %s", strerror(err));
	free(q);
	submit(w, SS_ITEM_ERROR, ss_xstrdup(name), m.ptr, m.len, 0);
}

/* A directory named by the user in which the walk found no document: a
 * batch over it has done nothing, which is an error (exit 1), said in its
 * place; the directory is no input of its own in a list of documents. */
static void no_documents(walk *w, const char *dir)
{
	w->failed = 1;
	if (w->counting)
		return;
	char *q = ss_quote(dir);
	ss_buf m = SS_BUF_INIT;
	ss_buf_addf(&m, "no documents found in '%s' (a directory is searched for", q);
	for (size_t i = 0; ext[i]; i++)
		ss_buf_addf(&m, "%s %s", i ? "," : "", ext[i]);
	ss_buf_adds(&m, " files)");
	free(q);
	submit(w, SS_ITEM_ERROR, NULL, m.ptr, m.len, 0);
}

/* path: malloc'd, handed over. */
static void do_file(walk *w, char *path, const struct stat *st)
{
	w->found++;
	if (w->counting) {
		w->count_files++;
		w->count_bytes += st ? (size_t)st->st_size : 0;
		free(path);
		return;
	}
	submit(w, SS_ITEM_FILE, path, NULL, 0, 0);
}

static void do_path(walk *w, const char *path, int depth);

/* A directory's entries, each its type byte and its name, one after
 * another in one buffer (no allocation per entry, as scandir makes), and
 * where each begins: an offset while the buffer grows, then a pointer. */
typedef struct {
	char *buf;
	size_t len, cap;
	union ent { size_t off; const char *p; } *e;
	size_t n, ecap;
} dir_list;

/* By name, byte by byte: alphasort's order in the C locale the program
 * runs in (it never calls setlocale). */
static int ent_cmp(const void *a, const void *b)
{
	return strcmp(((const union ent *)a)->p + 1, ((const union ent *)b)->p + 1);
}

/* Read the entries of path that do not start with '.'; an errno (not 0)
 * when the directory cannot be read. */
static int dir_read(const char *path, dir_list *d)
{
	memset(d, 0, sizeof *d);
	DIR *dp = opendir(path);
	if (!dp)
		return errno ? errno : EIO;
	int err = 0;
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(dp);
		if (!de) {
			err = errno;
			break;
		}
		if (de->d_name[0] == '.')
			continue;
		size_t n = strlen(de->d_name) + 1;
		ss_grow((void **)&d->buf, &d->cap, d->len + 1 + n, 1);
		d->buf[d->len] = (char)de->d_type;
		memcpy(d->buf + d->len + 1, de->d_name, n);
		ss_grow((void **)&d->e, &d->ecap, d->n + 1, sizeof *d->e);
		d->e[d->n++].off = d->len;
		d->len += 1 + n;
	}
	closedir(dp);
	for (size_t i = 0; i < d->n; i++) /* buf is grown no more */
		d->e[i].p = d->buf + d->e[i].off;
	return err;
}

static void do_dir(walk *w, const char *path, int depth)
{
	dir_list d;
	int err = dir_read(path, &d);
	if (err) {
		free(d.buf);
		free(d.e);
		walk_error(w, "cannot open directory '%s'", path, err);
		return;
	}
	if (d.n > 1) /* an empty directory has no array at all */
		qsort(d.e, d.n, sizeof *d.e, ent_cmp);
	size_t plen = strlen(path);
	bool slash = plen > 0 && path[plen - 1] != '/';
	for (size_t i = 0; i < d.n; i++) {
		const char *nm = d.e[i].p + 1;
		/* path/name in one allocation, handed over with the item */
		size_t nlen = strlen(nm);
		char *p = ss_xmalloc(plen + slash + nlen + 1);
		memcpy(p, path, plen);
		if (slash)
			p[plen] = '/';
		memcpy(p + plen + slash, nm, nlen + 1);
		struct stat st;
		/* The entry's type saves a stat per file; a link or an unknown
		 * type is stat'ed (followed), as a named path is. */
		unsigned char dt = (unsigned char)d.e[i].p[0];
		if (dt == DT_REG && !w->counting) {
			if (wanted(nm)) {
				do_file(w, p, NULL);
				continue;
			}
		} else if (dt == DT_DIR) {
			do_path(w, p, depth + 1);
		} else if (stat(p, &st) != 0) {
			walk_error(w, "cannot read '%s'", p, errno);
		} else if (S_ISDIR(st.st_mode)) {
			do_path(w, p, depth + 1);
		} else if (S_ISREG(st.st_mode) && wanted(nm)) {
			do_file(w, p, &st);
			continue;
		}
		free(p);
	}
	free(d.buf);
	free(d.e);
}

static void do_path(walk *w, const char *path, int depth)
{
	if (!strcmp(path, "-")) {
		if (w->counting) {
			w->count_files++;
		} else if (w->stdin_taken) {
			walk_error(w, "'%s': standard input is already read for the list of inputs", "-",
			           0);
		} else {
			w->stdin_taken = true;
			submit(w, SS_ITEM_STDIN, NULL, NULL, 0, 0);
		}
		return;
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		walk_error(w, "cannot open '%s'", path, errno);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth > 64) /* a symlink loop, or a tree deeper than anyone means */
			walk_error(w, "'%s': directories nested too deep (a symlink loop?)", path, 0);
		else {
			size_t before = w->found;
			do_dir(w, path, depth);
			if (depth == 0 && w->found == before)
				no_documents(w, path);
		}
	} else {
		do_file(w, ss_xstrdup(path), &st);
	}
}

/* Open a list or JSONL input; -1 after a message. */
static int open_input(walk *w, const char *path)
{
	if (!strcmp(path, "-"))
		return STDIN_FILENO;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		walk_error(w, "cannot open '%s'", path, errno);
	return fd;
}

/* A record that could not be read: say so, naming the input and the line. */
static void record_error(walk *w, const char *name, unsigned long no, const char *what,
                         int err)
{
	char *q = ss_quote(name);
	ss_buf m = SS_BUF_INIT;
	ss_buf_addf(&m, "%s:%lu: %s", q, no, what);
	if (err)
		ss_buf_addf(&m, ": %s", strerror(err));
	free(q);
	w->failed = 1;
	if (w->counting)
		ss_buf_release(&m);
	else
		submit(w, SS_ITEM_ERROR, NULL, m.ptr, m.len, 0);
}

/* The status of a record other than OK or EOF, reported; true to read on. */
static bool record_status(walk *w, ss_lines *r, ss_line_status st, const char *name)
{
	switch (st) {
	case SS_LINE_NOMEM:
		record_error(w, name, r->no, "cannot read the line", ENOMEM);
		return true;
	case SS_LINE_ERROR:
		record_error(w, name, r->no, "cannot read", r->err);
		return false;
	case SS_LINE_BINARY:
		record_error(w, name, r->no, "a NUL byte: not a line of text", 0);
		return true;
	case SS_LINE_TOO_LONG: {
		ss_buf m = SS_BUF_INIT;
		ss_buf_addf(&m, "longer than %zu bytes%s; the rest of the input is not read",
		            r->binary_max && !r->len ? r->binary_max : r->max,
		            r->binary_max && !r->len ? " with a NUL byte" : "");
		record_error(w, name, r->no, m.ptr, 0);
		ss_buf_release(&m);
		return false;
	}
	default:
		return true;
	}
}

/* The next record of r that could be read, after reporting those that could
 * not; false at the end (or when the input cannot be read on). */
static bool next_record(walk *w, ss_lines *r, const char *name)
{
	for (;;) {
		ss_line_status st = ss_lines_next(r);
		if (st == SS_LINE_OK)
			return true;
		if (st == SS_LINE_EOF || !record_status(w, r, st, name))
			return false;
	}
}

/* --files-from: each name (newline- or NUL-ended) is a PATH argument. */
static void do_list(walk *w, const char *list, bool nul)
{
	int fd = open_input(w, list);
	if (fd < 0)
		return;
	if (fd == STDIN_FILENO)
		w->stdin_taken = true;
	const char *name = fd == STDIN_FILENO ? "standard input" : list;
	ss_lines r;
	ss_lines_init(&r, fd, nul ? '\0' : '\n', PATH_MAX);
	unsigned bad = 0, blank = 0;
	while (next_record(w, &r, name)) {
		size_t n = r.len;
		if (!nul && n > 0 && r.line[n - 1] == '\r')
			r.line[--n] = '\0'; /* a list written on Windows */
		const char *why = NULL;
		if (n == 0 && !nul) {
			/* A blank line in a text list is no name; an endless run of
			 * them is no list. */
			if (++blank < MAX_BLANK_IN_A_ROW)
				continue;
			why = "only blank lines";
		} else if (n == 0) {
			why = "an empty name";
		} else if (strlen(r.line) != n) {
			why = "a name with a NUL byte (a list from find -print0 needs -0)";
		}
		if (!why) {
			bad = blank = 0;
			do_path(w, r.line, 0);
			continue;
		}
		record_error(w, name, r.no, why, 0);
		if (++bad >= MAX_BAD_IN_A_ROW || blank >= MAX_BLANK_IN_A_ROW) {
			record_error(w, name, r.no, "too many bad names in a row; the rest is not read", 0);
			break;
		}
	}
	ss_lines_release(&r);
	if (fd != STDIN_FILENO)
		close(fd);
}

/* --jsonl-in: every line of the input is one document, of at most the size
 * a file may have. */
static void do_jsonl(walk *w, const char *path)
{
	int fd = open_input(w, path);
	if (fd < 0)
		return;
	const char *name = fd == STDIN_FILENO ? "<stdin>" : path;
	ss_lines r;
	ss_lines_init(&r, fd, '\n', (size_t)UINT32_MAX - 16);
	/* JSON text has no NUL byte: such a line is skipped, and a long run of
	 * them (/dev/zero) ends the input. */
	r.binary_max = (size_t)1 << 24;
	while (next_record(w, &r, name)) {
		size_t n = r.len;
		while (n > 0 && r.line[n - 1] == '\r')
			n--;
		size_t sp = strspn(r.line, " \t");
		if (n <= sp)
			continue; /* a blank line is no document */
		/* The line goes to a worker; a fresh buffer keeps the big ones out of the ring. */
		char *copy = malloc(n + 1);
		if (!copy) {
			record_error(w, name, r.no, "cannot read the line", ENOMEM);
			continue;
		}
		memcpy(copy, r.line, n);
		copy[n] = '\0';
		submit(w, SS_ITEM_JSONL, ss_xstrdup(name), copy, n, r.no);
	}
	ss_lines_release(&r);
	if (fd != STDIN_FILENO)
		close(fd);
}

static void walk_all(walk *w)
{
	const ss_inputs *in = w->in;
	if (in->jsonl) {
		if (in->npaths == 0)
			do_jsonl(w, "-");
		for (size_t i = 0; i < in->npaths; i++)
			do_jsonl(w, in->paths[i]);
		return;
	}
	if (in->files_from)
		do_list(w, in->files_from, in->null_sep);
	for (size_t i = 0; i < in->npaths; i++)
		do_path(w, in->paths[i], 0);
}

int ss_inputs_run(const ss_inputs *in)
{
	walk w;
	memset(&w, 0, sizeof w);
	w.in = in;
	ss_progress_start(in->progress);
	/* Only a list that is a regular file can be read twice: a pipe or a
	 * FIFO (<(find ...)) would be used up by the count, and nothing read. */
	struct stat st;
	bool again = !in->files_from ||
	             (strcmp(in->files_from, "-") && stat(in->files_from, &st) == 0 &&
	              S_ISREG(st.st_mode));
	if (ss_progress_enabled() && !in->jsonl && again) {
		/* A first walk that only counts, so that the line can say "of how many". */
		w.counting = true;
		walk_all(&w);
		ss_progress_total(w.count_files, w.count_bytes);
		w.counting = false;
		w.stdin_taken = false;
		w.failed = 0;
	}
	w.batch = ss_batch_new(in->jobs, work, emit, &w);
	walk_all(&w);
	ss_batch_finish(w.batch);
	ss_progress_stop();
	return w.failed || w.emit_failed ? SS_EXIT_FAIL : SS_EXIT_OK;
}

/* test_doc.c - hostile documents through ss_doc_extract and ss_read_file:
 * UTF-16 with a byte-order mark and GB18030 converted (spans still in the
 * source file's bytes), empty files reported, FIFOs and devices read or
 * refused without blocking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pipeline/pipeline.h"

static ss_ruleset *rs;
static char last_diag[512];
static int ndiag;

static void on_diag(void *ud, const ss_diag *d)
{
	snprintf(last_diag, sizeof last_diag, "%s", d->message);
	ndiag++;
}

static ss_doc *extract(const char *name, const char *buf, size_t len)
{
	ss_options *o = ss_options_new();
	ss_options_set_diag(o, on_diag, NULL);
	last_diag[0] = '\0';
	ndiag = 0;
	ss_doc *doc = ss_doc_extract(rs, name, buf, len, o);
	ss_options_free(o);
	return doc;
}

/* "营收同比增长15%，" and its UTF-16LE bytes with a BOM. */
static const char utf8_doc[] = "营收同比增长15%，约三成受访者。\n";

static size_t to_utf16(const char *s, char *out, bool be)
{
	size_t n = 0;
	out[n++] = be ? '\xFE' : '\xFF';
	out[n++] = be ? '\xFF' : '\xFE';
	for (size_t i = 0; s[i];) {
		uint32_t cp;
		int w = ss_utf8_decode(s + i, strlen(s + i), &cp);
		assert_true(w > 0 && cp < 0x10000);
		out[n++] = (char)(be ? cp >> 8 : cp & 0xFF);
		out[n++] = (char)(be ? cp & 0xFF : cp >> 8);
		i += (size_t)w;
	}
	return n;
}

static void check_utf16(bool be)
{
	char buf[256];
	size_t len = to_utf16(utf8_doc, buf, be);
	ss_doc *doc = extract("u16.txt", buf, len);
	assert_int_equal(ss_doc_status(doc), SS_OK);
	assert_true(ss_doc_fact_count(doc) >= 1);
	const ss_fact *f = ss_doc_fact(doc, 0);
	/* 同比增长15%: characters 2..9 of the text, after the 2-byte BOM. */
	assert_string_equal(f->rule_id ? "" : "x", "");
	size_t tl;
	const char *t = ss_doc_text(doc, &tl);
	assert_true(f->text.end <= tl);
	size_t chars_before = ss_utf8_count(t, f->text.start);
	size_t chars_in = ss_utf8_count(t + f->text.start, f->text.end - f->text.start);
	assert_int_equal(f->start, 2 + 2 * chars_before);
	assert_int_equal(f->end, f->start + 2 * chars_in);
	assert_int_equal(f->line, 1);
	assert_true(strstr(last_diag, "UTF-16") != NULL);
	ss_doc_free(doc);
}

static void test_utf16le_bom(void **state) { check_utf16(false); }
static void test_utf16be_bom(void **state) { check_utf16(true); }

/* A BOM-like start over UTF-8 bytes (odd length, no NUL) stays UTF-8. */
static void test_ff_fe_then_utf8(void **state)
{
	static const char buf[] = "\xFF\xFE增长5%\n";
	ss_doc *doc = extract("bad.txt", buf, sizeof buf - 1);
	assert_int_equal(ss_doc_status(doc), SS_OK);
	assert_int_equal(ss_doc_fact_count(doc), 1);
	assert_int_equal(ss_doc_fact(doc, 0)->start, 2); /* 增长5% */
	assert_true(strstr(last_diag, "invalid UTF-8") != NULL);
	ss_doc_free(doc);
}

static void test_gb18030(void **state)
{
	/* utf8_doc in GB18030: two bytes a Chinese character, one an ASCII byte. */
	static const char gb[] = "\xD3\xAA\xCA\xD5\xCD\xAC\xB1\xC8\xD4\xF6\xB3\xA4" "15%"
	                         "\xA3\xAC\xD4\xBC\xC8\xFD\xB3\xC9\xCA\xDC\xB7\xC3\xD5\xDF\xA1\xA3\n";
	ss_doc *doc = extract("gbk.txt", gb, sizeof gb - 1);
	assert_int_equal(ss_doc_status(doc), SS_OK);
	assert_true(strstr(last_diag, "GB18030") != NULL);
	size_t tl;
	const char *t = ss_doc_text(doc, &tl);
	assert_non_null(strstr(t, "同比增长15%"));
	bool found = false;
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		if (f->kind == SS_KIND_CHANGE) {
			/* 同比增长15%: GB bytes [4, 15). */
			assert_int_equal(f->start, 4);
			assert_int_equal(f->end, 15);
			assert_int_equal(f->column, 3);
			found = true;
		}
	}
	assert_true(found);
	ss_doc_free(doc);
}

/* UTF-8 with a few stray bytes is not GB18030. */
static void test_utf8_with_stray_bytes(void **state)
{
	static const char buf[] = "营收同比增长15%，\xB3约三成受访者。\n";
	ss_doc *doc = extract("stray.txt", buf, sizeof buf - 1);
	assert_true(strstr(last_diag, "invalid UTF-8: 1 byte") != NULL);
	assert_int_equal(ss_doc_fact(doc, 0)->start, 6);
	ss_doc_free(doc);
}

/* NUL bytes (counted as bad UTF-8) do not make a file GB18030: it is binary. */
static void test_nul_bytes_are_binary(void **state)
{
	ss_doc *doc = extract("bin.txt", "a\0b\0c\0d", 7);
	assert_int_equal(ss_doc_status(doc), SS_ERR_INPUT);
	assert_non_null(strstr(last_diag, "binary file"));
	ss_doc_free(doc);
}

static void test_empty(void **state)
{
	ss_doc *doc = extract("empty.txt", "", 0);
	assert_int_equal(ss_doc_status(doc), SS_OK);
	assert_int_equal(ss_doc_fact_count(doc), 0);
	assert_string_equal(last_diag, "empty file");
	ss_doc_free(doc);
}

static void test_read_fifo_without_writer(void **state)
{
	char path[] = "/tmp/ss-test-fifo-XXXXXX";
	assert_non_null(mkdtemp(path));
	char fifo[64];
	snprintf(fifo, sizeof fifo, "%s/f", path);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	char *buf = NULL;
	size_t len = 99;
	/* Must not block: no writer reads as an empty file. */
	assert_int_equal(ss_read_file(fifo, &buf, &len), 0);
	assert_int_equal(len, 0);
	free(buf);
	unlink(fifo);
	rmdir(path);
}

static void test_read_device_and_dir(void **state)
{
	char *buf;
	size_t len;
	assert_int_equal(ss_read_file("/dev/zero", &buf, &len), ENOTSUP);
	assert_int_equal(ss_read_file("/", &buf, &len), EISDIR);
	assert_int_equal(ss_read_file("/nonexistent/x", &buf, &len), ENOENT);
	assert_int_equal(ss_read_file("/dev/null", &buf, &len), ENOTSUP);
}

/* A bare 元 is TWD where a locale word (台股) stands in traditional
 * characters: at least 2% of the Chinese characters fold. Two traditional
 * ones (個, 價) among 7 + filler characters: 100 of them is the border. */
static const char *currency_of(size_t filler)
{
	static char cur[8];
	char buf[1024];
	size_t n = 0;
	n += (size_t)snprintf(buf + n, sizeof buf - n, "台股個價");
	for (size_t i = 0; i < filler; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "的");
	n += (size_t)snprintf(buf + n, sizeof buf - n, "收入5元。\n");
	ss_doc *doc = extract("cur.txt", buf, n);
	assert_non_null(doc);
	snprintf(cur, sizeof cur, "%s", doc->currency);
	ss_doc_free(doc);
	return cur;
}

static void test_currency_script_border(void **state)
{
	assert_string_equal(currency_of(0), "TWD");
	assert_string_equal(currency_of(93), "TWD"); /* 2 of 100 */
	assert_string_equal(currency_of(94), "CNY"); /* 2 of 101 */
	assert_string_equal(currency_of(200), "CNY");
}

/* The steps run in the documented order; fold works in place on what
 * normalise made (pipeline.h). */
static void test_steps(void **state)
{
	(void)state;
	static const char *const want[] = {"sanitise", "decode", "strip", "normalise", "fold",
	                                   "crop",     "split",  "tables", "rules",     "facts",
	                                   "content"};
	assert_int_equal(ss_nsteps, sizeof want / sizeof *want);
	for (size_t i = 0; i < ss_nsteps; i++)
		assert_string_equal(ss_steps[i].name, want[i]);
}

/* Issue 10 class 8, through the whole pipeline: a Hexo post read as HTML
 * whose paragraph starts with a stray '<'; every fact spans its own bytes. */
static void test_recovered_text_spans(void **state)
{
	(void)state;
	const char src[] = "---\ntitle: 'x'\n---\n\n<\n<1-4月累计印花税收入1909亿元，"
	                   "比上年同期增长19.3%。</p>\n<p>其中证券交易印花税1250亿元。</p>\n";
	ss_options *o = ss_options_new();
	ss_options_set_format(o, SS_FORMAT_HTML);
	ss_doc *doc = ss_doc_extract(rs, "post.md", src, sizeof src - 1, o);
	ss_options_free(o);
	assert_int_equal(ss_doc_fact_count(doc), 3);
	size_t tl;
	const char *t = ss_doc_text(doc, &tl);
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		assert_true(f->start < f->end);
		assert_int_equal(f->end - f->start, f->text.end - f->text.start);
		assert_memory_equal(src + f->start, t + f->text.start, f->end - f->start);
	}
	ss_doc_free(doc);
}

/* Whether the source span of f holds "15%". */
static bool holds_figure(const char *src, const ss_fact *f)
{
	for (size_t p = f->start; p + 3 <= f->end; p++)
		if (memcmp(src + p, "15%", 3) == 0)
			return true;
	return false;
}

/* A clean document is read where it lies, with no copy made by the
 * sanitising: given in a buffer of exactly its bytes (no NUL after it), no
 * stage may read past its end (ASan sees it). */
static void test_exact_buffers(void **state)
{
	static const char *const docs[] = {
		"营收同比增长15%，约三成受访者。",
		"<html><body><p>营收同比增长15%</p><p>约三成&amp;</p></body></html>",
		"---\ntitle: 标题\n---\n# 营收\n\n同比增长**15%**，[约三成](x)。",
		"---\ntitle: t\n---\n<div><p>增长15%</p></div>",
	};
	for (size_t k = 0; k < sizeof docs / sizeof *docs; k++) {
		size_t len = strlen(docs[k]);
		char *buf = malloc(len);
		memcpy(buf, docs[k], len);
		ss_doc *doc = extract("a", buf, len);
		assert_int_equal(ss_doc_status(doc), SS_OK);
		assert_true(ss_doc_fact_count(doc) >= 1);
		const ss_fact *f = ss_doc_fact(doc, 0);
		assert_true(holds_figure(buf, f));
		assert_true(ss_text_check(&doc->text, buf, len, NULL));
		ss_doc_free(doc);
		free(buf);
	}
}

/* A plain UTF-8 text keeps the caller's buffer as its text; anything else
 * (a byte-order mark, a bad byte, markup) leaves it with the caller. */
static void test_take(void **state)
{
	static const struct {
		const char *src;
		bool taken;
	} cases[] = {
		{"营收同比增长15%。", true},
		{"\xEF\xBB\xBF营收同比增长15%。", false},
		{"营收\xFF同比增长15%。", false},
		{"<p>营收同比增长15%。</p>", false},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		char *buf = strdup(cases[k].src), *mine = buf;
		size_t len = strlen(buf);
		ss_doc *doc = ss_doc_extract_take(rs, "a", &buf, len, NULL);
		assert_int_equal(buf == NULL, cases[k].taken);
		size_t tl;
		const char *t = ss_doc_text(doc, &tl);
		assert_int_equal(t == mine, cases[k].taken);
		assert_int_equal(ss_doc_fact_count(doc), 1);
		const ss_fact *f = ss_doc_fact(doc, 0);
		assert_true(holds_figure(mine, f));
		ss_doc_free(doc); /* frees mine when taken */
		free(buf);
	}
}

int main(void)
{
	rs = ss_ruleset_new();
	ss_ruleset_add_defaults(rs);
	ss_ruleset_compile(rs);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf16le_bom),
		cmocka_unit_test(test_utf16be_bom),
		cmocka_unit_test(test_ff_fe_then_utf8),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_utf8_with_stray_bytes),
		cmocka_unit_test(test_nul_bytes_are_binary),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_read_fifo_without_writer),
		cmocka_unit_test(test_read_device_and_dir),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_currency_script_border),
		cmocka_unit_test(test_recovered_text_spans),
		cmocka_unit_test(test_exact_buffers),
		cmocka_unit_test(test_take),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	ss_ruleset_free(rs);
	return rc;
}

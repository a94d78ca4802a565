/* test_fold.c - the traditional-to-simplified fold: the generated table,
 * the fold of a text through its offset map (same length, longer, shorter,
 * over decoded units), and a traditional sentence through the whole
 * pipeline, its facts shown and placed on the bytes as written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "statspan.h"
#include "text/fold.h"
#include "facts/facts.h" /* the fact's fields */

static uint32_t cp_of(const char *s)
{
	uint32_t cp;
	assert_int_equal(ss_utf8_decode_any(s, strlen(s), &cp), (int)strlen(s));
	return cp;
}

#define assert_folds(from, to) assert_int_equal(ss_fold_char(cp_of(from)), cp_of(to))

static void test_table(void **state)
{
	/* OpenCC's TSCharacters has some 4,100 characters; an empty or
	 * truncated table would still build. */
	assert_true(ss_fold_count > 4000);
	assert_folds("億", "亿");
	assert_folds("個", "个");
	assert_folds("淨", "净");
	assert_folds("兩", "两");
	assert_folds("萬", "万");
	assert_folds("營", "营");
	assert_folds("長", "长");
	assert_folds("點", "点");
	/* several candidates: OpenCC's first */
	assert_folds("乾", "干");
	assert_folds("於", "于");
	assert_folds("餘", "余");
	/* first candidate the character itself: it stays */
	assert_folds("阪", "阪");
	assert_folds("覆", "覆");
	/* simplified characters and everything else stay */
	assert_folds("亿", "亿");
	assert_folds("公", "公");
	assert_folds("后", "后");
	assert_folds("%", "%");
	assert_folds("é", "é");
	/* beyond the BMP, both ways */
	assert_folds("鰊", "\xF0\xAC\xB6\xA0"); /* U+9C0A -> U+2CDA0 */
	assert_folds("\xF0\xA8\x8B\xA2", "䢂");  /* U+282E2 -> U+4882 */
}

/* A text copying src (what the plain-text reader makes), folded; the map
 * checked against src. */
static void fold(ss_text *t, const char *src, size_t want_folded)
{
	ss_text_init(t);
	ss_text_add_copy(t, src, 0, strlen(src));
	assert_int_equal(ss_fold_text(t), want_folded);
	size_t bad = 0;
	assert_true(ss_text_check(t, src, strlen(src), &bad));
	assert_int_equal(t->ptr[t->len], '\0');
}

/* Text span [a, b) maps to the source bytes [sa, sb). */
static void assert_maps(const ss_text *t, size_t a, size_t b, uint32_t sa, uint32_t sb)
{
	uint32_t s, e;
	ss_text_map(t, a, b, &s, &e);
	assert_int_equal(s, sa);
	assert_int_equal(e, sb);
}

/* A folding character is found wherever it stands in a run of Chinese
 * text (read five characters at a time), and after ASCII and two-byte
 * characters that shift the run: at each of 40 places, the one character
 * folded and the rest as it was. */
static void test_found_anywhere(void **state)
{
	(void)state;
	static const char *const leads[] = {"", "a", "ab", "\xC2\xB7", "a\xC2\xB7"};
	for (size_t l = 0; l < sizeof leads / sizeof *leads; l++) {
		for (size_t at = 0; at < 40; at++) {
			char src[256] = "", want[256] = "";
			strcat(src, leads[l]);
			strcat(want, leads[l]);
			for (size_t k = 0; k < 45; k++) {
				strcat(src, k == at ? "億" : "公");
				strcat(want, k == at ? "亿" : "公");
			}
			ss_text t;
			fold(&t, src, 1);
			assert_string_equal(t.ptr, want);
			ss_text_release(&t);
		}
	}
	ss_text t;
	fold(&t, "公公公公公公公公公公公公公公公公公公公公公公公公公公公公公公公億", 1);
	assert_string_equal(t.ptr, "公公公公公公公公公公公公公公公公公公公公公公公公公公公公公公公亿");
	ss_text_release(&t);
}

static void test_same_length(void **state)
{
	const char *src = "淨利潤下降3.2億元，約兩成";
	ss_text t;
	fold(&t, src, 5); /* 淨 潤 億 約 兩 */
	assert_string_equal(t.ptr, "净利润下降3.2亿元，约两成");
	assert_int_equal(t.len, strlen(src));
	/* 亿元 stands for 億元 as written: bytes 18..24 */
	assert_maps(&t, 18, 24, 18, 24);
	/* a byte inside a folded character maps to the whole character */
	assert_maps(&t, 19, 20, 18, 21);
	/* copied bytes stay copies */
	assert_maps(&t, 15, 16, 15, 16);
	ss_text_release(&t);
}

static void test_in_place(void **state)
{
	/* Folds that keep their length rewrite the bytes where they are: the
	 * text is never held twice (a 100 MB document would be). */
	const char *src = "兩市融資餘額";
	ss_text t;
	ss_text_init(&t);
	ss_text_add_copy(&t, src, 0, strlen(src));
	const char *before = t.ptr;
	assert_int_equal(ss_fold_text(&t), 4);
	assert_ptr_equal(t.ptr, before);
	assert_string_equal(t.ptr, "两市融资余额");
	assert_true(ss_text_check(&t, src, strlen(src), NULL));
	assert_maps(&t, 3, 6, 3, 6);
	ss_text_release(&t);
}

static void test_after_long_runs(void **state)
{
	/* The scan skips ASCII eight bytes at a time and a character that
	 * cannot fold with one bit test: folds after runs of both, after a
	 * 2-byte and a 4-byte character, and at the very end, are all found. */
	const char *src = "ASCII run of more than eight bytes 個, é 𠀀 營收同比增長億";
	ss_text t;
	fold(&t, src, 4); /* 個 營 長 億 */
	assert_string_equal(t.ptr, "ASCII run of more than eight bytes 个, é 𠀀 营收同比增长亿");
	size_t at = strlen("ASCII run of more than eight bytes ");
	assert_maps(&t, at, at + 3, (uint32_t)at, (uint32_t)at + 3);
	ss_text_release(&t);
}

static void test_nothing_to_fold(void **state)
{
	const char *src = "营收同比增长15%, ASCII and é; 𠀀 stays";
	ss_text t;
	fold(&t, src, 0);
	assert_string_equal(t.ptr, src);
	for (size_t i = 0; i < t.len; i++) {
		uint32_t a, b;
		ss_text_unit(&t, i, &a, &b);
		assert_true(a == i && b == i + 1);
	}
	ss_text_release(&t);
	fold(&t, "", 0);
	assert_int_equal(t.len, 0);
	ss_text_release(&t);
}

static void test_longer_and_shorter(void **state)
{
	/* 鰊 (3 bytes) becomes U+2CDA0 (4 bytes); U+282E2 (4) becomes 䢂 (3);
	 * the characters around them keep their map. */
	const char *src = "億鰊個\xF0\xA8\x8B\xA2兩x";
	ss_text t;
	fold(&t, src, 5);
	assert_string_equal(t.ptr, "亿\xF0\xAC\xB6\xA0个䢂两x");
	assert_int_equal(t.len, 3 + 4 + 3 + 3 + 3 + 1);
	assert_maps(&t, 0, 3, 0, 3);    /* 亿 */
	assert_maps(&t, 3, 7, 3, 6);    /* the 4 bytes of U+2CDA0: 鰊 */
	assert_maps(&t, 7, 10, 6, 9);   /* 个 */
	assert_maps(&t, 10, 13, 9, 13); /* 䢂: the 4 bytes of U+282E2 */
	assert_maps(&t, 13, 16, 13, 16);
	assert_maps(&t, 16, 17, 16, 17); /* x, a copy */
	ss_text_release(&t);
}

/* The count of folded Chinese characters (U+3400..U+9FFF) that says a
 * text is traditional (facts/currency.c): the astral U+282E2 is no part of
 * it, on the in-place path and the copying one after 鰊 alike. */
static void test_han_count(void **state)
{
	const char *src = "億鰊個\xF0\xA8\x8B\xA2兩x";
	ss_text t;
	ss_text_init(&t);
	ss_text_add_copy(&t, src, 0, strlen(src));
	size_t han = 99;
	assert_int_equal(ss_fold_text_han(&t, &han), 5);
	assert_int_equal(han, 4);
	ss_text_release(&t);
	ss_text_init(&t);
	ss_text_add_copy(&t, "收入5元", 0, strlen("收入5元"));
	han = 99;
	assert_int_equal(ss_fold_text_han(&t, &han), 0);
	assert_int_equal(han, 0);
	ss_text_release(&t);
}

static void test_over_decoded_units(void **state)
{
	/* 億 decoded from "&#20740;" (bytes 2..10 of the source) and a CRLF
	 * read as "\n": the folded character keeps the entity's unit. */
	const char *src = "3.&#20740;\r\n";
	ss_text t;
	ss_text_init(&t);
	ss_text_add_copy(&t, src, 0, 2);
	ss_text_add_unit(&t, "億", 3, 2, 10);
	ss_text_add_unit(&t, "\n", 1, 10, 12);
	assert_int_equal(ss_fold_text(&t), 1);
	assert_string_equal(t.ptr, "3.亿\n");
	assert_true(ss_text_check(&t, src, strlen(src), NULL));
	assert_maps(&t, 2, 5, 2, 10);
	assert_maps(&t, 5, 6, 10, 12);
	ss_text_release(&t);
}

static void test_truncated_tail(void **state)
{
	/* The fold reads valid UTF-8; a lead byte cut off at the end is passed
	 * over, never read beyond the text. */
	ss_text t;
	ss_text_init(&t);
	ss_text_add_copy(&t, "億\xE5\x84", 0, 5);
	assert_int_equal(ss_fold_text(&t), 1);
	assert_memory_equal(t.ptr, "亿\xE5\x84", 5);
	ss_text_release(&t);
}

/* ---- through the pipeline -------------------------------------------- */

static ss_ruleset *rs;

static int setup(void **state)
{
	rs = ss_ruleset_new();
	return ss_ruleset_add_defaults(rs) != SS_OK || ss_ruleset_compile(rs) != SS_OK;
}

static int teardown(void **state)
{
	ss_ruleset_free(rs);
	return 0;
}

typedef struct {
	const char *text; /* as written */
	ss_kind kind;
	double value;
	const char *unit;
	ss_qualifier qual;
	const char *subject; /* what the subject contains */
} want_fact;

static void check_facts(const char *src, const want_fact *w, size_t nw)
{
	ss_doc *doc = ss_doc_extract(rs, "t.txt", src, strlen(src), NULL);
	assert_int_equal(ss_doc_fact_count(doc), nw);
	for (size_t i = 0; i < nw; i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		char *text = ss_doc_span_str(doc, f->text);
		assert_string_equal(text, w[i].text);
		/* the span is the bytes as written */
		assert_int_equal(f->end - f->start, strlen(w[i].text));
		assert_memory_equal(src + f->start, w[i].text, strlen(w[i].text));
		assert_int_equal(f->kind, w[i].kind);
		assert_true(f->value == w[i].value);
		assert_string_equal(f->unit, w[i].unit);
		assert_int_equal(f->qualifier, w[i].qual);
		/* subject and sentence show the characters as written too; the
		 * subject holds the metric (how far it reaches is attachment's
		 * business, not the fold's) */
		char *subj = ss_doc_span_str(doc, f->subject);
		char *sent = ss_doc_span_str(doc, f->sentence);
		assert_non_null(strstr(src, subj ? subj : ""));
		assert_non_null(strstr(subj ? subj : "", w[i].subject));
		assert_non_null(strstr(src, sent ? sent : "\x01"));
		free(text);
		free(subj);
		free(sent);
	}
	ss_doc_free(doc);
}

static void test_traditional_sentence(void **state)
{
	/* Worked out by reading: revenue up 5% year on year, net profit down
	 * 320 million yuan, more than 90%, a market value of 1.2 trillion HKD,
	 * about 20% of the shareholders. */
	static const want_fact w[] = {
		{"同比增長5%", SS_KIND_CHANGE, 5, "%", SS_QUAL_EXACT, "營收"},
		{"下降3.2億元", SS_KIND_CHANGE, -3.2e8, "CNY", SS_QUAL_EXACT, "淨利潤"},
		{"超過九成", SS_KIND_PERCENT, 90, "%", SS_QUAL_MORE_THAN, ""},
		{"1.2萬億港元", SS_KIND_MONEY, 1.2e12, "HKD", SS_QUAL_EXACT, "市值"},
		{"約兩成", SS_KIND_PERCENT, 20, "%", SS_QUAL_APPROX, "股東"},
	};
	check_facts("公司營收同比增長5%，淨利潤下降3.2億元，超過九成…，市值達1.2萬億港元，約兩成股東",
	            w, sizeof w / sizeof *w);
}

static void test_traditional_pp(void **state)
{
	static const want_fact w[] = {
		{"上升0.9個百分點", SS_KIND_CHANGE, 0.9, "pp", SS_QUAL_EXACT, "毛利率"},
		{"3,420億元", SS_KIND_MONEY, 3.42e11, "CNY", SS_QUAL_EXACT, "營業收入"},
	};
	check_facts("毛利率上升0.9個百分點。營業收入3,420億元。", w, sizeof w / sizeof *w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_found_anywhere),
		cmocka_unit_test(test_same_length),
		cmocka_unit_test(test_in_place),
		cmocka_unit_test(test_after_long_runs),
		cmocka_unit_test(test_nothing_to_fold),
		cmocka_unit_test(test_longer_and_shorter),
		cmocka_unit_test(test_over_decoded_units),
		cmocka_unit_test(test_truncated_tail),
		cmocka_unit_test(test_han_count),
		cmocka_unit_test(test_traditional_sentence),
		cmocka_unit_test(test_traditional_pp),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

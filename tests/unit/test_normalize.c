/* test_normalize.c - width normalisation through the offset map, sentence
 * splitting, and UTF-8 sanitising that keeps offsets exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"
#include "text/text.h"
#include "helpers.h"

/* A text that copies src as it is (what the plain-text reader makes). */
static void plain(ss_text *t, const char *src)
{
	ss_text_init(t);
	ss_text_add_copy(t, src, 0, strlen(src));
}

/* Normalise src; check the map against the input text; return the output
 * in *out (the caller releases both). */
static void norm(ss_text *in, ss_text *out, const char *src)
{
	plain(in, src);
	ss_text_init(out);
	ss_normalize(in, out);
	assert_true(ss_text_check(out, in->ptr, in->len, NULL));
}

static void assert_norm(const char *src, const char *want)
{
	ss_text in, out;
	norm(&in, &out, src);
	assert_string_equal(out.ptr ? out.ptr : "", want);
	ss_text_release(&in);
	ss_text_release(&out);
}

static void test_fullwidth_digits(void **state)
{
	(void)state;
	ss_text in, out;
	norm(&in, &out, "９５％");
	assert_string_equal(out.ptr, "95%");
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(unit_start(&out, i), 3 * i);
		assert_int_equal(unit_end(&out, i), 3 * i + 3);
	}
	ss_text_release(&in);
	ss_text_release(&out);
}

static void test_fullwidth_forms(void **state)
{
	(void)state;
	assert_norm("０．２８美元，（约）：－３％！？；", "0.28美元,(约):-3%!?;");
	assert_norm("ＡＢｚ～！", "ABz~!");
	/* Neighbours of the range stay as they are. */
	assert_norm("\xEF\xBC\x80\xEF\xBD\x9F。、", "\xEF\xBC\x80\xEF\xBD\x9F。、");
}

static void test_spaces(void **state)
{
	(void)state;
	assert_norm("a\xE3\x80\x80" "b\xC2\xA0" "c", "a b c");
	assert_norm("a\r\nb\rc", "a\nb c");
}

static void test_untouched(void **state)
{
	(void)state;
	ss_text in, out;
	norm(&in, &out, "同比增长18.3%，abc");
	assert_string_equal(out.ptr, "同比增长18.3%,abc");
	/* Copies map one to one. */
	assert_int_equal(unit_start(&out, 0), 0);
	assert_int_equal(unit_end(&out, 0), 1);
	ss_text_release(&in);
	ss_text_release(&out);
	assert_norm("", "");
}

static void test_composes_with_source_map(void **state)
{
	(void)state;
	/* HTML-like input: an entity unit, then full-width digits. */
	const char *src = "&amp;９５";
	ss_text in, out;
	ss_text_init(&in);
	ss_text_add_unit(&in, "&", 1, 0, 5);
	ss_text_add_copy(&in, src, 5, 6);
	ss_text_init(&out);
	ss_normalize(&in, &out);
	assert_true(ss_text_check(&out, in.ptr, in.len, NULL));
	assert_string_equal(out.ptr, "&95");
	uint32_t a, b, s, e;
	ss_text_map(&out, 1, 3, &a, &b); /* "95" in the input text */
	ss_text_map(&in, a, b, &s, &e);  /* and in the source */
	assert_int_equal(s, 5);
	assert_int_equal(e, 11);
	ss_text_release(&in);
	ss_text_release(&out);
}

/* The fold is done in the same pass: traditional characters among
 * full-width forms, spaces and CRLF, each folded one a unit over its bytes;
 * in long runs of Chinese (sixteen bytes at a time), after ASCII, at the
 * end. ss_fold_text_han then returns the counts and folds nothing again. */
static void test_folds_too(void **state)
{
	(void)state;
	const char *src = "營收１２億元，同比增長\r\n鰊\xE3\x80\x80個\xC2\xA0"
	                  "收入收入收入收入收入收入兩收入收入收入收入收入 abc 億";
	ss_text in, out;
	norm(&in, &out, src);
	assert_string_equal(out.ptr, "营收12亿元,同比增长\n\xF0\xAC\xB6\xA0 个 "
	                             "收入收入收入收入收入收入两收入收入收入收入收入 abc 亿");
	assert_int_equal(unit_start(&out, 0), 0); /* 营 */
	assert_int_equal(unit_end(&out, 2), 3);
	size_t at = strlen("营收12亿元,同比增长\n");
	assert_int_equal(unit_start(&out, at), strlen("營收１２億元，同比增長\r\n"));
	assert_int_equal(unit_end(&out, at + 3), strlen("營收１２億元，同比增長\r\n鰊"));
	assert_true(out.folded);
	size_t han = 99;
	assert_int_equal(ss_fold_text_han(&out, &han), 7);
	assert_int_equal(han, 7); /* 鰊 too: it is U+9C0A, folded beyond U+FFFF */
	assert_false(out.folded);
	ss_text_release(&in);
	ss_text_release(&out);
	/* nothing to fold: still marked, with none */
	norm(&in, &out, "收入５元");
	assert_int_equal(ss_fold_text_han(&out, &han), 0);
	assert_int_equal(han, 0);
	ss_text_release(&in);
	ss_text_release(&out);
}

/* ---- sentences ---- */

static void assert_sentences(const char *text, const char *const *want, size_t nwant)
{
	ss_sentence *s;
	size_t n = ss_sentences_split(text, strlen(text), &s);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(s[i].end - s[i].start, strlen(want[i]));
		assert_memory_equal(text + s[i].start, want[i], strlen(want[i]));
	}
	free(s);
}

static void test_sentence_ends(void **state)
{
	(void)state;
	const char *want[] = {"增长5%。", "下降3%!", "为何?", "其一;", "其二"};
	assert_sentences("增长5%。 下降3%!为何?其一;其二", want, 5);
	const char *w2[] = {"增长5.5%,约1.2万亿元。"};
	assert_sentences("  增长5.5%,约1.2万亿元。  ", w2, 1);
}

static void test_sentence_closing_quote(void **state)
{
	(void)state;
	const char *want[] = {"他说：“增长5%。”", "（完。）", "真的？！", "好"};
	assert_sentences("他说：“增长5%。”（完。）真的？！好", want, 4);
}

static void test_sentence_paragraphs(void **state)
{
	(void)state;
	const char *want[] = {"标题 18.3%", "正文\n第二行", "尾"};
	assert_sentences("标题 18.3%\n\n正文\n第二行\n \r\n尾\n\n", want, 3);
	ss_sentence *s;
	assert_int_equal(ss_sentences_split("", 0, &s), 0);
	free(s);
	assert_int_equal(ss_sentences_split(" \n\n 。\n\n", 9, &s), 1);
	free(s);
}

/* ---- sanitising ---- */

static void test_sanitize(void **state)
{
	(void)state;
	const char src[] = "ok中\xff\xe4\xb8" "a\0b\xed\xa0\x80" "c";
	size_t len = sizeof src - 1, first = 0;
	char *out;
	size_t bad = ss_utf8_sanitize(src, len, &out, &first);
	assert_int_equal(bad, 7);
	assert_int_equal(first, 5);
	assert_memory_equal(out, "ok中???a?b???c", len);
	assert_int_equal(out[len], '\0');
	free(out);
	bad = ss_utf8_sanitize("纯文本", strlen("纯文本"), &out, &first);
	assert_int_equal(bad, 0);
	assert_string_equal(out, "纯文本");
	free(out);
}

/* The copy is made only when a byte needs replacing. */
static void test_utf8_clean(void **state)
{
	(void)state;
	char *copy = (char *)"x";
	size_t first = 0;
	assert_int_equal(ss_utf8_clean("纯文本ab", 11, &copy, &first), 0);
	assert_null(copy);
	assert_int_equal(first, 11);
	const char bad[] = "纯文本\xe4\xb8" "ab\x80";
	assert_int_equal(ss_utf8_clean(bad, sizeof bad - 1, &copy, &first), 3);
	assert_non_null(copy);
	assert_int_equal(first, 9);
	assert_string_equal(copy, "纯文本??ab?");
	free(copy);
}

/* The fast paths (sixteen bytes at a time, ASCII eight bytes at a time,
 * 3-byte characters two at a time) replace exactly what a byte-by-byte
 * decode would: texts pieced together from good and bad pieces at every
 * alignment. */
static void test_utf8_clean_runs(void **state)
{
	(void)state;
	static const char *const piece[] = {"中", "文", "a", "abcdefgh", "\xed\xa0\x80", "\xe0\x80\x80",
	                                    "\xe4\xb8", "\xe4\xb8\xc0", "\x80", "é", "𠀀", "\xf5",
	                                    "\xef\xbc\x8c", "\xe1\x80\x80"};
	uint32_t seed = 12345;
	for (int round = 0; round < 2000; round++) {
		char buf[256];
		size_t len = 0;
		while (len < 200) {
			seed = seed * 1103515245u + 12345u;
			const char *p = piece[(seed >> 16) % (sizeof piece / sizeof *piece)];
			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		char want[256];
		size_t first, nbad = plain_clean(buf, len, want, &first);
		char *copy = NULL;
		size_t got_first = 0;
		assert_int_equal(ss_utf8_clean(buf, len, &copy, &got_first), nbad);
		assert_int_equal(got_first, first);
		if (nbad)
			assert_memory_equal(copy, want, len);
		else
			assert_null(copy);
		free(copy);
	}
	/* Long texts: runs of ASCII blocks and of Chinese longer than the
	 * chunks the runs are read in, a bad byte now and then. */
	static const char *const longer[] = {
		"abcdefghabcdefghabcdefghabcdefgh", "中文中文中文中文中文中文中文中文中文中文中文",
		"中", "a", "\x80", "\xe0\x80\x80", "\xef\xbc\x8c", "\xe4\xb8"};
	static const unsigned weight[] = {30, 60, 4, 4, 1, 1, 2, 1};
	for (int round = 0; round < 300; round++) {
		static char buf[8192], want[8192];
		size_t len = 0, limit = 500 + (size_t)(round * 23) % 7000;
		while (len < limit) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 103, k = 0;
			while (r >= weight[k])
				r -= weight[k++];
			memcpy(buf + len, longer[k], strlen(longer[k]));
			len += strlen(longer[k]);
		}
		size_t first, nbad = plain_clean(buf, len, want, &first);
		char *copy = NULL;
		size_t got_first = 0;
		assert_int_equal(ss_utf8_clean(buf, len, &copy, &got_first), nbad);
		assert_int_equal(got_first, first);
		if (nbad)
			assert_memory_equal(copy, want, len);
		else
			assert_null(copy);
		free(copy);
	}
}

/* What normalisation converts and what ends a sentence are found wherever
 * they stand in a run of Chinese text (read sixteen bytes at a time),
 * after ASCII that shifts the run. */
static void test_found_anywhere(void **state)
{
	(void)state;
	for (size_t lead = 0; lead < 17; lead++) {
		for (size_t at = 0; at < 24; at++) {
			char src[256], want[256];
			memset(src, 'a', lead);
			memset(want, 'a', lead);
			src[lead] = want[lead] = '\0';
			for (size_t k = 0; k < 30; k++) {
				strcat(src, k == at ? "，" : k == at + 3 ? "。" : "中");
				strcat(want, k == at ? "," : k == at + 3 ? "。" : "中");
			}
			assert_norm(src, want);
			ss_sentence *sen;
			size_t n = ss_sentences_split(src, strlen(src), &sen);
			assert_int_equal(n, 2);
			assert_int_equal(sen[0].end, lead + 3 * (at + 4));
			assert_int_equal(sen[1].start, sen[0].end);
			free(sen);
			/* U+3000, a character that folds, and one that ends in
			 * 80 80 as U+3000 does but stays (U+4000) */
			src[lead] = want[lead] = '\0';
			for (size_t k = 0; k < 30; k++) {
				strcat(src, k == at ? "\xE3\x80\x80" : k == at + 3 ? "倀" : k == at + 5 ? "\xE4\x80\x80" : "中");
				strcat(want, k == at ? " " : k == at + 3 ? "伥" : k == at + 5 ? "\xE4\x80\x80" : "中");
			}
			assert_norm(src, want);
		}
	}
}

/* The stepping table the text stage skips by: every character of valid
 * UTF-8 is stepped over whole, from its lead byte, and every continuation
 * byte by one. */
static void test_utf8_step(void **state)
{
	(void)state;
	for (uint32_t cp = 1; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 0x3F) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char b[4];
		int n = ss_utf8_encode(cp, b);
		if (ss_utf8_step[(unsigned char)b[0]] != n)
			fail_msg("U+%04X: step %d, length %d", cp, ss_utf8_step[(unsigned char)b[0]], n);
		for (int k = 1; k < n; k++)
			assert_int_equal(ss_utf8_step[(unsigned char)b[k]], 1);
	}
	/* and a mixed string is walked character by character */
	const char *t = "a９５％中文\xf0\x9f\x98\x80。";
	size_t i = 0, chars = 0;
	while (t[i]) {
		i += ss_utf8_step[(unsigned char)t[i]];
		chars++;
	}
	assert_int_equal(i, strlen(t));
	assert_int_equal(chars, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fullwidth_digits),
		cmocka_unit_test(test_fullwidth_forms),
		cmocka_unit_test(test_spaces),
		cmocka_unit_test(test_untouched),
		cmocka_unit_test(test_composes_with_source_map),
		cmocka_unit_test(test_folds_too),
		cmocka_unit_test(test_sentence_ends),
		cmocka_unit_test(test_sentence_closing_quote),
		cmocka_unit_test(test_sentence_paragraphs),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_found_anywhere),
		cmocka_unit_test(test_utf8_clean),
		cmocka_unit_test(test_utf8_clean_runs),
		cmocka_unit_test(test_utf8_step),
	};
	return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}

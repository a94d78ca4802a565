/* test_utf8.c - the UTF-8 helpers every stage shares (util/utf8.c,
 * util.h), the sanitiser over them (text/sanitize.c) and the test of a
 * source's encoding by its count of bad bytes, against the plain
 * definitions they must agree with: a character at a time, a byte at a
 * time. The fast paths read sixteen bytes at a time, so the inputs are
 * random mixtures of every kind of character and of bad bytes, at every
 * length and alignment around those sixteen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "text/text.h"

/* The definitions. */
static size_t ref_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; n++) {
		uint32_t cp;
		int k = ss_utf8_decode_any(s + i, len - i, &cp);
		i += k ? (size_t)k : 1;
	}
	return n;
}

static size_t ref_back(const char *s, size_t off)
{
	size_t i = off;
	while (i > 0 && off - i < 3 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return ((unsigned char)s[i] & 0xC0) == 0x80 ? off : i;
}

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* Appends one piece: mostly Chinese and ASCII, as text is, and now and
 * then anything else. */
static size_t piece(char *p, unsigned bad_rate)
{
	static const char *const kinds[] = {
		"\xE4\xB8\xAD", "\xE9\xBE\x99", "\xE3\x80\x82", "\xEF\xBC\x8C", "a", "7", " ",
		"\n", "\xC2\xB7", "\xC3\x97", "\xE0\xA4\x85", "\xED\x95\x9C", "\xF0\x9F\x98\x80",
	};
	static const char *const bads[] = {
		"\x80", "\xBF", "\xC0\x80", "\xC1", "\xE0\x80\x80", "\xED\xA0\x80", "\xE4\xB8",
		"\xE4", "\xF4\x90\x80\x80", "\xF5", "\xFF", "\xF0\x9F\x98", "\xC2", "",
	};
	const char *w;
	if (bad_rate && rnd() % bad_rate == 0)
		w = bads[rnd() % (sizeof bads / sizeof *bads)];
	else if (rnd() % 4)
		w = kinds[rnd() % 4];
	else
		w = kinds[rnd() % (sizeof kinds / sizeof *kinds)];
	size_t n = strlen(w);
	if (w[0] == '\0' && bad_rate)
		n = 1; /* the NUL byte */
	memcpy(p, w, n);
	return n;
}

static size_t random_text(char *buf, size_t max, unsigned bad_rate)
{
	size_t len = 0, want = rnd() % max;
	while (len + 4 <= want)
		len += piece(buf + len, bad_rate);
	return len;
}

static void test_count_agrees(void **state)
{
	(void)state;
	char buf[300];
	for (int round = 0; round < 20000; round++) {
		unsigned rate = round % 3 == 0 ? 0 : round % 3 == 1 ? 40 : 4;
		size_t len = random_text(buf, sizeof buf, rate);
		for (size_t a = 0; a < 20 && a <= len; a++)
			assert_int_equal(ss_utf8_count(buf + a, len - a), ref_count(buf + a, len - a));
	}
}

static void test_count_long(void **state)
{
	(void)state;
	/* runs of over 255 blocks (the lane counters' limit), clean and not */
	size_t max = 64 * 1024;
	char *buf = malloc(max);
	for (int round = 0; round < 40; round++) {
		size_t len = random_text(buf, max, round % 2 ? 0 : 5000);
		assert_int_equal(ss_utf8_count(buf, len), ref_count(buf, len));
	}
	memset(buf, 'x', max);
	assert_int_equal(ss_utf8_count(buf, max), max);
	for (size_t i = 0; i + 3 <= max; i += 3)
		memcpy(buf + i, "\xE4\xB8\xAD", 3);
	assert_int_equal(ss_utf8_count(buf, max - max % 3), max / 3);
	/* the last character cut short: two bad bytes */
	assert_int_equal(ss_utf8_count(buf, max - max % 3 - 1), max / 3 + 1);
	free(buf);
}

/* On sanitised text, from every start to every end, inside a character
 * or not. */
static void test_count_valid_agrees(void **state)
{
	(void)state;
	char buf[300], clean[300];
	for (int round = 0; round < 3000; round++) {
		size_t len = random_text(buf, sizeof buf, round % 2 ? 0 : 20), first;
		plain_clean(buf, len, clean, &first);
		for (size_t a = 0; a < 20 && a <= len; a++)
			for (size_t b = a; b <= len; b++)
				assert_int_equal(ss_utf8_count_valid(clean + a, b - a),
				                 ref_count(clean + a, b - a));
	}
	/* over 255 blocks */
	size_t max = 64 * 1024;
	char *big = malloc(max);
	for (size_t i = 0; i + 3 <= max; i += 3)
		memcpy(big + i, "\xE4\xB8\xAD", 3);
	assert_int_equal(ss_utf8_count_valid(big, max - max % 3), max / 3);
	assert_int_equal(ss_utf8_count_valid(big, max - max % 3 - 1), max / 3 + 1);
	free(big);
}

/* Line and column of character starts in increasing order, the last
 * one's kept, against a count from the file's start; valid set or not. */
static void test_locate_next(void **state)
{
	(void)state;
	char buf[300], clean[300];
	for (int round = 0; round < 3000; round++) {
		size_t len = random_text(buf, sizeof buf, round % 2 ? 0 : 20), first;
		plain_clean(buf, len, clean, &first);
		ss_linemap m;
		ss_linemap_init(&m, clean, len);
		m.valid = round % 3 != 0;
		ss_linepos last = {0, 0, 0};
		for (size_t off = 0; off <= len + 1; off += 1 + rnd() % 7) {
			/* at a character's start, as a fact's is */
			while (off < len && ((unsigned char)clean[off] & 0xC0) == 0x80)
				off++;
			unsigned line, col, want_line = 1;
			size_t at = off > len ? len : off, start = 0;
			for (size_t i = 0; i < at; i++)
				if (clean[i] == '\n')
					want_line++, start = i + 1;
			ss_linemap_locate_next(&m, clean, len, off, &last, &line, &col);
			assert_int_equal(line, want_line);
			assert_int_equal(col, ref_count(clean + start, at - start) + 1);
			unsigned l2, c2;
			ss_linemap_locate(&m, clean, len, off, &l2, &c2);
			assert_int_equal(l2, want_line);
			assert_int_equal(c2, ref_count(clean + start, at - start) + 1);
		}
		ss_linemap_release(&m);
	}
}

static void test_run(void **state)
{
	(void)state;
	char buf[300];
	for (int round = 0; round < 20000; round++) {
		size_t len = random_text(buf, sizeof buf, round % 2 ? 0 : 30), chars = 7;
		size_t k = ss_utf8_run(buf, len, &chars);
		assert_true(k <= len);
		/* whole valid characters, no NUL: the sanitiser keeps them */
		char *out = malloc(len + 1);
		size_t first;
		plain_clean(buf, k, out, &first);
		assert_int_equal(first, k);
		assert_int_equal(chars - 7, ref_count(buf, k));
		/* the run stops at the first sixteen it cannot read whole */
		if (len - k >= 16 && !memchr(buf + k, '\0', 16) && ref_count(buf + k, 16) == 16)
			fail();
		free(out);
	}
}

static void test_back_agrees(void **state)
{
	(void)state;
	char buf[300];
	for (int round = 0; round < 5000; round++) {
		size_t len = random_text(buf, sizeof buf, round % 2 ? 0 : 3);
		for (size_t off = 0; off < len; off++)
			assert_int_equal(ss_utf8_back(buf, off), ref_back(buf, off));
	}
	const char *cont = "\x80\x80\x80\x80\x80";
	for (size_t off = 0; off < 5; off++)
		assert_int_equal(ss_utf8_back(cont, off), off);
	assert_int_equal(ss_utf8_back("a\x80\x80\x80", 3), 0);
	assert_int_equal(ss_utf8_back("a\x80\x80\x80\x80", 4), 4);
}

static void test_clean_agrees(void **state)
{
	(void)state;
	char buf[300], want[300];
	for (int round = 0; round < 20000; round++) {
		unsigned rate = round % 3 == 0 ? 0 : round % 3 == 1 ? 40 : 4;
		size_t len = random_text(buf, sizeof buf, rate);
		size_t a = rnd() % 17;
		if (a > len)
			a = len;
		size_t wfirst, gfirst;
		size_t wbad = plain_clean(buf + a, len - a, want, &wfirst);
		char *copy;
		size_t gbad = ss_utf8_clean(buf + a, len - a, &copy, &gfirst);
		assert_int_equal(gbad, wbad);
		assert_int_equal(gfirst, wfirst);
		if (!wbad) {
			assert_null(copy);
		} else {
			assert_non_null(copy);
			assert_memory_equal(copy, want, len - a);
			assert_int_equal(copy[len - a], '\0');
		}
		free(copy);
	}
}

/* GB18030 when more than half the non-ASCII bytes are bad UTF-8 (and all
 * of it reads as GB18030), whatever the count of them; the count stops at
 * half. */
/* ss_find_any16: a byte of the set at every offset of texts of 0 to 50
 * bytes, from every start, against blocks of sixteen read one at a time. */
static void test_find_any16(void **state)
{
	(void)state;
	unsigned char t[64];
	for (size_t len = 0; len <= 50; len++)
		for (size_t at = 0; at <= len; at++) {
			memset(t, 'x', sizeof t);
			if (at < len)
				t[at] = at % 2 ? '\n' : 0xE3; /* in the set, or past the text */
			t[len] = '\n'; /* never read: the text ends before it */
			for (size_t i = 0; i <= len; i++) {
				size_t want = i;
#ifdef __SSE2__
				for (bool found = false; !found && want + 16 <= len;) {
					for (size_t k = want; k < want + 16; k++)
						if (t[k] == '\n' || t[k] == 0xE3) {
							want = k, found = true;
							break;
						}
					if (!found)
						want += 16;
				}
#endif
				assert_int_equal(ss_find_any16(t, i, len, '\n', (char)0xE3, '\n', '\n', '\n', '\n'),
				                 want);
			}
		}
}

static void test_encoding_half(void **state)
{
	(void)state;
	const char *gb = "a\xC4\xE3\xBA\xC3" "b\xC4\xE3"; /* 你好 你 in GBK: six high bytes */
	size_t n = strlen(gb);
	assert_int_equal(ss_encoding_detect(gb, n, 0), SS_ENC_UTF8);
	assert_int_equal(ss_encoding_detect(gb, n, 3), SS_ENC_UTF8);
	assert_int_equal(ss_encoding_detect(gb, n, 4), SS_ENC_GB18030);
	assert_int_equal(ss_encoding_detect(gb, n, 6), SS_ENC_GB18030);
	assert_int_equal(ss_encoding_detect("a\x80", 2, 1), SS_ENC_UTF8); /* no GB18030 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_agrees),
		cmocka_unit_test(test_count_long),
		cmocka_unit_test(test_count_valid_agrees),
		cmocka_unit_test(test_locate_next),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_back_agrees),
		cmocka_unit_test(test_clean_agrees),
		cmocka_unit_test(test_encoding_half),
		cmocka_unit_test(test_find_any16),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

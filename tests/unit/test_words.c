/* test_words.c - the cache of the tables' words at each offset (words.c):
 * for every offset and every bound, what it answers is what word_ends and
 * ss_rules_word_tables would find in the text; a bound that cuts a
 * character is left to the caller; a text longer than the cache's window
 * stays right; a second walk is answered from the cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "statspan.h"
#include "facts/attach.h"
#include "facts/lexicon.h"
#include "rules/rules.h"

#include "default_rules.h"

static const char text[] =
	"其中，规模以上工业增加值同比增长6.7%，增速比上月回落0.3个百分点；"
	"净利润达3亿元，营业收入为338亿元，占比升至42%。新增订单214.57亿元。";

static size_t table_ids(int *ids)
{
	const char *names[] = {"stop", "direction", "basis", "metric", "tail", "nosuch"};
	size_t n = 0;
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		ids[n++] = ss_rules_table_id(rs, names[k]);
	assert_true(ids[0] >= 0 && ids[3] >= 0);
	assert_int_equal(ids[5], -1);
	return n;
}

/* What the cache must answer at i for a walk bounded by end. */
static void check(ss_word_cache *c, const int *ids, size_t nids, const char *s, size_t i,
                  size_t end)
{
	size_t n = 99;
	ss_word_slot *w = ss_word_cache_at(c, i, end, &n);
	assert_non_null(w);
	uint32_t cp;
	unsigned lens = rs->lex_first && ss_utf8_decode(s + i, end - i, &cp) && cp < 0x10000
	                    ? rs->lex_first[cp]
	                    : ss_rules_word_lengths(rs, s + i, end - i);
	lens &= 0x0F;
	assert_int_equal(w->lens, lens);
	size_t k = 0;
	for (size_t j = i; k < 4 && (lens >> k) && j < end; k++) {
		j += (size_t)ss_utf8_len(s + j, end - j);
		assert_true(k < n);
		assert_int_equal(w->end[k], j);
		if (lens & (1u << k))
			assert_int_equal(w->bits[k], ss_rules_word_tables(rs, ids, nids, s + i, j - i));
	}
	assert_int_equal(n, k);
}

static void test_every_offset(void **state)
{
	(void)state;
	int ids[8];
	size_t nids = table_ids(ids), len = strlen(text);
	ss_word_cache *c = ss_word_cache_new(rs, text, len, ids, nids);
	size_t table_words = 0;
	for (size_t i = 0; i < len; i += (size_t)ss_utf8_len(text + i, len - i)) {
		for (size_t end = i + (size_t)ss_utf8_len(text + i, len - i); end <= len;
		     end += end < len ? (size_t)ss_utf8_len(text + end, len - end) : 1)
			check(c, ids, nids, text, i, end);
		size_t n = 0;
		ss_word_slot *w = ss_word_cache_at(c, i, len, &n);
		for (size_t k = 0; k < n; k++)
			table_words += w->bits[k] != 0;
	}
	/* 增长 (direction), 达 (tail), 为 (stop), 占比 (metric) at least */
	assert_true(table_words >= 4);
	/* 为 of 营业收入为 is a stop word: bit 0, the table stop */
	const char *wei = strstr(text, "为338");
	size_t n0;
	ss_word_slot *w0 = ss_word_cache_at(c, (size_t)(wei - text), len, &n0);
	assert_true(n0 >= 1 && (w0->bits[0] & 1));
	/* nothing at or past the bound; a bound inside a character */
	size_t n;
	assert_null(ss_word_cache_at(c, 9, 9, &n));
	assert_null(ss_word_cache_at(c, 9, 3, &n));
	assert_null(ss_word_cache_at(c, 9, 13, &n)); /* 模 of 规模以上 cut */
	assert_null(ss_word_cache_at(c, 9, 14, &n));
	assert_null(ss_word_cache_at(c, 0, len + 1, &n));
	ss_word_cache_free(c);
}

/* Whether a bound lies past the next six characters. */
static void test_far(void **state)
{
	(void)state;
	int ids[8];
	size_t nids = table_ids(ids), len = strlen(text), n;
	ss_word_cache *c = ss_word_cache_new(rs, text, len, ids, nids);
	ss_word_slot *w = ss_word_cache_at(c, 9, len, &n); /* 规 */
	assert_non_null(w);
	assert_true(ss_word_cache_far(c, w, 9 + 18));   /* six characters of 3 bytes */
	assert_false(ss_word_cache_far(c, w, 9 + 17));
	assert_true(ss_word_cache_far(c, w, len));
	/* ASCII and CJK mixed: 6.7%，增 is six characters of ten bytes */
	size_t d = (size_t)(strstr(text, "6.7%") - text);
	w = ss_word_cache_at(c, d, len, &n);
	assert_non_null(w);
	assert_false(ss_word_cache_far(c, w, d + 9));
	assert_true(ss_word_cache_far(c, w, d + 10));
	/* fewer than six characters left: the end of the text is the reach */
	w = ss_word_cache_at(c, len - 6, len, &n);
	assert_non_null(w);
	assert_false(ss_word_cache_far(c, w, len - 1));
	assert_true(ss_word_cache_far(c, w, len));
	ss_word_cache_free(c);
}

/* A second walk comes from the cache; a text longer than its window shares
 * slots between far offsets, and each answer is still the text's. */
static void test_window(void **state)
{
	(void)state;
	int ids[8];
	size_t nids = table_ids(ids), len = strlen(text), hits, misses, hits2, misses2, n;
	ss_word_cache *c = ss_word_cache_new(rs, text, len, ids, nids);
	for (size_t i = 0; i < 60; i += 3)
		assert_non_null(ss_word_cache_at(c, i, len, &n));
	ss_word_cache_stats(c, &hits, &misses);
	assert_int_equal(hits, 0);
	assert_int_equal(misses, 20);
	for (size_t i = 0; i < 60; i += 3)
		assert_non_null(ss_word_cache_at(c, i, len, &n));
	ss_word_cache_stats(c, &hits2, &misses2);
	assert_int_equal(hits2, 20);
	assert_int_equal(misses2, 20);
	ss_word_cache_free(c);

	size_t copies = 64, big = copies * len;
	char *t = malloc(big);
	for (size_t k = 0; k < copies; k++)
		memcpy(t + k * len, text, len);
	c = ss_word_cache_new(rs, t, big, ids, nids);
	for (size_t round = 0; round < 2; round++)
		for (size_t k = 0; k < copies; k += 5)
			for (size_t i = k * len; i < k * len + 60; i += 3)
				check(c, ids, nids, t, i, big);
	ss_word_cache_free(c);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_offset),
		cmocka_unit_test(test_far),
		cmocka_unit_test(test_window),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_segment.c - the segmenter (facts/lexicon.c) against a plain
 * least-cost cut written here from the lexicon table alone: the cut in
 * pieces, the cache of words by offset, a cap on the tokens and a cut that
 * stops past a position, and the word across a position, all give the tokens of the plain cut of the whole
 * range, over every range of some sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "facts/lexicon.h"

static const char text[] =
	"国家统计局今天发布数据，1-10月份全国规模以上工业增加值同比增长6.7%，"
	"其中高技术制造业增加值增长较快；江苏银行2017年实现营业收入338亿元。"
	"CPI同比上涨2.1%，PPI环比下降0.3个百分点，GDP 3.5万亿元。"
	"北向资金全天净买入逾40亿元，沪深300指数收涨1.2%，会计准则调整后净利润达3亿元，"
	"主要因为新增订单214.57亿元、贷款与垫款总额上升0.7%。"
	"特斯拉在2022年可以轻松交付150万辆，哔哩哔哩月活跃用户增长至3.3亿，营收纯利双双创新高。"
	/* two cuts of one cost (市民 政局, 市 民政局): the longer first word wins */
	"市民政局介绍情况。"
	/* words of four characters and more, where a cut must look back past
	 * the word before it */
	"全国人民代表大会常务委员会审议社会主义市场经济体制改革方案。";

/* The entry of the word ch[0, len) in the table, or -1: a binary search
 * over the sorted words of its length. */
static long plain_find(const uint16_t *ch, int len)
{
	const ss_lex_bylen *t = &ss_lex_words[len];
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = 0;
		for (int i = 0; i < len && !c; i++)
			c = t->keys[mid * (size_t)len + (size_t)i] < ch[i]   ? -1
			    : t->keys[mid * (size_t)len + (size_t)i] > ch[i] ? 1
			                                                     : 0;
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int cjk(uint32_t c)
{
	return c >= SS_LEX_CJK_LO && c <= SS_LEX_CJK_HI;
}

static int latin(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The least-cost cut of s[a, b) as one whole, from the right end. */
static size_t plain_segment(const char *s, size_t a, size_t b, ss_token *tok, size_t cap)
{
	enum { MAX = 256 };
	uint32_t cp[MAX + 1];
	size_t off[MAX + 1];
	int n = 0;
	for (size_t i = a; i < b && n < MAX; n++) {
		int w = ss_utf8_decode(s + i, b - i, &cp[n]);
		if (!w) {
			w = 1;
			cp[n] = 0xFFFD;
		}
		off[n] = i;
		i += (size_t)w;
		off[n + 1] = i;
	}
	unsigned best[MAX + 1];
	int len[MAX], tag[MAX];
	best[n] = 0;
	for (int i = n - 1; i >= 0; i--) {
		if (!cjk(cp[i])) {
			int j = i + 1;
			if (latin(cp[i]))
				while (j < n && j - i < 255 &&
				       (latin(cp[j]) || (cp[j] == '.' && j + 1 < n && latin(cp[j + 1]))))
					j++;
			len[i] = j - i;
			tag[i] = latin(cp[i]) ? -2 : -1;
			best[i] = best[j] + 1;
			continue;
		}
		best[i] = best[i + 1] + ss_lex_unknown_cost;
		len[i] = 1;
		tag[i] = -3;
		uint16_t ch[SS_LEX_MAXLEN];
		for (int k = 0; k < SS_LEX_MAXLEN && i + k < n && cjk(cp[i + k]); k++) {
			ch[k] = (uint16_t)(cp[i + k] - SS_LEX_CJK_LO);
			long e = plain_find(ch, k + 1);
			if (e < 0)
				continue;
			const uint8_t *info = &ss_lex_words[k + 1].info[2 * e];
			if (info[1] + best[i + k + 1] <= best[i]) {
				best[i] = info[1] + best[i + k + 1];
				len[i] = k + 1;
				tag[i] = info[0];
			}
		}
	}
	size_t nt = 0;
	for (int i = 0; i < n && nt < cap; i += len[i]) {
		tok[nt].start = off[i];
		tok[nt].end = off[i + len[i]];
		ss_pos pos = SS_POS_MARK;
		if (tag[i] >= 0)
			assert_true(ss_lex_word(s + off[i], off[i + len[i]] - off[i], &pos));
		tok[nt].pos = tag[i] >= 0 ? pos : tag[i] == -2 ? SS_POS_NOUN
		              : tag[i] == -1 ? SS_POS_MARK : SS_POS_UNKNOWN;
		nt++;
	}
	return nt;
}

static void same_tokens(const ss_token *x, size_t nx, const ss_token *y, size_t ny)
{
	assert_int_equal(nx, ny);
	for (size_t i = 0; i < nx; i++) {
		assert_int_equal(x[i].start, y[i].start);
		assert_int_equal(x[i].end, y[i].end);
		assert_int_equal(x[i].pos, y[i].pos);
	}
}

/* The character offsets of s, and its length in *n. */
static size_t *char_starts(const char *s, size_t len, size_t *n)
{
	size_t *at = malloc((len + 1) * sizeof *at);
	*n = 0;
	for (size_t i = 0; i < len; i += (size_t)ss_utf8_len(s + i, len - i))
		at[(*n)++] = i;
	at[*n] = len;
	return at;
}

/* Every range of up to 40 characters: the cut with and without the cache
 * is the plain one, and so are a capped cut and one that stops past a
 * position. */
static void test_every_range(void **state)
{
	(void)state;
	size_t len = strlen(text), nc;
	size_t *at = char_starts(text, len, &nc);
	ss_seg_cache *c = ss_seg_cache_new(text, len);
	ss_token want[64], got[64];
	size_t ranges = 0;
	for (size_t i = 0; i < nc; i++)
		for (size_t j = i + 1; j <= nc && j <= i + 40; j++) {
			size_t a = at[i], b = at[j];
			size_t nw = plain_segment(text, a, b, want, 64);
			assert_true(nw >= 1);
			same_tokens(want, nw, got, ss_segment(text, a, b, got, 64));
			same_tokens(want, nw, got, ss_segment_cached(c, a, b, got, 64));
			/* a cap keeps the first tokens */
			for (size_t cap = 1; cap < nw; cap += 2)
				same_tokens(want, cap, got, ss_segment_cached(c, a, b, got, cap));
			/* up to a position: the tokens until the first ending past it */
			for (size_t k = i; k < j; k += 3) {
				size_t upto = at[k], m = 0;
				while (m < nw && want[m].end <= upto)
					m++;
				same_tokens(want, m + 1 > nw ? nw : m + 1, got,
				            ss_segment_upto(c, a, b, upto, got, 64));
			}
			/* the word across a position, from the piece around it */
			for (size_t k = i + 1; k < j; k++) {
				size_t p = at[k], m = 0;
				while (m < nw && want[m].end <= p)
					m++;
				bool across = m < nw && want[m].start < p;
				ss_token t;
				assert_int_equal(ss_segment_across(c, a, b, p, &t), across);
				if (across) {
					assert_int_equal(t.start, want[m].start);
					assert_int_equal(t.end, want[m].end);
					assert_int_equal(t.pos, want[m].pos);
				}
			}
			ranges++;
		}
	assert_true(ranges > 1000);
	ss_seg_cache_free(c);
	free(at);
}

/* The cache answers a second cut of a range from what the first looked up,
 * and stays right when the text is longer than its window. */
static void test_cache(void **state)
{
	(void)state;
	size_t len = strlen(text), hits, misses, hits2, misses2;
	ss_seg_cache *c = ss_seg_cache_new(text, len);
	ss_token tok[64], want[64];
	size_t n = ss_segment_cached(c, 0, 91, tok, 64);
	ss_seg_cache_stats(c, &hits, &misses);
	assert_int_equal(hits, 0);
	assert_true(misses > 10);
	assert_int_equal(ss_segment_cached(c, 0, 91, tok, 64), n);
	ss_seg_cache_stats(c, &hits2, &misses2);
	assert_int_equal(misses2, misses);
	assert_int_equal(hits2, misses);
	ss_seg_cache_free(c);

	/* the sentences many times over: offsets far apart share slots */
	size_t copies = 40, big = copies * len;
	char *t = malloc(big + 1);
	for (size_t k = 0; k < copies; k++)
		memcpy(t + k * len, text, len);
	t[big] = 0;
	c = ss_seg_cache_new(t, big);
	for (size_t round = 0; round < 2; round++)
		for (size_t k = 0; k < copies; k += 7) {
			size_t a = k * len + 36, b = a + 120;
			size_t nw = plain_segment(t, a, b, want, 64);
			same_tokens(want, nw, tok, ss_segment_cached(c, a, b, tok, 64));
		}
	ss_seg_cache_stats(c, &hits, &misses);
	assert_true(misses > 0);
	ss_seg_cache_free(c);
	free(t);
}

/* An empty range, and one of a character cut short, as ss_segment gives. */
/* Every word of the table is found through the generated hash table, and
 * a slot holds each word once: the table is as full as the words. */
static void test_every_word(void **state)
{
	(void)state;
	for (int len = 1; len <= SS_LEX_MAXLEN; len++) {
		const ss_lex_bylen *t = &ss_lex_words[len];
		size_t taken = 0;
		for (size_t k = 0; k <= t->mask; k++)
			taken += t->hash[k] != 0;
		assert_int_equal(taken, t->n);
		assert_true(t->n * 2 <= (size_t)t->mask + 1);
		for (size_t e = 0; e < t->n; e++) {
			char u[3 * SS_LEX_MAXLEN];
			for (int i = 0; i < len; i++) {
				uint32_t c = t->keys[e * (size_t)len + (size_t)i] + SS_LEX_CJK_LO;
				u[3 * i] = (char)(0xE0 | c >> 12);
				u[3 * i + 1] = (char)(0x80 | (c >> 6 & 0x3F));
				u[3 * i + 2] = (char)(0x80 | (c & 0x3F));
			}
			if (!ss_lex_word(u, (size_t)(3 * len), NULL))
				fail_msg("word %zu of %d characters not found", e, len);
		}
	}
	/* no word: 的的的 */
	assert_int_equal(ss_lex_word("\xe7\x9a\x84\xe7\x9a\x84\xe7\x9a\x84", 9, NULL), 0);
}

/* The filter before the hash table holds every word of two characters or
 * more, and lets few others through: most lookups of a segmentation are of
 * no word (nine in ten of three characters), and each would miss the cache
 * in the table. */
static void test_bloom(void **state)
{
	(void)state;
	for (int len = 2; len <= SS_LEX_MAXLEN; len++) {
		const ss_lex_bylen *t = &ss_lex_words[len];
		for (size_t e = 0; e < t->n; e++)
			if (!ss_lex_may_hold(ss_lex_hash(&t->keys[e * (size_t)len], len)))
				fail_msg("word %zu of %d characters not in the filter", e, len);
	}
	/* pseudo-random strings of common characters (U+4E00..U+62FF) */
	uint32_t x = 12345;
	size_t others = 0, passed = 0;
	for (int i = 0; i < 200000; i++) {
		uint16_t ch[SS_LEX_MAXLEN];
		int len = 2 + i % (SS_LEX_MAXLEN - 1);
		for (int k = 0; k < len; k++) {
			x = x * 1103515245u + 12345u;
			ch[k] = (uint16_t)(0x4E00 - SS_LEX_CJK_LO + (x >> 16) % 0x1500);
		}
		char u[3 * SS_LEX_MAXLEN];
		for (int k = 0; k < len; k++) {
			uint32_t c = ch[k] + SS_LEX_CJK_LO;
			u[3 * k] = (char)(0xE0 | c >> 12);
			u[3 * k + 1] = (char)(0x80 | (c >> 6 & 0x3F));
			u[3 * k + 2] = (char)(0x80 | (c & 0x3F));
		}
		if (ss_lex_word(u, (size_t)(3 * len), NULL))
			continue;
		others++;
		passed += ss_lex_may_hold(ss_lex_hash(ch, len));
	}
	assert_true(others > 150000);
	assert_true(passed * 100 < others * 12); /* about 7% by its size */
}

static void test_edges(void **state)
{
	(void)state;
	ss_seg_cache *c = ss_seg_cache_new(text, strlen(text));
	ss_token tok[8], want[8];
	assert_int_equal(ss_segment_cached(c, 6, 6, tok, 8), 0);
	assert_int_equal(ss_segment_cached(c, 0, 9, tok, 0), 0);
	/* 国家统 less its last byte: a broken character ends the range */
	size_t nw = plain_segment(text, 0, 8, want, 8);
	same_tokens(want, nw, tok, ss_segment_cached(c, 0, 8, tok, 8));
	/* a range starting inside a character */
	nw = plain_segment(text, 1, 20, want, 8);
	same_tokens(want, nw, tok, ss_segment_cached(c, 1, 20, tok, 8));
	ss_seg_cache_free(c);
}

/* The characters about the lexicon's range (〇 and 㐀 open on E3, 鿿 is
 * its last, 가 the first past it), words cut by them, and a text ending
 * in a broken character: every range of the cached cut is the plain one. */
static void test_range_edges(void **state)
{
	(void)state;
	static const char t[] = "二〇一三年人民银行㐀中国人民银行鿿国家统计局가한국인民生银行\xe4\xb8";
	size_t len = strlen(t), nc;
	size_t *at = char_starts(t, len, &nc);
	ss_seg_cache *c = ss_seg_cache_new(t, len);
	ss_token want[64], got[64];
	for (size_t i = 0; i < nc; i++)
		for (size_t j = i + 1; j <= nc; j++) {
			size_t nw = plain_segment(t, at[i], at[j], want, 64);
			same_tokens(want, nw, got, ss_segment_cached(c, at[i], at[j], got, 64));
		}
	/* to the end of the text, through the broken character */
	for (size_t i = 0; i < nc; i++) {
		size_t nw = plain_segment(t, at[i], len, want, 64);
		same_tokens(want, nw, got, ss_segment_cached(c, at[i], len, got, 64));
	}
	ss_seg_cache_free(c);
	free(at);
}

/* A cut that ends inside a character fills the cache first (the bytes the
 * end cut short are no characters of the text, which the words looked up
 * there must not take for its own): the cuts after it are the plain ones. */
static void test_cut_first(void **state)
{
	(void)state;
	size_t len = strlen(text), nc;
	size_t *at = char_starts(text, len, &nc);
	ss_token want[64], got[64];
	size_t cuts = 0;
	for (size_t i = 0; i + 1 < nc && i < 80; i++)
		for (size_t k = i + 1; k < nc && k <= i + 8; k++)
			for (size_t b = at[k] + 1; b < at[k + 1]; b++) {
				ss_seg_cache *c = ss_seg_cache_new(text, len);
				size_t nw = plain_segment(text, at[i], b, want, 64);
				same_tokens(want, nw, got, ss_segment_cached(c, at[i], b, got, 64));
				size_t e = at[k + 8 < nc ? k + 8 : nc];
				nw = plain_segment(text, at[i], e, want, 64);
				same_tokens(want, nw, got, ss_segment_cached(c, at[i], e, got, 64));
				ss_seg_cache_free(c);
				cuts++;
			}
	assert_true(cuts > 500);
	free(at);
}

/* Whether a noun longer than bytes starts at p and ends by end, as
 * ss_lex_word tells it. */
static bool plain_longer_noun(size_t p, size_t end, size_t bytes)
{
	size_t q = p;
	for (int k = 0; k < SS_LEX_MAXLEN && q < end; k++) {
		q += (size_t)ss_utf8_len(text + q, end - q);
		ss_pos pos;
		if (q - p > bytes && ss_lex_word(text + p, q - p, &pos) && pos == SS_POS_NOUN)
			return true;
	}
	return false;
}

/* The nouns longer than len at p, from the cache or from the text, are
 * those ss_lex_word tells of, at every p, every end (one inside a
 * character too) and some lengths. */
static void test_longer_noun(void **state)
{
	(void)state;
	size_t len = strlen(text), nc;
	size_t *at = char_starts(text, len, &nc);
	ss_seg_cache *c = ss_seg_cache_new(text, len);
	size_t yes = 0;
	/* from the text, then from the slots a cut of every sentence filled */
	for (int pass = 0; pass < 2; pass++) {
		ss_token tok[64];
		for (size_t k = 0; pass == 1 && k + 1 < nc; k += 40)
			ss_segment_cached(c, at[k], at[k + 40 < nc ? k + 40 : nc], tok, 64);
		for (size_t i = 0; i < nc; i++)
			for (size_t end = at[i]; end <= len && end <= at[i] + 24; end++)
				for (size_t bytes = 0; bytes <= 12; bytes += 3) {
					bool want = plain_longer_noun(at[i], end, bytes);
					assert_int_equal(ss_seg_longer_noun(c, at[i], end, bytes), want);
					yes += want;
				}
	}
	size_t hits, misses;
	ss_seg_cache_stats(c, &hits, &misses);
	assert_true(hits > 1000);
	assert_true(yes > 100);
	ss_seg_cache_free(c);
	free(at);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_range),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_every_word),
		cmocka_unit_test(test_bloom),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_range_edges),
		cmocka_unit_test(test_cut_first),
		cmocka_unit_test(test_longer_noun),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

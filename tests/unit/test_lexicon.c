/* test_lexicon.c - the lexicon hash (lexicon.c): hits, misses, prefixes, a word
 * in two tables, table ids, the word-length bits, and agreement with a plain
 * scan of the map entries over the default rule set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

static const char lexicon[] =
	"table unit\ntable direction\ntable stop\ntable basis\ntable metric\n"
	"map unit 美元 USD\n"
	"map unit 美元指数 DXY\n"
	"map unit 元 CNY\n"
	"map unit % %\n"
	"map direction 增长 up\n"
	"map direction 增 up\n"
	"map stop 增长 x\n"
	"map basis 同比 yoy\n"
	"map metric 营业收入 revenue\n"
	"map metric 规模以上工业 long\n";

static ss_ruleset *compiled(const char *text)
{
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_buffer(rs, "t.rules", text, strlen(text)), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	return rs;
}

static const char *look(const ss_ruleset *rs, const char *table, const char *w)
{
	return ss_rules_lookup(rs, table, w, strlen(w));
}

static void test_hits_and_misses(void **state)
{
	(void)state;
	ss_ruleset *rs = compiled(lexicon);
	assert_string_equal(look(rs, "unit", "美元"), "USD");
	assert_string_equal(look(rs, "unit", "美元指数"), "DXY");
	assert_string_equal(look(rs, "unit", "元"), "CNY");
	assert_string_equal(look(rs, "unit", "%"), "%");
	assert_string_equal(look(rs, "basis", "同比"), "yoy");
	assert_null(look(rs, "unit", "港元"));
	assert_null(look(rs, "unit", "美"));      /* a prefix of a word */
	assert_null(look(rs, "unit", "美元指"));  /* between two words */
	assert_null(look(rs, "unit", "美元指数x"));
	assert_null(look(rs, "unit", ""));
	assert_null(look(rs, "basis", "增长"));   /* a word of other tables */
	assert_null(look(rs, "nosuch", "美元"));  /* a table nobody wrote */
	/* the length bounds the word, not a NUL */
	assert_string_equal(ss_rules_lookup(rs, "unit", "美元xx", strlen("美元")), "USD");
	assert_null(ss_rules_lookup(rs, NULL, "美元", 6));
	assert_null(ss_rules_lookup(rs, "unit", NULL, 0));
	assert_null(ss_rules_lookup(NULL, "unit", "美元", 6));
	ss_ruleset_free(rs);
}

static void test_word_in_two_tables(void **state)
{
	(void)state;
	ss_ruleset *rs = compiled(lexicon);
	assert_string_equal(look(rs, "direction", "增长"), "up");
	assert_string_equal(look(rs, "stop", "增长"), "x");
	int ids[3] = {ss_rules_table_id(rs, "stop"), ss_rules_table_id(rs, "direction"),
	              ss_rules_table_id(rs, "basis")};
	assert_true(ids[0] >= 0 && ids[1] >= 0 && ids[2] >= 0);
	assert_int_equal(ss_rules_word_tables(rs, ids, 3, "增长", 6), 3);
	assert_int_equal(ss_rules_word_tables(rs, ids, 3, "增", 3), 2);
	assert_int_equal(ss_rules_word_tables(rs, ids, 3, "同比", 6), 4);
	assert_int_equal(ss_rules_word_tables(rs, ids, 3, "美元", 6), 0);
	assert_int_equal(ss_rules_word_tables(rs, ids + 2, 1, "增长", 6), 0);
	assert_string_equal(ss_rules_lookup_id(rs, ids[1], "增", 3), "up");
	assert_null(ss_rules_lookup_id(rs, ids[0], "增", 3));
	assert_int_equal(ss_rules_table_id(rs, "nosuch"), -1);
	assert_null(ss_rules_lookup_id(rs, -1, "增", 3));
	int none = -1;
	assert_int_equal(ss_rules_word_tables(rs, &none, 1, "增", 3), 0);
	ss_ruleset_free(rs);
}

static void test_word_lengths(void **state)
{
	(void)state;
	ss_ruleset *rs = compiled(lexicon);
	/* 美元 (2 characters), 美元指数 (4) */
	assert_int_equal(ss_rules_word_lengths(rs, "美元", 6), (1u << 1) | (1u << 3));
	assert_int_equal(ss_rules_word_lengths(rs, "增", 3), (1u << 0) | (1u << 1));
	assert_int_equal(ss_rules_word_lengths(rs, "规模", 6), 1u << 5); /* six characters */
	assert_int_equal(ss_rules_word_lengths(rs, "%", 1), 1u << 0);
	assert_int_equal(ss_rules_word_lengths(rs, "港", 3), 0);
	assert_false(ss_rules_word_may_start(rs, "港", 3));
	assert_true(ss_rules_word_may_start(rs, "增", 3));
	/* outside the map (invalid, or beyond U+FFFF): every length may be */
	assert_int_equal(ss_rules_word_lengths(rs, "\xff", 1), 0xFF);
	assert_int_equal(ss_rules_word_lengths(rs, "\xf0\x9f\x98\x80", 4), 0xFF);
	ss_ruleset_free(rs);
}

static void test_before_compile(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_buffer(rs, "t.rules", lexicon, strlen(lexicon)), SS_OK);
	assert_string_equal(look(rs, "unit", "美元"), "USD");
	assert_null(look(rs, "unit", "美"));
	/* ids exist once compiled */
	assert_int_equal(ss_rules_table_id(rs, "unit"), -1);
	assert_int_equal(ss_rules_word_lengths(rs, "港", 3), 0xFF);
	ss_ruleset_free(rs);
}

static void test_empty_lexicon(void **state)
{
	(void)state;
	ss_ruleset *rs = compiled("# nothing\n");
	assert_null(look(rs, "unit", "美元"));
	assert_int_equal(ss_rules_table_id(rs, "unit"), -1);
	assert_int_equal(ss_rules_word_lengths(rs, "美", 3), 0);
	ss_ruleset_free(rs);
}

/* A plain scan of the entries: what the lookup must agree with. */
static const char *scan(const ss_ruleset *rs, const char *table, const char *w, size_t len)
{
	for (size_t i = 0; i < rs->nmaps; i++)
		if (!strcmp(rs->maps[i].base, table) && strlen(rs->maps[i].word) == len &&
		    !memcmp(rs->maps[i].word, w, len))
			return rs->maps[i].value;
	return NULL;
}

static void test_defaults_agree_with_scan(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	/* the tables, each once (entries of a table stand together) */
	const char **bases = calloc(rs->nmaps + 1, sizeof *bases);
	size_t nbases = 0;
	for (size_t t = 0; t < rs->nmaps; t++) {
		size_t k = 0;
		while (k < nbases && strcmp(bases[k], rs->maps[t].base))
			k++;
		if (k == nbases)
			bases[nbases++] = rs->maps[t].base;
	}
	/* every entry's word and every prefix of it, in every table */
	for (size_t i = 0; i < rs->nmaps; i++) {
		const char *w = rs->maps[i].word;
		for (size_t len = 0; len <= strlen(w); len++)
			for (size_t t = 0; t < nbases; t++) {
				const char *want = scan(rs, bases[t], w, len);
				const char *got = ss_rules_lookup(rs, bases[t], w, len);
				if (want != got && (!want || !got || strcmp(want, got)))
					fail_msg("%s '%.*s': %s, want %s", bases[t], (int)len, w,
					         got ? got : "(none)", want ? want : "(none)");
			}
		uint32_t cp;
		if (ss_utf8_decode(w, strlen(w), &cp) && cp < 0x10000) {
			size_t chars = ss_utf8_count(w, strlen(w));
			assert_true(ss_rules_word_lengths(rs, w, strlen(w)) &
			            (1u << (chars < 8 ? chars - 1 : 7)));
		}
	}
	free(bases);
	ss_ruleset_free(rs);
}

/* Words of every length the hash reads differently: fewer than four bytes,
 * four to seven, eight to sixteen (each compared as its two ends), and
 * longer ones, whose middle only the bytes tell apart; and words that begin
 * with a character of two, three or four bytes, or with a bare lead byte. */
static const char lengths[] =
	"table w\ntable v\n"
	"map w a 1\nmap w ab 2\nmap w abc 3\nmap w abcd 4\nmap w abcdefg 7\n"
	"map w abcdefgh 8\nmap w abcdefghijklmnop 16\n"
	"map w abcdefgh1ijklmnop 17\nmap w abcdefgh12ijklmnop 18\n"
	"map w 元 one\nmap w 元元 two\nmap w é e\nmap w 😀x emoji\n"
	"map v abcdefgh1ijklmnop other\n";

static void test_lengths_and_twins(void **state)
{
	(void)state;
	ss_ruleset *rs = compiled(lengths);
	static const char *const hit[][2] = {
		{"a", "1"}, {"ab", "2"}, {"abc", "3"}, {"abcd", "4"}, {"abcdefg", "7"},
		{"abcdefgh", "8"}, {"abcdefghijklmnop", "16"}, {"abcdefgh1ijklmnop", "17"},
		{"abcdefgh12ijklmnop", "18"}, {"元", "one"}, {"元元", "two"}, {"é", "e"},
		{"😀x", "emoji"}};
	for (size_t k = 0; k < sizeof hit / sizeof *hit; k++) {
		const char *v = look(rs, "w", hit[k][0]);
		if (!v || strcmp(v, hit[k][1]))
			fail_msg("'%s': %s, want %s", hit[k][0], v ? v : "(none)", hit[k][1]);
	}
	static const char *const miss[] = {
		"b", "ba", "abd", "abce", "abcdXfg", "abXdefg", "abcdefgX", "Xbcdefgh",
		"abcdefghijklmnoX", "abcdefgXijklmnop", "abcdefghXjklmnop",
		/* the same first and last eight bytes as a word, and its length */
		"abcdefgh2ijklmnop", "abcdefgh13ijklmnop", "abcdefgh21ijklmnop",
		"元x", "x元", "元元元", "è", "😁x", "\xe5", "\xe5\x85"};
	for (size_t k = 0; k < sizeof miss / sizeof *miss; k++)
		if (look(rs, "w", miss[k]))
			fail_msg("'%s' found", miss[k]);
	assert_string_equal(look(rs, "v", "abcdefgh1ijklmnop"), "other");
	assert_null(look(rs, "v", "abcdefgh2ijklmnop"));
	assert_null(look(rs, "v", "abcdefgh"));
	int ids[2] = {ss_rules_table_id(rs, "v"), ss_rules_table_id(rs, "w")};
	assert_int_equal(ss_rules_word_tables(rs, ids, 2, "abcdefgh1ijklmnop", 17), 3);
	assert_int_equal(ss_rules_word_tables(rs, ids, 2, "abcdefgh2ijklmnop", 17), 0);
	/* the length, not a NUL, bounds the bytes read */
	assert_string_equal(ss_rules_lookup(rs, "w", "abcdefgh12ijklmnopq", 18), "18");
	assert_string_equal(ss_rules_lookup(rs, "w", "元元元", 3), "one");
	assert_string_equal(ss_rules_lookup(rs, "w", "abcz", 3), "3");
	ss_ruleset_free(rs);
}

/* ss_rules_lookup_id's inline first-character test: every table id against
 * the plain scan for each default word, its prefixes and the word cut inside
 * a character (a bare lead byte, two bytes of three), ids past the last and
 * a word no lookup reaches the hash for. */
static void test_lookup_id_filter(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	/* each id's table name, from the entries */
	size_t nt = rs->lex_ntables;
	assert_true(nt > 1);
	const char **name = calloc(nt, sizeof *name);
	for (size_t i = 0; i < rs->nmaps; i++) {
		int t = ss_rules_table_id(rs, rs->maps[i].base);
		assert_true(t >= 0 && (size_t)t < nt);
		name[t] = rs->maps[i].base;
	}
	size_t found = 0;
	for (size_t i = 0; i < rs->nmaps; i++) {
		const char *w = rs->maps[i].word;
		for (size_t len = 0; len <= strlen(w); len++)
			for (size_t t = 0; t < nt; t++) {
				const char *want = scan(rs, name[t], w, len);
				const char *got = ss_rules_lookup_id(rs, (int)t, w, len);
				if (want != got && (!want || !got || strcmp(want, got)))
					fail_msg("%s '%.*s': %s, want %s", name[t], (int)len, w,
					         got ? got : "(none)", want ? want : "(none)");
				found += got != NULL;
			}
		assert_non_null(ss_rules_lookup_id(rs, ss_rules_table_id(rs, rs->maps[i].base), w,
		                                   strlen(w)));
		assert_null(ss_rules_lookup_id(rs, (int)nt, w, strlen(w)));
		assert_null(ss_rules_lookup_id(rs, (int)nt + 7, w, strlen(w)));
		assert_null(ss_rules_lookup_id(rs, -1, w, strlen(w)));
	}
	free(name);
	assert_true(found >= rs->nmaps);
	ss_ruleset_free(rs);
}

/* The map of table bits and the first-character union against
 * ss_rules_word_tables: sets of tables with a repeated id, one of no table
 * and one past the last, over every default word and its prefixes; and a
 * word none of the tables may start with is told so. */
static void test_word_bits(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	int nt = (int)rs->lex_ntables;
	const int sets[][5] = {{ss_rules_table_id(rs, "stop"), ss_rules_table_id(rs, "direction"),
	                        ss_rules_table_id(rs, "basis"), ss_rules_table_id(rs, "stop"), -1},
	                       {ss_rules_table_id(rs, "metric"), nt, ss_rules_table_id(rs, "tail"),
	                        ss_rules_table_id(rs, "modifier"), ss_rules_table_id(rs, "unit")},
	                       {0, 1, 2, nt - 1, nt - 2}};
	for (size_t q = 0; q < sizeof sets / sizeof *sets; q++) {
		unsigned *bit_of = ss_rules_table_bits(rs, sets[q], 5);
		uint64_t firsts[SS_LEX_FIRST_BITS / 64];
		ss_rules_first_union(rs, sets[q], 5, firsts);
		size_t held = 0;
		for (size_t i = 0; i < rs->nmaps; i++) {
			const char *w = rs->maps[i].word;
			for (size_t len = 1; len <= strlen(w); len++) {
				unsigned want = ss_rules_word_tables(rs, sets[q], 5, w, len);
				assert_int_equal(ss_rules_word_bits(rs, bit_of, w, len), want);
				if (want)
					assert_true(ss_lex_first_may(firsts, w, len));
				held += want != 0;
			}
		}
		assert_true(held > 0);
		free(bit_of);
	}
	ss_ruleset_free(rs);

	rs = compiled(lexicon);
	int ids[2] = {ss_rules_table_id(rs, "unit"), ss_rules_table_id(rs, "basis")};
	uint64_t firsts[SS_LEX_FIRST_BITS / 64];
	ss_rules_first_union(rs, ids, 2, firsts);
	assert_true(ss_lex_first_may(firsts, "美元", 6));
	assert_true(ss_lex_first_may(firsts, "同", 3));
	assert_false(ss_lex_first_may(firsts, "增长", 6)); /* direction and stop only */
	assert_false(ss_lex_first_may(firsts, "营业收入", 12));
	unsigned *bit_of = ss_rules_table_bits(rs, ids, 2);
	assert_int_equal(ss_rules_word_bits(rs, bit_of, "同比", 6), 2);
	assert_int_equal(ss_rules_word_bits(rs, bit_of, "增长", 6), 0);
	free(bit_of);
	ss_ruleset_free(rs);

	/* before compile: no map, and no word in any table */
	rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_buffer(rs, "t.rules", lexicon, strlen(lexicon)), SS_OK);
	assert_null(ss_rules_table_bits(rs, ids, 2));
	assert_int_equal(ss_rules_word_bits(rs, NULL, "美元", 6), 0);
	ss_rules_first_union(rs, ids, 2, firsts);
	assert_false(ss_lex_first_may(firsts, "美元", 6));
	ss_ruleset_free(rs);
}

/* The longest word of up to four characters at s[i] by end, each length
 * looked up: what ss_rules_word_at must answer. */
static size_t word_at_slowly(const ss_ruleset *rs, const int *ids, size_t nids, const char *s,
                             size_t end, size_t i)
{
	size_t ends[4], n = 0;
	for (size_t q = i; n < 4 && q < end; n++) {
		q += (size_t)ss_utf8_len(s + q, end - q);
		ends[n] = q;
	}
	while (n > 0)
		if (ss_rules_word_tables(rs, ids, nids, s + i, ends[--n] - i))
			return ends[n] - i;
	return 0;
}

/* ss_rules_word_at's first-character test, at every offset and bound of
 * texts of characters of one to four bytes, bare and cut lead bytes
 * (E5 alone, E5 85 before ASCII), for tables alone and together, an id of
 * no table and one past the last. */
static void test_word_at_filter(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"abcdefgh1ijklmnop美元指数x元元é😀xab\xe5" "a\xe5\x85" "abc元",
		"增长同比美元增营业收入规模以上工业%美\xe5\x85\xe5\x85\x83元",
	};
	ss_ruleset *sets[2] = {compiled(lengths), compiled(lexicon)};
	static const char *const names[2][3] = {{"w", "v", NULL}, {"unit", "direction", "stop"}};
	size_t found = 0;
	for (size_t r = 0; r < 2; r++) {
		ss_ruleset *rs = sets[r];
		int a = ss_rules_table_id(rs, names[r][0]), b = ss_rules_table_id(rs, names[r][1]),
		    c = names[r][2] ? ss_rules_table_id(rs, names[r][2]) : a, nt = (int)rs->lex_ntables;
		const int idsets[][3] = {{a, a, a}, {b, b, b}, {a, b, c}, {-1, -1, -1}, {nt, nt, nt},
		                         {-1, nt, b}};
		for (size_t x = 0; x < 2; x++) {
			const char *s = texts[x];
			size_t len = strlen(s);
			for (size_t q = 0; q < sizeof idsets / sizeof *idsets; q++)
				for (size_t nids = 1; nids <= 3; nids++)
					for (size_t i = 0; i <= len; i++)
						for (size_t end = i; end <= len; end++) {
							size_t want = word_at_slowly(rs, idsets[q], nids, s, end, i),
							       got = ss_rules_word_at(rs, idsets[q], nids, s, end, i);
							if (got != want)
								fail_msg("set %zu/%zu at %zu..%zu: %zu, want %zu", q,
								         nids, i, end, got, want);
							found += got != 0;
						}
		}
	}
	assert_true(found > 100);
	ss_ruleset_free(sets[0]);
	ss_ruleset_free(sets[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hits_and_misses),
		cmocka_unit_test(test_word_in_two_tables),
		cmocka_unit_test(test_word_lengths),
		cmocka_unit_test(test_before_compile),
		cmocka_unit_test(test_empty_lexicon),
		cmocka_unit_test(test_defaults_agree_with_scan),
		cmocka_unit_test(test_lengths_and_twins),
		cmocka_unit_test(test_lookup_id_filter),
		cmocka_unit_test(test_word_bits),
		cmocka_unit_test(test_word_at_filter),
	};
	return cmocka_run_group_tests_name("lexicon", tests, NULL, NULL);
}

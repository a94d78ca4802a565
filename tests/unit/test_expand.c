/* test_expand.c - {NAME} and {@TABLE} references (expand.c): a table's words
 * as an alternation, a later file growing a table or a define, and the
 * bounds on what an expansion may cost (size, depth, cycles). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules_helpers.h"

/* The first diagnostic, and how many there were. */
typedef struct {
	char first[512];
	int n;
} diags;

static void capture(void *ud, const ss_diag *d)
{
	diags *g = ud;
	if (!g->n++)
		snprintf(g->first, sizeof g->first, "%s:%u:%u: %s", d->file ? d->file : "", d->line,
		         d->column, d->message);
}

/* A rule set of up to two buffers (b may be NULL), loaded and compiled;
 * *st receives the status of the compile. */
static ss_ruleset *build(diags *g, const char *a, const char *b, ss_status *st)
{
	memset(g, 0, sizeof *g);
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_set_diag(rs, capture, g);
	assert_int_equal(ss_ruleset_add_buffer(rs, "t.rules", a, strlen(a)), SS_OK);
	if (b)
		assert_int_equal(ss_ruleset_add_buffer(rs, "user.rules", b, strlen(b)), SS_OK);
	*st = ss_ruleset_compile(rs);
	return rs;
}

/* The text of the first match of text, "" when there is none. */
static const char *first_match(const ss_ruleset *rs, const char *text, char *out, size_t cap)
{
	ss_match *m = NULL;
	size_t n = ss_rules_scan(rs, text, strlen(text), &m, NULL, "doc");
	snprintf(out, cap, "%.*s", n ? (int)(m[0].end - m[0].start) : 0, n ? text + m[0].start : "");
	free(m);
	return out;
}

static void test_table_alternation(void **state)
{
	(void)state;
	diags g;
	ss_status st;
	/* longest first, then by bytes; one-character words as one class, last */
	ss_ruleset *rs = build(&g,
	                       "table w\ntable w.more\nmap w 人民币 1\nmap w 元 1\nmap w $ 1\n"
	                       "map w.more 元人民币 1\nmap w.more US$ 1\ndefine ALL {@w}\n"
	                       "define MORE {@w.more}\n",
	                       NULL, &st);
	assert_int_equal(st, SS_OK);
	assert_int_equal(g.n, 0);
	assert_string_equal(define_of(rs, "ALL"), "(?:元人民币|US\\$|人民币|[\\$元])");
	assert_string_equal(define_of(rs, "MORE"), "(?:元人民币|US\\$)");
	/* lookups name the table without its facet */
	assert_string_equal(ss_rules_lookup(rs, "w", "US$", 3), "1");
	assert_null(ss_rules_lookup(rs, "w.more", "US$", 3));
	ss_ruleset_free(rs);
}

/* Words that share a first character go under one branch, in the order the
 * plain alternation tries them: a word that is a prefix of a longer one
 * (人民币 of 人民币元) stays after it, and a word opening with a letter
 * (another case under (?i)) is a barrier nothing moves across. From eight
 * words on, a class of the first characters guards the alternation. */
static void test_table_factored(void **state)
{
	(void)state;
	diags g;
	ss_status st;
	ss_ruleset *rs = build(&g,
	                       "table w\nmap w 人民币元 1\nmap w 人民币 1\nmap w 人口 1\nmap w 美元 1\n"
	                       "map w US$ 1\nmap w 美金 1\ndefine W {@w}\n"
	                       "table e\nmap e 人民币元 1\nmap e 人民币 1\nmap e 人口 1\ndefine E {@e}\n"
	                       "table f\nmap f 人民币元 1\nmap f 人口 1\nmap f 人民 1\ndefine F {@f}\n"
	                       "table m\nmap m 港元 1\nmap m 港币 1\nmap m 欧元 1\nmap m 日元 1\n"
	                       "map m 英镑 1\nmap m 韩元 1\nmap m 卢布 1\nmap m 元 1\ndefine M {@m}\n"
	                       "rule r\n  kind money\n  pattern (?<num>[0-9]+)(?<unit>{W})\n",
	                       NULL, &st);
	assert_int_equal(st, SS_OK);
	assert_int_equal(g.n, 0);
	assert_string_equal(define_of(rs, "W"), "(?:人民币元|US\\$|人(?:民币|口)|美(?:元|金))");
	assert_string_equal(define_of(rs, "E"), "(?:人(?:民币(?:元|)|口))");
	assert_string_equal(define_of(rs, "F"), "(?:人(?:民(?:币元|)|口))");
	assert_string_equal(define_of(rs, "M"),
	                    "(?:(?=[卢日欧港英韩元])(?:卢布|日元|欧元|港(?:元|币)|英镑|韩元|元))");
	char buf[64];
	assert_string_equal(first_match(rs, "付5人民币元整", buf, sizeof buf), "5人民币元");
	assert_string_equal(first_match(rs, "付5人民币整", buf, sizeof buf), "5人民币");
	assert_string_equal(first_match(rs, "付5美金", buf, sizeof buf), "5美金");
	assert_string_equal(first_match(rs, "付5人们", buf, sizeof buf), "");
	ss_ruleset_free(rs);
}

static void test_later_file_grows_table_and_define(void **state)
{
	(void)state;
	diags g;
	ss_status st;
	char got[64];
	static const char base[] = "table cur\nmap cur 元 CNY\ndefine N [0-9]+\n"
	                           "rule m\n  kind money\n  pattern (?<num>{N})(?<unit>{@cur})\n";
	ss_ruleset *rs = build(&g, base, NULL, &st);
	assert_int_equal(st, SS_OK);
	assert_string_equal(first_match(rs, "为500卢布", got, sizeof got), "");
	ss_ruleset_free(rs);

	rs = build(&g, base, "map cur 卢布 RUB\nextend N [一二三]\n", &st);
	assert_int_equal(st, SS_OK);
	assert_int_equal(g.n, 0);
	assert_string_equal(first_match(rs, "为500卢布", got, sizeof got), "500卢布");
	assert_string_equal(first_match(rs, "共三元", got, sizeof got), "三元");
	assert_string_equal(ss_rules_lookup(rs, "cur", "卢布", strlen("卢布")), "RUB");
	/* the needs follow the table: 布 is one of them now */
	assert_non_null(strstr(rs->rules[0].needs, "布"));
	ss_ruleset_free(rs);
}

/* Compile errors: text, then the message expected first. */
static void refused_at_compile(const char *text, const char *expect)
{
	diags g;
	ss_status st;
	ss_ruleset *rs = build(&g, text, NULL, &st);
	assert_int_equal(st, SS_ERR_CONFIG);
	if (g.n < 1 || strncmp(g.first, expect, strlen(expect)))
		fail_msg("got '%s', want '%s'", g.n ? g.first : "(nothing)", expect);
	ss_ruleset_free(rs);
}

static void test_bounds(void **state)
{
	(void)state;
	/* doubling forty times would be 2^40 copies: refused past 1 MiB, at the
	 * reference that crosses it (L16's second {L15}: 557052 + 557052 bytes) */
	ss_buf b = SS_BUF_INIT;
	ss_buf_adds(&b, "define L0 (?:ab|cd)\n");
	for (int i = 1; i <= 40; i++)
		ss_buf_addf(&b, "define L%d {L%d}{L%d}\n", i, i - 1, i - 1);
	ss_buf_adds(&b, "rule x\n  kind percent\n  pattern (?<num>{L40})%\n");
	refused_at_compile(b.ptr, "t.rules:17:17: the expansion of {L15} makes this pattern longer "
	                          "than 1048576 bytes");
	ss_buf_release(&b);

	/* a chain of defines deeper than SS_DEFINE_DEPTH (each define is made
	 * once, in order, so only an extension of an early one can start one) */
	ss_buf_adds(&b, "define A x\ndefine D0 y\n");
	for (int i = 1; i <= SS_DEFINE_DEPTH + 1; i++)
		ss_buf_addf(&b, "define D%d {D%d}\n", i, i - 1);
	ss_buf_addf(&b, "extend A {D%d}\n", SS_DEFINE_DEPTH + 1);
	refused_at_compile(b.ptr, "t.rules:");
	ss_buf_release(&b);

	/* groups nested past PCRE2's limit: refused by PCRE2, after the needs
	 * analysis stopped at its own depth bound */
	ss_buf_adds(&b, "rule x\n  kind percent\n  pattern ");
	for (int i = 0; i < 5000; i++)
		ss_buf_adds(&b, "(");
	ss_buf_adds(&b, "(?<num>1)");
	for (int i = 0; i < 5000; i++)
		ss_buf_adds(&b, ")");
	refused_at_compile(b.ptr, "t.rules:3:");
	ss_buf_release(&b);

	/* extend makes a cycle possible */
	refused_at_compile("define A x\ndefine B {A}y\nextend A {B}\n", "t.rules:2:10: {A} uses itself");
	/* a table without words */
	refused_at_compile("table t\nrule x\n  kind percent\n  pattern (?<num>1){@t}\n",
	                   "t.rules:4:20: table {@t} has no words");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_alternation),
		cmocka_unit_test(test_table_factored),
		cmocka_unit_test(test_later_file_grows_table_and_define),
		cmocka_unit_test(test_bounds),
	};
	return cmocka_run_group_tests_name("expand", tests, NULL, NULL);
}

/* test_rules.c - the rule engine: loading, refusals with their positions,
 * PCRE2 compile errors mapped back into the file, scanning, overlaps, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/rules.h"
#include "rules_helpers.h"

/* ---- a diagnostic sink that keeps "file:line:col: message" lines ---- */

#define MAXD 32
typedef struct {
	char text[MAXD][512];
	char excerpt[MAXD][256];
	char rule[MAXD][64];
	ss_diag_level level[MAXD];
	int n;
} diags;

static void capture(void *ud, const ss_diag *d)
{
	diags *g = ud;
	if (g->n >= MAXD)
		return;
	snprintf(g->text[g->n], sizeof g->text[0], "%s:%u:%u: %s", d->file ? d->file : "",
	         d->line, d->column, d->message);
	snprintf(g->excerpt[g->n], sizeof g->excerpt[0], "%s", d->excerpt ? d->excerpt : "");
	snprintf(g->rule[g->n], sizeof g->rule[0], "%s", d->rule_id ? d->rule_id : "");
	g->level[g->n] = d->level;
	g->n++;
}

static ss_ruleset *new_set(diags *g)
{
	memset(g, 0, sizeof *g);
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_set_diag(rs, capture, g);
	return rs;
}

static ss_status add(ss_ruleset *rs, const char *name, const char *text)
{
	return ss_ruleset_add_buffer(rs, name, text, strlen(text));
}

/* A compiled set from one buffer; fails the test on any diagnostic. */
static ss_ruleset *compiled(diags *g, const char *text)
{
	ss_ruleset *rs = new_set(g);
	assert_int_equal(add(rs, "t.rules", text), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	if (g->n)
		fail_msg("unexpected diagnostic: %s", g->text[0]);
	return rs;
}

/* The same with no prefilter: every rule needs its characters then (the
 * prefilter's own rules need none). */
static ss_ruleset *compiled_alone(diags *g, const char *text)
{
	ss_ruleset *rs = new_set(g);
	rs->no_prefilter = true;
	assert_int_equal(add(rs, "t.rules", text), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	if (g->n)
		fail_msg("unexpected diagnostic: %s", g->text[0]);
	return rs;
}

/* Byte offset of needle in hay (which must hold it). */
static size_t off(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	assert_non_null(p);
	return (size_t)(p - hay);
}

/* ---- loading --------------------------------------------------------- */

static const char small_set[] =
	"# a small rule set\n"
	"define NUM [0-9]+(?:\\.[0-9]+)?\n"
	"define PCT {NUM}%\n"
	"table qualifier\n"
	"table unit\n"
	"map qualifier 近 nearly\n"
	"map qualifier 以上 at_least\n"
	"map unit 家 家\n"
	"map unit 美元 USD\n"
	"rule percent.plain\n"
	"  kind percent\n"
	"  unit %\n"
	"  # comments may be indented too\n"
	"  pattern (?<num>{NUM})%(?<q2>以上)?\n"
	"  example 95%以上金融机构 => text=95%以上 value=95 qualifier=at_least\n"
	"  example 2021年 => none\n"
	"rule count.jia\r\n"
	"\tkind count\r\n"
	"\tscale 10\r\n"
	"\tqualifier nearly\r\n"
	"\tpattern (?<q>近)?(?<num>{NUM})(?<unit>家)\r\n";

static void test_load_buffer(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled(&g, small_set);
	assert_int_equal(ss_ruleset_rule_count(rs), 2);
	assert_string_equal(ss_ruleset_rule_id(rs, 0), "percent.plain");
	assert_string_equal(ss_ruleset_rule_kind(rs, 0), "percent");
	assert_string_equal(ss_ruleset_rule_file(rs, 0), "t.rules");
	assert_string_equal(ss_ruleset_rule_id(rs, 1), "count.jia");
	assert_string_equal(ss_ruleset_rule_kind(rs, 1), "count");
	assert_null(ss_ruleset_rule_id(rs, 2));

	const ss_rule *r = &rs->rules[0];
	assert_int_equal(r->line, 10);
	assert_int_equal(r->pattern_line, 14);
	assert_int_equal(r->pattern_col, 11);
	assert_string_equal(r->unit, "%");
	assert_string_equal(r->pattern, "(?<num>(?:[0-9]+(?:\\.[0-9]+)?))%(?<q2>以上)?");
	assert_int_equal(r->nexamples, 2);
	assert_string_equal(r->examples[0].input, "95%以上金融机构");
	assert_string_equal(r->examples[0].expect, "text=95%以上 value=95 qualifier=at_least");
	assert_int_equal(r->examples[0].line, 15);
	assert_string_equal(r->examples[1].input, "2021年");
	assert_string_equal(r->examples[1].expect, "none");
	assert_int_equal(r->group[SS_G_NUM], 1);
	assert_int_equal(r->group[SS_G_Q2], 2);
	assert_int_equal(r->group[SS_G_Q], -1);
	assert_int_equal(r->qualifier, -1);

	r = &rs->rules[1];
	assert_int_equal(r->kind, SS_KIND_COUNT);
	assert_true(r->scale == 10);
	assert_int_equal(r->qualifier, SS_QUAL_NEARLY);
	assert_string_equal(r->unit, "");
	assert_int_equal(r->group[SS_G_Q], 1);
	assert_int_equal(r->group[SS_G_NUM], 2);
	assert_int_equal(r->group[SS_G_UNIT], 3);

	/* nested define expanded once, when the set is compiled */
	assert_string_equal(define_of(rs, "PCT"), "(?:[0-9]+(?:\\.[0-9]+)?)%");

	assert_string_equal(ss_rules_lookup(rs, "qualifier", "近", strlen("近")), "nearly");
	assert_string_equal(ss_rules_lookup(rs, "unit", "美元xx", strlen("美元")), "USD");
	assert_string_equal(ss_rules_lookup(rs, "unit", "家", strlen("家")), "家");
	assert_null(ss_rules_lookup(rs, "unit", "近", strlen("近")));
	assert_null(ss_rules_lookup(rs, "qualifier", "以", strlen("以")));
	ss_ruleset_free(rs);
}

static void test_lookup_before_compile(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = new_set(&g);
	assert_int_equal(add(rs, "t.rules", "table basis\nmap basis 同比 yoy\nmap basis 环比 mom\n"),
	                 SS_OK);
	assert_string_equal(ss_rules_lookup(rs, "basis", "环比", strlen("环比")), "mom");
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	assert_string_equal(ss_rules_lookup(rs, "basis", "同比", strlen("同比")), "yoy");
	assert_int_equal(ss_ruleset_rule_count(rs), 0);
	ss_ruleset_free(rs);
}

/* Rule files are read through the fold: 港幣 in a map line or a pattern is
 * 港币, as the folded text has it; an example stays as written. */
static void test_traditional_folded(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = new_set(&g);
	assert_int_equal(add(rs, "t.rules",
	                     "table unit\nmap unit 港幣 HKD\n"
	                     "rule money.hk\n  kind money\n"
	                     "  pattern (?<num>[0-9]+億)(?<unit>港幣)\n"
	                     "  example 3億港幣 => unit=HKD\n"),
	                 SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	assert_string_equal(ss_rules_lookup(rs, "unit", "港币", strlen("港币")), "HKD");
	assert_null(ss_rules_lookup(rs, "unit", "港幣", strlen("港幣")));
	assert_string_equal(rs->rules[0].pattern, "(?<num>[0-9]+亿)(?<unit>港币)");
	assert_string_equal(rs->rules[0].examples[0].input, "3億港幣");
	ss_ruleset_free(rs);
}

static void test_defaults_load(void **state)
{
	(void)state;
	/* Whatever rules/ holds (possibly nothing) must load and compile cleanly. */
	diags g;
	ss_ruleset *rs = new_set(&g);
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	assert_int_equal(g.n, 0);
	ss_ruleset_free(rs);
}

/* ---- refusals -------------------------------------------------------- */

typedef struct {
	const char *name;
	const char *text;
	const char *expect; /* the whole "file:line:col: message" must start with this */
	const char *excerpt;
} refusal;

static const refusal refusals[] = {
	{"unknown key", "rule a\n  kind percent\n  colour red\n  pattern (?<num>1)\n",
	 "t.rules:3:3: unknown key 'colour'", "  colour red"},
	{"field before any rule", "  kind percent\n", "t.rules:1:3: 'kind' outside a rule",
	 "  kind percent"},
	{"unindented field", "kind percent\n", "t.rules:1:1: 'kind' outside a rule", NULL},
	{"field after a define",
	 "rule a\n kind percent\n pattern (?<num>1)\ndefine X y\n  unit %\n",
	 "t.rules:5:3: 'unit' outside a rule", NULL},
	{"unknown directive", "\n\nrules a\n", "t.rules:3:1: unknown directive 'rules'", NULL},
	{"missing kind", "rule a\n  pattern (?<num>1)\n", "t.rules:1:1: rule 'a' has no kind",
	 "rule a"},
	{"missing pattern", "# x\nrule a\n  kind percent\nrule b\n  kind money\n  pattern (?<num>1)\n",
	 "t.rules:2:1: rule 'a' has no pattern", "rule a"},
	{"unknown define", "rule a\n  kind percent\n  pattern 近{NUM}%\n",
	 "t.rules:3:12: unknown {NUM}", "  pattern 近{NUM}%"},
	{"empty pattern", "rule a\n  kind percent\n  pattern   \n", "t.rules:3:10: empty pattern",
	 NULL},
	{"invalid UTF-8", "rule a\n  kind percent\n  pattern 近\xff%\n",
	 "t.rules:3:12: invalid UTF-8", "  pattern 近\xEF\xBF\xBD%"},
	{"unknown kind", "rule a\n  kind percentage\n  pattern (?<num>1)\n",
	 "t.rules:2:8: unknown kind 'percentage'", NULL},
	{"bad qualifier", "rule a\n  kind percent\n  qualifier about\n  pattern (?<num>1)\n",
	 "t.rules:3:13: unknown qualifier 'about'", NULL},
	{"two patterns", "rule a\n  kind percent\n  pattern (?<num>1)\n  pattern (?<num>2)\n",
	 "t.rules:4:3: a second pattern", NULL},
	{"example without =>", "rule a\n  kind percent\n  pattern (?<num>1)\n  example 1%\n",
	 "t.rules:4:11: example needs", NULL},
	{"map with a trailing word", "map unit 家 家 # note\n",
	 "t.rules:1:14: unexpected '#'", NULL},
	{"bad map value", "table qualifier\nmap qualifier 近 close\n",
	 "t.rules:2:17: unknown qualifier 'close'", NULL},
	{"map into an undeclared table", "table stop\nmap stpo 都 1\n",
	 "t.rules:2:5: unknown table 'stpo'", "map stpo 都 1"},
	{"unknown table reference", "table unit\nrule a\n  kind money\n  pattern (?<num>1){@unti}\n",
	 "t.rules:4:20: unknown table {@unti}", NULL},
	{"bad table name", "table unit.\n", "t.rules:1:7: bad table name 'unit.'", NULL},
	{"extend without a define", "extend N [0-9]\n",
	 "t.rules:1:8: extend 'N': no such define", NULL},
	{"define redefined", "define N [0-9]\ndefine N [0-9]+\n",
	 "t.rules:2:8: define 'N' already defined differently at t.rules:1 (use 'extend'", NULL},
	{"scale not a number", "rule a\n  kind count\n  scale ten\n  pattern (?<num>1)\n",
	 "t.rules:3:9: scale must be a non-zero number", NULL},
};

static void test_refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof refusals / sizeof *refusals; i++) {
		const refusal *c = &refusals[i];
		diags g;
		ss_ruleset *rs = new_set(&g);
		ss_status st = add(rs, "t.rules", c->text);
		if (st != SS_ERR_CONFIG || g.n != 1 || strncmp(g.text[0], c->expect, strlen(c->expect)))
			fail_msg("%s: status %d, %d diagnostics, first '%s'; expected '%s'", c->name, st,
			         g.n, g.n ? g.text[0] : "", c->expect);
		assert_int_equal(g.level[0], SS_DIAG_ERROR);
		if (c->excerpt)
			assert_string_equal(g.excerpt[0], c->excerpt);
		/* a set that failed to load never compiles */
		assert_int_equal(ss_ruleset_compile(rs), SS_ERR_CONFIG);
		ss_ruleset_free(rs);
	}
}

static void test_duplicate_id_across_files(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = new_set(&g);
	assert_int_equal(add(rs, "a.rules", "rule x.y\n  kind percent\n  pattern (?<num>1)%\n"),
	                 SS_OK);
	assert_int_equal(add(rs, "b.rules", "\nrule x.y\n  kind money\n  pattern (?<num>2)\n"),
	                 SS_ERR_CONFIG);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.text[0],
	                    "b.rules:2:6: duplicate rule id 'x.y' (first defined at a.rules:1)");
	assert_int_equal(ss_ruleset_rule_count(rs), 1);
	ss_ruleset_free(rs);
}

static void test_errors_all_reported(void **state)
{
	(void)state;
	/* One bad line does not hide the next one. */
	diags g;
	ss_ruleset *rs = new_set(&g);
	assert_int_equal(add(rs, "t.rules", "rule a\n  kind pct\n  unit\nrule b\n  kind money\n"),
	                 SS_ERR_CONFIG);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.text[0], "t.rules:2:8: unknown kind 'pct' (percent, change, money, "
	                               "count, multiple)");
	assert_string_equal(g.text[1], "t.rules:3:7: 'unit' needs a value");
	assert_string_equal(g.text[2], "t.rules:4:1: rule 'b' has no pattern");
	ss_ruleset_free(rs);
}

/* ---- compile errors -------------------------------------------------- */

static void compile_error(const char *text, const char *expect, const char *rule)
{
	diags g;
	ss_ruleset *rs = new_set(&g);
	assert_int_equal(add(rs, "t.rules", text), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_ERR_CONFIG);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.text[0], expect);
	assert_string_equal(g.rule[0], rule);
	/* and nothing runs */
	ss_match *m;
	assert_int_equal(ss_rules_scan(rs, "12%", 3, &m, NULL, "d"), 0);
	assert_int_equal(ss_ruleset_compile(rs), SS_ERR_CONFIG);
	ss_ruleset_free(rs);
}

static void test_pcre2_error_column(void **state)
{
	(void)state;
	/* The expansion of {NUM} is 10 bytes where the file has 5 characters;
	 * the column must still land on the ')' of the file (近 is one character). */
	compile_error("define NUM [0-9]+\n"
	              "rule a\n"
	              "  kind percent\n"
	              "  pattern 近{NUM})(?<num>%)\n",
	              "t.rules:4:17: unmatched closing parenthesis", "a");
	/* an error at the end of the pattern points just past it */
	compile_error("define NUM [0-9]+\n"
	              "rule a\n"
	              "  kind percent\n"
	              "  pattern {NUM}(?<num>[0-9)\n",
	              "t.rules:4:28: missing terminating ] for character class", "a");
	/* an error inside a define points at its use, and names the define */
	compile_error("define BAD a)\n"
	              "rule b\n"
	              "  kind percent\n"
	              "  pattern x{BAD}(?<num>1)\n",
	              "t.rules:4:12: unmatched closing parenthesis (in {BAD}, defined at t.rules:1)",
	              "b");
}

static void test_group_checks(void **state)
{
	(void)state;
	compile_error("rule a\n  kind percent\n  pattern [0-9]+%\n",
	              "t.rules:3:11: rule 'a' has no (?<num>...) group and no fixed value", "a");
	compile_error("rule a\n  kind percent\n  pattern (?<num>[0-9]+)(?<pct>%)\n",
	              "t.rules:3:25: unknown group name 'pct' (num hi den q q2 unit dir basis q3 label)",
	              "a");
	/* a fixed value needs no num group */
	diags g;
	ss_ruleset *rs = compiled(&g, "rule a\n  kind change\n  value 100\n  pattern 翻一番\n");
	assert_int_equal(rs->rules[0].group[SS_G_NUM], -1);
	ss_ruleset_free(rs);
}

/* ---- scanning -------------------------------------------------------- */

static const char pct_rules[] =
	"define NUM [0-9]+(?:\\.[0-9]+)?\n"
	"rule percent\n"
	"  kind percent\n"
	"  unit %\n"
	"  pattern (?<q>近|超过)?(?<num>{NUM})%(?<q2>以上|以下)?\n";

static void test_scan_spans(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled(&g, pct_rules);
	const char *t = "报告显示，其中95%以上金融机构已上云，另有近30.5%正在规划，比例为12%。";
	ss_match *m;
	size_t n = ss_rules_scan(rs, t, strlen(t), &m, NULL, "doc");
	assert_int_equal(n, 3);

	assert_ptr_equal(m[0].rule, &rs->rules[0]);
	assert_int_equal(m[0].start, off(t, "95%"));
	assert_int_equal(m[0].end, off(t, "金融"));
	assert_int_equal(m[0].gs[SS_G_NUM], off(t, "95"));
	assert_int_equal(m[0].ge[SS_G_NUM], off(t, "%以上"));
	assert_int_equal(m[0].gs[SS_G_Q2], off(t, "以上"));
	assert_int_equal(m[0].ge[SS_G_Q2], off(t, "金融"));
	assert_true(m[0].gs[SS_G_Q] == SS_UNSET && m[0].ge[SS_G_Q] == SS_UNSET);
	assert_true(m[0].gs[SS_G_HI] == SS_UNSET);

	assert_int_equal(m[1].start, off(t, "近30.5%"));
	assert_int_equal(m[1].end, off(t, "正在"));
	assert_int_equal(m[1].gs[SS_G_Q], off(t, "近30.5"));
	assert_int_equal(m[1].gs[SS_G_NUM], off(t, "30.5"));
	assert_int_equal(m[1].ge[SS_G_NUM], off(t, "%正在"));
	assert_true(m[1].gs[SS_G_Q2] == SS_UNSET);

	assert_int_equal(m[2].start, off(t, "12%"));
	assert_int_equal(m[2].end, off(t, "。"));
	free(m);

	/* no candidate, no match, nothing allocated */
	const char *plain = "这段文字里没有任何数字。";
	m = (ss_match *)1;
	assert_int_equal(ss_rules_scan(rs, plain, strlen(plain), &m, NULL, "doc"), 0);
	assert_null(m);
	ss_ruleset_free(rs);
}

static void test_scan_far_apart(void **state)
{
	(void)state;
	/* Many windows, far apart, none merged; each finds its figure. */
	diags g;
	ss_ruleset *rs = compiled(&g, pct_rules);
	ss_buf b = SS_BUF_INIT;
	for (int i = 0; i < 200; i++) {
		for (int k = 0; k < 30; k++)
			ss_buf_adds(&b, "字");
		ss_buf_addf(&b, "%d%%", i);
	}
	ss_match *m;
	size_t n = ss_rules_scan(rs, b.ptr, b.len, &m, NULL, "doc");
	assert_int_equal(n, 200);
	for (size_t i = 1; i < n; i++)
		assert_true(m[i].start >= m[i - 1].end);
	assert_int_equal(m[199].end, b.len);
	free(m);
	ss_buf_release(&b);
	ss_ruleset_free(rs);
}

static void test_overlap(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled(&g, "rule short\n  kind percent\n  pattern (?<num>[0-9]+)%\n"
	                              "rule long.first\n  kind percent\n  pattern (?<num>[0-9]+)%以上\n"
	                              "rule long.second\n  kind percent\n  pattern [0-9](?<num>[0-9])%以上\n"
	                              "rule later\n  kind percent\n  pattern (?<num>5)%以上金融机构\n");
	const char *t = "其中95%以上金融机构";
	ss_match *m;
	size_t n = ss_rules_scan(rs, t, strlen(t), &m, NULL, "doc");
	/* leftmost wins over longer-but-later ("later" starts at 5) */
	assert_int_equal(n, 1);
	assert_string_equal(m[0].rule->id, "long.first"); /* longest, then the earlier rule */
	assert_int_equal(m[0].start, off(t, "95"));
	assert_int_equal(m[0].end, off(t, "金融"));
	free(m);
	ss_ruleset_free(rs);
}

/* Matches of several rules in one window come rule by rule and are put in
 * text order window by window: a few of them, more than a handful (a table's
 * row of figures), and windows far apart, with an overlap in each. */
static void test_windows_sorted(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled(&g, "rule jia\n  kind count\n  pattern (?<num>[0-9]+)家\n"
	                              "rule pct\n  kind percent\n  pattern (?<num>[0-9]+)%\n"
	                              "rule pct.long\n  kind percent\n  pattern (?<num>[0-9]+)%以上\n");
	static const int rows[] = {1, 3, 8, 9, 40};
	for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
		ss_buf b = SS_BUF_INIT;
		for (int w = 0; w < 3; w++) {
			for (int k = 0; k < 40; k++)
				ss_buf_adds(&b, "字");
			for (int i = 0; i < rows[r]; i++)
				ss_buf_addf(&b, i % 3 == 2 ? "%d%%以上，" : i % 3 ? "%d%%，" : "%d家，", i);
		}
		ss_match *m;
		size_t n = ss_rules_scan(rs, b.ptr, b.len, &m, NULL, "doc");
		assert_int_equal(n, 3 * (size_t)rows[r]);
		for (size_t k = 0; k < n; k++) {
			int i = (int)(k % (size_t)rows[r]);
			const char *want = i % 3 == 2 ? "pct.long" : i % 3 ? "pct" : "jia";
			if (strcmp(m[k].rule->id, want))
				fail_msg("%d a row: match %zu by %s, want %s", rows[r], k, m[k].rule->id, want);
			if (k && m[k].start < m[k - 1].end)
				fail_msg("%d a row: match %zu out of order", rows[r], k);
			char num[16];
			snprintf(num, sizeof num, "%d", i);
			assert_int_equal(m[k].ge[SS_G_NUM] - m[k].gs[SS_G_NUM], strlen(num));
			assert_memory_equal(b.ptr + m[k].gs[SS_G_NUM], num, strlen(num));
		}
		free(m);
		ss_buf_release(&b);
	}
	ss_ruleset_free(rs);
}

static void test_duplicate_names(void **state)
{
	(void)state;
	/* A define holding (?<num>...) used twice: the group that took part counts. */
	diags g;
	ss_ruleset *rs = compiled(&g, "define N (?<num>[0-9]+)\n"
	                              "rule approx\n  kind percent\n"
	                              "  pattern (?:约{N}%|{N}%左右)\n");
	const char *t = "占比30%左右";
	ss_match *m;
	assert_int_equal(ss_rules_scan(rs, t, strlen(t), &m, NULL, "doc"), 1);
	assert_int_equal(m[0].start, off(t, "30"));
	assert_int_equal(m[0].gs[SS_G_NUM], off(t, "30"));
	assert_int_equal(m[0].ge[SS_G_NUM], off(t, "%"));
	free(m);
	ss_ruleset_free(rs);
}

/* needs: worked out from the pattern (needs.c), never written by hand; a
 * rule set with them finds exactly what a search of every rule everywhere
 * finds. */
static void test_needs(void **state)
{
	(void)state;
	diags g;
	static const struct {
		const char *pattern, *needs;
	} cases[] = {
		{"(?<num>[0-9]+)%", "%"},
		{"(?<num>[0-9]+)元", "元"},
		{"(?<num>[0-9]+)%?", NULL},             /* nothing required but digits */
		{"(?<num>[0-9]+)(?:美元|港元|英镑)", "元镑"}, /* the last character of each word */
		{"(?<num>[0-9]+)[家户]", "家户"},
		{"(?<num>[0-9]+)(?=元)", NULL},         /* a lookahead holds nothing of the match */
		{"(?<num>[0-9]+)(?i:x)", NULL},         /* inline options: not guessed at */
		{"(?<num>[0-9]+)(?:倍|{@unit})", "倍元"}, /* a table reference: its words */
		{"(?<num>[0-9]+)\\.?成", "成"},
		/* \\K moves the match's start, not its try's: what comes before it
		 * is read from where the rule is tried */
		{"调[^，]{0,4}?\\K(?<num>[0-9]+)%", "调"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char text[256];
		snprintf(text, sizeof text, "table unit\nmap unit 元 CNY\nrule r\n  kind percent\n"
		                            "  pattern %s\n", cases[i].pattern);
		ss_ruleset *rs = compiled(&g, text);
		const char *got = rs->rules[0].needs;
		if (cases[i].needs ? !got || strcmp(got, cases[i].needs) : got != NULL)
			fail_msg("%s: needs %s, want %s", cases[i].pattern, got ? got : "(none)",
			         cases[i].needs ? cases[i].needs : "(none)");
		ss_ruleset_free(rs);
	}

	/* the same matches as a search of every rule everywhere */
	static const char src[] = "rule pct\n  kind percent\n  pattern (?<num>[0-9]+)%\n"
	                          "rule yuan\n  kind money\n  pattern (?<num>[0-9]+)元\n";
	const char *t = "收入12元，占比30%；2021年，另有7元和8%";
	size_t n[2];
	ss_match *m[2];
	for (int k = 0; k < 2; k++) {
		ss_ruleset *rs = new_set(&g);
		assert_int_equal(add(rs, "t.rules", src), SS_OK);
		rs->search_all = k == 1;
		assert_int_equal(ss_ruleset_compile(rs), SS_OK);
		assert_non_null(rs->rules[0].needs);
		n[k] = ss_rules_scan(rs, t, strlen(t), &m[k], NULL, "doc");
		ss_ruleset_free(rs);
	}
	assert_int_equal(n[0], 4);
	assert_int_equal(n[1], 4);
	for (size_t i = 0; i < n[0]; i++) {
		assert_int_equal(m[0][i].start, m[1][i].start);
		assert_int_equal(m[0][i].end, m[1][i].end);
	}
	free(m[0]);
	free(m[1]);
	static const char ksrc[] = "rule k\n  kind percent\n  pattern 调[^，]{0,4}?\\K(?<num>[0-9]+)%\n";
	static const char *const kt[] = {"下调至5%，又调了3%", "下降5%", "调3%", "调，3%"};
	scan_table(ksrc, kt, (const size_t[]){2, 0, 1, 0}, 4);

	/* a written list is accepted with a warning and ignored */
	ss_ruleset *rs = new_set(&g);
	const char *old = "rule x\n  kind percent\n  needs 元\n  pattern (?<num>[0-9]+)%\n";
	assert_int_equal(add(rs, "old.rules", old), SS_OK);
	assert_int_equal(g.n, 1);
	assert_non_null(strstr(g.text[0], "old.rules:3:3: 'needs' is ignored"));
	assert_int_equal(g.level[0], SS_DIAG_WARNING);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	assert_string_equal(rs->rules[0].needs, "%");
	ss_ruleset_free(rs);
}

/* The walk that cuts the windows lists the needed characters as it goes:
 * the list is every ASCII or 3-byte character with a needs bit, in order,
 * among characters of every length, in texts of many windows and none, up
 * to the last byte; and the scan finds each figure by it, window by window. */
static void test_needs_listed(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled_alone(&g, "rule pct\n  kind percent\n  pattern (?<num>[0-9]+)%\n"
	                                    "rule yuan\n  kind money\n  pattern (?<num>[0-9]+)(?:美元|英镑)\n"
	                                    "rule jia\n  kind count\n  pattern (?<num>[0-9]+)家\n");
	assert_non_null(rs->needs_index);
	static const char *const pool[] = {"%", "元", "镑", "家", "字", "a", "1", "2", "é",
	                                   "😀", "美", "一", "万", " ", "户", "，"};
	uint64_t seed = 88172645463325252ull;
	for (int it = 0; it < 300; it++) {
		ss_buf b = SS_BUF_INIT;
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		for (unsigned k = (unsigned)(seed % 400); k > 0; k--) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			unsigned c = (unsigned)(seed % 64);
			ss_buf_adds(&b, c < 16 ? pool[c] : c < 40 ? "字" : pool[c % 4]);
		}
		size_t len = b.len, nw, nneed, k = 0;
		ss_need_at *need;
		ss_window *w = ss_windows_find(rs, b.ptr ? b.ptr : "", len, &nw, &need, &nneed);
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			int cl = ss_utf8_decode(b.ptr + i, len - i, &cp);
			assert_true(cl > 0);
			if ((cp < 0x80 || (cp >= 0x800 && cp < 0x10000)) && rs->needs_index[cp]) {
				if (k >= nneed || need[k].at != i ||
				    need[k].bit != 1ull << (rs->needs_index[cp] - 1))
					fail_msg("text %d: needed character %zu at %zu not listed", it, k, i);
				k++;
			}
			i += (size_t)cl;
		}
		assert_int_equal(k, nneed);
		free(need);
		free(w);
		ss_buf_release(&b);
	}

	ss_buf b = SS_BUF_INIT;
	for (int i = 0; i < 30; i++) {
		for (int k = 0; k < (i % 7) * 9; k++)
			ss_buf_adds(&b, "字");
		ss_buf_addf(&b, i % 3 == 2 ? "%d家" : i % 3 ? "%d%%" : "%d美元", i);
	}
	ss_buf_adds(&b, "又3");
	ss_match *m;
	size_t n = ss_rules_scan(rs, b.ptr, b.len, &m, NULL, "doc");
	assert_int_equal(n, 30);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(m[i].rule->id, i % 3 == 2 ? "jia" : i % 3 ? "pct" : "yuan");
	free(m);
	ss_buf_release(&b);
	ss_ruleset_free(rs);
}

/* The walk passes 3-byte characters that are neither candidates nor needed at
 * one bit test each, among them neighbours of a needed character in its
 * block of 64 code points (容 and 害 beside 家): a candidate or a needed
 * character at every byte offset after fillers of one to four bytes, followed
 * by nothing, fillers or a 4-byte character, is found and listed all the same. */
static void test_walk_passes_runs(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled_alone(&g, "rule pct\n  kind percent\n  pattern (?<num>[0-9]+)%\n"
	                                    "rule yuan\n  kind money\n  pattern (?<num>[0-9]+)(?:美元|英镑)\n"
	                                    "rule jia\n  kind count\n  pattern (?<num>[0-9一二三]+)家\n"
	                                    "rule doubled\n  kind change\n  value 100\n  trigger 翻\n"
	                                    "  pattern 翻番\n");
	assert_non_null(rs->needs_index);
	assert_true(rs->needs_index[0x5BB6]);                                 /* 家 */
	assert_true(!rs->needs_index[0x5BB9] && !rs->needs_index[0x5BB3]); /* 容, 害 */
	static const char *const fill[] = {"字", "容", "害", "，"};
	static const char *const tail[] = {"", "容", "a害", "😀", "é字"};
	/* what stands at the offset, and the end of its candidate (0: none) */
	static const struct {
		const char *s;
		size_t cand_end;
	} at[] = {{"1", 1}, {"%", 1}, {"翻", 3}, {"家", 0}, {"美", 0}, {"一家", 3}, {"一字字", 0}, {"容", 0}};
	for (size_t x = 0; x < sizeof at / sizeof *at; x++)
		for (size_t p = 0; p < 48; p++)
			for (size_t f = 0; f < 4; f++)
				for (size_t e = 0; e < 5; e++) {
					ss_buf b = SS_BUF_INIT;
					ss_buf_adds(&b, p % 3 == 2 ? "é" : p % 3 ? "a" : "");
					for (size_t k = 0; k < p / 3; k++)
						ss_buf_adds(&b, fill[(f + k) % 4]);
					assert_int_equal(b.len, p);
					ss_buf_adds(&b, at[x].s);
					ss_buf_adds(&b, tail[e]);
					size_t nw, nneed, k = 0;
					ss_need_at *need;
					ss_window *w = ss_windows_find(rs, b.ptr, b.len, &nw, &need, &nneed);
					for (size_t i = 0; i < b.len;) {
						uint32_t cp;
						int cl = ss_utf8_decode(b.ptr + i, b.len - i, &cp);
						assert_true(cl > 0);
						if (cp < 0x10000 && rs->needs_index[cp]) {
							if (k >= nneed || need[k].at != i)
								fail_msg("'%s' at %zu: needed character at %zu not listed",
								         at[x].s, p, i);
							k++;
						}
						i += (size_t)cl;
					}
					assert_int_equal(k, nneed);
					if (at[x].cand_end) {
						if (nw != 1 || w[0].e != p + at[x].cand_end)
							fail_msg("'%s' at %zu, fill %zu, tail %zu: %zu windows", at[x].s, p,
							         f, e, nw);
					} else if (nw) {
						fail_msg("'%s' at %zu, fill %zu, tail %zu: a window", at[x].s, p, f, e);
					}
					free(need);
					free(w);
					ss_buf_release(&b);
				}
	ss_ruleset_free(rs);
}

static void test_chinese_numerals_and_triggers(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled(&g, "rule count\n  kind count\n"
	                              "  pattern (?<q>近)?(?<num>[一二三四五六七八九十百千万亿]+)家\n"
	                              "rule doubled\n  kind change\n  value 100\n  trigger 翻\n"
	                              "  pattern 翻番\n"
	                              "rule halved\n  kind change\n  value -50\n  pattern 减半\n");
	const char *t = "据统计，近百家金融机构参与；营收实现翻番，成本减半。";
	ss_match *m;
	size_t n = ss_rules_scan(rs, t, strlen(t), &m, NULL, "doc");
	assert_int_equal(n, 3);
	assert_string_equal(m[0].rule->id, "count");
	assert_int_equal(m[0].start, off(t, "近百家"));
	assert_int_equal(m[0].gs[SS_G_NUM], off(t, "百家"));
	assert_string_equal(m[1].rule->id, "doubled"); /* found only through its trigger */
	assert_int_equal(m[1].start, off(t, "翻番"));
	assert_string_equal(m[2].rule->id, "halved"); /* 半 is a numeral */
	free(m);
	ss_ruleset_free(rs);
}

static void test_window_reaches_back(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled(&g, "rule change\n  kind change\n"
	                              "  pattern (?<dir>同比大幅增长|大幅增长|增长)(?<num>[0-9]+)%\n");
	/* a six-character lead-in, after a long stretch without candidates */
	const char *t = "公司公告显示该公司本年度的营业收入同比大幅增长15%，创下新高";
	ss_match *m;
	assert_int_equal(ss_rules_scan(rs, t, strlen(t), &m, NULL, "doc"), 1);
	assert_int_equal(m[0].start, off(t, "同比大幅"));
	assert_int_equal(m[0].gs[SS_G_DIR], off(t, "同比大幅"));
	free(m);
	ss_ruleset_free(rs);

	/* Exactly SS_WIN_BEFORE characters before the digit is the documented reach. */
	rs = compiled(&g, "rule q\n  kind percent\n  pattern (?<q>(?:甲){1,24})?(?<num>[0-9]+)%\n");
	ss_buf b = SS_BUF_INIT;
	ss_buf_adds(&b, "前文很长没有数字的句子");
	size_t q0 = b.len;
	for (int i = 0; i < SS_WIN_BEFORE; i++)
		ss_buf_adds(&b, "甲");
	size_t d0 = b.len;
	ss_buf_adds(&b, "7%");
	assert_int_equal(ss_rules_scan(rs, b.ptr, b.len, &m, NULL, "doc"), 1);
	assert_int_equal(m[0].start, q0);
	assert_int_equal(m[0].gs[SS_G_NUM], d0);
	free(m);
	ss_buf_release(&b);
	ss_ruleset_free(rs);
}

/* The windows' edges are counted in characters of one to four bytes: each
 * text's windows against the same cut made by character index. Only the
 * digits and '%' are candidates here (the pool has no Chinese numeral). */
static void test_window_edges_by_characters(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled(&g, "rule pct\n  kind percent\n  pattern (?<num>[0-9]+)%\n");
	static const char *const pool[] = {"a", "é", "字", "😀", "1", "%", "，", " "};
	uint64_t seed = 2463534242ull;
	size_t start[1200], windows = 0;
	for (int it = 0; it < 400; it++) {
		ss_buf b = SS_BUF_INIT;
		int nc = 0;
		bool cand[1200];
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		int len = (int)(seed % 1000), dense = 2 + (int)((seed >> 20) % 60);
		for (; nc < len; nc++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			unsigned c = (unsigned)(seed % (unsigned)(dense * 4));
			c = c < 4 ? 4 + c % 2 : c % 4;
			start[nc] = b.len;
			cand[nc] = c >= 4;
			ss_buf_adds(&b, pool[c]);
		}
		start[nc] = b.len;
		/* the cut by index: a window from BEFORE characters before its first
		 * candidate, ending after its last; merged while the next one's
		 * start is no later than AFTER characters past the last */
		ss_window want[1200];
		size_t nwant = 0;
		int ws = -1, lc = 0;
		for (int c = 0; c < nc; c++) {
			if (!cand[c])
				continue;
			int s = c > SS_WIN_BEFORE ? c - SS_WIN_BEFORE : 0;
			int e = lc + SS_WIN_AFTER < nc ? lc + SS_WIN_AFTER : nc;
			if (ws >= 0 && s > e) {
				int lim = e + SS_WIN_MARGIN < nc ? e + SS_WIN_MARGIN : nc;
				want[nwant++] = (ss_window){start[ws], start[lc], start[lim]};
				ws = -1;
			}
			if (ws < 0)
				ws = s;
			lc = c + 1;
		}
		if (ws >= 0) {
			int lim = lc + SS_WIN_AFTER + SS_WIN_MARGIN;
			want[nwant++] = (ss_window){start[ws], start[lc], start[lim < nc ? lim : nc]};
		}
		size_t nw, nneed;
		ss_need_at *need;
		ss_window *w = ss_windows_find(rs, b.ptr ? b.ptr : "", b.len, &nw, &need, &nneed);
		assert_int_equal(nw, nwant);
		for (size_t k = 0; k < nw; k++)
			if (w[k].s != want[k].s || w[k].e != want[k].e || w[k].lim != want[k].lim)
				fail_msg("text %d, window %zu: [%zu %zu %zu], want [%zu %zu %zu]", it, k,
				         w[k].s, w[k].e, w[k].lim, want[k].s, want[k].e, want[k].lim);
		windows += nw;
		free(w);
		free(need);
		ss_buf_release(&b);
	}
	assert_true(windows > 1000);
	ss_ruleset_free(rs);
}

static void test_window_reaches_forward(void **state)
{
	(void)state;
	/* A long number: candidates all along keep one merged window open. */
	diags g;
	ss_ruleset *rs = compiled(&g, "rule money\n  kind money\n"
	                              "  pattern (?<num>[0-9][0-9,.]*)(?<unit>亿元人民币)\n");
	const char *t = "总额达到1,234,567,890,123,456,789,012.55亿元人民币。";
	ss_match *m;
	assert_int_equal(ss_rules_scan(rs, t, strlen(t), &m, NULL, "doc"), 1);
	assert_int_equal(m[0].start, off(t, "1,234"));
	assert_int_equal(m[0].end, off(t, "。"));
	free(m);
	ss_ruleset_free(rs);
}

static void test_catastrophic_pattern(void **state)
{
	(void)state;
	diags g;
	/* The $ keeps the rule out of the prefilter (which may spare PCRE2 a try
	 * that cannot match): it is tried everywhere. */
	ss_ruleset *rs = compiled(&g, "rule bad\n  kind count\n  pattern (?<num>[0-9])(a+)+$\n"
	                              "rule good\n  kind percent\n  pattern (?<num>[0-9]+)%\n");
	ss_buf b = SS_BUF_INIT;
	ss_buf_adds(&b, "增长5%，");
	for (int k = 0; k < 2; k++) {
		ss_buf_adds(&b, "1");
		for (int i = 0; i < 30; i++)
			ss_buf_adds(&b, "a");
		ss_buf_adds(&b, "!中间的文字足够长足够长足够长足够长足够长足够长足够长足够长，");
	}
	ss_buf_adds(&b, "下降7%");
	diags w;
	memset(&w, 0, sizeof w);
	ss_diag_sink sink = {capture, &w, 0, 0};
	ss_match *m;
	size_t n = ss_rules_scan(rs, b.ptr, b.len, &m, &sink, "big.txt");
	/* the other rule still ran everywhere */
	assert_int_equal(n, 2);
	assert_string_equal(m[0].rule->id, "good");
	assert_string_equal(m[1].rule->id, "good");
	assert_int_equal(m[1].end, b.len);
	/* reported once, as a warning naming the rule and the document */
	assert_int_equal(w.n, 1);
	assert_int_equal(sink.warnings, 1);
	assert_int_equal(w.level[0], SS_DIAG_WARNING);
	assert_string_equal(w.rule[0], "bad");
	assert_non_null(strstr(w.text[0], "big.txt"));
	assert_non_null(strstr(w.text[0], "'bad'"));
	assert_non_null(strstr(w.text[0], "limit"));
	free(m);

	/* once per document: the next document is told again */
	n = ss_rules_scan(rs, b.ptr, b.len, &m, &sink, "other.txt");
	assert_int_equal(n, 2);
	assert_int_equal(w.n, 2);
	free(m);
	ss_buf_release(&b);
	ss_ruleset_free(rs);
}

typedef struct {
	const ss_ruleset *rs;
	const char *text;
	size_t len, found;
} scan_job;

static void *scan_thread(void *arg)
{
	scan_job *j = arg;
	for (int i = 0; i < 50; i++) {
		ss_match *m;
		size_t n = ss_rules_scan(j->rs, j->text, j->len, &m, NULL, "doc");
		free(m);
		if (i && n != j->found)
			j->found = SIZE_MAX;
		else
			j->found = n;
	}
	return NULL;
}

static void test_threads_share_a_set(void **state)
{
	(void)state;
	diags g;
	ss_ruleset *rs = compiled(&g, pct_rules);
	ss_buf b = SS_BUF_INIT;
	for (int i = 0; i < 500; i++)
		ss_buf_addf(&b, "第%d段：占比约%d.5%%以上，", i, i % 100);
	pthread_t th[4];
	scan_job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (scan_job){rs, b.ptr, b.len, 0};
		assert_int_equal(pthread_create(&th[i], NULL, scan_thread, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(jobs[i].found, 500);
	}
	ss_buf_release(&b);
	ss_ruleset_free(rs);
}

/* ---- the public set functions ---------------------------------------- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_add_dir(void **state)
{
	(void)state;
	char dir[] = "/tmp/ss_rules_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char p[4][256];
	snprintf(p[0], sizeof p[0], "%s/b.rules", dir);
	snprintf(p[1], sizeof p[1], "%s/a.rules", dir);
	snprintf(p[2], sizeof p[2], "%s/notes.txt", dir);
	snprintf(p[3], sizeof p[3], "%s/.hidden.rules", dir);
	write_file(p[0], "rule b\n  kind money\n  pattern (?<num>{N})元\n");
	write_file(p[1], "define N [0-9]+\nrule a\n  kind percent\n  pattern (?<num>{N})%\n");
	write_file(p[2], "not rules\n");
	write_file(p[3], "garbage\n");

	diags g;
	ss_ruleset *rs = new_set(&g);
	assert_int_equal(ss_ruleset_add_dir(rs, dir), SS_OK);
	assert_int_equal(g.n, 0);
	assert_int_equal(ss_ruleset_rule_count(rs), 2);
	assert_string_equal(ss_ruleset_rule_id(rs, 0), "a"); /* name order: a.rules first */
	assert_string_equal(ss_ruleset_rule_id(rs, 1), "b");
	assert_string_equal(ss_ruleset_rule_file(rs, 0), p[1]);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	/* a compiled set takes no more rules */
	assert_int_equal(add(rs, "late.rules", "map unit 家 家\n"), SS_ERR_USAGE);
	ss_ruleset_free(rs);

	/* a missing directory is an error naming it */
	char missing[300];
	snprintf(missing, sizeof missing, "%s/nope", dir);
	rs = new_set(&g);
	assert_int_equal(ss_ruleset_add_dir(rs, missing), SS_ERR_CONFIG);
	assert_int_equal(g.n, 1);
	assert_non_null(strstr(g.text[0], missing));
	assert_non_null(strstr(g.text[0], "No such file"));
	assert_int_equal(ss_ruleset_compile(rs), SS_ERR_CONFIG);
	ss_ruleset_free(rs);

	/* an unreadable file is an error naming it (root reads anything: skip then) */
	if (geteuid() != 0) {
		chmod(p[0], 0);
		rs = new_set(&g);
		assert_int_equal(ss_ruleset_add_dir(rs, dir), SS_ERR_CONFIG);
		assert_int_equal(g.n, 1);
		assert_non_null(strstr(g.text[0], p[0]));
		ss_ruleset_free(rs);
	}
	for (int i = 0; i < 4; i++)
		unlink(p[i]);
	rmdir(dir);
}

/* The built-in rules' codes are read back as the build compiled them
 * (ss_rules_builtin_code): each the same as a compile of its pattern now;
 * a set searched unanchored (other options) compiles its own. */
static void test_builtin_codes(void **state)
{
	(void)state;
	for (int searched = 0; searched < 2; searched++) {
		ss_ruleset *rs = ss_ruleset_new();
		rs->search_all = searched;
		assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
		assert_int_equal(ss_ruleset_compile(rs), SS_OK);
		ss_rules_compile_lazy(rs);
		assert_int_equal(ss_rules_builtin_count, rs->nrules);
		for (size_t i = 0; i < rs->nrules; i++) {
			const ss_rule *r = &rs->rules[i];
			assert_true(ss_rules_builtin_code_at[i] < ss_rules_builtin_code_at[i + 1]);
			int err;
			PCRE2_SIZE eoff;
			uint32_t want = PCRE2_UTF | PCRE2_DUPNAMES | PCRE2_USE_OFFSET_LIMIT |
			                (searched ? 0 : PCRE2_ANCHORED);
			pcre2_code *fresh = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
			                                  want, &err, &eoff, NULL);
			assert_non_null(fresh);
			static const uint32_t what[] = {PCRE2_INFO_ARGOPTIONS, PCRE2_INFO_CAPTURECOUNT,
			                                PCRE2_INFO_NAMECOUNT};
			for (size_t k = 0; k < sizeof what / sizeof *what; k++) {
				uint32_t a = 0, b = 0;
				pcre2_pattern_info(r->code, what[k], &a);
				pcre2_pattern_info(fresh, what[k], &b);
				if (a != b)
					fail_msg("%s: info %u %u, compiled now %u", r->id, what[k], a, b);
			}
			size_t a = 0, b = 0;
			pcre2_pattern_info(r->code, PCRE2_INFO_SIZE, &a);
			pcre2_pattern_info(fresh, PCRE2_INFO_SIZE, &b);
			assert_int_equal(a, b);
			pcre2_code_free(fresh);
		}
		ss_ruleset_free(rs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_buffer),
		cmocka_unit_test(test_lookup_before_compile),
		cmocka_unit_test(test_traditional_folded),
		cmocka_unit_test(test_defaults_load),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_duplicate_id_across_files),
		cmocka_unit_test(test_errors_all_reported),
		cmocka_unit_test(test_pcre2_error_column),
		cmocka_unit_test(test_group_checks),
		cmocka_unit_test(test_scan_spans),
		cmocka_unit_test(test_scan_far_apart),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_windows_sorted),
		cmocka_unit_test(test_duplicate_names),
		cmocka_unit_test(test_needs),
		cmocka_unit_test(test_needs_listed),
		cmocka_unit_test(test_walk_passes_runs),
		cmocka_unit_test(test_chinese_numerals_and_triggers),
		cmocka_unit_test(test_window_reaches_back),
		cmocka_unit_test(test_window_reaches_forward),
		cmocka_unit_test(test_window_edges_by_characters),
		cmocka_unit_test(test_catastrophic_pattern),
		cmocka_unit_test(test_threads_share_a_set),
		cmocka_unit_test(test_add_dir),
		cmocka_unit_test(test_builtin_codes),
	};
	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}

/* builtingen.c - build-time generator: what start-up would otherwise work
 * out for the built-in rules (those embedded from rules/) each time, written
 * out as C: each rule's start set (starts.c; partial matches, a third of
 * start-up) and, in a build with Vectorscan, the prefilter's database
 * compiled and serialised (prefilter.c; seconds to compile), and that each
 * rule compiles, with its capture count (engine.c compiles it on its first
 * try instead of at start-up). Everything is
 * keyed on the rules' expanded patterns, so a rule set that differs (a
 * directory that extends a define) works its own out at start-up. Linked
 * with the library's objects but the generated one; it brings an empty one
 * of its own, so everything here is worked out anew.
 * Usage: builtingen > out.c */
#include <stdio.h>
#include <stdlib.h>

#include "rules/rules.h"
#include "statspan.h"

const size_t ss_starts_builtin_count = 0;
const uint64_t ss_starts_builtin_keys[1];
const uint32_t ss_starts_builtin_at[1];
const uint32_t ss_starts_builtin_cps[1];
const unsigned char ss_starts_builtin_dcont[1];
const char *const ss_needs_builtin[1];
const size_t ss_rules_builtin_count = 0;
const uint64_t ss_rules_builtin_keys[1];
const uint32_t ss_rules_builtin_pairs[1];
const unsigned char ss_rules_builtin_num[1];
const uint32_t ss_rules_builtin_code_at[1];
const size_t ss_alpha_builtin_count = 0;
const uint64_t ss_alpha_builtin_keys[1];
const uint32_t ss_alpha_builtin_at[1];
const uint32_t ss_alpha_builtin_ranges[1];
const unsigned char ss_alpha_builtin_all[1];
const size_t ss_pairs_builtin_count = 0;
const uint64_t ss_pairs_builtin_keys[1];
const unsigned char ss_pairs_builtin_known[1];
const unsigned char ss_pairs_builtin_bits[1];
const unsigned char ss_rules_builtin_code[1];
#ifdef SS_HAVE_HS
const size_t ss_hs_builtin_count = 0, ss_hs_builtin_len = 0;
const uint64_t ss_hs_builtin_keys[1];
const uint32_t ss_hs_builtin_same[1];
const unsigned char ss_hs_builtin_db[1];
const size_t ss_hs_probe_len = 0;
const unsigned char ss_hs_probe_db[1];
#endif

static void diag(void *ud, const ss_diag *d)
{
	fprintf(stderr, "builtingen: %s:%u:%u: %s\n", d->file ? d->file : "", d->line, d->column,
	        d->message);
}

/* A rule's flag, the rules' offsets into one array, and the array: rule
 * i's per * len[i] values (code points, or pairs of them). */
static void lists(const char *flags, const unsigned char *flag, const char *at,
                  const char *values, uint32_t **list, const size_t *len, size_t n, size_t per)
{
	size_t total = 0;
	printf("};\nconst unsigned char %s[] = {", flags);
	for (size_t i = 0; i < n; i++)
		printf("%s%d", i ? ", " : "", flag[i]);
	printf("};\nconst uint32_t %s[] = {0", at);
	for (size_t i = 0; i < n; i++)
		printf(", %zu", total += len[i]);
	printf("};\nconst uint32_t %s[] = {", values);
	for (size_t i = 0, k = 0; i < n; i++)
		for (size_t j = 0; j < per * len[i]; j++, k++)
			printf("%s0x%04x", k % 12 ? ", " : k ? ",\n\t" : "\n\t", (unsigned)list[i][j]);
	printf("%s};\n\n", total ? "\n" : "0");
}

static void starts(const ss_ruleset *rs)
{
	size_t n = rs->nrules;
	uint32_t **sets = calloc(n, sizeof *sets);
	size_t *len = calloc(n, sizeof *len);
	unsigned char *dcont = calloc(n, 1);
	printf("const size_t ss_starts_builtin_count = %zu;\n", n);
	printf("const uint64_t ss_starts_builtin_keys[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const ss_rule *r = &rs->rules[i];
		bool has = r->code && !r->anywhere;
		bool d = false;
		if (has)
			len[i] = ss_rule_starts(rs, i, &sets[i], &d);
		dcont[i] = d;
		printf("\t0x%016llxull, /* %s */\n",
		       has ? (unsigned long long)ss_pattern_key(r->pattern) : 0ull, r->id);
	}
	lists("ss_starts_builtin_dcont", dcont, "ss_starts_builtin_at", "ss_starts_builtin_cps", sets,
	      len, n, 1);
	for (size_t i = 0; i < n; i++)
		free(sets[i]);
	free(sets);
	free(len);
	free(dcont);
}

/* Each rule's needed characters (needs.c), as a C string, or NULL; keyed
 * as the compiled rules are (ss_rules_builtin_keys). */
static void needs(const ss_ruleset *rs)
{
	size_t n = rs->nrules;
	printf("const char *const ss_needs_builtin[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const char *s = rs->rules[i].needs;
		if (!s) {
			printf("\tNULL,\n");
			continue;
		}
		printf("\t\"");
		for (; *s; s++)
			printf("\\%03o", (unsigned char)*s);
		printf("\",\n");
	}
	printf("};\n\n");
}

/* bytes as a string literal named name: the compiler reads it far faster
 * than a list of numbers. */
static void blob(const char *name, const char *bytes, size_t len)
{
	printf("const unsigned char %s[] __attribute__((aligned(16))) =\n\"", name);
	for (size_t i = 0; i < len; i++) {
		printf("\\%03o", (unsigned char)bytes[i]);
		if (i % 64 == 63 && i + 1 < len)
			printf("\"\n\"");
	}
	printf("\";\n");
}

/* Each rule compiled here, checked (its groups, its num group or fixed
 * value): its key, its capture count + 1, whether it has a num group. */
static void compiled(const ss_ruleset *rs)
{
	size_t n = rs->nrules;
	printf("const size_t ss_rules_builtin_count = %zu;\n", n);
	printf("const uint64_t ss_rules_builtin_keys[] = {\n");
	for (size_t i = 0; i < n; i++)
		printf("\t0x%016llxull, /* %s */\n",
		       (unsigned long long)ss_pattern_key(rs->rules[i].pattern), rs->rules[i].id);
	printf("};\nconst uint32_t ss_rules_builtin_pairs[] = {");
	for (size_t i = 0; i < n; i++) {
		uint32_t cap = 0;
		pcre2_pattern_info(rs->rules[i].code, PCRE2_INFO_CAPTURECOUNT, &cap);
		printf("%s%u", i ? ", " : "", (unsigned)cap + 1);
	}
	printf("};\nconst unsigned char ss_rules_builtin_num[] = {");
	for (size_t i = 0; i < n; i++)
		printf("%s%d", i ? ", " : "", rs->rules[i].group[SS_G_NUM] >= 0);
	printf("};\n");
	/* Each code serialised alone, so that a rule's first try decodes just
	 * its own; every one 16-aligned, as PCRE2 reads its header in place.
	 * An empty one: the rule compiles at its first try. */
	ss_buf codes = SS_BUF_INIT;
	printf("const uint32_t ss_rules_builtin_code_at[] = {0");
	for (size_t i = 0; i < n; i++) {
		uint8_t *bytes = NULL;
		PCRE2_SIZE size = 0;
		const pcre2_code *c = rs->rules[i].code;
		if (pcre2_serialize_encode(&c, 1, &bytes, &size, NULL) == 1) {
			ss_buf_add(&codes, (const char *)bytes, size);
			while (codes.len % 16)
				ss_buf_add(&codes, "", 1);
		}
		pcre2_serialize_free(bytes);
		printf(", %zu", codes.len);
	}
	printf("};\n");
	blob("ss_rules_builtin_code", codes.ptr ? codes.ptr : "", codes.len);
	printf("\n");
	ss_buf_release(&codes);
}

/* The pair table (pairs.c), made here for every rule: which rules it
 * holds, keyed by their patterns, and its bits. */
static void pairs(const ss_ruleset *rs)
{
	size_t n = rs->nrules;
	printf("const size_t ss_pairs_builtin_count = %zu;\n", n);
	printf("const uint64_t ss_pairs_builtin_keys[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const ss_rule *r = &rs->rules[i];
		printf("\t0x%016llxull, /* %s */\n",
		       r->anywhere ? 0ull : (unsigned long long)ss_pattern_key(r->pattern), r->id);
	}
	printf("};\nconst unsigned char ss_pairs_builtin_known[] = {");
	for (size_t i = 0; i < n; i++)
		printf("%s%d", i ? ", " : "", rs->rules[i].pairs | rs->rules[i].pairs_alone << 1);
	printf("};\n");
	if (rs->pair_bits)
		blob("ss_pairs_builtin_bits", (const char *)rs->pair_bits, SS_PAIR_BITS / 8);
	else
		printf("const unsigned char ss_pairs_builtin_bits[1];\n");
	printf("\n");
}

/* Each rule's alphabet (alphabet.c) as ranges, keyed by its pattern; a
 * rule searched anywhere has none (0). */
static void alphabets(const ss_ruleset *rs)
{
	size_t n = rs->nrules;
	uint32_t **ranges = calloc(n, sizeof *ranges);
	size_t *len = calloc(n, sizeof *len);
	unsigned char *all = calloc(n, 1);
	printf("const size_t ss_alpha_builtin_count = %zu;\n", n);
	printf("const uint64_t ss_alpha_builtin_keys[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const ss_rule *r = &rs->rules[i];
		uint64_t *a = r->anywhere ? NULL : ss_pattern_alphabet(r->pattern);
		all[i] = !a;
		if (a)
			len[i] = ss_alphabet_ranges(a, &ranges[i]);
		free(a);
		printf("\t0x%016llxull, /* %s */\n",
		       r->anywhere ? 0ull : (unsigned long long)ss_pattern_key(r->pattern), r->id);
	}
	lists("ss_alpha_builtin_all", all, "ss_alpha_builtin_at", "ss_alpha_builtin_ranges", ranges,
	      len, n, 2);
	for (size_t i = 0; i < n; i++)
		free(ranges[i]);
	free(ranges);
	free(len);
	free(all);
}

#ifdef SS_HAVE_HS
/* The probe that picks the scan (prefilter.c), or none: start-up compiles it. */
static void probe(void)
{
	char *db;
	size_t len;
	if (!ss_prefilter_probe_serialize(&db, &len)) {
		printf("const size_t ss_hs_probe_len = 0;\nconst unsigned char ss_hs_probe_db[1];\n");
		return;
	}
	printf("const size_t ss_hs_probe_len = %zu;\n", len);
	blob("ss_hs_probe_db", db, len);
	free(db);
}

static void prefilter(const ss_ruleset *rs)
{
	char *db;
	size_t len;
	uint64_t *keys;
	uint32_t *same;
	/* Made for any machine: the one that runs it may lack this one's
	 * instructions (valgrind has no AVX-512). */
	ss_prefilter *pf = ss_prefilter_compile_generic(rs);
	bool ok = ss_prefilter_serialize(pf, &db, &len, &keys, &same, rs);
	ss_prefilter_free(pf);
	if (!ok) {
		/* No database (Vectorscan refused every pattern): every start-up
		 * compiles, and finds the same. */
		fprintf(stderr, "builtingen: no prefilter database for the built-in rules\n");
		printf("const size_t ss_hs_builtin_count = 0, ss_hs_builtin_len = 0;\n");
		printf("const uint64_t ss_hs_builtin_keys[1];\nconst uint32_t ss_hs_builtin_same[1];\n"
		       "const unsigned char ss_hs_builtin_db[1];\n");
		return;
	}
	printf("const size_t ss_hs_builtin_count = %zu, ss_hs_builtin_len = %zu;\n", rs->nrules, len);
	printf("const uint64_t ss_hs_builtin_keys[] = {\n");
	for (size_t i = 0; i < rs->nrules; i++)
		printf("\t0x%016llxull, /* %s */\n", (unsigned long long)keys[i], rs->rules[i].id);
	printf("};\nconst uint32_t ss_hs_builtin_same[] = {");
	for (size_t i = 0; i < rs->nrules; i++)
		printf("%s%u", i ? ", " : "", (unsigned)same[i]);
	printf("};\n");
	blob("ss_hs_builtin_db", db, len);
	free(db);
	free(keys);
	free(same);
}
#endif

int main(void)
{
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_set_diag(rs, diag, NULL);
	rs->no_prefilter = true;
	if (ss_ruleset_add_defaults(rs) != SS_OK || ss_ruleset_compile(rs) != SS_OK) {
		fprintf(stderr, "builtingen: the built-in rules do not compile\n");
		return 1;
	}
	printf("/* Generated by scripts/builtingen.c from the rules in rules/; do not edit. */\n");
	printf("#include <stddef.h>\n#include <stdint.h>\n\n");
	starts(rs);
	needs(rs);
	compiled(rs);
	pairs(rs);
	alphabets(rs);
#ifdef SS_HAVE_HS
	prefilter(rs);
	probe();
#endif
	ss_ruleset_free(rs);
	return 0;
}

/* ruleset.c - the public face of the rule engine (statspan.h): a rule set is
 * filled from files, compiled once, then shared read-only by every scan.
 * ss_ruleset_test lives with extraction, since it runs the whole pipeline. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

ss_ruleset *ss_ruleset_new(void)
{
	ss_ruleset *rs = ss_xcalloc(1, sizeof *rs);
	rs->compile_status = SS_OK;
	pthread_mutex_init(&rs->jit_lock, NULL);
	ss_rules_builtins(rs);
	return rs;
}

void ss_ruleset_free(ss_ruleset *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->nrules; i++)
		ss_rule_release(&rs->rules[i]);
	free(rs->rules);
	for (size_t i = 0; i < rs->nmaps; i++) {
		free(rs->maps[i].table);
		free(rs->maps[i].base);
		free(rs->maps[i].word);
		free(rs->maps[i].value);
	}
	free(rs->maps);
	free(rs->map_slots);
	for (size_t i = 0; i < rs->ndefines; i++)
		free(rs->defines[i]);
	for (size_t i = 0; i < rs->ndefines / 2; i++) {
		free(rs->define_src[i].raw);
		free(rs->define_src[i].excerpt);
	}
	for (size_t i = 0; i < rs->nextends; i++) {
		free(rs->extends[i].raw);
		free(rs->extends[i].excerpt);
	}
	free(rs->extends);
	for (size_t i = 0; i < rs->ntables; i++)
		free(rs->tables[i]);
	free(rs->tables);
	free(rs->defines);
	free(rs->define_src);
	for (size_t i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	if (rs->mctx)
		pcre2_match_context_free(rs->mctx);
	free(rs->cand_bits);
	free(rs->lex_first);
	free(rs->needs_index);
	free(rs->start_class);
	free(rs->start_cps);
	free(rs->start_rules);
	free(rs->digit_cont);
	free(rs->pair_own);
	if (rs->period_code)
		pcre2_code_free(rs->period_code);
	free(rs->period_lead);
	free(rs->period_ahead);
	free(rs->period_next);
	free(rs->period_next_at);
	ss_prefilter_free(rs->prefilter);
	pthread_mutex_destroy(&rs->jit_lock);
	free(rs);
}

void ss_ruleset_set_diag(ss_ruleset *rs, ss_diag_fn fn, void *userdata)
{
	if (!rs)
		return;
	rs->sink.fn = fn;
	rs->sink.userdata = userdata;
}

/* Adding to a compiled set would leave rules without code: refuse it. */
static bool refuse_after_compile(ss_ruleset *rs, const char *name)
{
	if (!rs->compiled)
		return false;
	ss_report(&rs->sink, SS_DIAG_ERROR, name, 0, 0, NULL,
	          "rules added after the rule set was compiled");
	return true;
}

ss_status ss_ruleset_add_buffer(ss_ruleset *rs, const char *name, const char *buf, size_t len)
{
	if (!rs || !name || (!buf && len))
		return SS_ERR_USAGE;
	if (refuse_after_compile(rs, name))
		return SS_ERR_USAGE;
	return ss_rules_load(rs, name, buf ? buf : "", len);
}

ss_status ss_ruleset_add_defaults(ss_ruleset *rs)
{
	if (!rs)
		return SS_ERR_USAGE;
	if (refuse_after_compile(rs, "the built-in rules"))
		return SS_ERR_USAGE;
	ss_status st = SS_OK;
	for (size_t i = 0; i < ss_default_rule_file_count; i++) {
		const ss_embedded_file *f = &ss_default_rule_files[i];
		if (ss_ruleset_add_buffer(rs, f->name, f->text, f->len) != SS_OK)
			st = SS_ERR_CONFIG;
	}
	return st;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ss_status ss_ruleset_add_dir(ss_ruleset *rs, const char *dir)
{
	if (!rs || !dir)
		return SS_ERR_USAGE;
	if (refuse_after_compile(rs, dir))
		return SS_ERR_USAGE;
	DIR *d = opendir(dir);
	if (!d) {
		ss_report(&rs->sink, SS_DIAG_ERROR, dir, 0, 0, NULL, "cannot open rule directory: %s",
		          strerror(errno));
		rs->load_errors++;
		return SS_ERR_CONFIG;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		/* Hidden files are editor leftovers (.#x.rules), not rules. */
		if (e->d_name[0] == '.' || l < 7 || strcmp(e->d_name + l - 6, ".rules") != 0)
			continue;
		ss_grow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = ss_xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	if (n == 0)
		ss_report(&rs->sink, SS_DIAG_WARNING, dir, 0, 0, NULL, "no *.rules files in directory");

	ss_status st = SS_OK;
	size_t dl = strlen(dir);
	bool slash = dl > 0 && dir[dl - 1] == '/';
	for (size_t i = 0; i < n; i++) {
		ss_buf path = SS_BUF_INIT;
		ss_buf_addf(&path, "%s%s%s", dir, slash ? "" : "/", names[i]);
		char *buf;
		size_t len;
		int err = ss_read_file(path.ptr, &buf, &len);
		if (err) {
			ss_report(&rs->sink, SS_DIAG_ERROR, path.ptr, 0, 0, NULL,
			          "cannot read rule file: %s", strerror(err));
			rs->load_errors++;
			st = SS_ERR_CONFIG;
		} else {
			if (ss_rules_load(rs, path.ptr, buf, len) != SS_OK)
				st = SS_ERR_CONFIG;
			free(buf);
		}
		ss_buf_release(&path);
		free(names[i]);
	}
	free(names);
	return st;
}

ss_status ss_ruleset_compile(ss_ruleset *rs)
{
	if (!rs)
		return SS_ERR_USAGE;
	/* Once only: a second call reports what the first found. */
	if (rs->compiled || rs->compile_status != SS_OK)
		return rs->compile_status;
	rs->compile_status = ss_rules_compile(rs);
	rs->compiled = rs->compile_status == SS_OK;
	return rs->compile_status;
}

int ss_ruleset_is_compiled(const ss_ruleset *rs)
{
	return rs && rs->compiled;
}

size_t ss_ruleset_rule_count(const ss_ruleset *rs)
{
	return rs ? rs->nrules : 0;
}

const char *ss_ruleset_rule_id(const ss_ruleset *rs, size_t i)
{
	return rs && i < rs->nrules ? rs->rules[i].id : NULL;
}

const char *ss_ruleset_rule_kind(const ss_ruleset *rs, size_t i)
{
	return rs && i < rs->nrules ? ss_kind_name(rs->rules[i].kind) : NULL;
}

const char *ss_ruleset_rule_file(const ss_ruleset *rs, size_t i)
{
	return rs && i < rs->nrules ? rs->rules[i].file : NULL;
}

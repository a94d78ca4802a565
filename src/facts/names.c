/* names.c - the names of enum values as they appear in every output format. */
#include <string.h>

#include "statspan.h"

static const char *const kind_names[SS_KIND__COUNT] = {"percent", "change", "money", "count",
                                                       "multiple"};
static const char *const qual_names[SS_QUAL__COUNT] = {
	"exact", "approx", "nearly", "at_least", "more_than", "at_most", "less_than", "range"};

const char *ss_kind_name(ss_kind k)
{
	return (unsigned)k < SS_KIND__COUNT ? kind_names[k] : "";
}

const char *ss_qualifier_name(ss_qualifier q)
{
	return (unsigned)q < SS_QUAL__COUNT ? qual_names[q] : "";
}

const char *ss_direction_name(ss_direction d)
{
	switch (d) {
	case SS_DIR_UP: return "up";
	case SS_DIR_DOWN: return "down";
	case SS_DIR_TO: return "to";
	default: return "";
	}
}

const char *ss_basis_name(ss_basis b)
{
	switch (b) {
	case SS_BASIS_YOY: return "yoy";
	case SS_BASIS_MOM: return "mom";
	default: return "";
	}
}

const char *ss_format_name(ss_format f)
{
	switch (f) {
	case SS_FORMAT_TEXT: return "text";
	case SS_FORMAT_HTML: return "html";
	case SS_FORMAT_MARKDOWN: return "markdown";
	default: return "auto";
	}
}

static int parse_name(const char *const *names, int n, const char *s, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return i;
	return -1;
}

int ss_kind_parse(const char *name, size_t len)
{
	return parse_name(kind_names, SS_KIND__COUNT, name, len);
}

int ss_qualifier_parse(const char *name, size_t len)
{
	return parse_name(qual_names, SS_QUAL__COUNT, name, len);
}

/* The names of direction and basis come from the functions above. */
static int parse_with(const char *(*name)(int), int n, const char *s, size_t len)
{
	for (int i = 1; i < n; i++)
		if (strlen(name(i)) == len && memcmp(name(i), s, len) == 0)
			return i;
	return -1;
}

static const char *direction_at(int i)
{
	return ss_direction_name((ss_direction)i);
}

static const char *basis_at(int i)
{
	return ss_basis_name((ss_basis)i);
}

int ss_direction_parse(const char *name, size_t len)
{
	return parse_with(direction_at, SS_DIR_TO + 1, name, len);
}

int ss_basis_parse(const char *name, size_t len)
{
	return parse_with(basis_at, SS_BASIS_MOM + 1, name, len);
}

/* tablehead.c - a table's header when it is not a row of cells: words run
 * together (本报告期本报告期比上年同期增减…) or years run together (2024年中报
 * 2023年年报…), the header of the table before carried over a subheading,
 * and a note column (附注四) named on a line of its own. The words are the
 * lexicon tables cell_period, cell_compare, cell_change and cell_note. */
#include <string.h>

#include "tablehead.h"
#include "../util/util.h"

#define MAX_WORD_CHARS 12
#define UNIT_MAX 40

bool ss_th_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool s_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t step(const char *s, size_t i, size_t b)
{
	size_t n = ss_utf8_step[(unsigned char)s[i]];
	return n == 0 || i + n > b ? 1 : n;
}

void ss_th_trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && ss_th_space(s[*a]))
		(*a)++;
	while (*b > *a && ss_th_space(s[*b - 1]))
		(*b)--;
}

/* The length of the longest word of table id at s[i] (within b), 0 if none. */
size_t ss_th_word(const ss_ruleset *rs, int id, const char *s, size_t i, size_t b)
{
	if (id < 0)
		return 0;
	/* Only the lengths some word of the lexicon has from this character
	 * are looked up: most of the twelve are none (84k lookups on 2,000
	 * text files, two thirds of them needless). */
	if (i >= b)
		return 0;
	/* and none where the table's first-character bits tell that no word
	 * of it opens so (when the first step is the whole character: every
	 * length looked up then has the same key) */
	if ((((unsigned char)s[i] & 0xF0) != 0xE0 || b - i >= 3) && (size_t)id < rs->lex_ntables &&
	    !ss_lex_first_in(rs, id, ss_lex_first_key(s + i, b - i)))
		return 0;
	unsigned lens = ss_rules_word_lengths(rs, s + i, b - i);
	if (!lens)
		return 0;
	size_t ends[MAX_WORD_CHARS], n = 0;
	for (size_t j = i; j < b && n < MAX_WORD_CHARS; n++) {
		j += step(s, j, b);
		ends[n] = j;
	}
	while (n-- > 0)
		if ((lens >> (n < 7 ? n : 7) & 1) && ss_rules_lookup_id(rs, id, s + i, ends[n] - i))
			return ends[n] - i;
	return 0;
}

bool ss_th_has_year(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i + 4 <= b; i++) {
		if (!(s[i] == '1' || s[i] == '2') || s[i + 1] < '0' || s[i + 1] > '9' || s[i + 2] < '0' ||
		    s[i + 2] > '9')
			continue;
		if (s[i + 3] >= '0' && s[i + 3] <= '9')
			return true;
		/* a Republic of China year, 1xx年 (114年第3季), not inside a number */
		if (s[i] == '1' && i + 6 <= b && !memcmp(s + i + 3, "年", 3) &&
		    !(i > a && s[i - 1] >= '0' && s[i - 1] <= '9'))
			return true;
	}
	return false;
}

/* A header of words run together (`本报告期本报告期比上年同期增减年初至报告期末…`),
 * spaces left by line breaks inside it: cut at its words when every byte of
 * s[a, b) is a period, comparison or change word, or a unit in brackets. A
 * period opens a column unless it follows a comparison (比上年同期 is its
 * base); a change word opens one unless its column compares (本报告期比上年同期
 * 增减 is one column, 上年同期增减变动幅度 two). Returns how many cells. */
size_t ss_th_words(const ss_thwords *cx, size_t a, size_t b, ss_cell *out, size_t max)
{
	enum { HEAD_MAX = 256 };
	char buf[HEAD_MAX];
	size_t at[HEAD_MAX + 1], n = 0, cells = 0;
	for (size_t i = a; i < b; i++) {
		if (ss_th_space(cx->s[i]))
			continue;
		if (n == HEAD_MAX)
			return 0;
		at[n] = i;
		buf[n++] = cx->s[i];
	}
	bool compares = false, after_compare = false;
	for (size_t i = 0; i < n;) {
		bool cmp = false;
		size_t k, open = buf[i] == '(' ? 1 : i + 3 <= n && !memcmp(buf + i, "（", 3) ? 3 : 0;
		if (open) { /* (%) (元): the unit of the column before */
			size_t j = i + open;
			while (j < n && buf[j] != ')' && !(j + 3 <= n && !memcmp(buf + j, "）", 3)))
				j++;
			if (!cells || j == n || j - i > UNIT_MAX)
				return 0;
			k = j - i + (buf[j] == ')' ? 1 : 3);
		} else if ((k = ss_th_word(cx->rs, cx->period, buf, i, n))) {
			if (!after_compare) {
				if (cells == max)
					return 0;
				out[cells++].start = (uint32_t)at[i];
				compares = false;
			}
		} else if ((k = ss_th_word(cx->rs, cx->compare, buf, i, n))) {
			if (!cells)
				return 0;
			compares = true;
			cmp = true;
		} else if ((k = ss_th_word(cx->rs, cx->change, buf, i, n))) {
			if (!compares) {
				if (cells == max)
					return 0;
				out[cells++].start = (uint32_t)at[i];
			}
			compares = false;
		} else {
			return 0;
		}
		after_compare = cmp;
		out[cells - 1].end = (uint32_t)(at[i + k - 1] + 1);
		i += k;
	}
	return cells;
}

/* A header whose cells run together, from the table's head: the line that
 * parts at its years (`2024年中报2023年年报2023年中报2022年年报`) into as many
 * cells as the first row has figures. Returns how many cells (0: none). */
size_t ss_th_glued(const ss_thwords *cx, const ss_table *tb, size_t want, ss_cell *out,
                           size_t max)
{
	const char *s = cx->s;
	for (size_t b = tb->head_end; b > tb->head_start;) {
		size_t a = b;
		while (a > tb->head_start && s[a - 1] != '\n')
			a--;
		size_t la = a, lb = b, n = 0;
		ss_th_trim(s, &la, &lb);
		for (size_t i = la; i + 4 < lb && n <= max; i++) {
			bool year = (i == la || s[i - 1] < '0' || s[i - 1] > '9') &&
			            ss_th_has_year(s, i, i + 4) && !(s[i + 4] >= '0' && s[i + 4] <= '9');
			if (!year)
				continue;
			if (n == 0 && i != la)
				break; /* the line opens with its first year */
			if (n > 0 && n <= max)
				out[n - 1].end = (uint32_t)i;
			if (n < max)
				out[n].start = (uint32_t)i;
			n++;
		}
		if (n >= 2 && n == want && n <= max) {
			out[n - 1].end = (uint32_t)lb;
			return n;
		}
		if (n < 2 && (n = ss_th_words(cx, la, lb, out, max)) >= 2 && n == want)
			return n;
		b = a > tb->head_start ? a - 1 : a;
	}
	return 0;
}

/* Whether a table starting at b goes on the one ending at a: one line
 * between them at most (a subheading row), no blank line. */
bool ss_th_carried(const char *s, size_t a, size_t b)
{
	if (a > b)
		return false;
	size_t lines = 0;
	for (size_t i = a; i < b; i++)
		if (s[i] == '\n' && ++lines > 2)
			return false;
	return true;
}

/* Whether the lines above a table name a note column on a line of its own
 * (附注四 over the first column): a PDF's layout may keep that column's
 * numbers on the label's line and lose the figures after them. */
bool ss_th_notes(const ss_thwords *cx, size_t a, size_t b)
{
	while (a < b) {
		size_t e = a;
		while (e < b && cx->s[e] != '\n')
			e++;
		size_t la = a, lb = e;
		ss_th_trim(cx->s, &la, &lb);
		size_t n = la < lb ? ss_th_word(cx->rs, cx->note, cx->s, la, lb) : 0;
		/* 附注, 附注四, 注释, Note; 附注4 is a footnote's mark */
		if (n && lb - la - n <= 3 && !(la + n < lb && s_digit(cx->s[la + n])))
			return true;
		a = e + 1;
	}
	return false;
}

/* A note number: an integer of one to three digits. */
bool ss_th_note_number(const char *s, size_t a, size_t b)
{
	if (b <= a || b - a > 3)
		return false;
	for (size_t i = a; i < b; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}


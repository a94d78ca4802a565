/* listitems.c - the items of a list whose unit is written once, ahead of
 * it: 营业收入分别为4.8亿、2.86亿、5.14亿 (the label gave the first figure
 * its unit, money.label). Each item after the first, led by a joint (table
 * joint), is a number with a scale word of its own and nothing after it but
 * a joint or punctuation: a figure of the first's kind and unit. An item
 * with a word after it may have a unit of its own (4.8亿、2.86亿股) and is
 * left to the rules; so is one a rule already matched. */
#include <string.h>

#include "../numeral/numeral.h"
#include "facts.h"

/* Where the number at s[i] ends: ASCII digits (a point, thousands commas),
 * then Chinese numeral characters the numeral parser takes with them
 * (4.8亿, 1.2万亿), a sign before them. i when no such number, or one
 * without a scale word. */
static size_t scaled_end(const char *s, size_t end, size_t i)
{
	size_t d = i + (i < end && (s[i] == '-' || s[i] == '+')); /* a sign: -5839.46万 */
	if (d >= end || s[d] < '0' || s[d] > '9')
		return i;
	while (d < end && ((s[d] >= '0' && s[d] <= '9') || s[d] == '.' || s[d] == ','))
		d++;
	size_t best = i;
	ss_number v;
	for (size_t k = d; k < end && (unsigned char)s[k] >= 0x80;) {
		size_t n = ss_utf8_step[(unsigned char)s[k]];
		if (!n || k + n > end)
			break;
		k += n;
		if (!ss_numeral_parse(s + i, k - i, &v))
			break;
		best = k;
	}
	return best;
}

/* The length of a joint of the list at i (table joint), 0 if none. */
static size_t joint_len(const ss_ruleset *rs, int joint, const char *s, size_t end, size_t i)
{
	return joint >= 0 ? ss_rules_word_at(rs, &joint, 1, s, end, i) : 0;
}

/* What may stand after an item: a joint, punctuation, a space, the end. */
static bool item_ends(const ss_ruleset *rs, int joint, const char *s, size_t end, size_t i)
{
	if (i >= end || joint_len(rs, joint, s, end, i))
		return true;
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		         c == '%' || c == '/' || c == '.');
	uint32_t cp = 0;
	ss_utf8_decode(s + i, end - i, &cp);
	return cp < 0x3400 || (cp > 0x9FFF && cp < 0xF900) || cp >= 0xFF00; /* no ideograph */
}

size_t ss_list_items(const ss_ruleset *rs, const char *s, size_t num, size_t head_end,
                     size_t limit, size_t *a, size_t *b, size_t max)
{
	if (scaled_end(s, head_end, num) != head_end)
		return 0; /* the first figure has no scale word, or more after it */
	int joint = ss_rules_table_id(rs, "joint");
	size_t n = 0, i = head_end;
	while (n < max && i < limit) {
		size_t j = joint_len(rs, joint, s, limit, i);
		if (!j)
			break;
		size_t e = scaled_end(s, limit, i + j);
		if (e == i + j || !item_ends(rs, joint, s, limit, e))
			break;
		a[n] = i + j;
		b[n++] = e;
		i = e;
	}
	return n;
}

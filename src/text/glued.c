/* glued.c - the cells of a table row whose numbers run together, as web
 * pages copied without their cell borders give them
 * (`营业收入(元)2,071,488,667.07-7.25%5,772,994,487.89-1.05%`).
 *
 * The run is cut into numbers by the way tables write them: a sign, one to
 * three digits and groups of three after thousands commas (a leading 0 is a
 * number of its own), a decimal part, an optional %, or `--` for an empty
 * cell. Of the ways to cut a run, the cheapest wins: every number costs one,
 * and decimals other than two cost more (four, as per-share figures have,
 * a little; one, a dropped trailing zero, more). A cut is a guess only where
 * two readings are both well formed (`215,612.7279,656.78`). */
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define RUN_MAX 400
#define NO_WAY 1000000

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Cost of the decimals of a number. */
static int decimals_cost(int d, bool zero)
{
	switch (d) {
	case 0:
		return zero ? 0 : 1;
	case 2:
		return 0;
	case 4:
		return 1;
	case 1:
		return 2;
	default:
		return 3;
	}
}

/* Every end of a number starting at s[i] (within b), with its cost, into
 * ends/costs; returns how many. */
static size_t numbers_at(const char *s, size_t i, size_t b, size_t *ends, int *costs, size_t max)
{
	size_t n = 0;
	if (i + 2 <= b && s[i] == '-' && s[i + 1] == '-') {
		ends[n] = i + 2;
		costs[n++] = 1;
	}
	size_t j = i;
	if (j < b && s[j] == '-')
		j++;
	if (j >= b || !digit(s[j]))
		return n;
	size_t lead[3], nlead = 0;
	if (s[j] == '0') {
		lead[nlead++] = j + 1;
	} else {
		for (size_t k = 1; k <= 3 && j + k <= b && digit(s[j + k - 1]); k++)
			lead[nlead++] = j + k;
	}
	for (size_t l = 0; l < nlead; l++) {
		bool zero = s[j] == '0';
		for (size_t p = lead[l];; p += 4) {
			/* the integer part ends at p: decimals, a percent sign */
			if (p < b && s[p] == '.') {
				for (int d = 1; d <= 4 && p + (size_t)d < b + 1 && digit(s[p + (size_t)d]); d++) {
					size_t e = p + 1 + (size_t)d;
					if (e > b)
						break;
					for (int pct = 0; pct <= (e < b && s[e] == '%'); pct++) {
						if (n < max) {
							ends[n] = e + (size_t)pct;
							costs[n++] = 1 + decimals_cost(d, false);
						}
					}
				}
			} else if (zero || p >= b || !digit(s[p])) {
				/* an integer runs on into no digit (1240% is no 1 and 240%),
				 * unless it is a lone 0 */
				for (int pct = 0; pct <= (p < b && s[p] == '%'); pct++) {
					if (n < max) {
						ends[n] = p + (size_t)pct;
						costs[n++] = 1 + decimals_cost(0, zero && p == j + 1);
					}
				}
			}
			if (zero || !(p + 4 <= b && s[p] == ',' && digit(s[p + 1]) && digit(s[p + 2]) &&
			              digit(s[p + 3])))
				break;
		}
	}
	return n;
}

size_t ss_glued_split(const char *s, size_t a, size_t b, size_t *cuts, size_t max)
{
	if (b <= a || b - a > RUN_MAX)
		return 0;
	size_t len = b - a;
	int *best = malloc((len + 1) * sizeof *best);
	size_t *next = malloc((len + 1) * sizeof *next);
	if (!best || !next)
		abort();
	best[len] = 0;
	for (size_t k = len; k-- > 0;) {
		best[k] = NO_WAY;
		size_t ends[64];
		int costs[64];
		size_t n = numbers_at(s, a + k, b, ends, costs, 64);
		for (size_t m = 0; m < n; m++) {
			size_t e = ends[m] - a;
			if (best[e] < NO_WAY && costs[m] + best[e] < best[k]) {
				best[k] = costs[m] + best[e];
				next[k] = e;
			}
		}
	}
	size_t ncuts = 0;
	if (best[0] < NO_WAY) {
		for (size_t k = 0; k < len && ncuts < max; k = next[k])
			cuts[ncuts++] = a + next[k];
	}
	free(best);
	free(next);
	return ncuts;
}

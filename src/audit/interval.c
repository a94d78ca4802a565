/* interval.c - what a figure states, as an interval of values. A written
 * figure covers what its last written place allows (49% is [48.5, 49.5),
 * the way statcheck and GRIM read reported rounding); qualifiers turn it
 * into a bound or widen it; units decide what may be compared at all. */
#include <math.h>
#include <string.h>

#include "audit.h"

static uint32_t fold_digit(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return '0' + (cp - 0xFF10);
	if (cp == 0xFF0E)
		return '.';
	if (cp == 0xFF0C)
		return ',';
	return cp;
}

/* Half the place of the last non-zero digit of v (for figures written in
 * Chinese numerals: 三成 is 30, written to the ten). 0 for a value that is
 * no short decimal (三分之一 is exact). */
static double half_last_place(double v)
{
	v = fabs(v);
	if (v == 0)
		return 0.5;
	for (int e = 15; e >= -6; e--) {
		double p = pow(10, e);
		double q = v / p;
		if (q >= 1 && fabs(q - nearbyint(q)) < 1e-9 * q)
			return p / 2;
	}
	return 0;
}

double au_precision(const char *text, size_t len, double value)
{
	/* the first run of Arabic digits, with its point */
	double lit = 0, frac = 1;
	int decimals = -1;
	bool found = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int l = ss_utf8_decode(text + i, len - i, &cp);
		if (l <= 0)
			l = 1, cp = 0xFFFD;
		cp = fold_digit(cp);
		if (cp >= '0' && cp <= '9') {
			found = true;
			if (decimals >= 0) {
				frac /= 10;
				lit += (cp - '0') * frac;
				decimals++;
			} else {
				lit = lit * 10 + (cp - '0');
			}
		} else if (found && cp == '.' && decimals < 0) {
			decimals = 0;
		} else if (found && cp == ',' && decimals < 0) {
			/* thousands separator */
		} else if (found) {
			break;
		}
		i += (size_t)l;
	}
	if (!found)
		return half_last_place(value);
	double place = pow(10, -(decimals > 0 ? decimals : 0));
	if (lit == 0 || value == 0)
		return place / 2;
	/* the scale word after the digits (万, 亿, 千亿, 成) is a power of ten */
	double scale = pow(10, nearbyint(log10(fabs(value) / lit)));
	return place * scale / 2;
}

/* Mirror an interval about zero. */
static au_interval neg(au_interval v)
{
	return (au_interval){-v.hi, -v.lo};
}

au_interval au_claim_interval(const ss_fact *f, const char *text, size_t len, double tol)
{
	double v = f->value, h = au_precision(text, len, v);
	double m = fabs(v), t = fmax(h, tol * m);
	/* half-open at the top: 42.5 rounds to 43, not 42 */
	double top = h > 0 ? h * (1 - 1e-9) : 0;
	au_interval r = {m - h, m + top};
	switch (f->qualifier) {
	case SS_QUAL_EXACT:
		break;
	case SS_QUAL_APPROX:
		r = (au_interval){m - t, m + t};
		break;
	case SS_QUAL_NEARLY: /* 近30%: a little below, never above what rounds to it */
		r = (au_interval){m - t, m + top};
		break;
	case SS_QUAL_AT_LEAST:
	case SS_QUAL_MORE_THAN:
	case SS_QUAL_AT_MOST:
	case SS_QUAL_LESS_THAN:
		if (!f->has_low && !f->has_high)
			break;
		/* the fact's bounds are signed already (跌超7%: high -7) */
		return (au_interval){f->has_low ? f->low : -HUGE_VAL, f->has_high ? f->high : HUGE_VAL};
	case SS_QUAL_RANGE:
		if (f->has_low && f->has_high)
			return (au_interval){f->low - h, f->high + top};
		break;
	default:
		break;
	}
	return v < 0 ? neg(r) : r;
}

bool au_source_is_bound(const ss_fact *f)
{
	switch (f->qualifier) {
	case SS_QUAL_AT_LEAST:
	case SS_QUAL_MORE_THAN:
	case SS_QUAL_AT_MOST:
	case SS_QUAL_LESS_THAN:
	case SS_QUAL_RANGE:
		return f->has_low || f->has_high;
	default:
		return false;
	}
}

au_interval au_source_interval(const ss_fact *f, const char *text, size_t len)
{
	if (au_source_is_bound(f))
		return (au_interval){f->has_low ? f->low : -HUGE_VAL, f->has_high ? f->high : HUGE_VAL};
	/* a source rounds too: 同比增6倍 stands for [550%, 650%) */
	double h = au_precision(text, len, f->value);
	return (au_interval){f->value - h, f->value + (h > 0 ? h * (1 - 1e-9) : 0)};
}


au_family au_unit_family(ss_kind kind, const char *unit)
{
	if (!strcmp(unit, "%") || !strcmp(unit, "pp") || !strcmp(unit, "bp"))
		return AU_FAM_PERCENT;
	if (kind == SS_KIND_MULTIPLE || !strcmp(unit, "x"))
		return AU_FAM_MULTIPLE;
	/* an ISO currency: three capital letters */
	if (strlen(unit) == 3 && unit[0] >= 'A' && unit[0] <= 'Z' && unit[1] >= 'A' &&
	    unit[1] <= 'Z' && unit[2] >= 'A' && unit[2] <= 'Z')
		return AU_FAM_MONEY;
	return AU_FAM_COUNT;
}

uint32_t au_family_key(ss_kind kind, const char *unit)
{
	au_family fam = au_unit_family(kind, unit);
	uint32_t h = 2166136261u ^ (uint32_t)fam;
	h *= 16777619u;
	if (fam == AU_FAM_COUNT) /* counts meet only with the same measure word */
		for (const char *p = unit; *p; p++) {
			h ^= (unsigned char)*p;
			h *= 16777619u;
		}
	return h;
}

double au_points_scale(const char *unit)
{
	if (!strcmp(unit, "pp"))
		return 1;
	if (!strcmp(unit, "bp"))
		return 0.01;
	return 0;
}

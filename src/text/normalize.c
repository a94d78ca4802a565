/* normalize.c - width normalisation for matching (see text.h), through the
 * offset map: a converted character becomes one byte standing for its whole
 * multi-byte unit, every other byte is copied. The fold of fold.h is done
 * in the same pass: the two change disjoint characters (full-width forms
 * and spaces; Chinese characters), and one scan finds both, where a fold
 * of its own would scan the text again and build its map anew. */
#include "foldscan.h"

/* Append in's bytes [from, to) as copies. */
static void copy_run(ss_text *out, const ss_text *in, size_t from, size_t to)
{
	if (to > from)
		ss_text_add_copy(out, in->ptr, (uint32_t)from, to - from);
}

/* The width conversion of the character at s[i] (one ss_fold_skip_norm
 * stopped at): its length, its ASCII byte in *a; 0 when there is none. */
static size_t convert(const unsigned char *s, size_t len, size_t i, char *a)
{
	unsigned char c = s[i];
	if (c == 0xEF && i + 2 < len && (s[i + 1] == 0xBC || s[i + 1] == 0xBD)) {
		/* U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E -> 0x21..0x7E */
		unsigned cp = ((unsigned)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
		cp |= 0xF000; /* lead EF: U+F000..U+FFFF */
		if (cp >= 0xFF01 && cp <= 0xFF5E && (s[i + 2] & 0xC0) == 0x80) {
			*a = (char)(cp - 0xFEE0);
			return 3;
		}
	} else if (c == 0xE3 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
		*a = ' '; /* U+3000 ideographic space */
		return 3;
	} else if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) {
		*a = ' '; /* U+00A0 no-break space */
		return 2;
	}
	return 0;
}

void ss_normalize(const ss_text *in, ss_text *out)
{
	const unsigned char *s = (const unsigned char *)in->ptr;
	size_t len = in->len, run = 0, i = 0, nfold = 0, han = 0;
	/* conversions only shrink; a fold may grow a character by a byte */
	ss_text_reserve(out, len);
	while ((i = ss_fold_skip_norm(s, len, i)) < len) {
		unsigned char c = s[i];
		if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n') {
				/* CR LF is one line end: "\n" standing for both bytes. */
				ss_text_add_copy_unit(out, in->ptr, (uint32_t)run, i - run, "\n", 1,
				                      (uint32_t)i, (uint32_t)i + 2);
				i += 2;
			} else {
				/* A lone CR is a space; a 1-byte unit must be a copy, so the
				 * space is synthetic, standing where the CR begins. */
				ss_text_add_copy_unit(out, in->ptr, (uint32_t)run, i - run, " ", 1,
				                      (uint32_t)i, (uint32_t)i);
				i++;
			}
			run = i;
			continue;
		}
		char a;
		size_t n = convert(s, len, i, &a);
		if (n > 0) {
			ss_text_add_copy_unit(out, in->ptr, (uint32_t)run, i - run, &a, 1, (uint32_t)i,
			                      (uint32_t)(i + n));
			i += n;
			run = i;
			continue;
		}
		/* a character that may fold: each folded one is a unit over its
		 * bytes (a truncated one, not in valid UTF-8, is passed over) */
		n = ss_utf8_step[c];
		if (n >= 3 && i + n <= len) {
			uint32_t cp = ss_fold_decode(s + i, n), to = ss_fold_char(cp);
			if (to != cp) {
				char enc[4];
				size_t m = (size_t)ss_utf8_encode(to, enc);
				ss_text_add_copy_unit(out, in->ptr, (uint32_t)run, i - run, enc, m,
				                      (uint32_t)i, (uint32_t)(i + n));
				han += ss_fold_han_char(s + i, n);
				nfold++;
				run = i + n;
			}
		}
		i += n;
	}
	copy_run(out, in, run, len);
	out->folded = true;
	out->nfold = nfold;
	out->nfold_han = han;
}

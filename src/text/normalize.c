/* normalize.c - width normalisation for matching (see text.h), through the
 * offset map: a converted character becomes one byte standing for its whole
 * multi-byte unit, every other byte is copied. */
#include "text.h"

/* Append in's bytes [from, to) as copies. */
static void copy_run(ss_text *out, const ss_text *in, size_t from, size_t to)
{
	if (to > from)
		ss_text_add_copy(out, in->ptr, (uint32_t)from, to - from);
}

void ss_normalize(const ss_text *in, ss_text *out)
{
	const unsigned char *s = (const unsigned char *)in->ptr;
	size_t len = in->len, run = 0, i = 0;
	ss_text_reserve(out, len); /* conversions only shrink */
	/* Fast path: everything but the lead bytes we convert is copied. */
	static const unsigned char hot[256] = {[0xEF] = 1, [0xE3] = 1, [0xC2] = 1, ['\r'] = 1};
	while (i < len) {
		unsigned char c = s[i];
		if (!hot[c]) {
			/* past the character (the text is valid UTF-8, sanitised),
			 * then past sixteen bytes at a time that hold no hot byte
			 * (none is a continuation byte: every byte is tested) */
			i = ss_find_any16(s, i + ss_utf8_step[c], len, (char)0xEF, (char)0xE3,
			                  (char)0xC2, '\r', '\r', '\r');
			continue;
		}
		char a;
		size_t n = 0;
		if (c == '\r') {
			copy_run(out, in, run, i);
			if (i + 1 < len && s[i + 1] == '\n') {
				/* CR LF is one line end: "\n" standing for both bytes. */
				ss_text_add_unit(out, "\n", 1, (uint32_t)i, (uint32_t)i + 2);
				i += 2;
			} else {
				/* A lone CR is a space; a 1-byte unit must be a copy, so the
				 * space is synthetic, standing where the CR begins. */
				ss_text_add_unit(out, " ", 1, (uint32_t)i, (uint32_t)i);
				i++;
			}
			run = i;
			continue;
		}
		if (c == 0xEF && i + 2 < len && (s[i + 1] == 0xBC || s[i + 1] == 0xBD)) {
			/* U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E -> 0x21..0x7E */
			unsigned cp = ((unsigned)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
			cp |= 0xF000; /* lead EF: U+F000..U+FFFF */
			if (cp >= 0xFF01 && cp <= 0xFF5E && (s[i + 2] & 0xC0) == 0x80)
				a = (char)(cp - 0xFEE0), n = 3;
		} else if (c == 0xE3 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
			a = ' ', n = 3; /* U+3000 ideographic space */
		} else if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) {
			a = ' ', n = 2; /* U+00A0 no-break space */
		}
		if (n == 0) {
			i++;
			continue;
		}
		copy_run(out, in, run, i);
		ss_text_add_unit(out, &a, 1, (uint32_t)i, (uint32_t)(i + n));
		i += n;
		run = i;
	}
	copy_run(out, in, run, len);
}

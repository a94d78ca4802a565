/* sanitize.c - make bytes safe for the text stage without moving them:
 * every byte that is not part of valid UTF-8, and every NUL, becomes '?',
 * so that offsets into the sanitized copy are offsets into the file. */
#include <string.h>

#include "text.h"

size_t ss_utf8_sanitize(const char *src, size_t len, char **out, size_t *first_bad)
{
	char *d = ss_xmalloc(len + 1);
	memcpy(d, src, len);
	d[len] = '\0';
	size_t bad = 0, first = len, i = 0;
	const unsigned char *u = (const unsigned char *)d;
	while (i < len) {
		unsigned char c = u[i];
		if (c >= 0x01 && c < 0x80) {
			/* Eight ASCII bytes at a time (markup is mostly ASCII): none
			 * has the high bit set and none is NUL. */
			i++;
			while (i + 8 <= len) {
				uint64_t w;
				memcpy(&w, d + i, 8);
				if ((w & 0x8080808080808080ull) ||
				    ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
					break;
				i += 8;
			}
			continue;
		}
		/* The common 3-byte characters, a run of them without a call. */
		size_t from = i;
		while (i + 2 < len && u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED &&
		       (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80)
			i += 3;
		if (i > from)
			continue;
		uint32_t cp;
		int n = c ? ss_utf8_decode(d + i, len - i, &cp) : 0;
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		/* One byte at a time: what follows a bad lead byte may start a
		 * valid character of its own. */
		if (bad++ == 0)
			first = i;
		d[i++] = '?';
	}
	*out = d;
	if (first_bad)
		*first_bad = first;
	return bad;
}

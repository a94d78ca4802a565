/* encoding.c - sources that are not UTF-8: UTF-16 with a byte-order mark and
 * GB18030 (and its subsets GBK and GB2312), detected and converted through
 * iconv one character at a time, so that every byte of the UTF-8 result
 * knows the source byte its character came from and spans can be mapped
 * back into the file. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

const char *ss_encoding_name(ss_encoding enc)
{
	switch (enc) {
	case SS_ENC_UTF16LE: return "UTF-16LE";
	case SS_ENC_UTF16BE: return "UTF-16BE";
	case SS_ENC_GB18030: return "GB18030";
	default: return "UTF-8";
	}
}

/*
 * Convert src[0..len) from enc to UTF-8.
 * Returns the number of source characters that could not be converted
 * (each became '?'), or (size_t)-1 when iconv cannot convert from enc.
 * *out is malloc'd and NUL-terminated; *map (outlen + 1 entries) gives the
 * source offset of the character each output byte belongs to, and
 * map[outlen] == len, so a span [a, b) at character boundaries of the
 * output is [map[a], map[b]) in the source.
 */
size_t ss_encoding_convert(ss_encoding enc, const char *src, size_t len, char **out,
                           size_t *outlen, uint32_t **map)
{
	iconv_t cd = iconv_open("UTF-8", ss_encoding_name(enc));
	if (cd == (iconv_t)-1)
		return (size_t)-1;
	size_t unit = enc == SS_ENC_GB18030 ? 1 : 2; /* the smallest character */
	size_t cap = len + len / 2 + 16, n = 0, bad = 0;
	char *o = ss_xmalloc(cap);
	uint32_t *m = ss_xmalloc((cap + 1) * sizeof *m);
	for (size_t i = 0; i < len;) {
		if (cap - n < 16) {
			cap *= 2;
			o = ss_xrealloc(o, cap);
			m = ss_xrealloc(m, (cap + 1) * sizeof *m);
		}
		/* The shortest prefix that makes one whole character (at most 4 bytes). */
		size_t got = 0, k;
		for (k = unit; k <= 4 && i + k <= len; k += unit) {
			char *in = (char *)src + i, *op = o + n;
			size_t inleft = k, outleft = cap - n;
			iconv(cd, NULL, NULL, NULL, NULL);
			size_t r = iconv(cd, &in, &inleft, &op, &outleft);
			if (r != (size_t)-1 && inleft == 0) {
				got = (size_t)(op - (o + n));
				break;
			}
			if (r == (size_t)-1 && errno != EINVAL)
				break; /* EILSEQ: no longer prefix helps */
		}
		if (got == 0 || k > 4 || i + k > len) {
			/* Not a character: one '?' for one unit of the source. */
			k = i + unit <= len ? unit : len - i;
			o[n] = '?';
			got = 1;
			bad++;
		}
		for (size_t j = 0; j < got; j++)
			m[n + j] = (uint32_t)i;
		n += got;
		i += k;
	}
	iconv_close(cd);
	o[n] = '\0';
	m[n] = (uint32_t)len;
	*out = o;
	*outlen = n;
	*map = m;
	return bad;
}

/* UTF-16 with a BOM: even length and NUL bytes (the high bytes of ASCII
 * characters), so that "\xFF\xFE" before UTF-8 text is not taken for it. */
static ss_encoding utf16_bom(const char *s, size_t len)
{
	if (len < 4 || len % 2 != 0 || !memchr(s, '\0', len))
		return SS_ENC_UTF8;
	if ((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE)
		return SS_ENC_UTF16LE;
	if ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)
		return SS_ENC_UTF16BE;
	return SS_ENC_UTF8;
}

/* Does s[0..len) read as GB18030 without a single bad sequence? A quick
 * structural check (lead 0x81-0xFE; trail 0x40-0x7E, 0x80-0xFE; or a
 * four-byte form digit, lead, digit). */
static bool valid_gb18030(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0)
			return false; /* text has no NUL bytes; leave those to the binary check */
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c == 0x80 || c == 0xFF || i + 1 >= len)
			return false;
		unsigned char d = (unsigned char)s[i + 1];
		if ((d >= 0x40 && d <= 0x7E) || (d >= 0x80 && d <= 0xFE)) {
			i += 2;
			continue;
		}
		if (d >= 0x30 && d <= 0x39 && i + 3 < len) {
			unsigned char e = (unsigned char)s[i + 2], f = (unsigned char)s[i + 3];
			if (e >= 0x81 && e <= 0xFE && f >= 0x30 && f <= 0x39) {
				i += 4;
				continue;
			}
		}
		return false;
	}
	return true;
}

ss_encoding ss_encoding_detect(const char *src, size_t len, size_t nbad_utf8)
{
	ss_encoding e = utf16_bom(src, len);
	if (e != SS_ENC_UTF8 || nbad_utf8 == 0)
		return e;
	/* Mostly invalid as UTF-8 (more than half of the non-ASCII bytes) and
	 * entirely valid as GB18030: a GBK / GB2312 / GB18030 file. A UTF-8
	 * file with a few stray bytes stays UTF-8. */
	size_t high = 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)src[i] >= 0x80 && ++high >= nbad_utf8 * 2)
			return SS_ENC_UTF8; /* half the non-ASCII bytes or more are good UTF-8 */
	if (high > 0 && valid_gb18030(src, len))
		return SS_ENC_GB18030;
	return SS_ENC_UTF8;
}

/* fold.c - the traditional-to-simplified fold (see fold.h). A text with no
 * traditional character (nearly every simplified document) is only scanned,
 * one bit test a character; from the first character that folds on, the
 * text is built anew, each folded character one unit over its bytes of the
 * base, the runs between them copied with their map. */
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "foldscan.h"

/* The BMP lookup: a bit test, and the rank of the bit for the target. */
static inline uint32_t fold_bmp(uint32_t cp)
{
	uint32_t w = ss_fold_bits[cp >> 5], bit = 1u << (cp & 31);
	if (!(w & bit))
		return cp;
	return ss_fold_bmp_to[ss_fold_rank[cp >> 5] + (uint32_t)__builtin_popcount(w & (bit - 1))];
}

uint32_t ss_fold_char(uint32_t cp)
{
	if (cp < 0x10000)
		return fold_bmp(cp);
	size_t lo = 0, hi = ss_fold_nastral;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ss_fold_astral[mid][0] == cp)
			return ss_fold_astral[mid][1];
		if (ss_fold_astral[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return cp;
}

/* The first character at or after byte i of s[0, len) that folds: its
 * offset (len when none), its length in *n and its folded bytes in enc
 * (their length in *m). */
static size_t next_fold(const unsigned char *s, size_t len, size_t i, size_t *n, char enc[4],
                        size_t *m)
{
	while ((i = skip_plain(s, len, i, false)) < len) {
		size_t w = ss_utf8_step[s[i]];
		if (i + w > len)
			return len; /* a truncated character (not in valid UTF-8) */
		if (w < 3) {
			i += w; /* F5..FF: no character */
			continue;
		}
		uint32_t cp = ss_fold_decode(s + i, w), to = ss_fold_char(cp);
		if (to != cp) {
			*n = w;
			*m = (size_t)ss_utf8_encode(to, enc);
			return i;
		}
		i += w;
	}
	return len;
}

/* The fold from byte i of t on, into a new text, once a folded character
 * changes length at i: u holds the map of t's bytes [0, run) as folded in
 * place so far (runs only: u->len is run, u->ptr NULL), which the new text
 * keeps; the runs from run on keep their map, and each folded character
 * becomes one unit over its bytes of the base. Returns the number folded,
 * and adds those of U+3400..U+9FFF to *han. */
static size_t fold_copy(ss_text *t, ss_text *u, size_t run, size_t i, size_t *han)
{
	const unsigned char *s = (const unsigned char *)t->ptr;
	size_t len = t->len, nfold = 0, n, m;
	char enc[4];
	u->len = 0;
	ss_text_reserve(u, len + len / 3 + 4); /* 3 bytes become at most 4 */
	memcpy(u->ptr, t->ptr, run);
	u->len = run;
	u->ptr[run] = '\0';
	while ((i = next_fold(s, len, i, &n, enc, &m)) < len) {
		uint32_t us, ue;
		ss_text_map(t, i, i + n, &us, &ue);
		ss_text_add_mapped(u, t, run, i);
		ss_text_add_unit(u, enc, m, us, ue);
		*han += ss_fold_han_char(s + i, n);
		nfold++;
		run = i += n;
	}
	ss_text_add_mapped(u, t, run, len);
	ss_text_release(t);
	*t = *u;
	return nfold;
}

/* The fold from byte i of t on (the first character that folds), in place
 * while every folded character keeps its length (nearly all do: three
 * bytes to three): the bytes are folded where they are and only the map is
 * built anew, so the text is never held twice. From a character whose
 * length changes, the rest goes to fold_copy. */
static size_t fold_in_place(ss_text *t, size_t i, size_t *han)
{
	unsigned char *s = (unsigned char *)t->ptr;
	size_t len = t->len, run = 0, nfold = 0, n, m;
	char enc[4];
	ss_text u;
	ss_text_init(&u);
	while ((i = next_fold(s, len, i, &n, enc, &m)) < len) {
		if (m != n) /* a rare character folds outside the BMP */
			return nfold + fold_copy(t, &u, run, i, han);
		uint32_t us, ue;
		ss_text_map(t, i, i + n, &us, &ue);
		ss_runs_add_mapped(&u, t, run, i);
		ss_runs_add_unit(&u, n, us, ue);
		*han += ss_fold_han_char(s + i, n);
		memcpy(s + i, enc, n);
		nfold++;
		run = i += n;
	}
	ss_runs_add_mapped(&u, t, run, len);
	free(t->runs);
	t->runs = u.runs;
	t->nruns = u.nruns;
	t->caprun = u.caprun;
	return nfold;
}

size_t ss_fold_text(ss_text *t)
{
	size_t han;
	return ss_fold_text_han(t, &han);
}

size_t ss_fold_text_han(ss_text *t, size_t *han)
{
	if (t->folded) {
		t->folded = false;
		*han = t->nfold_han;
		return t->nfold;
	}
	*han = 0;
	const unsigned char *s = (const unsigned char *)t->ptr;
	size_t len = t->len, i = 0;
	while ((i = skip_plain(s, len, i, false)) < len) {
		size_t n = ss_utf8_step[s[i]];
		if (i + n > len)
			break; /* a truncated character (not in valid UTF-8) */
		if (n < 3) {
			i += n;
			continue;
		}
		uint32_t cp = ss_fold_decode(s + i, n);
		if (ss_fold_char(cp) != cp) {
			/* The first character that folds: the map changes from here
			 * on (a copied run splits around each folded character), so
			 * the rest is built anew; a text with none is left as it is. */
			return fold_in_place(t, i, han);
		}
		i += n;
	}
	return 0;
}

/* currency.c - the currency a bare 元 stands for in one document: the one
 * the caller names (--currency), else, in a document written in traditional
 * characters, the value of the first word of the lexicon table `locale` the
 * text holds (新台币, 行政院: TWD) or TWD for a Republic of China year
 * (111年1月), else CNY. Mainland news names 台股 and 新台币 too, and its 元
 * stays CNY: hence the script as well as the words. Words are data
 * (rules/00-lexicon.rules); the year is a form, so it is read here. */
#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include "facts.h"
#include "rules/rules.h"
#include "text/fold.h"

/* A 民国 year: 100..199 written as three digits, not inside a longer number,
 * followed by 年 and then a month, a quarter or a half (111年1月, 112年第2季,
 * 111年上半年, 111年度): 100年 alone is a century. */
/* Whether w[0..wl) occurs in s[0..len), wl <= len (memmem is no C11 nor
 * POSIX). The search looks for the word's third byte, a UTF-8 continuation
 * byte in a Chinese word, which Chinese text holds far less often than the
 * lead byte (a third of the bytes): ten times fewer false starts. */
static bool contains(const char *s, size_t len, const char *w, size_t wl)
{
	size_t a = wl > 2 ? 2 : 0;
	for (size_t i = a; i + wl - a <= len;) {
		const char *q = memchr(s + i, w[a], len - (wl - a) - i + 1);
		if (!q)
			return false;
		if (q[-(ptrdiff_t)a] == w[0] && memcmp(q - a, w, wl) == 0)
			return true;
		i = (size_t)(q - s) + 1;
	}
	return false;
}

static bool roc_year(const char *s, size_t len)
{
	static const char *const after[] = {"第", "上半", "下半", "全年", "度", "前"};
	for (const char *p = s; (p = memchr(p, '1', len - (size_t)(p - s))) != NULL; p++) {
		size_t i = (size_t)(p - s);
		if (i + 6 > len || (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.')))
			continue;
		if (s[i + 1] < '0' || s[i + 1] > '9' || s[i + 2] < '0' || s[i + 2] > '9' ||
		    memcmp(s + i + 3, "年", 3) != 0)
			continue;
		const char *r = s + i + 6;
		size_t rest = len - i - 6;
		if (rest > 0 && *r >= '1' && *r <= '9')
			return true;
		for (size_t k = 0; k < sizeof after / sizeof after[0]; k++) {
			size_t n = strlen(after[k]);
			if (rest >= n && memcmp(r, after[k], n) == 0)
				return true;
		}
	}
	return false;
}

/* Which of U+3400..U+9FFF the fold changes: bit cp % 64 of folds[cp / 64],
 * made once from ss_fold_char, as every document asks it of each of its
 * characters. A row is the lead and second byte of the character. */
#define HAN_LO 0x3400u
#define HAN_HI 0xA000u
static uint64_t folds[HAN_HI / 64];
static pthread_once_t folds_once = PTHREAD_ONCE_INIT;

static void folds_make(void)
{
	for (uint32_t cp = HAN_LO; cp < HAN_HI; cp++)
		if (ss_fold_char(cp) != cp)
			folds[cp >> 6] |= (uint64_t)1 << (cp & 63);
}

/* Written in traditional characters: at least 2% of its Chinese characters
 * (and two of them) are ones the fold changes. The text as written, not
 * the folded one. folded: how many the fold changed (SIZE_MAX: unknown),
 * which bounds the count: past 50 times that many Chinese characters the
 * answer is no (a simplified text with a few traditional ones). */
static bool traditional(const ss_text *t, size_t folded)
{
	pthread_once(&folds_once, folds_make);
	size_t han = 0, trad = 0;
	if (folded < 2)
		return false;
	size_t most = folded > SIZE_MAX / 50 ? SIZE_MAX : folded * 50;
	/* The characters U+3400..U+9FFF are the three-byte ones led by E3..E9
	 * (E3 from U+3400 on). The text is valid UTF-8 (sanitised), so each
	 * character is stepped over whole by its lead byte, and a run of ASCII
	 * eight bytes at a time. */
	const unsigned char *s = (const unsigned char *)t->ptr;
	size_t n = t->len;
	for (size_t i = 0; i + 2 < n;) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			while (i + 8 <= n) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		}
		if (c - 0xE3u > 0xE9u - 0xE3u) {
			i += ss_utf8_step[c];
			continue;
		}
		unsigned row = ((c & 0x0Fu) << 6) | (s[i + 1] & 0x3Fu); /* the code point / 64 */
		han += row >= HAN_LO >> 6;
		trad += (folds[row] >> (s[i + 2] & 63u)) & 1; /* 0 below U+3400 */
		i += 3;
		if (han > most)
			return false;
	}
	return trad >= 2 && trad * 50 >= han;
}

void ss_doc_set_currency(ss_doc *doc, const ss_ruleset *rs, const char *given)
{
	const char *cur = given && *given ? given : NULL;
	const char *s = doc->norm.ptr;
	size_t len = doc->norm.len;
	/* What a locale word or a 民国 year says counts only in traditional
	 * characters, so the script is read first: one pass, where the words
	 * would be one search each through a simplified text. The fold counted
	 * the traditional characters of norm, which are those of the text
	 * (normalising changes no Chinese character). */
	if (!cur && traditional(&doc->text, doc->nfolded_han)) {
		/* The maps of table `locale`, in a row: compile sorted them by table. */
		size_t lo = 0, hi = rs ? rs->nmaps : 0;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(rs->maps[mid].base, "locale") < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; !cur && rs && i < rs->nmaps; i++) {
			const ss_map_entry *m = &rs->maps[i];
			if (strcmp(m->base, "locale") != 0)
				break;
			size_t wl = strlen(m->word);
			if (wl && wl <= len && contains(s, len, m->word, wl))
				cur = m->value;
		}
		if (!cur && len >= 6 && roc_year(s, len))
			cur = "TWD";
	}
	if (!cur)
		cur = "CNY";
	size_t n = strlen(cur);
	if (n >= sizeof doc->currency)
		n = sizeof doc->currency - 1;
	memcpy(doc->currency, cur, n);
	doc->currency[n] = '\0';
}

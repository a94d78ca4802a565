/* script.c - rule files read in simplified characters: the loader folds a
 * file's traditional characters through the table documents are read
 * through, so that a rule written in either script matches. */
#include <string.h>

#include "rules.h"
#include "text/fold.h"

/* The file with its traditional characters folded to simplified ones (text/
 * fold.c, the table documents are read through), so that 港幣 in a rule or
 * a map line matches the folded text as 港币 does. Example lines stay as
 * written: their input is folded when it is extracted, and their
 * expectations speak of the text as written. Characters are counted, not
 * bytes, in every message, so columns are those of the file. */
char *ss_rules_fold(const char *buf, size_t len, size_t *outlen)
{
	ss_buf b = {0};
	ss_buf_grow(&b, len + 1);
	bool example = false, start = true;
	/* Bytes from `run` on are copied as they are, in one piece when a
	 * character changes or the file ends (one append a character was a
	 * tenth of start-up). */
	size_t run = 0;
	for (size_t i = 0; i < len;) {
		if (start) {
			size_t k = i;
			while (k < len && (buf[k] == ' ' || buf[k] == '\t'))
				k++;
			example = k > i && len - k >= 8 && !memcmp(buf + k, "example", 7) &&
			          (buf[k + 7] == ' ' || buf[k + 7] == '\t');
			start = false;
		}
		if ((unsigned char)buf[i] < 0x80) {
			start = buf[i++] == '\n';
			continue;
		}
		uint32_t cp;
		int cl = ss_utf8_decode(buf + i, len - i, &cp);
		if (cl <= 0) { /* check_utf8 has refused the file already */
			i++;
			continue;
		}
		uint32_t to = example ? cp : ss_fold_char(cp);
		if (to != cp) {
			ss_buf_add(&b, buf + run, i - run);
			char enc[4];
			ss_buf_add(&b, enc, (size_t)ss_utf8_encode(to, enc));
			run = i + (size_t)cl;
		}
		i += (size_t)cl;
	}
	ss_buf_add(&b, buf + run, len - run);
	ss_buf_add(&b, "", 0);
	return ss_buf_detach(&b, outlen);
}

/* fuzz_numeral.c - Arabic and Chinese numerals: the parser on any bytes, and
 * the exact-decimal arithmetic on what it returns. A parsed number's str must
 * be a canonical decimal that fits, and reading it back gives value. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "numeral/numeral.h"

static void check_str(const ss_number *n)
{
	size_t l = strnlen(n->str, SS_NUM_MAX);
	FUZZ_ASSERT(l < SS_NUM_MAX);
	for (size_t i = 0; i < l; i++)
		FUZZ_ASSERT((n->str[i] >= '0' && n->str[i] <= '9') || n->str[i] == '.' ||
		            (n->str[i] == '-' && i == 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		size = 4096;
	ss_number n;
	memset(&n, 0, sizeof n);
	if (ss_numeral_parse((const char *)data, size, &n)) {
		check_str(&n);
		if (n.str[0] && isfinite(n.value))
			FUZZ_ASSERT(strtod(n.str, NULL) == n.value);
		ss_number c = n;
		ss_number_shift(&c, size ? (int)(data[0] % 64) - 32 : 0);
		check_str(&c);
		c = n;
		ss_number_mul(&c, 10);
		check_str(&c);
		c = n;
		ss_number_negate(&c);
		check_str(&c);
	}
	/* The decimal constructor on the digits of the input. */
	if (size >= 2) {
		ss_number d;
		memset(&d, 0, sizeof d);
		if (ss_number_set_decimal(&d, data[0] & 1, (const char *)data + 2, size - 2,
		                          (long)(int8_t)data[1]))
			check_str(&d);
	}
	return 0;
}

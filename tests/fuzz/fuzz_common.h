/* fuzz_common.h - shared by the libFuzzer targets: abort loudly (so that
 * libFuzzer keeps the input) when an invariant fails. */
#ifndef SS_FUZZ_COMMON_H
#define SS_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond)                                                                 \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__,   \
			        #cond);                                                   \
			abort();                                                          \
		}                                                                         \
	} while (0)

/* Inputs larger than this are cut: the targets look for crashes and broken
 * invariants, which show up in small inputs; huge ones only slow the search
 * (the pathological tests cover size). */
#define FUZZ_MAX_LEN 65536

#endif

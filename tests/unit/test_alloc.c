/* test_alloc.c - running out of memory: a guarded thread goes back to its
 * guard with the size it asked for; guards nest; ss_mem_check and the file
 * readers say ENOMEM-like conditions instead of aborting. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/util.h"

/* Under ASan a huge malloc must return NULL, as plain malloc does. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

#define HUGE ((size_t)1 << 62)

static void guard_catches(void **state)
{
	(void)state;
	ss_oom_guard g;
	volatile int reached = 0;
	if (setjmp(g.env) == 0) {
		ss_oom_guard_push(&g);
		ss_xmalloc(HUGE);
		reached = 1; /* never: the allocation fails */
		ss_oom_guard_pop(&g);
		fail();
	}
	assert_int_equal(reached, 0);
	assert_true(g.size == HUGE);
}

static void guards_nest(void **state)
{
	(void)state;
	ss_oom_guard outer, inner;
	volatile int where = 0;
	if (setjmp(outer.env) == 0) {
		ss_oom_guard_push(&outer);
		if (setjmp(inner.env) == 0) {
			ss_oom_guard_push(&inner);
			ss_xrealloc(NULL, HUGE);
			fail();
		}
		where = 1; /* the inner guard caught it, and is popped */
		ss_buf b = SS_BUF_INIT;
		ss_buf_grow(&b, HUGE); /* now the outer one */
		fail();
	}
	assert_int_equal(where, 1);
	assert_true(outer.size >= HUGE);
}

static void guard_pop_restores(void **state)
{
	(void)state;
	ss_oom_guard g;
	if (setjmp(g.env) == 0) {
		ss_oom_guard_push(&g);
		void *p = ss_xmalloc(64); /* succeeds: nothing happens */
		free(p);
		ss_oom_guard_pop(&g);
	} else {
		fail();
	}
	assert_true(g.size == 0);
}

static void mem_check(void **state)
{
	(void)state;
	assert_true(ss_mem_check(1 << 20));
	assert_false(ss_mem_check(HUGE));
}

static void read_fd_pipe(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "abc", 3), 3);
	close(fds[1]);
	char *buf;
	size_t len;
	assert_int_equal(ss_read_fd(fds[0], &buf, &len), 0);
	close(fds[0]);
	assert_int_equal(len, 3);
	assert_string_equal(buf, "abc");
	free(buf);
	assert_int_equal(ss_read_file("tests", &buf, &len), EISDIR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(guard_catches),      cmocka_unit_test(guards_nest),
		cmocka_unit_test(guard_pop_restores), cmocka_unit_test(mem_check),
		cmocka_unit_test(read_fd_pipe),
	};
	return cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
}

/* batch.c - the ordered worker pool behind `extract -j N`.
 *
 * A ring of slots holds the items in flight. The calling thread fills slots
 * in input order (the walk, --files-from, JSONL lines) and empties them in the
 * same order (the writer); N worker threads claim filled slots in order and
 * process them. The caller works no item itself: while it was busy with one,
 * nobody refilled the ring, and the other workers ran dry (on the 19,357
 * small files of corpus/text the worker slept 3,500-5,300 times a run, over
 * a second in all). When the ring is full the caller writes out the oldest
 * slots before it adds a new one, so at most ring-size documents' results
 * are held at a time: memory follows the largest documents, not the length
 * of the batch. Because emit always runs on the calling thread in input
 * order, the output and the messages are byte for byte those of one
 * thread. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#endif
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* The most items a worker takes at once. */
#define CLAIM_MAX 8

typedef enum { SLOT_FREE, SLOT_QUEUED, SLOT_DONE } slot_state;

typedef struct {
	ss_item item;
	ss_result res;
	slot_state state;
} slot;

struct ss_batch {
	ss_batch_work work;
	ss_batch_emit emit;
	void *ctx;
	int jobs;
	slot *ring;
	size_t nring;
	size_t head;  /* the oldest item not yet emitted */
	size_t claim; /* the next item a worker takes */
	size_t tail;  /* the next item submitted */
	bool stop;
	/* Signal only a thread that sleeps: with thousands of small documents a
	 * futex wake per item is most of the cost of the pool. */
	int idle;           /* workers waiting for work */
	bool writer_waits;  /* the caller waits for the oldest item */
	size_t ndone;       /* items done and not yet emitted */
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	pthread_t *threads;
};

int ss_cpu_count(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

static void item_release(ss_item *it)
{
	free(it->name);
	free(it->data);
	memset(it, 0, sizeof *it);
}

static void result_release(ss_result *r)
{
	ss_buf_release(&r->out);
	ss_buf_release(&r->err);
	free(r->name);
	if (r->doc)
		ss_doc_free(r->doc);
	memset(r, 0, sizeof *r);
}

/* Whether the writer, waiting on a full ring, has enough to do: the oldest
 * item is done, and so are a quarter of the ring or everything left to do.
 * Waking it for every small document would cost more than the document; a
 * quarter leaves three quarters queued for the workers while it wakes.
 * Called with mu held. */
static bool writer_may_go(const ss_batch *b)
{
	if (b->ring[b->head % b->nring].state != SLOT_DONE)
		return false;
	return b->ndone >= b->nring / 4 || b->ndone == b->tail - b->head;
}

/* Take the next queued items and process them (on a worker). Called with mu
 * held and claim < tail; returns with mu held. With many items queued a
 * worker takes a few at a time, leaving the others as much: on the 19,357
 * small files of corpus/text, a lock and an unlock per file made the
 * threads meet on the mutex and sleep in the kernel some 4,400 times a
 * run. */
static void run_next(ss_batch *b)
{
	size_t k = (b->tail - b->claim) / ((size_t)b->jobs * 2);
	k = k < 1 ? 1 : k > CLAIM_MAX ? CLAIM_MAX : k;
	size_t first = b->claim;
	b->claim += k;
	pthread_mutex_unlock(&b->mu);
	/* The slots are ours until they are marked done: the writer only
	 * reuses a slot after emitting it. */
	for (size_t j = 0; j < k; j++) {
		slot *s = &b->ring[(first + j) % b->nring];
		b->work(b->ctx, &s->item, &s->res);
		item_release(&s->item);
	}
	pthread_mutex_lock(&b->mu);
	for (size_t j = 0; j < k; j++)
		b->ring[(first + j) % b->nring].state = SLOT_DONE;
	b->ndone += k;
	if (b->writer_waits && writer_may_go(b))
		pthread_cond_signal(&b->done_cv);
}

static void *worker(void *arg)
{
	ss_batch *b = arg;
	pthread_mutex_lock(&b->mu);
	for (;;) {
		while (b->claim == b->tail && !b->stop) {
			b->idle++;
			pthread_cond_wait(&b->work_cv, &b->mu);
			b->idle--;
		}
		if (b->claim == b->tail)
			break; /* stopped and nothing left */
		run_next(b);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

ss_batch *ss_batch_new(int jobs, ss_batch_work work, ss_batch_emit emit, void *ctx)
{
	ss_batch *b = ss_xcalloc(1, sizeof *b);
	b->work = work;
	b->emit = emit;
	b->ctx = ctx;
	b->jobs = jobs < 1 ? 1 : jobs;
	if (b->jobs == 1)
		return b;
	/* 8 slots a thread: the writer wakes for a quarter of a ring at a time
	 * and leaves the rest queued. 32 kept the workers fed a little better on
	 * small files, but held four times the finished results: 1.2 GB against
	 * 0.8 GB for 24 fact-dense documents of 4 MB at -j2. */
	b->nring = (size_t)b->jobs * 8;
	b->ring = ss_xcalloc(b->nring, sizeof *b->ring);
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->work_cv, NULL);
	pthread_cond_init(&b->done_cv, NULL);
	b->threads = ss_xcalloc((size_t)b->jobs, sizeof *b->threads);
	for (int i = 0; i < b->jobs; i++) {
		int err = pthread_create(&b->threads[i], NULL, worker, b);
		if (err) {
			ss_error("cannot start a thread: %s", strerror(err));
			abort();
		}
	}
	return b;
}

/* Wait for the oldest item (and, on a full ring, for half the ring: see
 * writer_may_go), emit it and free its slot. Called with mu held, with
 * head < tail; returns with mu held. */
static void emit_head(ss_batch *b)
{
	slot *s = &b->ring[b->head % b->nring];
	bool full = b->tail - b->head == b->nring;
	while (full ? !writer_may_go(b) : s->state != SLOT_DONE) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 100 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		b->writer_waits = true;
		int rc = pthread_cond_timedwait(&b->done_cv, &b->mu, &ts);
		b->writer_waits = false;
		if (rc == ETIMEDOUT && s->state != SLOT_DONE) {
			/* A long document holds up the line: keep the clock moving. */
			pthread_mutex_unlock(&b->mu);
			ss_progress_tick();
			pthread_mutex_lock(&b->mu);
		}
	}
	pthread_mutex_unlock(&b->mu);
	b->emit(b->ctx, &s->res);
	result_release(&s->res);
	pthread_mutex_lock(&b->mu);
	s->state = SLOT_FREE;
	b->ndone--;
	b->head++;
}

void ss_batch_submit(ss_batch *b, ss_item *item)
{
	if (b->jobs == 1) {
		ss_result res = {0};
		b->work(b->ctx, item, &res);
		item_release(item);
		b->emit(b->ctx, &res);
		result_release(&res);
		return;
	}
	pthread_mutex_lock(&b->mu);
	while (b->tail - b->head == b->nring)
		emit_head(b);
	slot *s = &b->ring[b->tail % b->nring];
	s->item = *item;
	memset(item, 0, sizeof *item);
	memset(&s->res, 0, sizeof s->res);
	s->state = SLOT_QUEUED;
	b->tail++;
	if (b->idle)
		pthread_cond_signal(&b->work_cv);
	/* Write out what is already done, so output streams as it comes. */
	while (b->head < b->tail && b->ring[b->head % b->nring].state == SLOT_DONE)
		emit_head(b);
	pthread_mutex_unlock(&b->mu);
}

void ss_batch_finish(ss_batch *b)
{
	if (b->jobs > 1) {
		pthread_mutex_lock(&b->mu);
		while (b->head < b->tail)
			emit_head(b);
		b->stop = true;
		pthread_cond_broadcast(&b->work_cv);
		pthread_mutex_unlock(&b->mu);
		for (int i = 0; i < b->jobs; i++)
			pthread_join(b->threads[i], NULL);
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->work_cv);
		pthread_cond_destroy(&b->done_cv);
		free(b->threads);
		free(b->ring);
	}
	free(b);
}

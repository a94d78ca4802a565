/* batch.c - the ordered worker pool behind `extract -j N`.
 *
 * The calling thread only produces: it queues the items in input order (the
 * walk, --files-from, JSONL lines) and goes on with the walk. N worker
 * threads take queued items in order, each into a slot of a window of
 * results, and process them. Whichever worker finds the oldest result done
 * writes it out, and every done result after it, in input order, one
 * thread at a time: the output and the messages are byte for byte those of
 * one thread. No thread but the workers has to run while documents are
 * processed, so on two cores the work does not wait for a third thread to
 * be scheduled: with a writer thread of its own, the 19,357 small files of
 * corpus/text made that thread sleep and wake some 4,700 times a run, each
 * wake taking a core from a worker.
 *
 * Memory: the window holds at most 32 results a thread, and stops taking
 * items while the finished results it holds pass HELD_BYTES, so it follows
 * the largest documents, not the length of the batch; the queue holds
 * names (a few thousand) and at most QUEUE_BYTES of JSONL lines beyond the
 * first. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#endif
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Results a thread may have in flight. One document of 50 KB at the head
 * of the line takes as long as a hundred small ones, and a window of 8 a
 * thread filled behind it: the other worker waited some 700 times on the
 * 19,357 files of corpus/text at -j2, 90 times with 32. What the finished
 * results hold is bounded by bytes instead (HELD_BYTES), so that large
 * fact-dense documents do not fill 32 slots each. */
#define SLOTS_PER_JOB 32
/* No item is taken while the finished results not yet written out hold
 * more than this: a result's records and messages, and for a format that
 * keeps the document for the end of the run, its input bytes times
 * DOC_BYTES_FACTOR (what its facts and text take). A worker always has the
 * head of the line to finish, so the line never stops. */
#define HELD_BYTES ((size_t)64 << 20)
#define DOC_BYTES_FACTOR 8
/* The most items a worker takes at once: a lock and an unlock per batch of
 * small files, and still four batches in a window at -j2, so that a worker
 * a batch ahead of the oldest one need not wait for it. */
#define CLAIM_MAX 4
/* The queue: names are small, and a walk that runs far ahead wakes up
 * seldom; JSONL lines carry their documents, so they are bounded by bytes. */
#define QUEUE_MAX 4096
#define QUEUE_BYTES ((size_t)64 << 20)

typedef enum { SLOT_FREE, SLOT_BUSY, SLOT_DONE } slot_state;

typedef struct {
	ss_item item;
	ss_result res;
	slot_state state;
} slot;

/* SS_BATCH_STATS=1 in the environment prints how often the threads slept,
 * to see the pool's cost without a clock. */
typedef struct {
	unsigned long work_waits, room_waits, producer_waits, finish_waits, signals, claims;
} batch_stats;

struct ss_batch {
	ss_batch_work work;
	ss_batch_emit emit;
	void *ctx;
	int jobs;
	slot *ring;    /* the window: the results of items [head, head + nring) */
	size_t nring;
	ss_item *queue; /* items [claim, tail), at index % QUEUE_MAX */
	size_t qbytes;  /* data bytes in the queue */
	size_t held;    /* bytes the finished results hold (see HELD_BYTES) */
	size_t head;    /* the oldest item not yet written out */
	size_t claim;   /* the next item a worker takes */
	size_t tail;    /* the next item submitted */
	bool stop;      /* no more items come */
	bool emitting;  /* a thread is writing results out */
	/* Signal only a thread that sleeps: with thousands of small documents a
	 * futex wake per item is most of the cost of the pool. */
	int idle;            /* workers waiting for an item or for room */
	int wakes;           /* of them, signalled and not yet running: a busy
	                      * machine leaves a woken thread waiting for a core,
	                      * and each further signal would be a futex call */
	bool producer_waits; /* the caller waits for room in the queue, */
	size_t producer_len; /* for an item of this many bytes */
	bool finisher_waits; /* the caller waits for the last result */
	pthread_mutex_t mu;
	pthread_cond_t work_cv, room_cv, done_cv;
	pthread_t *threads;
	bool show_stats;
	batch_stats st;
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

/* Called with mu held. */
static bool can_claim(const ss_batch *b)
{
	return b->claim < b->tail && b->claim < b->head + b->nring && b->held < HELD_BYTES;
}

static size_t result_bytes(const ss_result *r)
{
	return r->out.len + r->err.len + (r->doc ? r->bytes * DOC_BYTES_FACTOR : 0);
}

static bool queue_full(const ss_batch *b, size_t len)
{
	size_t n = b->tail - b->claim;
	return n > 0 && (n >= QUEUE_MAX || b->qbytes + len > QUEUE_BYTES);
}

/* A producer that found the queue full sleeps until it is half empty, so
 * that it wakes once for thousands of names, not once for every few. */
static bool queue_low(const ss_batch *b, size_t len)
{
	size_t n = b->tail - b->claim;
	return n == 0 || (n <= QUEUE_MAX / 2 && b->qbytes + len <= QUEUE_BYTES / 2);
}

/* Wake one sleeping worker when there is something it could take; the one
 * woken wakes the next if there is more (see take). Called with mu held. */
static void wake_worker(ss_batch *b)
{
	if (b->idle > b->wakes && can_claim(b)) {
		b->wakes++;
		b->st.signals++;
		pthread_cond_signal(&b->work_cv);
	}
}

/* Wait on cv for at most a tenth of a second, so that a long document at
 * the head of the line still lets the progress line move (see
 * write_out). Called with mu held. */
static void wait_tenth(ss_batch *b, pthread_cond_t *cv)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 100 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(cv, &b->mu, &ts);
}

/* Write out the done results from the head on, in order, while no other
 * thread does (the emit callbacks and the progress line run one at a time,
 * ordered by mu). tick: redraw the progress line first, for a caller that
 * woke with nothing to write. Called with mu held; returns with mu held. */
static void write_out(ss_batch *b, bool tick)
{
	if (b->emitting)
		return;
	b->emitting = true;
	if (tick) {
		pthread_mutex_unlock(&b->mu);
		ss_progress_tick();
		pthread_mutex_lock(&b->mu);
	}
	size_t before = b->head;
	while (b->head < b->claim && b->ring[b->head % b->nring].state == SLOT_DONE) {
		slot *s = &b->ring[b->head % b->nring];
		pthread_mutex_unlock(&b->mu);
		size_t bytes = result_bytes(&s->res);
		b->emit(b->ctx, &s->res);
		result_release(&s->res);
		pthread_mutex_lock(&b->mu);
		b->held -= bytes;
		s->state = SLOT_FREE;
		b->head++;
	}
	b->emitting = false;
	if (b->head != before) {
		wake_worker(b); /* room in the window */
		if (b->finisher_waits && b->head == b->tail)
			pthread_cond_signal(&b->done_cv);
	}
}

/* Take the next items into the window and process them (on a worker).
 * Called with mu held and can_claim; returns with mu held. With many items
 * queued a worker takes a few at a time, leaving the others as much. */
static void take(ss_batch *b)
{
	size_t room = b->head + b->nring - b->claim, queued = b->tail - b->claim;
	size_t k = queued / ((size_t)b->jobs * 2);
	k = k < 1 ? 1 : k > CLAIM_MAX ? CLAIM_MAX : k;
	k = k > room ? room : k > queued ? queued : k;
	size_t first = b->claim;
	for (size_t j = 0; j < k; j++) {
		slot *s = &b->ring[(first + j) % b->nring];
		ss_item *q = &b->queue[(first + j) % QUEUE_MAX];
		s->item = *q;
		memset(q, 0, sizeof *q);
		memset(&s->res, 0, sizeof s->res);
		s->state = SLOT_BUSY;
		b->qbytes -= s->item.len;
	}
	b->claim += k;
	b->st.claims++;
	if (b->producer_waits && queue_low(b, b->producer_len))
		pthread_cond_signal(&b->room_cv);
	wake_worker(b);
	pthread_mutex_unlock(&b->mu);
	/* The slots are ours until they are marked done: a slot is reused only
	 * after it is written out. */
	for (size_t j = 0; j < k; j++) {
		slot *s = &b->ring[(first + j) % b->nring];
		b->work(b->ctx, &s->item, &s->res);
		item_release(&s->item);
	}
	pthread_mutex_lock(&b->mu);
	for (size_t j = 0; j < k; j++) {
		slot *s = &b->ring[(first + j) % b->nring];
		s->state = SLOT_DONE;
		b->held += result_bytes(&s->res);
	}
	write_out(b, false);
}

static void *worker(void *arg)
{
	ss_batch *b = arg;
	pthread_mutex_lock(&b->mu);
	for (;;) {
		while (!can_claim(b) && !(b->stop && b->claim == b->tail)) {
			b->idle++;
			if (b->claim < b->tail)
				b->st.room_waits++;
			else
				b->st.work_waits++;
			pthread_cond_wait(&b->work_cv, &b->mu);
			b->idle--;
			if (b->wakes > 0)
				b->wakes--;
		}
		if (!can_claim(b))
			break; /* stopped and nothing left */
		take(b);
	}
	/* The next one may be asleep too. */
	pthread_cond_signal(&b->work_cv);
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
	const char *stats = getenv("SS_BATCH_STATS");
	b->show_stats = stats && *stats && strcmp(stats, "0");
	b->nring = (size_t)b->jobs * SLOTS_PER_JOB;
	b->ring = ss_xcalloc(b->nring, sizeof *b->ring);
	b->queue = ss_xcalloc(QUEUE_MAX, sizeof *b->queue);
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->work_cv, NULL);
	pthread_cond_init(&b->room_cv, NULL);
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
	if (queue_full(b, item->len)) {
		while (!queue_low(b, item->len)) {
			b->producer_waits = true;
			b->producer_len = item->len;
			b->st.producer_waits++;
			wait_tenth(b, &b->room_cv);
			b->producer_waits = false;
			if (!queue_low(b, item->len))
				write_out(b, true);
		}
	}
	b->queue[b->tail % QUEUE_MAX] = *item;
	memset(item, 0, sizeof *item);
	b->qbytes += b->queue[b->tail % QUEUE_MAX].len;
	b->tail++;
	wake_worker(b);
	pthread_mutex_unlock(&b->mu);
}

void ss_batch_finish(ss_batch *b)
{
	if (b->jobs > 1) {
		pthread_mutex_lock(&b->mu);
		b->stop = true;
		pthread_cond_broadcast(&b->work_cv);
		while (b->head < b->tail) {
			b->finisher_waits = true;
			b->st.finish_waits++;
			wait_tenth(b, &b->done_cv);
			b->finisher_waits = false;
			if (b->head < b->tail)
				write_out(b, true);
		}
		pthread_mutex_unlock(&b->mu);
		for (int i = 0; i < b->jobs; i++)
			pthread_join(b->threads[i], NULL);
		if (b->show_stats)
			fprintf(stderr,
			        "statspan: batch: %zu items, %lu claims; waits: %lu for work, %lu for "
			        "room, %lu producer, %lu finish; %lu signals\n",
			        b->tail, b->st.claims, b->st.work_waits, b->st.room_waits,
			        b->st.producer_waits, b->st.finish_waits, b->st.signals);
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->work_cv);
		pthread_cond_destroy(&b->room_cv);
		pthread_cond_destroy(&b->done_cv);
		free(b->threads);
		free(b->queue);
		free(b->ring);
	}
	free(b);
}

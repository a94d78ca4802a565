/* progress.c - the progress line of a long batch on standard error:
 *
 *     statspan: 4210/19357 files, 22%, 38.5 MB/s, 0:03 elapsed, ETA 0:11
 *
 * Shown only while standard error is a terminal and the run has lasted about
 * a second (--progress forces it, --no-progress forbids it), so pipes and logs
 * never see it unless asked. One thread at a time calls these functions:
 * whichever writes the results out (see batch.c). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static struct {
	bool enabled, tty, shown, held;
	double t0, last;
	size_t files, bytes, total_files, total_bytes;
} P;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void ss_progress_start(int mode)
{
	P.tty = isatty(STDERR_FILENO);
	P.enabled = mode > 0 || (mode < 0 && P.tty);
	P.shown = P.held = false;
	P.t0 = P.last = now();
	P.files = P.bytes = P.total_files = P.total_bytes = 0;
}

bool ss_progress_enabled(void)
{
	return P.enabled;
}

void ss_progress_total(size_t files, size_t bytes)
{
	P.total_files = files;
	P.total_bytes = bytes;
}

static void clock_str(char *buf, size_t n, double s)
{
	unsigned long t = (unsigned long)(s + 0.5);
	if (t >= 3600)
		snprintf(buf, n, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%lu:%02lu", t / 60, t % 60);
}

static void draw(double t)
{
	double el = t - P.t0;
	double mbs = el > 0 ? P.bytes / 1e6 / el : 0;
	char line[200], e[32], eta[32];
	clock_str(e, sizeof e, el);
	int n;
	if (P.total_files) {
		/* ETA by bytes when they are known (documents differ in size), else by files. */
		double frac = P.total_bytes ? (double)P.bytes / P.total_bytes
		                            : (double)P.files / P.total_files;
		if (frac > 1)
			frac = 1;
		if (frac > 0)
			clock_str(eta, sizeof eta, el / frac - el);
		else
			snprintf(eta, sizeof eta, "?");
		n = snprintf(line, sizeof line, "statspan: %zu/%zu files, %d%%, %.1f MB/s, %s elapsed, ETA %s",
		             P.files, P.total_files, (int)(frac * 100), mbs, e, eta);
	} else {
		n = snprintf(line, sizeof line, "statspan: %zu files, %.1f MB/s, %s elapsed", P.files, mbs,
		             e);
	}
	(void)n;
	/* \r and erase-to-end on a terminal; a forced line into a file gets one line a redraw. */
	if (P.tty)
		fprintf(stderr, "\r%s\033[K", line);
	else
		fprintf(stderr, "%s\n", line);
	fflush(stderr);
	P.shown = true;
	P.last = t;
}

void ss_progress_tick(void)
{
	if (!P.enabled || P.held)
		return;
	double t = now();
	/* A terminal is redrawn ten times a second; a file once a second. */
	if (t - P.t0 >= 1.0 && t - P.last >= (P.tty ? 0.1 : 1.0))
		draw(t);
}

void ss_progress_add(size_t files, size_t bytes)
{
	P.files += files;
	P.bytes += bytes;
	ss_progress_tick();
}

void ss_progress_clear(void)
{
	if (P.enabled && P.shown && P.tty) {
		fputs("\r\033[K", stderr);
		P.shown = false;
		P.last = 0; /* redraw at the next chance */
	}
}

void ss_progress_hold(bool hold)
{
	P.held = hold;
}

void ss_progress_stop(void)
{
	if (!P.enabled)
		return;
	if (P.shown && !P.tty)
		draw(now()); /* the final figures, for a log that asked for them */
	ss_progress_clear();
	P.enabled = false;
}

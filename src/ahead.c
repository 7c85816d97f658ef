/*
 * ahead.c: normalizing entries on a second thread while the first one
 * still reads (see ahead.h).  Entries go into batches of BATCH as they
 * are added; a full batch is posted to the pool's helper.  The pool is
 * made when the run has shown it is worth one (POOL_FROM entries), and
 * the batches read until then are posted at once.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ahead.h"
#include "model.h"
#include "msg.h"
#include "normalize.h"
#include "pool.h"
#include "util.h"

#define BATCH	64

struct batch {
	struct pool_job		 job;		/* first: the job is the batch */
	int			 keys;
	int			 done;		/* rec[] is filled */
	size_t			 n;
	struct entry		*e[BATCH];
	struct norm_ahead	 rec[BATCH];
};

struct ahead {
	struct entry_list	*l;
	struct pool		*pool;
	int			 keys;
	struct batch		**v;		/* batch i: entries i * BATCH.. */
	size_t			  n, cap;
	size_t			  posted;	/* batches handed to the pool */
};

/* pool_job: the batch's entries, on the helper thread. */
static void
run_batch(struct pool_job *job)
{
	struct batch	*b = (struct batch *)job;
	size_t		 i;

	for (i = 0; i < b->n; i++)
		normalize_ahead(&b->rec[i], b->e[i], b->keys);
	b->done = 1;
}

/* Post every full batch not posted yet, and the last one if all is. */
static void
post_batches(struct ahead *a, int all)
{
	while (a->posted < a->n &&
	    (all || a->v[a->posted]->n == BATCH)) {
		a->v[a->posted]->job.fn = run_batch;
		pool_post(a->pool, &a->v[a->posted++]->job);
	}
}

static void
ahead_add(void *arg, struct entry *e)
{
	struct ahead	*a = arg;
	struct batch	*b;

	if (a->n == 0 || a->v[a->n - 1]->n == BATCH) {
		if (a->n == a->cap) {
			a->cap = a->cap ? a->cap * 2 : 64;
			a->v = xreallocarray(a->v, a->cap, sizeof(*a->v));
		}
		b = a->v[a->n++] = xmalloc(sizeof(*b));
		b->keys = a->keys;
		b->done = 0;
		b->n = 0;
	}
	b = a->v[a->n - 1];
	b->e[b->n++] = e;
	/* BIB2PUBS_THREADS=2 makes the pool at the first entry. */
	if (a->pool == NULL && (e->ordinal == 0 || e->ordinal + 1 == POOL_FROM))
		a->pool = pool_start(e->ordinal + 1);
	if (a->pool != NULL && b->n == BATCH)
		post_batches(a, 0);
}

struct ahead *
ahead_start(struct entry_list *l, int keys)
{
	struct ahead	*a = xcalloc(1, sizeof(*a));

	a->l = l;
	a->keys = keys;
	l->on_add = ahead_add;
	l->on_add_arg = a;
	return a;
}

struct pool *
ahead_finish(struct ahead *a)
{
	a->l->on_add = NULL;
	a->l->on_add_arg = NULL;
	if (a->pool == NULL)
		return pool_start(a->l->n);
	post_batches(a, 1);
	pool_wait(a->pool);
	return a->pool;
}

struct norm_ahead *
ahead_get(const struct ahead *a, const struct entry *e)
{
	struct batch	*b;

	if (a == NULL || e->edited || e->ordinal / BATCH >= a->n)
		return NULL;
	b = a->v[e->ordinal / BATCH];
	if (!b->done || e->ordinal % BATCH >= b->n ||
	    b->e[e->ordinal % BATCH] != e)
		return NULL;
	return &b->rec[e->ordinal % BATCH];
}

void
ahead_free(struct ahead *a)
{
	size_t	 i, k;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		for (k = 0; a->v[i]->done && k < a->v[i]->n; k++)
			norm_ahead_free(&a->v[i]->rec[k]);
		free(a->v[i]);
	}
	free(a->v);
	free(a);
}

/*
 * ahead.c: normalizing entries on a second thread while the first one
 * still reads (see ahead.h).  Entries go into batches of BATCH as they
 * are added; a full batch is posted to the pool's helper, which writes
 * each entry's record.  The pool is made when the run has shown it is
 * worth one (POOL_FROM entries, or the first with BIB2PUBS_THREADS=2),
 * and the batches read until then are posted at once; without one,
 * nothing is kept.
 *
 * Records sit in chunks of CHUNK, apart from the batches: a chunk is
 * large enough for malloc to map it on its own and give it back whole
 * when freed, and normalize() frees each once it is past it, so the
 * records never add to the peak of the run, which comes later.
 */
#include "config.h"

#include <stdlib.h>

#include "ahead.h"
#include "model.h"
#include "normalize.h"
#include "pool.h"
#include "util.h"

#define BATCH	64
#define CHUNK	8192

struct batch {
	struct pool_job		 job;		/* first: the job is the batch */
	int			 keys;
	size_t			 n;
	struct norm_ahead	*rec;		/* n records, in a chunk */
	struct entry		*e[BATCH];
};

struct ahead {
	struct entry_list	*l;
	struct pool		*pool;
	int			 keys;
	int			 off;		/* no pool will come */
	int			 ready;		/* every record is made */
	size_t			 n;		/* entries seen */
	struct norm_ahead	**chunks;	/* record i: chunk i / CHUNK */
	size_t			  nchunks, freed;	/* chunks below freed: gone */
	struct batch		**v;		/* batch i: entries i * BATCH.. */
	size_t			  nbatches, cap, posted;
};

/* pool_job: the batch's entries, on the helper thread. */
static void
run_batch(struct pool_job *job)
{
	struct batch	*b = (struct batch *)job;
	size_t		 i;

	for (i = 0; i < b->n; i++)
		normalize_ahead(&b->rec[i], b->e[i], b->keys);
}

/* Post every full batch not posted yet, and the last one if all is. */
static void
post_batches(struct ahead *a, int all)
{
	while (a->posted < a->nbatches &&
	    (all || a->v[a->posted]->n == BATCH)) {
		a->v[a->posted]->job.fn = run_batch;
		pool_post(a->pool, &a->v[a->posted++]->job);
	}
}

static void
free_chunks(struct ahead *a)
{
	while (a->nchunks > a->freed)
		free(a->chunks[--a->nchunks]);
	free(a->chunks);
	a->chunks = NULL;
	a->nchunks = a->freed = 0;
}

static void
free_batches(struct ahead *a)
{
	while (a->nbatches > 0)
		free(a->v[--a->nbatches]);
	free(a->v);
	a->v = NULL;
	a->cap = a->posted = 0;
}

/* The record for the entry of ordinal i, its chunk made if need be. */
static struct norm_ahead *
record(struct ahead *a, size_t i)
{
	if (i / CHUNK == a->nchunks) {
		a->chunks = xreallocarray(a->chunks, a->nchunks + 1,
		    sizeof(*a->chunks));
		a->chunks[a->nchunks++] = xreallocarray(NULL, CHUNK,
		    sizeof(**a->chunks));
	}
	return &a->chunks[i / CHUNK][i % CHUNK];
}

static struct batch *
new_batch(struct ahead *a)
{
	struct batch	*b = xmalloc(sizeof(*b));

	if (a->nbatches == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = xreallocarray(a->v, a->cap, sizeof(*a->v));
	}
	a->v[a->nbatches++] = b;
	b->keys = a->keys;
	b->n = 0;
	b->rec = record(a, a->n);
	return b;
}

static void
ahead_add(void *arg, struct entry *e)
{
	struct ahead	*a = arg;
	struct batch	*b;

	if (a->off || e->ordinal != a->n)
		return;
	if (a->nbatches == 0 || a->v[a->nbatches - 1]->n == BATCH)
		new_batch(a);
	b = a->v[a->nbatches - 1];
	b->e[b->n++] = e;
	a->n++;
	/* At the first entry only BIB2PUBS_THREADS=2 gets a pool. */
	if (a->pool == NULL && (a->n == 1 || a->n == POOL_FROM)) {
		a->pool = pool_start(a->n);
		if (a->pool == NULL && a->n == POOL_FROM) {
			a->off = 1;	/* one thread: normalize() does all */
			free_batches(a);
			free_chunks(a);
			return;
		}
	}
	if (a->pool != NULL && b->n == BATCH)
		post_batches(a, 0);
}

struct ahead *
ahead_start(struct entry_list *l, int keys)
{
	struct ahead	*a = xcalloc(1, sizeof(*a));

	a->l = l;
	a->keys = keys;
	a->off = l->n != 0;	/* ordinals must start here */
	l->on_add = ahead_add;
	l->on_add_arg = a;
	return a;
}

struct pool *
ahead_finish(struct ahead *a)
{
	a->l->on_add = NULL;
	a->l->on_add_arg = NULL;
	if (a->pool == NULL) {
		free_batches(a);
		free_chunks(a);
		return pool_start(a->l->n);
	}
	post_batches(a, 1);
	pool_wait(a->pool);
	free_batches(a);
	a->ready = !a->off;
	return a->pool;
}

struct norm_ahead *
ahead_get(const struct ahead *a, const struct entry *e)
{
	if (a == NULL || !a->ready || e->edited || e->ordinal >= a->n ||
	    e->ordinal / CHUNK < a->freed)
		return NULL;
	return &a->chunks[e->ordinal / CHUNK][e->ordinal % CHUNK];
}

/* Free the chunks of the records before ordinal i. */
void
ahead_drop(struct ahead *a, size_t i)
{
	size_t	 k, n;

	if (a == NULL || !a->ready)
		return;
	for (; a->freed < i / CHUNK && a->freed < a->nchunks; a->freed++) {
		n = a->n - a->freed * CHUNK < CHUNK ? a->n - a->freed * CHUNK :
		    CHUNK;
		for (k = 0; k < n; k++)
			norm_ahead_free(&a->chunks[a->freed][k]);
		free(a->chunks[a->freed]);
		a->chunks[a->freed] = NULL;
	}
}

void
ahead_free(struct ahead *a)
{
	if (a == NULL)
		return;
	ahead_drop(a, a->nchunks * CHUNK);
	free_chunks(a);
	free_batches(a);
	free(a);
}

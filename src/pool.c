/*
 * pool.c: one helper thread (see pool.h).  Items are handed out one at
 * a time under a mutex, so a slow item on one thread never holds the
 * other back; pool_run returns once every item is handed out and the
 * helper has none in hand.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"
#include "util.h"

struct pool {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 start;		/* a run began, or stop */
	pthread_cond_t	 finished;	/* the helper put an item or job down */
	struct pool_job	*queue, **tail;	/* posted, not yet begun */
	int		 on_job;	/* the helper runs a posted job */
	pool_fn		 fn;
	void		*arg;
	size_t		 next, n;	/* the next item to hand out; count */
	unsigned	 run;		/* counts pool_run calls */
	int		 in_hand;	/* the helper is on an item */
	int		 stop;
};

/* Take items of the current run until none is left; called locked. */
static void
take_items(struct pool *p, int thread)
{
	pool_fn	 fn;
	void	*arg;
	size_t	 i;

	while (p->next < p->n) {
		i = p->next++;
		fn = p->fn;
		arg = p->arg;
		p->in_hand += thread;
		pthread_mutex_unlock(&p->lock);
		fn(arg, i, thread);
		pthread_mutex_lock(&p->lock);
		p->in_hand -= thread;
	}
	if (thread)
		pthread_cond_signal(&p->finished);
}

/* The oldest posted job, taken off the queue; called locked. */
static struct pool_job *
next_job(struct pool *p)
{
	struct pool_job	*job = p->queue;

	if (job != NULL && (p->queue = job->next) == NULL)
		p->tail = &p->queue;
	return job;
}

static void *
helper(void *arg)
{
	struct pool	*p = arg;
	struct pool_job	*job;
	unsigned	 seen = 0;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->run == seen && p->queue == NULL && !p->stop)
			pthread_cond_wait(&p->start, &p->lock);
		if ((job = next_job(p)) != NULL) {
			p->on_job = 1;
			pthread_mutex_unlock(&p->lock);
			job->fn(job);
			pthread_mutex_lock(&p->lock);
			p->on_job = 0;
			pthread_cond_signal(&p->finished);
			continue;
		}
		if (p->stop)
			break;
		seen = p->run;
		take_items(p, 1);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/*
 * POOL_FROM (pool.h), measured on generated files (medians of 15-31
 * runs, one thread -> two): 100 entries 6.25 -> 6.46 ms, 300: 12.5 ->
 * 13.2, 500 and 700 even, 1,000: 34.1 -> 31.7, 3,000: 97 -> 78.  Below,
 * waking the helper for each batch costs what it would do.
 */

/* BIB2PUBS_THREADS=1: never; 2: always; else for enough work on two cores. */
static int
pool_wanted(size_t n)
{
	const char	*env = getenv("BIB2PUBS_THREADS");

	if (env != NULL && strcmp(env, "1") == 0)
		return 0;
	if (env != NULL && strcmp(env, "2") == 0)
		return 1;
	return n >= POOL_FROM && sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

struct pool *
pool_start(size_t n)
{
	struct pool	*p;

	if (!pool_wanted(n))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->start, NULL);
	pthread_cond_init(&p->finished, NULL);
	p->tail = &p->queue;
	if (pthread_create(&p->thread, NULL, helper, p) == 0)
		return p;
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->start);
	pthread_cond_destroy(&p->finished);
	free(p);
	return NULL;
}

void
pool_run(struct pool *p, size_t n, pool_fn fn, void *arg)
{
	pool_run_meanwhile(p, n, fn, arg, NULL, NULL);
}

void
pool_run_meanwhile(struct pool *p, size_t n, pool_fn fn, void *arg,
    void (*meanwhile)(void *), void *marg)
{
	size_t	 i;

	if (p == NULL) {
		if (meanwhile != NULL)
			meanwhile(marg);
		for (i = 0; i < n; i++)
			fn(arg, i, 0);
		return;
	}
	pthread_mutex_lock(&p->lock);
	p->fn = fn;
	p->arg = arg;
	p->next = 0;
	p->n = n;
	p->run++;
	pthread_cond_signal(&p->start);
	if (meanwhile != NULL) {
		pthread_mutex_unlock(&p->lock);
		meanwhile(marg);
		pthread_mutex_lock(&p->lock);
	}
	take_items(p, 0);
	while (p->in_hand)
		pthread_cond_wait(&p->finished, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void
pool_post(struct pool *p, struct pool_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&p->lock);
	*p->tail = job;
	p->tail = &job->next;
	pthread_cond_signal(&p->start);
	pthread_mutex_unlock(&p->lock);
}

void
pool_wait(struct pool *p)
{
	struct pool_job	*job;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	while ((job = next_job(p)) != NULL) {
		pthread_mutex_unlock(&p->lock);
		job->fn(job);
		pthread_mutex_lock(&p->lock);
	}
	while (p->on_job)
		pthread_cond_wait(&p->finished, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void
pool_stop(struct pool *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_signal(&p->start);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->start);
	pthread_cond_destroy(&p->finished);
	free(p);
}

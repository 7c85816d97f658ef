/*
 * pool.h: a second thread for work that splits into independent items
 * -- a page's entries.  Writing an entry (decoding its title and names,
 * running the theme over it, escaping) is most of bib2pubs' work after
 * libbtparse's; on two cores it is shared.
 */
#ifndef POOL_H
#define POOL_H

#include <stddef.h>

struct pool;

/* Entries from which a second thread saves more than it costs. */
#define POOL_FROM	1000

/* Called for item i on thread 0 (the caller's) or 1. */
typedef void	(*pool_fn)(void *arg, size_t i, int thread);

/*
 * A pool for work of n items, or NULL (one thread does all) for fewer
 * than 1,000, on one core, with BIB2PUBS_THREADS=1, or when no thread can
 * be made.  BIB2PUBS_THREADS=2 asks for one whatever n and the cores.
 */
struct pool	*pool_start(size_t n);
/* fn(arg, i, thread) for every i < n, each once, on whichever thread is
 * free; returns when all are done.  Without a pool, all on this one. */
void		 pool_run(struct pool *, size_t n, pool_fn, void *arg);
/* The same, but this thread first calls meanwhile(marg) while the
 * helper starts on the items: serial work overlapped with the next
 * run's (writing out what the last run made). */
void		 pool_run_meanwhile(struct pool *, size_t n, pool_fn, void *arg,
		    void (*meanwhile)(void *), void *marg);

/*
 * Work handed over while this thread goes on with its own: the helper
 * runs job->fn(job) some time after pool_post.  pool_wait runs here
 * whatever the helper has not begun and returns once it is idle.  The
 * job's memory is the caller's until then.
 */
struct pool_job {
	void		(*fn)(struct pool_job *);
	struct pool_job	 *next;
};

void		 pool_post(struct pool *, struct pool_job *);
void		 pool_wait(struct pool *);
void		 pool_stop(struct pool *);

#endif

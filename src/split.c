/*
 * split.c: the child process and the records it shares (see split.h).
 *
 * The records live in an anonymous shared mapping made before the
 * fork: nothing is copied through a pipe, and the parent needs no
 * thread to drain one.  Only the pages written are ever backed, so the
 * mapping can be generous; a child that would overrun it exits, and
 * the parent reads on from there itself.  The child publishes how far
 * its records are whole in the mapping's first word and wakes the
 * parent through a pipe every TICK bytes; the pipe's end of file tells
 * the parent the child is gone, whether it finished or not.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <unistd.h>

#include "split.h"

#define HEADER		sizeof(uint64_t)	/* the length published */
#define TICK		(256 * 1024)		/* records between wake-ups */
#define RELEASE_STEP	(1024 * 1024)

int
split_wanted(size_t len)
{
	const char	*env = getenv("BIB2PUBS_THREADS");

	if (len > SPLIT_UPTO || (env != NULL && strcmp(env, "1") == 0))
		return 0;
	if (env != NULL && strcmp(env, "2") == 0)
		return 1;
	return len >= SPLIT_FROM && sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

int
split_fork(struct split *sp, size_t cap)
{
	int	 fds[2] = { -1, -1 };
	pid_t	 parent = getpid();

	memset(sp, 0, sizeof(*sp));
	sp->base = mmap(NULL, cap, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (sp->base == MAP_FAILED) {
		sp->base = NULL;
		return -1;
	}
	sp->cap = cap;
	sp->pipe = -1;
	if (pipe(fds) == -1 || (sp->pid = fork()) == -1) {
		if (fds[0] != -1) {
			close(fds[0]);
			close(fds[1]);
		}
		split_free(sp);
		return -1;
	}
	sp->len = sp->pos = HEADER;
#ifdef PR_SET_PDEATHSIG
	/* A parent killed (^C reaches both; kill(1) may not) ends the child. */
	if (sp->pid == 0 && (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
	    getppid() != parent))
		_exit(1);
#else
	(void)parent;
#endif
	close(fds[sp->pid == 0 ? 0 : 1]);
	sp->pipe = fds[sp->pid == 0 ? 1 : 0];
	return sp->pid == 0;
}

/* ---- the child ---- */

void
split_put(struct split *sp, const void *p, size_t n)
{
	if (n > sp->cap - sp->len)
		_exit(1);	/* the parent reads on from its last entry */
	memcpy(sp->base + sp->len, p, n);
	sp->len += n;
}

void
split_put_u32(struct split *sp, uint32_t v)
{
	split_put(sp, &v, sizeof(v));
}

void
split_put_str(struct split *sp, const char *s, size_t n)
{
	split_put_u32(sp, (uint32_t)n);
	split_put(sp, s, n);
	split_put(sp, "", 1);
}

size_t
split_mark(const struct split *sp)
{
	return sp->len;
}

void
split_patch_u32(struct split *sp, size_t mark, uint32_t v)
{
	memcpy(sp->base + mark, &v, sizeof(v));
}

void
split_publish(struct split *sp)
{
	__atomic_store_n((uint64_t *)(void *)sp->base, (uint64_t)sp->len,
	    __ATOMIC_RELEASE);
	if (sp->len - sp->ticked >= TICK) {
		sp->ticked = sp->len;
		if (write(sp->pipe, "", 1) != 1)
			_exit(1);	/* the parent is gone */
	}
}

_Noreturn void
split_child_done(struct split *sp)
{
	split_publish(sp);
	/* _exit: the parent's stdio buffers and atexit work are its own. */
	_exit(0);
}

/* A pipe carries it: the parent's read ends when the child does. */
void
split_tell_boundary(struct split *sp, size_t at)
{
	uint64_t	 v = at;

	if (write(sp->pipe, &v, sizeof(v)) != (ssize_t)sizeof(v))
		_exit(1);
}

/* Wake-ups come only after it, so the word is the pipe's first bytes. */
size_t
split_boundary(struct split *sp)
{
	uint64_t	 v = 0;
	size_t		 got = 0;
	ssize_t		 n;

	while (got < sizeof(v) && ((n = read(sp->pipe, (char *)&v + got,
	    sizeof(v) - got)) > 0 || (n == -1 && errno == EINTR)))
		got += n > 0 ? (size_t)n : 0;
	return got == sizeof(v) ? (size_t)v : 0;
}

/* ---- the parent ---- */

static void
reap(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) == -1 && errno == EINTR)
		continue;
}

int
split_take(struct split *sp)
{
	char	 wake[64];
	ssize_t	 n;
	size_t	 was = sp->len;

	for (;;) {
		sp->len = (size_t)__atomic_load_n((uint64_t *)(void *)sp->base,
		    __ATOMIC_ACQUIRE);
		if (sp->len > sp->cap)
			sp->len = sp->cap;
		if (sp->len > was || sp->pipe == -1)
			return sp->len > sp->pos;
		while ((n = read(sp->pipe, wake, sizeof(wake))) == -1 &&
		    errno == EINTR)
			continue;
		if (n <= 0) {	/* gone: one more look at what it left */
			close(sp->pipe);
			sp->pipe = -1;
		}
	}
}

void
split_stop(struct split *sp)
{
	int	 status;

	(void)kill(sp->pid, SIGKILL);
	reap(sp->pid, &status);
	split_free(sp);
}

/* n bytes at pos, or NULL (and the rest unread) if there are fewer. */
static const char *
take(struct split *sp, size_t n)
{
	const char	*p = sp->base + sp->pos;

	if (sp->base == NULL || n > sp->len - sp->pos) {
		sp->pos = sp->len;
		return NULL;
	}
	sp->pos += n;
	return p;
}

uint32_t
split_get_u32(struct split *sp)
{
	const char	*p = take(sp, sizeof(uint32_t));
	uint32_t	 v = 0;

	if (p != NULL)
		memcpy(&v, p, sizeof(v));
	return v;
}

const char *
split_get_str(struct split *sp, size_t *len)
{
	size_t		 n = split_get_u32(sp);
	const char	*s;

	*len = 0;
	if ((s = take(sp, n + 1)) == NULL || s[n] != '\0')
		return "";
	*len = n;
	return s;
}

int
split_at_end(const struct split *sp)
{
	return sp->pos >= sp->len;
}

/*
 * The mapping is shared memory: unmapping would keep its pages, so
 * MADV_REMOVE punches them out.  Without it they go at split_free.
 */
void
split_release(struct split *sp)
{
#ifdef MADV_REMOVE
	long	 page = sysconf(_SC_PAGESIZE);
	size_t	 upto;

	if (page <= 0 || sp->pos - sp->released < RELEASE_STEP)
		return;
	/*
	 * Never the first page: the child publishes into it while the
	 * parent reads, and a store into a page being punched out is lost
	 * (the parent then saw a child that ended without its last
	 * records, in 1 of 12 runs of 10,000 entries).
	 */
	if (sp->released == 0)
		sp->released = (size_t)page;
	upto = sp->pos / (size_t)page * (size_t)page;
	if (upto <= sp->released)
		return;
	(void)madvise(sp->base + sp->released, upto - sp->released,
	    MADV_REMOVE);
	sp->released = upto;
#else
	(void)sp;
#endif
}

void
split_free(struct split *sp)
{
	if (sp->base != NULL)
		(void)munmap(sp->base, sp->cap);
	if (sp->pipe != -1)
		close(sp->pipe);
	sp->pipe = -1;
	sp->base = NULL;
	sp->cap = sp->len = sp->pos = sp->released = 0;
}

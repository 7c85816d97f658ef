/*
 * split.c: the child process and the records it shares (see split.h).
 *
 * The records live in an anonymous shared mapping made before the
 * fork: nothing is copied through a pipe, and the parent needs no
 * thread to drain one.  Only the pages written are ever backed, so the
 * mapping can be generous; a child that would overrun it exits, and
 * the parent reads that part itself.  The child writes a seal -- a
 * magic word and the records' length -- into the first bytes last, so
 * a child that died half way is never mistaken for one that finished.
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

#define SEAL		0x7370696c74656421ULL	/* "split ed!" */
#define HEADER		(2 * sizeof(uint64_t))	/* seal, length */
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
	sp->told = -1;
	if (pipe(fds) == -1 || (sp->pid = fork()) == -1) {
		if (fds[0] != -1) {
			close(fds[0]);
			close(fds[1]);
		}
		split_free(sp);
		return -1;
	}
	sp->len = HEADER;
#ifdef PR_SET_PDEATHSIG
	/* A parent killed (^C reaches both; kill(1) may not) ends the child. */
	if (sp->pid == 0 && (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
	    getppid() != parent))
		_exit(1);
#else
	(void)parent;
#endif
	close(fds[sp->pid == 0 ? 0 : 1]);
	sp->told = fds[sp->pid == 0 ? 1 : 0];
	return sp->pid == 0;
}

/* ---- the child ---- */

void
split_put(struct split *sp, const void *p, size_t n)
{
	if (n > sp->cap - sp->len)
		_exit(1);	/* the parent reads this part itself */
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

_Noreturn void
split_child_done(struct split *sp)
{
	uint64_t	 head[2] = { SEAL, sp->len };

	memcpy(sp->base, head, sizeof(head));
	/* _exit: the parent's stdio buffers and atexit work are its own. */
	_exit(0);
}

/* A pipe carries it: the parent's read ends when the child does. */
void
split_tell_boundary(struct split *sp, size_t at)
{
	uint64_t	 v = at;

	if (write(sp->told, &v, sizeof(v)) != (ssize_t)sizeof(v))
		_exit(1);
	close(sp->told);
	sp->told = -1;
}

size_t
split_boundary(struct split *sp)
{
	uint64_t	 v = 0;
	ssize_t		 n;

	while ((n = read(sp->told, &v, sizeof(v))) == -1 && errno == EINTR)
		continue;
	close(sp->told);
	sp->told = -1;
	return n == (ssize_t)sizeof(v) ? (size_t)v : 0;
}

/* ---- the parent ---- */

static void
reap(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) == -1 && errno == EINTR)
		continue;
}

int
split_wait(struct split *sp)
{
	uint64_t	 head[2];
	int		 status = -1;

	reap(sp->pid, &status);
	memcpy(head, sp->base, sizeof(head));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
	    head[0] != SEAL || head[1] < HEADER || head[1] > sp->cap) {
		split_free(sp);
		return 0;
	}
	sp->len = head[1];
	sp->pos = HEADER;
	return 1;
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
	/* released is 0 or a page boundary; the seal was read at wait. */
	upto = sp->pos / (size_t)page * (size_t)page;
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
	if (sp->told != -1)
		close(sp->told);
	sp->told = -1;
	sp->base = NULL;
	sp->cap = sp->len = sp->pos = sp->released = 0;
}

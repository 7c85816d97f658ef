/* SPDX-License-Identifier: ISC */
/*
 * output.c: atomic, change-only writing of the output file.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/util.h"
#include "emit/output.h"

/*
 * A page goes out in writes this large, not stdio's 4 kB, which makes
 * a system call of every few entries.  glibc takes the size only with
 * a buffer, so it is given one.  A terminal keeps its line buffering.
 */
#define OUTPUT_BUFFER	65536

/* Symbolic links followed from -o's name before ELOOP, as Linux does. */
#define LINK_HOPS	40

static void
buffer_output(FILE *fp, char *buffer)
{
	if (buffer != NULL && !isatty(fileno(fp)))
		(void)setvbuf(fp, buffer, _IOFBF, OUTPUT_BUFFER);
}

/*
 * The temporary file being written, removed when a signal that ends
 * the program comes first: a FILE.tmp-XXXXXX left in a site's
 * directory is published with it.  There is one at a time (the page,
 * the depfile and --split's files are written one after another).  The
 * handler does only what is async-signal-safe: the name waits in
 * static storage, unlinkat() removes it, and the signal, whose default
 * action SA_RESETHAND has put back, is raised again, so that whoever
 * started bib2pubs sees it end by that signal.
 */
static const int		 temp_signals[] = { SIGINT, SIGTERM, SIGHUP };
static volatile sig_atomic_t	 temp_armed;
static int			 temp_dirfd;
static char			 temp_name[PATH_MAX];

static void
temp_remove(int sig)
{
	int	 saved = errno;

	if (temp_armed)
		(void)unlinkat(temp_dirfd, temp_name, 0);
	errno = saved;
	(void)raise(sig);	/* delivered as the handler returns */
}

static void
temp_signal_set(sigset_t *set)
{
	size_t	 i;

	sigemptyset(set);
	for (i = 0; i < sizeof(temp_signals) / sizeof(temp_signals[0]); i++)
		sigaddset(set, temp_signals[i]);
}

/*
 * Installed with the first temporary file and kept: with none armed
 * the handler is the default action.  A signal the program started
 * ignoring (nohup, a background job's SIGINT) stays ignored, and one
 * with a handler of its own keeps it.
 */
static void
temp_handlers(void)
{
	static int		 installed;
	struct sigaction	 sa, old;
	size_t			 i;

	if (installed++)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = temp_remove;
	sa.sa_flags = SA_RESETHAND;
	temp_signal_set(&sa.sa_mask);	/* one cleanup, not two at once */
	for (i = 0; i < sizeof(temp_signals) / sizeof(temp_signals[0]); i++)
		if (sigaction(temp_signals[i], NULL, &old) == 0 &&
		    !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL)
			(void)sigaction(temp_signals[i], &sa, NULL);
}

/* o->tmp, just made, is removed on a signal until temp_discard(). */
static void
temp_arm(const struct output *o)
{
	temp_dirfd = o->dirfd;
	memcpy(temp_name, o->tmp, strlen(o->tmp) + 1);
	temp_armed = 1;
}

/* The temporary file removed (after a rename, nothing is there). */
static void
temp_discard(struct output *o)
{
	(void)unlinkat(o->dirfd, o->tmp, 0);
	temp_armed = 0;
	free(o->tmp);
	o->tmp = NULL;
}

/*
 * FILE.tmp-XXXXXX into tmp (room for len + 12), FILE the len bytes of
 * file; the X's letters and digits, from the time, the process and a
 * count, as mkstemp() picks them.
 */
static void
temp_fill(char *tmp, const char *file, size_t len)
{
	static const char	 chars[] = "0123456789"
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static unsigned		 calls;
	struct {
		struct timespec	 ts;
		pid_t		 pid;
		unsigned	 n;
	}			 seed;
	uint64_t		 h;
	size_t			 i;

	memset(&seed, 0, sizeof(seed));		/* no padding hashed */
	clock_gettime(CLOCK_REALTIME, &seed.ts);
	seed.pid = getpid();
	seed.n = calls++;
	h = hash_bytes(&seed, sizeof(seed));
	memcpy(tmp, file, len);
	memcpy(tmp + len, ".tmp-", 5);
	for (i = len + 5; i < len + 11; i++, h /= sizeof(chars) - 1)
		tmp[i] = chars[h % (sizeof(chars) - 1)];
	tmp[len + 11] = '\0';
}

/*
 * A new temporary file beside o->file, so that the rename is atomic;
 * its descriptor, or -1 with errno set.  Made here, not by mkstemp(),
 * which makes none relative to a directory's descriptor (--split).  It
 * has the old file's permissions (umask cannot make it more open than
 * those while it is written; fchmod() then sets them exactly), or a
 * new file's 0666 less the umask.  The signals are held from its
 * creation until it is armed.
 */
static int
make_temporary(struct output *o)
{
	size_t		 len = strlen(o->file);
	mode_t		 mode = o->mode == -1 ? 0666 : (mode_t)o->mode;
	sigset_t	 block, was;
	int		 fd = -1, tries, err;

	if (len + 12 > sizeof(temp_name)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	temp_handlers();
	temp_signal_set(&block);
	sigprocmask(SIG_BLOCK, &block, &was);
	o->tmp = xmalloc(len + 12);
	for (tries = 0; tries < 100 && fd == -1; tries++) {
		temp_fill(o->tmp, o->file, len);
		fd = openat(o->dirfd, o->tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd == -1 && errno != EEXIST)
			break;
	}
	if (fd != -1) {
		temp_arm(o);
		if (o->mode != -1 && fchmod(fd, mode) != 0) {
			err = errno;
			close(fd);
			temp_discard(o);
			errno = err;
			fd = -1;
		}
	}
	err = errno;
	sigprocmask(SIG_SETMASK, &was, NULL);
	if (fd == -1 && o->tmp != NULL) {
		free(o->tmp);
		o->tmp = NULL;
	}
	errno = err;
	return fd;
}

/*
 * Where a write to path lands.  A symbolic link is written through, as
 * an editor writes: the file it leads to is the one replaced, its
 * temporary file made beside it and renamed over it, and the link
 * stays a link (replacing the link with a file would cut a page off
 * from where its site keeps it).  Links are followed one at a time,
 * a relative one from its own directory, so that a dangling link
 * still names the file to make.  The name (caller frees), or NULL
 * with errno set.
 */
static char *
follow_links(const char *path)
{
	char		*at = xstrdup(path), *next, *slash;
	char		 to[PATH_MAX];
	struct stat	 st;
	ssize_t		 n;
	int		 hops;

	for (hops = 0; hops < LINK_HOPS; hops++) {
		if (lstat(at, &st) != 0 || !S_ISLNK(st.st_mode))
			return at;
		if ((n = readlink(at, to, sizeof(to))) == -1 ||
		    (size_t)n == sizeof(to)) {
			if (n != -1)
				errno = ENAMETOOLONG;
			free(at);
			return NULL;
		}
		if (to[0] == '/' || (slash = strrchr(at, '/')) == NULL)
			next = xstrndup(to, (size_t)n);
		else {
			next = xmalloc((size_t)(slash - at) + (size_t)n + 2);
			sprintf(next, "%.*s/%.*s", (int)(slash - at), at,
			    (int)n, to);
		}
		free(at);
		at = next;
	}
	free(at);
	errno = ELOOP;
	return NULL;
}

static const char *
file_kind(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "something else";
}

/*
 * Only a regular file is replaced: a FIFO would hang the comparison of
 * the old text with the new, renaming over a directory fails only
 * after the whole page is written, and renaming over a device (-o
 * /dev/null as root) replaces the device.  A symbolic link is followed
 * (-o, a depfile) or refused (--split).  Notes the old file's
 * permissions, not set-user-ID and the like, which a page has no use
 * for.  0 after a diagnostic.
 */
static int
check_target(struct output *o, int follow)
{
	struct stat	 st;

	if (follow && (o->file = follow_links(o->path)) == NULL) {
		msg(MSG_SYSERR, o->path, 0, "cannot write: %s",
		    strerror(errno));
		return 0;
	}
	o->mode = -1;
	if (fstatat(o->dirfd, o->file, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 1;	/* a new file: making it says what is wrong */
	if (S_ISLNK(st.st_mode)) {
		msg(MSG_SYSERR, o->path, 0, "not written: it is a symbolic "
		    "link, which is not written through");
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		if (follow && strcmp(o->file, o->path) != 0)
			msg(MSG_SYSERR, o->path, 0, "not replaced: where it "
			    "leads, %s, is %s, not a regular file", o->file,
			    file_kind(st.st_mode));
		else
			msg(MSG_SYSERR, o->path, 0, "not replaced: it is %s, "
			    "not a regular file", file_kind(st.st_mode));
		return 0;
	}
	o->mode = (int)(st.st_mode & 0777);
	return 1;
}

int
output_open(struct output *o, const char *path)
{
	static char	 stdout_buffer[OUTPUT_BUFFER];
	static int	 stdout_buffered;

	int	 fd = -1;

	memset(o, 0, sizeof(*o));
	o->dirfd = AT_FDCWD;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		/* Before stdout's first write, and only then. */
		if (!stdout_buffered++)
			buffer_output(stdout, stdout_buffer);
		return 1;
	}
	o->path = xstrdup(path);
	if (!check_target(o, 1))
		goto fail;
	if ((fd = make_temporary(o)) == -1 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
		msg(MSG_SYSERR, path, 0, "cannot write: %s", strerror(errno));
		if (fd != -1) {
			close(fd);
			temp_discard(o);
		}
		goto fail;
	}
	o->buffer = xmalloc(OUTPUT_BUFFER);
	buffer_output(o->fp, o->buffer);
	return 1;
fail:
	free(o->file);
	free(o->path);
	o->file = o->path = NULL;
	return 0;
}

/* A small file's text goes to memory until output_close(). */
static int
open_memory(struct output *o, int follow)
{
	if (check_target(o, follow)) {
		if ((o->fp = open_memstream(&o->mem, &o->memlen)) != NULL)
			return 1;
		msg(MSG_SYSERR, o->path, 0, "cannot write: %s",
		    strerror(errno));
	}
	free(o->file);
	free(o->path);
	o->file = o->path = NULL;
	return 0;
}

int
output_open_small(struct output *o, const char *path)
{
	memset(o, 0, sizeof(*o));
	o->dirfd = AT_FDCWD;
	o->small = 1;
	o->path = xstrdup(path);
	return open_memory(o, 1);
}

int
output_open_small_at(struct output *o, int dirfd, const char *name,
    const char *path)
{
	memset(o, 0, sizeof(*o));
	o->dirfd = dirfd;
	o->small = 1;
	o->path = xstrdup(path);
	o->file = xstrdup(name);
	return open_memory(o, 0);
}

/*
 * A regular file of the directory, to read: never a FIFO, whose open
 * would wait for a writer (O_NONBLOCK), nor through a link made since
 * it was looked at.  -1 if there is none.
 */
static int
open_regular(int dirfd, const char *name)
{
	struct stat	 st;
	int		 fd;

	fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd != -1 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Up to n bytes of fd, fewer only at its end; -1 on an error. */
static ssize_t
read_full(int fd, char *b, size_t n)
{
	size_t	 at = 0;
	ssize_t	 got;

	while (at < n) {
		if ((got = read(fd, b + at, n - at)) == 0)
			break;
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		at += (size_t)got;
	}
	return (ssize_t)at;
}

/* Does the file hold exactly the n bytes of text? */
static int
file_holds(int dirfd, const char *name, const char *text, size_t n)
{
	char	 b[65536];
	ssize_t	 got = 0;
	size_t	 at = 0;
	int	 fd = open_regular(dirfd, name), same = fd != -1;

	while (same && (got = read_full(fd, b, sizeof(b))) > 0) {
		same = (size_t)got <= n - at &&
		    memcmp(b, text + at, (size_t)got) == 0;
		at += (size_t)got;
	}
	if (fd != -1)
		close(fd);
	return same && got == 0 && at == n;
}

/* Do two files of the directory hold the same bytes? */
static int
same_content(int dirfd, const char *a, const char *b)
{
	char	 ba[65536], bb[65536];
	ssize_t	 na, nb;
	int	 fa = open_regular(dirfd, a), fb = open_regular(dirfd, b);
	int	 same = fa != -1 && fb != -1;

	while (same) {
		na = read_full(fa, ba, sizeof(ba));
		nb = read_full(fb, bb, sizeof(bb));
		if (na < 0 || na != nb || memcmp(ba, bb, (size_t)na) != 0)
			same = 0;
		else if (na == 0)
			break;
	}
	if (fa != -1)
		close(fa);
	if (fb != -1)
		close(fb);
	return same;
}

/* The small file's text in place of the file, if it differs; errno. */
static int
replace_small(struct output *o)
{
	int	 fd, err = 0;
	ssize_t	 w;
	size_t	 at = 0;

	if (file_holds(o->dirfd, o->file, o->mem, o->memlen))
		return 0;
	if ((fd = make_temporary(o)) == -1)
		return errno;
	while (at < o->memlen && (w = write(fd, o->mem + at,
	    o->memlen - at)) > 0)
		at += (size_t)w;
	if (at < o->memlen || fsync(fd) != 0)
		err = errno != 0 ? errno : EIO;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0 && renameat(o->dirfd, o->tmp, o->dirfd, o->file) != 0)
		err = errno;
	temp_discard(o);
	return err;
}

/* Standard output: nothing to replace, but a failed write to report. */
static int
close_stdout(int ok)
{
	if (!ok || fflush(stdout) != 0 || ferror(stdout)) {
		/* A reader that stopped reading ("| head") is no news. */
		if (errno == EPIPE)
			msg_raise(MSG_SYSERR);
		else
			msg(MSG_SYSERR, "<stdout>", 0, "write error: %s",
			    strerror(errno));
		return 0;
	}
	return 1;
}

static int
close_small(struct output *o, int ok)
{
	int	 err = 0;

	errno = 0;
	if (fclose(o->fp) != 0 || !ok)
		err = errno != 0 ? errno : EIO;
	else
		err = replace_small(o);
	if (err != 0)
		msg(MSG_SYSERR, o->path, 0, "cannot write: %s",
		    strerror(err));
	free(o->mem);
	return err == 0;
}

static int
close_page(struct output *o, int ok)
{
	int	 err = 0, replace;

	if (!ok || fflush(o->fp) != 0 || ferror(o->fp))
		err = errno != 0 ? errno : EIO;
	/* Only a file that replaces another has to reach the disk first:
	 * an unchanged page is left as it was, the new one removed. */
	replace = err == 0 && !same_content(o->dirfd, o->tmp, o->file);
	if (replace && fsync(fileno(o->fp)) != 0)
		err = errno;
	if (fclose(o->fp) != 0 && err == 0)
		err = errno;
	free(o->buffer);
	if (err == 0 && replace &&
	    renameat(o->dirfd, o->tmp, o->dirfd, o->file) != 0)
		err = errno;
	if (err != 0)
		msg(MSG_SYSERR, o->path, 0, "cannot write: %s",
		    strerror(err));
	temp_discard(o);
	return err == 0;
}

int
output_close(struct output *o, int ok)
{
	int	 done;

	if (o->path == NULL)
		return close_stdout(ok);
	done = o->small ? close_small(o, ok) : close_page(o, ok);
	free(o->file);
	free(o->path);
	return done;
}

int
output_make_parents(const char *path)
{
	char	*copy = xstrdup(path), *slash;
	int	 ok = 1;

	for (slash = strchr(copy + 1, '/'); slash != NULL && ok;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			msg(MSG_SYSERR, copy, 0, "cannot make the directory: "
			    "%s", strerror(errno));
			ok = 0;
		}
		*slash = '/';
	}
	free(copy);
	return ok;
}

int
output_safe_relative(const char *name)
{
	const char	*p;

	if (name[0] == '\0' || name[0] == '/')
		return 0;
	for (p = name; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == name || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return 0;
	return 1;
}

void
deps_init(struct deps *d, const char *target)
{
	memset(d, 0, sizeof(*d));
	d->target = xstrdup(target);
}

void
deps_add(struct deps *d, const char *path)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i], path) == 0)
			return;
	d->v = xreallocarray(d->v, d->n + 1, sizeof(char *));
	d->v[d->n++] = xstrdup(path);
}

/*
 * A file name as make reads it: blanks, '#', ':' and '\' escaped, $$.
 * In a target '%' is escaped too: GNU make takes a target holding one
 * for a pattern rule (and drops the backslash); in a list of
 * prerequisites it is a plain character, and a backslash before it
 * would stay.
 */
static void
put_make_name(FILE *fp, const char *s, int target)
{
	for (; *s != '\0'; s++) {
		if (*s == '$')
			fputc('$', fp);
		else if (*s == ' ' || *s == '\t' || *s == '#' || *s == ':' ||
		    *s == '\\' || (target && *s == '%'))
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

/*
 * A name make cannot read: a newline ends a rule whatever escapes it,
 * and what follows would be read as a rule or a command of its own.
 */
static const char *
deps_newline(const struct deps *d)
{
	size_t	 i;

	if (strchr(d->target, '\n') != NULL)
		return d->target;
	for (i = 0; i < d->n; i++)
		if (strchr(d->v[i], '\n') != NULL)
			return d->v[i];
	return NULL;
}

int
deps_write(const struct deps *d, const char *path)
{
	struct output	 out;
	const char	*bad;
	size_t		 i;

	if ((bad = deps_newline(d)) != NULL) {
		msg(MSG_SYSERR, path, 0, "not written: a file name holds a "
		    "newline (after '%.*s'), which make cannot read",
		    (int)strcspn(bad, "\n"), bad);
		return 0;
	}
	if (!output_open_small(&out, path))
		return 0;
	put_make_name(out.fp, d->target, 1);
	fputc(':', out.fp);
	for (i = 0; i < d->n; i++) {
		fputs(" \\\n  ", out.fp);
		put_make_name(out.fp, d->v[i], 0);
	}
	fputc('\n', out.fp);
	for (i = 0; i < d->n; i++) {
		fputc('\n', out.fp);
		put_make_name(out.fp, d->v[i], 1);
		fputs(":\n", out.fp);
	}
	return output_close(&out, 1);
}

void
deps_free(struct deps *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		free(d->v[i]);
	free(d->v);
	free(d->target);
	memset(d, 0, sizeof(*d));
}

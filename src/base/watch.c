/* SPDX-License-Identifier: ISC */
/*
 * watch.c: wait for files to change (inotify) or a signal (signalfd).
 */
#include "config.h"

#include <sys/inotify.h>
#include <sys/signalfd.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/util.h"
#include "base/watch.h"

/* A file is watched as a name in a watched directory. */
struct watched {
	int	 wd;
	char	*name;
};

struct watch {
	int		 ifd;	/* inotify */
	int		 sfd;	/* signalfd */
	struct watched	*v;
	size_t		 n;
};

/* Written, replaced (renamed onto) or touched; a file written in
 * place counts when it is closed, never half-written. */
#define WATCH_EVENTS	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB | \
			 IN_CREATE | IN_ONLYDIR)

/* After a change, wait this long for the next before rendering. */
#define QUIET_MS	100

struct watch *
watch_new(void)
{
	struct watch		*w;
	struct sigaction	 sa;
	sigset_t		 set;

	/* SIGINT and SIGTERM always stop it (a script's background job
	 * starts with SIGINT ignored, and still means it); SIGHUP unless
	 * ignored (nohup). */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigaction(SIGHUP, NULL, &sa) != 0 || sa.sa_handler != SIG_IGN)
		sigaddset(&set, SIGHUP);
	w = xcalloc(1, sizeof(*w));
	if ((w->ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) == -1) {
		free(w);
		return NULL;
	}
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0 ||
	    (w->sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) == -1) {
		close(w->ifd);
		free(w);
		return NULL;
	}
	return w;
}

/* Watch name in dir (both as given). */
static int
add_one(struct watch *w, const char *dir, const char *name)
{
	size_t	 i;
	int	 wd;

	if ((wd = inotify_add_watch(w->ifd, dir, WATCH_EVENTS)) == -1) {
		msg(MSG_WARNING, dir, 0, "cannot watch: %s", strerror(errno));
		return 0;
	}
	for (i = 0; i < w->n; i++)
		if (w->v[i].wd == wd && strcmp(w->v[i].name, name) == 0)
			return 1;
	w->v = xreallocarray(w->v, w->n + 1, sizeof(*w->v));
	w->v[w->n].wd = wd;
	w->v[w->n++].name = xstrdup(name);
	return 1;
}

/* Split path into its directory ("." for none) and its last name. */
static int
add_path(struct watch *w, const char *path)
{
	char		*copy = xstrdup(path), *slash;
	const char	*dir = ".", *name = copy;
	int		 ok;

	while ((slash = strrchr(copy, '/')) != NULL && slash[1] == '\0' &&
	    slash > copy)
		*slash = '\0';
	if ((slash = strrchr(copy, '/')) != NULL) {
		*slash = '\0';
		dir = slash == copy ? "/" : copy;
		name = slash + 1;
	}
	ok = add_one(w, dir, name);
	free(copy);
	return ok;
}

int
watch_add(struct watch *w, const char *path)
{
	char	*real;
	int	 ok = add_path(w, path);

	/* A link's target may live elsewhere: watch it there too. */
	if ((real = realpath(path, NULL)) != NULL) {
		if (strcmp(real, path) != 0)
			ok &= add_path(w, real);
		free(real);
	}
	return ok;
}

/*
 * Read the events waiting; 1 if one is about a watched file, 0 if
 * none, -1 after a diagnostic.
 */
static int
read_events(struct watch *w)
{
	char		 data[4096 + sizeof(struct inotify_event) + NAME_MAX + 1]
			    __attribute__((aligned(__alignof__(struct
			    inotify_event))));
	const struct inotify_event *ev;
	ssize_t		 len;
	size_t		 i;
	char		*p;
	int		 hit = 0;

	for (;;) {
		if ((len = read(w->ifd, data, sizeof(data))) == -1) {
			if (errno == EAGAIN)
				return hit;
			if (errno == EINTR)
				continue;
			msg(MSG_SYSERR, NULL, 0, "--watch: %s",
			    strerror(errno));
			return -1;
		}
		for (p = data; p < data + len; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)(void *)p;
			if (ev->mask & IN_Q_OVERFLOW)
				hit = 1;	/* events lost: render anyway */
			if (ev->len == 0)
				continue;
			for (i = 0; i < w->n; i++)
				if (w->v[i].wd == ev->wd &&
				    strcmp(w->v[i].name, ev->name) == 0)
					hit = 1;
		}
	}
}

/* A stopping signal waiting?  Takes it. */
static int
signalled(struct watch *w)
{
	struct signalfd_siginfo	 si;

	return read(w->sfd, &si, sizeof(si)) == (ssize_t)sizeof(si);
}

int
watch_wait(struct watch *w)
{
	struct pollfd	 pfd[2];
	int		 changed = 0, timeout = -1, n, r;

	for (;;) {
		pfd[0].fd = w->sfd;
		pfd[0].events = POLLIN;
		pfd[1].fd = w->ifd;
		pfd[1].events = POLLIN;
		if ((n = poll(pfd, 2, timeout)) == -1) {
			if (errno == EINTR)
				continue;
			msg(MSG_SYSERR, NULL, 0, "--watch: %s",
			    strerror(errno));
			return -1;
		}
		if (signalled(w))
			return 0;
		if (n == 0)
			return 1;	/* quiet since the last change */
		if ((r = read_events(w)) < 0)
			return -1;
		if (r > 0 || changed) {
			changed = 1;
			timeout = QUIET_MS;
		}
	}
}

void
watch_free(struct watch *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++)
		free(w->v[i].name);
	free(w->v);
	close(w->ifd);
	close(w->sfd);
	free(w);
}

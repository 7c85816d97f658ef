/* SPDX-License-Identifier: ISC */
/*
 * watch.h: --watch.  Waits, with Linux's inotify, until a file of a
 * list is written, replaced or touched, or until SIGINT, SIGTERM or
 * SIGHUP comes.  Each file's directory is watched, not the file, so an
 * editor that saves by renaming a new file over the old one is
 * followed; so is the directory a symbolic link leads to.
 */
#ifndef WATCH_H
#define WATCH_H

struct watch;

/*
 * NULL (errno set) if inotify is not there.  From here on SIGINT,
 * SIGTERM and SIGHUP (unless ignored) are held and only watch_wait() takes them: a page
 * being written is always finished.
 */
struct watch	*watch_new(void);
/* Watch for path (its directory); 0 after a diagnostic. */
int		 watch_add(struct watch *, const char *path);
/*
 * 1 when a watched file has changed (and the changes after it, within
 * a short quiet time, are taken in too); 0 on a stopping signal; -1
 * after a diagnostic.
 */
int		 watch_wait(struct watch *);
void		 watch_free(struct watch *);

#endif

/* SPDX-License-Identifier: ISC */
/*
 * output.h: where the page goes.  "-o FILE" is written to a temporary
 * file in the same directory and renamed over FILE only when complete
 * and different, so FILE is never half-written and its time stamp
 * changes only when its content does (make sees no change).  The old
 * FILE's permissions are kept; a symbolic link is written through (the
 * file it leads to is replaced, the link stays); a FILE that is not a
 * regular file (a FIFO, a directory, a device) is refused.  SIGINT,
 * SIGTERM and SIGHUP remove the temporary file before they end the
 * program.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

struct output {
	FILE	*fp;
	char	*path;		/* as named; NULL: stdout */
	char	*file;		/* what is replaced (relative to
				 * dirfd): path, or where it leads */
	int	 dirfd;		/* AT_FDCWD, or a --split directory */
	int	 mode;		/* the old file's permissions, or -1 */
	int	 small;		/* written in memory first */
	char	*tmp;		/* temporary file, relative to dirfd */
	char	*buffer;	/* fp's, if not stdio's own */
	char	*mem;		/* a small file's text, in memory */
	size_t	 memlen;
};

int	output_open(struct output *, const char *path);
/*
 * The same for a small file (--split's entries, a depfile): written
 * in memory and compared there with the file, which is then touched
 * only when it changes -- most of a --split run's files do not.
 */
int	output_open_small(struct output *, const char *path);
/*
 * The same for the file name in the directory dirfd (--split), which
 * is never written through a symbolic link: a link there is refused.
 * path names the file in messages.  dirfd stays open until the close.
 */
int	output_open_small_at(struct output *, int dirfd, const char *name,
	    const char *path);
/* ok: the page was written completely.  Returns 0 after a diagnostic. */
int	output_close(struct output *, int ok);

/* Make the directories of a path; 0 after a diagnostic. */
int	output_make_parents(const char *path);
/* A relative name that stays below its directory: no "..", no '/' first
 * (a theme's split_name may hold '/': one directory per entry). */
int	output_safe_relative(const char *name);

/* --depfile: a make rule "TARGET: DEPS", each dependency also a rule of
 * its own (as gcc -MP does), so a deleted theme file breaks no build. */
struct deps {
	char	 *target;
	char	**v;
	size_t	  n;
};

void	deps_init(struct deps *, const char *target);
void	deps_add(struct deps *, const char *path);	/* once each */
/* A name holding a newline is an error (make cannot read it): nothing
 * is written then.  0 after a diagnostic. */
int	deps_write(const struct deps *, const char *path);
void	deps_free(struct deps *);

#endif

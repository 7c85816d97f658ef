/* SPDX-License-Identifier: ISC */
/*
 * source.h: an input file read into memory and made safe to scan:
 * valid UTF-8, LF line ends, no NUL or other control bytes but tab and
 * newline, NUL-terminated.  Line numbers are those of the original file.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <stddef.h>
#include <time.h>

struct source {
	char	*name;		/* as given, or "<stdin>" for "-" */
	char	*text;		/* cleaned text, NUL-terminated */
	size_t	 len;
	int	 regular;	/* a regular file: it can be read again */
	struct timespec mtime;	/* a regular file's, to see it changed */
};

/* Returns 0 (after a diagnostic) if the file cannot be read. */
int	source_load(struct source *, const char *path);
/* Clean an in-memory buffer (which it takes over); used by tests/fuzzers. */
void	source_from_memory(struct source *, const char *name, char *data,
	    size_t len);
void	source_free(struct source *);
/* The text in [from, to) is no longer read: its whole pages go back. */
void	source_trim(struct source *, const char *from, const char *to);
/* All of fd, NUL-terminated; NULL (errno set) if it cannot be read. */
char	*source_read_fd(int fd, size_t *len);

#endif

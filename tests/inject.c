/* SPDX-License-Identifier: ISC */
/*
 * inject.so: an LD_PRELOAD shim that makes system calls fail, for the
 * tests of what bib2pubs does when the disk is full or a file cannot be
 * read (jq has the same kind of shim, src/inject_errors.c).
 *
 *	INJECT_OPEN_EACCES=SUBSTRING	open() of a matching path fails
 *	INJECT_OPEN_AFTER=N		but the first N such opens succeed
 *	INJECT_WRITE_ENOSPC=SUBSTRING	writes to a matching path fail
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int
matches(const char *path, const char *var)
{
	const char	*want = getenv(var);

	return want != NULL && want[0] != '\0' && path != NULL &&
	    strstr(path, want) != NULL;
}

/* The path behind a stream, from /proc. */
static int
stream_matches(FILE *fp, const char *var)
{
	char	 link[64], path[4096];
	ssize_t	 n;

	if (fp == NULL || getenv(var) == NULL)
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fileno(fp));
	if ((n = readlink(link, path, sizeof(path) - 1)) <= 0)
		return 0;
	path[n] = '\0';
	return matches(path, var);
}

int
open(const char *path, int flags, ...)
{
	static int	(*real)(const char *, int, ...);
	static int	 opened;
	const char	*after = getenv("INJECT_OPEN_AFTER");
	va_list		 ap;
	mode_t		 mode = 0;

	if (real == NULL)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (matches(path, "INJECT_OPEN_EACCES") &&
	    (after == NULL || opened++ >= atoi(after))) {
		errno = EACCES;
		return -1;
	}
	return real(path, flags, mode);
}

size_t
fwrite(const void *p, size_t size, size_t n, FILE *fp)
{
	static size_t	(*real)(const void *, size_t, size_t, FILE *);

	if (real == NULL)
		real = (size_t (*)(const void *, size_t, size_t, FILE *))
		    dlsym(RTLD_NEXT, "fwrite");
	if (stream_matches(fp, "INJECT_WRITE_ENOSPC")) {
		errno = ENOSPC;
		return 0;
	}
	return real(p, size, n, fp);
}

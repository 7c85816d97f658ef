/*
 * output.c: atomic, change-only writing of the output file.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void
buffer_output(FILE *fp, char *buffer)
{
	if (buffer != NULL && !isatty(fileno(fp)))
		(void)setvbuf(fp, buffer, _IOFBF, OUTPUT_BUFFER);
}

/* A new temporary file from the template tmp, readable as a page is
 * (mkstemp makes it 0600); its descriptor, or -1. */
static int
make_temporary(char *tmp, mode_t *mask)
{
	int	 fd;

	*mask = umask(0);
	umask(*mask);
	if ((fd = mkstemp(tmp)) != -1 && fchmod(fd, 0666 & ~*mask) == -1) {
		close(fd);
		unlink(tmp);
		fd = -1;
	}
	return fd;
}

int
output_open(struct output *o, const char *path)
{
	static char	 stdout_buffer[OUTPUT_BUFFER];
	static int	 stdout_buffered;

	mode_t	 mask;
	int	 fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		/* Before stdout's first write, and only then. */
		if (!stdout_buffered++)
			buffer_output(stdout, stdout_buffer);
		return 1;
	}
	o->path = xstrdup(path);
	o->tmp = xmalloc(strlen(path) + 16);
	sprintf(o->tmp, "%s.tmp-XXXXXX", path);
	if ((fd = make_temporary(o->tmp, &mask)) == -1 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
		msg(MSG_SYSERR, path, 0, "cannot write: %s", strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		free(o->path);
		o->tmp = o->path = NULL;
		return 0;
	}
	o->buffer = xmalloc(OUTPUT_BUFFER);
	buffer_output(o->fp, o->buffer);
	return 1;
}

int
output_open_small(struct output *o, const char *path)
{
	memset(o, 0, sizeof(*o));
	o->path = xstrdup(path);
	if ((o->fp = open_memstream(&o->mem, &o->memlen)) == NULL) {
		msg(MSG_SYSERR, path, 0, "cannot write: %s", strerror(errno));
		free(o->path);
		return 0;
	}
	return 1;
}

/* Does the file at path hold exactly the n bytes of text? */
static int
file_holds(const char *path, const char *text, size_t n)
{
	FILE	*fp = fopen(path, "rb");
	char	 b[65536];
	size_t	 got, at = 0;
	int	 same = fp != NULL;

	while (same && (got = fread(b, 1, sizeof(b), fp)) > 0) {
		same = got <= n - at && memcmp(b, text + at, got) == 0;
		at += got;
	}
	if (fp != NULL)
		fclose(fp);
	return same && at == n;
}

/* The small file's text in place of the file, if it differs; errno. */
static int
replace_small(struct output *o)
{
	char	*tmp;
	mode_t	 mask;
	int	 fd, err = 0;
	ssize_t	 w;
	size_t	 at = 0;

	if (file_holds(o->path, o->mem, o->memlen))
		return 0;
	tmp = xmalloc(strlen(o->path) + 16);
	sprintf(tmp, "%s.tmp-XXXXXX", o->path);
	if ((fd = make_temporary(tmp, &mask)) == -1) {
		free(tmp);
		return errno;
	}
	while (at < o->memlen && (w = write(fd, o->mem + at,
	    o->memlen - at)) > 0)
		at += (size_t)w;
	if (at < o->memlen || fsync(fd) != 0)
		err = errno != 0 ? errno : EIO;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, o->path) != 0)
		err = errno;
	unlink(tmp);
	free(tmp);
	return err;
}

/* Do two files hold the same bytes? */
static int
same_content(const char *a, const char *b)
{
	FILE	*fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	char	 ba[65536], bb[65536];
	size_t	 na, nb;
	int	 same = fa != NULL && fb != NULL;

	while (same) {
		na = fread(ba, 1, sizeof(ba), fa);
		nb = fread(bb, 1, sizeof(bb), fb);
		if (na != nb || memcmp(ba, bb, na) != 0)
			same = 0;
		else if (na == 0)
			break;
	}
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

int
output_close(struct output *o, int ok)
{
	int	 err = 0, done = 1, replace;

	if (o->path == NULL) {
		if (!ok || fflush(stdout) != 0 || ferror(stdout)) {
			/* A reader that stopped reading ("| head") is no news. */
			if (errno == EPIPE)
				msg_raise(MSG_SYSERR);
			else
				msg(MSG_SYSERR, "<stdout>", 0, "write error: %s",
				    strerror(errno));
			done = 0;
		}
		return done;
	}
	if (o->mem != NULL || o->tmp == NULL) {	/* a small file */
		if (fclose(o->fp) != 0 || !ok)
			err = errno != 0 ? errno : EIO;
		else
			err = replace_small(o);
		if (err != 0)
			msg(MSG_SYSERR, o->path, 0, "cannot write: %s",
			    strerror(err));
		free(o->mem);
		free(o->path);
		return err == 0;
	}
	if (!ok || fflush(o->fp) != 0 || ferror(o->fp))
		err = errno != 0 ? errno : EIO;
	/* Only a file that replaces another has to reach the disk first:
	 * an unchanged page is left as it was, the new one removed. */
	replace = err == 0 && !same_content(o->tmp, o->path);
	if (replace && fsync(fileno(o->fp)) != 0)
		err = errno;
	if (fclose(o->fp) != 0 && err == 0)
		err = errno;
	free(o->buffer);
	if (err == 0 && replace && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err != 0) {
		msg(MSG_SYSERR, o->path, 0, "cannot write: %s",
		    strerror(err));
		done = 0;
	}
	unlink(o->tmp);		/* after a rename, nothing is there */
	free(o->tmp);
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

/* A file name as make reads it: blanks, '#', ':' and '\' escaped, $$. */
static void
put_make_name(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '$')
			fputc('$', fp);
		else if (*s == ' ' || *s == '\t' || *s == '#' || *s == ':' ||
		    *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

int
deps_write(const struct deps *d, const char *path)
{
	struct output	 out;
	size_t		 i;

	if (!output_open_small(&out, path))
		return 0;
	put_make_name(out.fp, d->target);
	fputc(':', out.fp);
	for (i = 0; i < d->n; i++) {
		fputs(" \\\n  ", out.fp);
		put_make_name(out.fp, d->v[i]);
	}
	fputc('\n', out.fp);
	for (i = 0; i < d->n; i++) {
		fputc('\n', out.fp);
		put_make_name(out.fp, d->v[i]);
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

/* SPDX-License-Identifier: ISC */
/*
 * split.c: --split DIR, one file per entry through the theme's entry
 * template, named by its split_name template.
 *
 * DIR is opened once, and every file under it is reached from that
 * descriptor a component at a time, with openat(O_NOFOLLOW |
 * O_DIRECTORY) and mkdirat(): a symbolic link already in DIR, to a
 * directory or to a file, is refused, never written through.  openat()
 * rather than lstat() before each step: a name checked, then used, can
 * be swapped for a link in between; a descriptor cannot.  DIR itself,
 * named on the command line, is the user's, and may be a link.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/util.h"
#include "emit/emit.h"
#include "emit/output.h"
#include "emit/template.h"
#include "emit/theme.h"
#include "emit/view.h"
#include "normalize/pub.h"

/*
 * emit_file_name() cuts a name at 200 bytes (a file system takes 255 a
 * component; a temporary file beside it needs 11 more).  A name that
 * long is rebuilt at most this long, in the shape its template gives.
 */
#define NAME_ROOM	200
#define HASH_DIGITS	8

/* DIR and the directories above it, made if missing; its descriptor,
 * or -1 after a diagnostic. */
static int
open_split_dir(const char *dir)
{
	struct buf	 slash = { 0 };
	int		 fd = -1;

	buf_printf(&slash, "%s/", dir);
	if (output_make_parents(slash.data) && (fd = open(dir, O_RDONLY |
	    O_DIRECTORY | O_CLOEXEC)) == -1)
		msg(MSG_SYSERR, dir, 0, "cannot open the directory: %s",
		    strerror(errno));
	buf_free(&slash);
	return fd;
}

/* The directory name in the directory at, made if missing, never a
 * link; its descriptor, or -1 with errno set. */
static int
enter(int at, const char *name)
{
	int	 fd;

	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1 && errno == ENOENT &&
	    (mkdirat(at, name, 0777) == 0 || errno == EEXIST))
		fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	return fd;
}

/*
 * The directory of name (relative to DIR, whose descriptor is root),
 * its components entered one by one; its descriptor (root itself for
 * a name without '/'), or -1 after a diagnostic naming path, the file
 * that was to be written.  *base is set to the name's last component.
 */
static int
open_parent(int root, const char *dir, const char *name, const char *path,
    const char **base)
{
	const char	*p, *slash;
	char		*part;
	struct stat	 st;
	int		 fd = root, next, err;

	for (p = name; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
		if (slash == p || (slash == p + 1 && *p == '.'))
			continue;		/* "a//b", "a/./b" */
		part = xstrndup(p, (size_t)(slash - p));
		if ((next = enter(fd, part)) == -1) {
			err = errno;
			if (fstatat(fd, part, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				msg(MSG_SYSERR, path, 0, "not written: %s/%.*s "
				    "is a symbolic link, and --split writes "
				    "through none", dir, (int)(slash - name),
				    name);
			else
				msg(MSG_SYSERR, path, 0, "not written: "
				    "%s/%.*s: %s", dir, (int)(slash - name),
				    name, strerror(err));
		}
		free(part);
		if (fd != root)
			close(fd);
		if ((fd = next) == -1)
			return -1;
	}
	*base = p;
	return fd;
}

/*
 * The file name (relative to DIR) written by put: a --split entry or
 * its BibTeX.  0 if it could not be opened, -1 if writing failed;
 * both after a diagnostic.
 */
static int
write_file(int root, const char *dir, const char *name,
    int (*put)(FILE *, const void *), const void *arg)
{
	struct output	 out;
	struct buf	 path = { 0 };
	const char	*base;
	int		 fd, done = 0;

	buf_printf(&path, "%s/%s", dir, name);
	if ((fd = open_parent(root, dir, name, path.data, &base)) != -1) {
		if (output_open_small_at(&out, fd, base, path.data))
			done = output_close(&out, put(out.fp, arg)) ? 1 : -1;
		if (fd != root)
			close(fd);
	}
	buf_free(&path);
	return done;
}

struct entry_out {
	const struct theme	*t;
	const struct page	*pg;
	const struct pub	*p;
	const struct emit_opts	*eo;
};

static int
put_entry(FILE *fp, const void *arg)
{
	const struct entry_out	*e = arg;

	return emit_entry(e->t, e->pg, e->p, e->eo, fp);
}

/*
 * The entry's BibTeX beside its file, as Hugo Blox keeps a cite.bib
 * beside each publication's index.md.
 */
static int
put_cite(FILE *fp, const void *arg)
{
	const struct entry_out	*e = arg;
	char			*bibtex = view_bibtex(e->pg, e->p);

	fputs(bibtex, fp);
	fputc('\n', fp);
	free(bibtex);
	return 1;
}

/* The cite file's name relative to DIR: beside the entry's file. */
static char *
cite_name(const char *name, const char *cite)
{
	const char	*slash = strrchr(name, '/');
	struct buf	 b = { 0 };

	buf_put(&b, name, slash != NULL ? (size_t)(slash - name) + 1 : 0);
	buf_puts(&b, cite);
	return buf_detach(&b);
}

static void
collect(void *arg, const char *s, size_t n)
{
	buf_put(arg, s, n);
}

static void
raw_value(struct buf *b, const char *s)
{
	buf_puts(b, s);
	buf_putc(b, '\037');	/* "ab" "c" is not "a" "bc" */
}

static void
raw_markdown(struct buf *b, const char *s, int inline_only, int unsafe)
{
	(void)inline_only;
	(void)unsafe;
	raw_value(b, s);
}

/*
 * A hash of the whole name, of which emit_file_name() gives the first
 * 200 bytes: of what it is made of, the template's text and the
 * entry's values before they are reduced to a file name (that escaper
 * is emit.c's own).
 */
static uint32_t
name_hash(const struct tmpl *name_tmpl, const struct page *pg,
    const struct pub *p)
{
	static const struct escaper	 raw = { raw_value, raw_value,
					    raw_markdown, 0 };
	struct entry_view		 ev = { pg, p };
	struct buf			 b = { 0 };
	uint64_t			 h;

	tmpl_run(name_tmpl, &view_entry_page, &ev, (void *)pg, &raw,
	    collect, &b);
	h = hash_bytes(b.data, b.len);
	buf_free(&b);
	return (uint32_t)(h ^ (h >> 32));
}

/*
 * What a name ends with whatever its values are: the pattern's text
 * after its last value, ".md" or "/index.md".  Jekyll and Hugo look
 * for that shape; a cut name loses it.
 */
static char *
name_suffix(const char *pattern)
{
	const char	*dollar = strrchr(pattern, '$');
	char		*s = xstrdup(dollar != NULL ? dollar + 1 : "");
	size_t		 n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';		/* as emit_file_name() trims */
	return s;
}

/* How much of name comes before its suffix (all of it if it has none). */
static size_t
stem_of(const char *name, const char *suffix)
{
	size_t	 len = strlen(name), slen = strlen(suffix);

	return len >= slen && strcmp(name + len - slen, suffix) == 0 ?
	    len - slen : len;
}

/*
 * A name of NAME_ROOM bytes or more (emit_file_name()'s cut, or a
 * value that long) is rebuilt: its stem, cut, then a hash of the whole
 * name, then the suffix, so that two long titles alike for 200 bytes
 * stay two files, and an entry gets the same name on every run.
 * Returns name, or a new name in its place (name freed).
 */
static char *
fit_name(char *name, const char *suffix, uint32_t hash)
{
	size_t		 slen = strlen(suffix), stem = stem_of(name, suffix);
	struct buf	 b = { 0 };

	if (strlen(name) < NAME_ROOM || slen + HASH_DIGITS + 2 > NAME_ROOM)
		return name;
	if (stem > NAME_ROOM - slen - HASH_DIGITS - 2)
		stem = utf8_cut(name, NAME_ROOM - slen - HASH_DIGITS - 2);
	while (stem > 0 && strchr("-./", name[stem - 1]) != NULL)
		stem--;			/* no "x--", "x/-", "x.-" */
	buf_put(&b, name, stem);
	if (stem > 0)
		buf_putc(&b, '-');
	buf_printf(&b, "%0*lx", HASH_DIGITS, (unsigned long)hash);
	buf_puts(&b, suffix);
	free(name);
	return buf_detach(&b);
}

/*
 * A name that is no file name below DIR ("..", "/index.md": a key of
 * dots or of nothing): "entry-N" and the suffix, N the entry's place
 * in the input, with a warning, so the entry is still on the site.
 */
static char *
stand_in_name(char *name, const char *suffix, const struct entry *e)
{
	struct buf	 b = { 0 };

	buf_printf(&b, "entry-%zu", (size_t)e->ordinal + 1);
	buf_puts(&b, suffix);
	if (!output_safe_relative(b.data)) {
		buf_truncate(&b, 0);
		buf_printf(&b, "entry-%zu.md", (size_t)e->ordinal + 1);
	}
	msg(MSG_WARNING, e->file, e->line, "'%s' gives no file name ('%s'): "
	    "written as '%s'", e->key, name, b.data);
	free(name);
	return buf_detach(&b);
}

/*
 * A name another entry took: "stem-2.md", "stem-3.md", ... (before the
 * suffix), the first that is free, with a warning naming both entries.
 * Returns name, or a new name in its place (name freed).
 */
static char *
untaken_name(char *name, const char *suffix, struct strmap *used,
    const struct entry *e)
{
	size_t		 stem = stem_of(name, suffix);
	struct buf	 b = { 0 };
	unsigned	 n;

	if (strmap_get(used, name) == NULL)
		return name;
	for (n = 2;; n++) {
		buf_truncate(&b, 0);
		buf_put(&b, name, stem);
		buf_printf(&b, "-%u", n);
		buf_puts(&b, name + stem);
		if (strmap_get(used, b.data) == NULL)
			break;
	}
	msg(MSG_WARNING, e->file, e->line, "'%s' is written as '%s': "
	    "'%s' is taken by '%s'", e->key, b.data, name,
	    (const char *)strmap_get(used, name));
	free(name);
	return buf_detach(&b);
}

/*
 * Each entry is tried, whatever became of the one before: a name that
 * is taken, or a path refused (a symbolic link), costs only its entry.
 * A file that cannot be written (a full disk) ends the run.  0 after
 * a file could not be written or was refused (no depfile then).
 */
int
emit_split(const struct theme *t, const struct page *pg,
    const struct pub_list *pubs, const struct emit_opts *eo, const char *dir,
    const char *pattern, const char *cite)
{
	struct strmap	*used = strmap_new();
	struct tmpl	*name_tmpl;
	struct entry_out e = { t, pg, NULL, eo };
	char		*name, *suffix, *cname;
	size_t		 i;
	int		 ok = 1, root, done = 1;

	if (pattern == NULL)
		pattern = "$key$.md";
	if (cite != NULL && cite[0] != '\0' && !output_safe_relative(cite)) {
		msg(MSG_USAGE, NULL, 0, "split_cite '%s' is not a file name "
		    "below the entry's directory", cite);
		strmap_free(used, NULL);
		return 0;
	}
	if ((name_tmpl = tmpl_parse(pattern, "split_name", NULL, NULL)) ==
	    NULL) {
		strmap_free(used, NULL);
		return 0;
	}
	if ((root = open_split_dir(dir)) == -1) {
		tmpl_free(name_tmpl);
		strmap_free(used, NULL);
		return 0;
	}
	suffix = name_suffix(pattern);
	for (i = 0; i < pubs->n && done != -1; i++) {
		const struct pub *p = &pubs->v[i];

		e.p = p;
		name = emit_file_name(name_tmpl, pg, p);
		if (strlen(name) >= NAME_ROOM)
			name = fit_name(name, suffix,
			    name_hash(name_tmpl, pg, p));
		if (!output_safe_relative(name))
			name = stand_in_name(name, suffix, p->entry);
		name = untaken_name(name, suffix, used, p->entry);
		if ((done = write_file(root, dir, name, put_entry,
		    &e)) == 1 && cite != NULL && cite[0] != '\0') {
			cname = cite_name(name, cite);
			done = write_file(root, dir, cname, put_cite, &e);
			free(cname);
		}
		if (done != 1)
			ok = 0;
		strmap_put(used, name, (void *)p->entry->key);
		free(name);
	}
	free(suffix);
	close(root);
	tmpl_free(name_tmpl);
	strmap_free(used, NULL);
	return ok;
}

/* SPDX-License-Identifier: ISC */
/*
 * theme.c: find a theme, read its theme.conf and its page template.
 */
#include "config.h"
#include "datadir.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/util.h"
#include "emit/template.h"
#include "emit/theme.h"
#include "emit/view.h"
#include "read/source.h"

static int
is_dir(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Is TOP/REL there, a directory if DIR, else a regular file? */
static int
has(const char *top, const char *rel, int dir)
{
	struct stat	 st;
	char		 path[PATH_MAX];
	int		 n;

	n = snprintf(path, sizeof(path), "%s/%s", top, rel);
	if (n < 0 || (size_t)n >= sizeof(path) || stat(path, &st) != 0)
		return 0;
	return dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

/*
 * Is TOP a source tree: does it hold src/main.c, themes/ and
 * bib/venues.tsv?  Only the tree has src/main.c; $(pkgdatadir) never.
 */
static int
is_source_tree(const char *top)
{
	return has(top, "src/main.c", 0) && has(top, "bib/venues.tsv", 0) &&
	    has(top, "themes", 1);
}

/*
 * Where themes and the venue database are, in this order:
 * $BIB2PUBS_DATADIR; the source tree, when this executable is
 * TOP/src/bib2pubs of one (built in the tree: found from the
 * executable's own path, so a moved tree still works); else
 * PKGDATADIR, the one path compiled in, which depends on the prefix
 * alone (datadir.h, made by the Makefile).  See README, "Design".
 */
const char *
theme_datadir(void)
{
	static char	 top[PATH_MAX];
	const char	*env = getenv("BIB2PUBS_DATADIR");
	char		*slash;
	ssize_t		 n;

	if (env != NULL && env[0] != '\0')
		return env;
	n = readlink("/proc/self/exe", top, sizeof(top) - 1);
	if (n > 0) {
		top[n] = '\0';
		/* TOP/src/bib2pubs -> TOP */
		if ((slash = strrchr(top, '/')) != NULL) {
			*slash = '\0';
			if ((slash = strrchr(top, '/')) != NULL &&
			    strcmp(slash, "/src") == 0) {
				*slash = '\0';
				if (top[0] != '\0' && is_source_tree(top))
					return top;
			}
		}
	}
	return PKGDATADIR;
}

static char *
path_join(const char *a, const char *b)
{
	struct buf	 p = { 0 };

	buf_printf(&p, "%s/%s", a, b);
	return buf_detach(&p);
}

static void
remember(struct theme *t, const char *path)
{
	t->files = xreallocarray(t->files, t->nfiles + 1, sizeof(char *));
	t->files[t->nfiles++] = xstrdup(path);
}

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* "key = value" lines of path, if it is there; '#' starts a comment
 * line.  Takes path. */
static int
read_conf(struct theme *t, char *path, struct vars *vars)
{
	struct source	 src;
	char		*line, *next, *eq;
	int		 lineno = 0, ok = 1;

	if (access(path, F_OK) != 0) {
		free(path);
		return 1;
	}
	remember(t, path);
	if (!source_load(&src, path)) {
		free(path);
		return 0;
	}
	for (line = src.text; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line = trim(line);
		if (*line == '\0' || *line == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			msg(MSG_USAGE, path, lineno, "expected 'key = value'");
			ok = 0;
			continue;
		}
		*eq = '\0';
		vars_set(vars, trim(line), trim(eq + 1));
	}
	source_free(&src);
	free(path);
	return ok;
}

/* An asset larger than this is no style sheet; /dev/zero has no end. */
#define ASSET_MAX	(1024 * 1024)

/*
 * Is the real path (links resolved) inside the theme's real directory?
 * A link inside the theme may lead to another of its files, not out
 * of it (to /etc/passwd, /dev/zero).
 */
static int
inside_theme(const struct theme *t, const char *real)
{
	char	*dir = realpath(t->dir, NULL);
	size_t	 n;
	int	 inside;

	if (dir == NULL)
		return 0;
	n = strlen(dir);
	inside = strncmp(real, dir, n) == 0 &&
	    (real[n] == '/' || (n > 0 && dir[n - 1] == '/'));
	free(dir);
	return inside;
}

/*
 * The asset at path, open, or -1 after a diagnostic naming it.  Its
 * real path must lie inside the theme; it is opened with O_NOFOLLOW
 * (no link put in its place since) and O_NONBLOCK, so that the open of
 * a FIFO returns, and fstat() then says whether it is a regular file
 * of at most ASSET_MAX bytes.
 */
static int
open_asset(const struct theme *t, const char *path)
{
	struct stat	 st;
	char		*real;
	int		 fd = -1;

	if ((real = realpath(path, NULL)) == NULL)
		msg(MSG_SYSERR, path, 0, "cannot include: %s",
		    strerror(errno));
	else if (!inside_theme(t, real))
		msg(MSG_SYSERR, path, 0, "not included: it leads out of the "
		    "theme's directory, to %s", real);
	else if ((fd = open(real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fstat(fd, &st) != 0)
		msg(MSG_SYSERR, path, 0, "cannot include: %s",
		    strerror(errno));
	else if (!S_ISREG(st.st_mode))
		msg(MSG_SYSERR, path, 0, "not included: not a regular file");
	else if (st.st_size > ASSET_MAX)
		msg(MSG_SYSERR, path, 0, "not included: larger than %d bytes",
		    ASSET_MAX);
	else {
		free(real);
		return fd;
	}
	if (fd != -1)
		close(fd);
	free(real);
	return -1;
}

/*
 * At most ASSET_MAX bytes of fd, and NUL room, or NULL after a
 * diagnostic: a file that has grown past the limit since it was looked
 * at is read no further.
 */
static char *
read_asset(int fd, const char *path, size_t *lenp)
{
	char	*data = xmalloc(ASSET_MAX + 2);
	size_t	 len = 0;
	ssize_t	 n;

	while (len <= ASSET_MAX && (n = read(fd, data + len,
	    ASSET_MAX + 1 - len)) != 0) {
		if (n > 0)
			len += (size_t)n;
		else if (errno != EINTR) {
			msg(MSG_SYSERR, path, 0, "cannot read: %s",
			    strerror(errno));
			free(data);
			return NULL;
		}
	}
	if (len > ASSET_MAX) {
		msg(MSG_SYSERR, path, 0, "not included: larger than %d bytes",
		    ASSET_MAX);
		free(data);
		return NULL;
	}
	*lenp = len;
	return xrealloc(data, len + 1);
}

/*
 * $include(name)$ reads a file of the theme's own directory (template.c
 * has refused ".." and a '/' first), cleaned as an input file is.
 */
static char *
load_asset(void *arg, const char *name)
{
	struct theme	*t = arg;
	struct source	 src;
	char		*path = path_join(t->dir, name), *data, *text;
	size_t		 len;
	int		 fd;

	remember(t, path);
	if ((fd = open_asset(t, path)) == -1) {
		free(path);
		return NULL;
	}
	data = read_asset(fd, path, &len);
	close(fd);
	if (data == NULL) {
		free(path);
		return NULL;
	}
	source_from_memory(&src, path, data, len);
	free(path);
	text = src.text;
	src.text = NULL;
	source_free(&src);
	return text;
}

/* KIND.FORMAT of the theme, parsed; NULL after a diagnostic. */
static struct tmpl *
load_template(struct theme *t, const char *kind, const char *format)
{
	struct source	 src;
	struct tmpl	*tm = NULL;
	struct buf	 path = { 0 };

	buf_printf(&path, "%s/%s.%s", t->dir, kind, format);
	if (access(path.data, R_OK) != 0) {
		msg(MSG_USAGE, NULL, 0, "theme '%s' has no template for "
		    "format '%s'%s (no %s)", t->name, format,
		    strcmp(kind, "entry") == 0 ? " and --split" : "", path.data);
		buf_free(&path);
		return NULL;
	}
	remember(t, path.data);
	if (source_load(&src, path.data)) {
		tm = tmpl_parse(src.text, path.data, load_asset, t);
		source_free(&src);
	}
	buf_free(&path);
	return tm;
}

/* The directory of NAME (a shipped theme) or DIR (contains '/'). */
static char *
theme_dir(const char *name)
{
	char	*themes, *dir;

	if (strchr(name, '/') != NULL)
		return xstrdup(name);
	themes = path_join(theme_datadir(), "themes");
	dir = path_join(themes, name);
	free(themes);
	return dir;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shipped themes' names, sorted, NULL-ended; NULL if unreadable. */
static char **
theme_names(const char *dir)
{
	char		**names = NULL;
	size_t		 n = 0;
	DIR		*d;
	struct dirent	*de;

	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "lang") == 0)
			continue;	/* themes/lang/: the words, no theme */
		names = xreallocarray(names, n + 2, sizeof(char *));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (names == NULL)
		names = xcalloc(1, sizeof(char *));
	qsort(names, n, sizeof(char *), by_name);
	names[n] = NULL;
	return names;
}

static void
free_names(char **names)
{
	char	**p;

	for (p = names; p != NULL && *p != NULL; p++)
		free(*p);
	free(names);
}

static const char *const theme_formats[] = { "md", "html", "txt", "tex", NULL };

/* Does the theme in dir have a page template for format? */
static int
has_format(const char *dir, const char *format)
{
	char	*page = xmalloc(strlen(dir) + 16);
	int	 has;

	sprintf(page, "%s/page.%s", dir, format);
	has = access(page, R_OK) == 0;
	free(page);
	return has;
}

const char *
theme_only_format(const char *name)
{
	char		*dir = theme_dir(name);
	const char	*only = NULL;
	size_t		 f, n = 0;

	for (f = 0; theme_formats[f] != NULL; f++)
		if (has_format(dir, theme_formats[f])) {
			only = theme_formats[f];
			n++;
		}
	free(dir);
	return n == 1 ? only : NULL;
}

static void
unknown_theme(const char *name)
{
	char	*dir = path_join(theme_datadir(), "themes");
	char	**names = theme_names(dir);

	msg(MSG_USAGE, NULL, 0, "unknown theme '%s'%s (see "
	    "bib2pubs --list-themes)", name, strchr(name, '/') != NULL ||
	    names == NULL ? "" : did_you_mean(name,
	    (const char *const *)names, ""));
	free_names(names);
	free(dir);
}

int
theme_load(struct theme *t, const char *name, const char *format,
    struct vars *vars)
{
	memset(t, 0, sizeof(*t));
	t->name = xstrdup(name);
	t->dir = theme_dir(name);
	if (!is_dir(t->dir)) {
		unknown_theme(name);
		return 0;
	}
	/* The words in English, under what the theme sets. */
	if (!read_conf(t, path_join(theme_datadir(), "themes/lang/en.conf"),
	    vars) ||
	    !read_conf(t, path_join(t->dir, "theme.conf"), vars))
		return 0;
	t->page = load_template(t, "page", format);
	return t->page != NULL;
}

/* DIR/lang/NAME.conf, or NULL if it is not there. */
static char *
lang_file(const char *dir, const char *name, size_t len)
{
	struct buf	 p = { 0 };

	buf_printf(&p, "%s/lang/%.*s.conf", dir, (int)len, name);
	if (access(p.data, F_OK) == 0)
		return buf_detach(&p);
	buf_free(&p);
	return NULL;
}

/* The languages there are files for: DIR/lang/ *.conf, NULL-ended. */
static char **
lang_names(const char *dir)
{
	char	*ldir = path_join(dir, "lang"), **names = theme_names(ldir);
	char	**p, *dot;

	free(ldir);
	for (p = names; p != NULL && *p != NULL; p++)
		if ((dot = strrchr(*p, '.')) != NULL)
			*dot = '\0';
	return names;
}

int
theme_load_lang(struct theme *t, const char *lang, struct vars *vars)
{
	size_t		 len = strlen(lang), base = strcspn(lang, "-_");
	char		*data, *shared, *own, **names;
	int		 ok = 1;

	if (len == 0 || len > 35 || lang[strspn(lang, "abcdefghijklmnopqrstu"
	    "vwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")] != '\0') {
		msg(MSG_WARNING, NULL, 0, "lang '%s' is no language tag "
		    "(such as en, zh or zh-CN): the page's words stay English",
		    lang);
		return 1;
	}
	/* "en", "en-GB": theme.conf's words are English already. */
	if (base == 2 && strncasecmp(lang, "en", 2) == 0)
		return 1;
	/* "zh-CN" reads zh-CN.conf, or else zh.conf: the shared words in
	 * themes/lang/, a theme's own in its lang/. */
	data = path_join(theme_datadir(), "themes");
	if ((shared = lang_file(data, lang, len)) == NULL)
		shared = lang_file(data, lang, base);
	if ((own = lang_file(t->dir, lang, len)) == NULL)
		own = lang_file(t->dir, lang, base);
	if (shared == NULL && own == NULL) {
		struct buf	 have = { 0 };
		size_t		 i;

		names = lang_names(data);
		for (i = 0; names != NULL && names[i] != NULL; i++)
			buf_printf(&have, ", %s", names[i]);
		msg(MSG_WARNING, NULL, 0, "lang '%s': no language file "
		    "(themes/lang/%s.conf), so the page's words stay English%s "
		    "(there are: %s)", lang, lang, names == NULL ? "" :
		    did_you_mean(lang, (const char *const *)names, ""),
		    have.len > 0 ? have.data + 2 : "en");
		buf_free(&have);
		free_names(names);
		free(data);
		return 1;
	}
	free(data);
	/* The shared words, then the theme's own for that language. */
	if (shared != NULL)
		ok = read_conf(t, shared, vars);
	if (own != NULL)
		ok = read_conf(t, own, vars) && ok;
	return ok;
}

int
theme_load_entry(struct theme *t, const char *format)
{
	t->entry = load_template(t, "entry", format);
	return t->entry != NULL;
}

void
theme_free(struct theme *t)
{
	size_t	 i;

	tmpl_free(t->page);
	tmpl_free(t->entry);
	for (i = 0; i < t->nfiles; i++)
		free(t->files[i]);
	free(t->files);
	free(t->dir);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

void
theme_list(void)
{
	char	*dir = path_join(theme_datadir(), "themes");
	char	**names = theme_names(dir), *tdir;
	size_t	 i, f;

	if (names == NULL) {
		msg(MSG_SYSERR, dir, 0, "cannot read the theme directory");
		free(dir);
		return;
	}
	printf("themes in %s:\n", dir);
	for (i = 0; names[i] != NULL; i++) {
		tdir = path_join(dir, names[i]);
		printf("  %-16s", names[i]);
		for (f = 0; theme_formats[f] != NULL; f++)
			if (has_format(tdir, theme_formats[f]))
				printf(" %s", theme_formats[f]);
		putchar('\n');
		free(tdir);
	}
	free_names(names);
	free(dir);
}

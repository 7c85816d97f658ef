/*
 * theme.c: find a theme, read its theme.conf and its page template.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/util.h"
#include "emit/template.h"
#include "emit/theme.h"
#include "emit/view.h"
#include "read/source.h"

/*
 * The binary built in the source tree reads the source tree's themes;
 * an installed one reads $(pkgdatadir).  BIB2PUBS_DATADIR overrides.
 */
const char *
theme_datadir(void)
{
	static char	 exe[PATH_MAX];
	const char	*env = getenv("BIB2PUBS_DATADIR");
	ssize_t		 n;

	if (env != NULL && env[0] != '\0')
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (strcmp(dirname(exe), BUILD_BINDIR) == 0)
			return TOP_SRCDIR;
	}
	return PKGDATADIR;
}

static int
is_dir(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
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

/* "key = value" lines; '#' starts a comment line. */
static int
read_conf(struct theme *t, struct vars *vars)
{
	struct source	 src;
	char		*path = path_join(t->dir, "theme.conf");
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

/* $include(name)$ reads a file of the theme's own directory. */
static char *
load_asset(void *arg, const char *name)
{
	struct theme	*t = arg;
	struct source	 src;
	char		*path = path_join(t->dir, name), *text;

	remember(t, path);
	if (!source_load(&src, path)) {
		free(path);
		return NULL;
	}
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

int
theme_load(struct theme *t, const char *name, const char *format,
    struct vars *vars)
{
	char		*themes;

	memset(t, 0, sizeof(*t));
	t->name = xstrdup(name);
	if (strchr(name, '/') != NULL)
		t->dir = xstrdup(name);
	else {
		themes = path_join(theme_datadir(), "themes");
		t->dir = path_join(themes, name);
		free(themes);
	}
	if (!is_dir(t->dir)) {
		msg(MSG_USAGE, NULL, 0, "unknown theme '%s' (see "
		    "bib2pubs --list-themes)", name);
		return 0;
	}
	if (!read_conf(t, vars))
		return 0;
	t->page = load_template(t, "page", format);
	return t->page != NULL;
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

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
theme_list(void)
{
	static const char *const formats[] = { "md", "html", "txt" };
	char		*dir = path_join(theme_datadir(), "themes");
	char		**names = NULL, *tdir, *page;
	size_t		 n = 0, i, f;
	DIR		*d;
	struct dirent	*de;

	if ((d = opendir(dir)) == NULL) {
		msg(MSG_SYSERR, dir, 0, "cannot read the theme directory");
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(char *));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), by_name);
	printf("themes in %s:\n", dir);
	for (i = 0; i < n; i++) {
		tdir = path_join(dir, names[i]);
		printf("  %-16s", names[i]);
		for (f = 0; f < 3; f++) {
			page = xmalloc(strlen(tdir) + 16);
			sprintf(page, "%s/page.%s", tdir, formats[f]);
			if (access(page, R_OK) == 0)
				printf(" %s", formats[f]);
			free(page);
		}
		putchar('\n');
		free(tdir);
		free(names[i]);
	}
	free(names);
	free(dir);
}

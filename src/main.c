/* SPDX-License-Identifier: ISC */
/*
 * main.c: bib2pubs -- BibTeX in, a publication page out.
 *
 *	read (source, scan, bib) -> normalize -> select -> emit (theme)
 *
 * This is the only file that decides the exit status.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/util.h"
#include "base/watch.h"
#include "emit/emit.h"
#include "emit/output.h"
#include "emit/template.h"
#include "emit/theme.h"
#include "emit/view.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "normalize/venue.h"
#include "read/bib.h"
#include "read/coauthors.h"
#include "read/entry.h"
#include "read/source.h"
#include "select/filter.h"
#include "select/select.h"
#include "text/names.h"
#include "text/rich.h"

enum {
	OPT_ME = 256,
	OPT_SORT,
	OPT_STRICT,
	OPT_LIST_THEMES,
	OPT_VERSION,
	OPT_VENUES,
	OPT_COAUTHORS,
	OPT_RANKS,
	OPT_CHECK_VENUES,
	OPT_UNSAFE,
	OPT_GROUP_BY,
	OPT_REVERSE,
	OPT_SELECT,
	OPT_KEYS,
	OPT_LIMIT,
	OPT_KEEP_DUPLICATES,
	OPT_DEPFILE,
	OPT_SPLIT,
	OPT_ASSET_BASE,
	OPT_WATCH
};

struct options {
	const char	 *format;
	const char	 *theme;
	const char	 *output;
	char		**vars;		/* "KEY=VALUE" from -V */
	size_t		  nvars;
	struct name_key	**me;
	const char	**me_spec;	/* as given, for messages */
	size_t		  nme;
	int		  width;
	const char	 *coauthors;	/* --coauthors FILE */
	char		**venues;	/* --venues files */
	size_t		  nvenues;
	const char	 *ranks;
	int		  check_venues;
	int		  unsafe;
	enum group_key	  group;
	struct selection  sel;
	struct filter	 *filter;	/* owned; sel.filter points here */
	const char	 *keys_file;
	const char	 *select_expr;	/* --select, for messages */
	struct strmap	 *keys;		/* owned; sel.keys points here */
	int		  keep_duplicates;
	const char	 *depfile;
	const char	 *split;	/* --split DIR */
	const char	 *asset_base;	/* --asset-base URL */
	int		  watch;	/* --watch */
	char		**inputs;	/* the files named, or "-" */
	int		  ninputs;
};

static const struct option longopts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "theme", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'o' },
	{ "var", required_argument, NULL, 'V' },
	{ "width", required_argument, NULL, 'w' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "me", required_argument, NULL, OPT_ME },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "reverse", no_argument, NULL, OPT_REVERSE },
	{ "group-by", required_argument, NULL, OPT_GROUP_BY },
	{ "select", required_argument, NULL, OPT_SELECT },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "keep-duplicates", no_argument, NULL, OPT_KEEP_DUPLICATES },
	{ "depfile", required_argument, NULL, OPT_DEPFILE },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ "asset-base", required_argument, NULL, OPT_ASSET_BASE },
	{ "watch", no_argument, NULL, OPT_WATCH },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "list-themes", no_argument, NULL, OPT_LIST_THEMES },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "venues", required_argument, NULL, OPT_VENUES },
	{ "coauthors", required_argument, NULL, OPT_COAUTHORS },
	{ "ranks", required_argument, NULL, OPT_RANKS },
	{ "check-venues", no_argument, NULL, OPT_CHECK_VENUES },
	{ "unsafe", no_argument, NULL, OPT_UNSAFE },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fputs("usage: bib2pubs [options] [FILE...]\n"
	    "Turn BibTeX files into a publication page (FILE - is standard input,\n"
	    "also read when no FILE is named and it is not a terminal).\n"
	    "\n"
	    "Output:\n"
	    "  -f, --format FMT     md (default; or markdown), html, txt, tex, json\n"
	    "  -t, --theme NAME|DIR academicpages (md), default (html), plain (txt),\n"
	    "                       cv (tex)\n"
	    "  -o, --output FILE    write FILE (atomically; untouched if unchanged)\n"
	    "  -V, --var KEY=VALUE  set a page variable, e.g. -V title=Papers\n"
	    "  -w, --width N        wrap txt output at N columns (default 78)\n"
	    "      --split DIR      one file per entry in DIR (theme's entry template)\n"
	    "      --depfile FILE   write a make rule of what the output depends on\n"
	    "      --asset-base URL where bare file names in pdf, slides, poster and\n"
	    "                       supp fields live (default /assets/pdf/, al-folio's)\n"
	    "      --unsafe         let raw HTML in Markdown fields through\n"
	    "      --watch          render again when an input, venue file or the\n"
	    "                       theme changes (with -o or --split)\n"
	    "Selection:\n"
	    "      --me NAME        the page owner, in BibTeX syntax (repeatable)\n"
	    "      --coauthors FILE link co-authors' names: al-folio's coauthors.yml, or TSV\n"
	    "      --select EXPR    keep entries that match, e.g. 'year >= 2023'\n"
	    "      --keys FILE      keep the entries whose keys FILE lists\n"
	    "      --limit N        keep the first N entries\n"
	    "      --sort KEY       year (default), none, title, author or key\n"
	    "      --reverse        sort the other way\n"
	    "      --group-by KEY   year, type, rank or none (default)\n"
	    "      --keep-duplicates  do not merge one work under two keys\n"
	    "Venues:\n"
	    "      --venues FILE    add or override venues (repeatable)\n"
	    "      --ranks LIST     rank systems, first wins (default ccf,thcpl; none)\n"
	    "      --check-venues   list how each entry's venue was resolved\n"
	    "Other:\n"
	    "  -q, --quiet          do not print warnings\n"
	    "      --strict         exit with status 1 on warnings too\n"
	    "      --list-themes    list the installed themes\n"
	    "  -h, --help           show this help\n"
	    "      --version        show the version\n"
	    "\n"
	    "Exit status: 0 success, 1 input errors (other entries still rendered),\n"
	    "2 usage errors, 3 file or system errors.  See bib2pubs(1).\n", fp);
}

static int bad_usage(const char *, ...)
    __attribute__((format(printf, 1, 2)));

static int
bad_usage(const char *fmt, ...)
{
	va_list	 ap;

	fputs("bib2pubs: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'bib2pubs --help'.\n", stderr);
	return EXIT_USAGE;
}

/* The format an output file name asks for, if its extension tells. */
static const char *
format_of_path(const char *path)
{
	static const char *const ext[][2] = {
		{ ".md", "md" }, { ".markdown", "md" }, { ".txt", "txt" },
		{ ".html", "html" }, { ".htm", "html" }, { ".json", "json" },
		{ ".tex", "tex" },
	};
	const char	*dot = path != NULL ? strrchr(path, '.') : NULL;
	size_t		 i;

	for (i = 0; dot != NULL && i < sizeof(ext) / sizeof(ext[0]); i++)
		if (strcmp(dot, ext[i][0]) == 0)
			return ext[i][1];
	return NULL;
}

static const char *
default_theme(const char *format)
{
	if (strcmp(format, "txt") == 0)
		return "plain";
	if (strcmp(format, "html") == 0)
		return "default";
	if (strcmp(format, "tex") == 0)
		return "cv";
	return "academicpages";
}

static int	word_index(const char *, const char *const *);

static int
is_word(const char *w, const char *const *words)
{
	return word_index(w, words) >= 0;
}


/* Look a word up in a NULL-terminated list; -1 if absent. */
static int
word_index(const char *word, const char *const *words)
{
	int	 i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(word, words[i]) == 0)
			return i;
	return -1;
}

static int
parse_number(const char *arg, long min, long max, long *n)
{
	char	*end;

	errno = 0;
	*n = strtol(arg, &end, 10);
	return errno == 0 && *end == '\0' && end != arg && *n >= min &&
	    *n <= max;
}

/* The options about what is selected and how it is ordered. */
static int
selection_option(int c, struct options *o)
{
	static const char *const sorts[] = { "year", "none", "title",
	    "author", "key", NULL };
	static const char *const groups[] = { "none", "year", "type", "rank",
	    NULL };
	const char	*error;
	int		 i, column;
	long		 n;

	switch (c) {
	case OPT_SORT:
		if ((i = word_index(optarg, sorts)) < 0)
			return bad_usage("--sort wants year, none, title, "
			    "author or key, not '%s'%s", optarg,
			    did_you_mean(optarg, sorts, ""));
		o->sel.sort = (enum sort_key)i;
		return EXIT_OK;
	case OPT_REVERSE:
		o->sel.reverse = 1;
		return EXIT_OK;
	case OPT_GROUP_BY:
		if ((i = word_index(optarg, groups)) < 0)
			return bad_usage("--group-by wants year, type, rank or "
			    "none, not '%s'%s", optarg,
			    did_you_mean(optarg, groups, ""));
		o->group = (enum group_key)i;
		return EXIT_OK;
	case OPT_SELECT:
		filter_free(o->filter);
		if ((o->filter = filter_parse(optarg, &column, &error)) == NULL)
			return bad_usage("--select: column %d: %s\n  %s\n  %*s",
			    column, error, optarg, column, "^");
		o->sel.filter = o->filter;
		o->select_expr = optarg;
		return EXIT_OK;
	case OPT_KEYS:
		o->keys_file = optarg;
		return EXIT_OK;
	case OPT_LIMIT:
		if (!parse_number(optarg, 1, 1000000000, &n))
			return bad_usage("--limit wants a positive number, "
			    "not '%s'", optarg);
		o->sel.limit = (size_t)n;
		return EXIT_OK;
	case OPT_KEEP_DUPLICATES:
		o->keep_duplicates = 1;
		return EXIT_OK;
	}
	return -1;
}

/* What a format may be called, for suggestions. */
static const char *const format_words[] = { "md", "markdown", "html", "txt",
	"text", "tex", "latex", "json", NULL };

/* The names people also give formats. */
static const char *
format_alias(const char *f)
{
	static const char *const alias[][2] = {
		{ "markdown", "md" }, { "htm", "html" }, { "text", "txt" },
		{ "plain", "txt" }, { "latex", "tex" }
	};
	size_t	 i;

	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcasecmp(f, alias[i][0]) == 0)
			return alias[i][1];
	return f;
}

/* "--sotr" -> "; did you mean '--sort'?" */
static const char *
suggest_option(const char *arg)
{
	const char	*names[sizeof(longopts) / sizeof(longopts[0])];
	char		 word[64];
	size_t		 i, n = 0;

	if (strncmp(arg, "--", 2) != 0)
		return "";
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(arg + 2, "="),
	    arg + 2);
	for (i = 0; longopts[i].name != NULL; i++)
		names[n++] = longopts[i].name;
	names[n] = NULL;
	return did_you_mean(word, names, "--");
}

/* The options about what is written and where. */
static int
output_option(int c, struct options *o)
{
	long	 n;

	switch (c) {
	case 'f':
		o->format = format_alias(optarg);
		if (!emit_known_format(o->format))
			return bad_usage("unknown format '%s'%s (md, html, txt, "
			    "tex or json)", optarg, did_you_mean(optarg, format_words, ""));
		return EXIT_OK;
	case 't':
		o->theme = optarg;
		return EXIT_OK;
	case 'o':
		o->output = optarg;
		return EXIT_OK;
	case 'V':
		if (strchr(optarg, '=') == NULL || optarg[0] == '=')
			return bad_usage("-V wants KEY=VALUE, not '%s'",
			    optarg);
		o->vars = xreallocarray(o->vars, o->nvars + 1, sizeof(char *));
		o->vars[o->nvars++] = optarg;
		return EXIT_OK;
	case 'w':
		if (!parse_number(optarg, 10, 10000, &n))
			return bad_usage("--width wants a number from 10 to "
			    "10000, not '%s'", optarg);
		o->width = (int)n;
		return EXIT_OK;
	case OPT_UNSAFE:
		o->unsafe = 1;
		return EXIT_OK;
	case OPT_DEPFILE:
		o->depfile = optarg;
		return EXIT_OK;
	case OPT_SPLIT:
		o->split = optarg;
		return EXIT_OK;
	case OPT_ASSET_BASE:
		o->asset_base = optarg;
		return EXIT_OK;
	case OPT_WATCH:
		o->watch = 1;
		return EXIT_OK;
	}
	return -1;
}

static int
other_option(int c, char **argv, struct options *o)
{
	struct name_key	*k;

	switch (c) {
	case OPT_ME:
		if ((k = names_key_new(optarg)) == NULL)
			return bad_usage("--me wants one name, such as "
			    "\"Zhang, Jintao\", not '%s'", optarg);
		o->me = xreallocarray(o->me, o->nme + 1, sizeof(*o->me));
		o->me_spec = xreallocarray(o->me_spec, o->nme + 1,
		    sizeof(*o->me_spec));
		o->me_spec[o->nme] = optarg;
		o->me[o->nme++] = k;
		return EXIT_OK;
	case OPT_COAUTHORS:
		o->coauthors = optarg;
		return EXIT_OK;
	case OPT_VENUES:
		o->venues = xreallocarray(o->venues, o->nvenues + 1,
		    sizeof(char *));
		o->venues[o->nvenues++] = optarg;
		return EXIT_OK;
	case OPT_RANKS:
		if (optarg[strspn(optarg, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-, :/")] != '\0' ||
		    optarg[0] == '\0')
			return bad_usage("--ranks wants rank systems such as "
			    "ccf,thcpl, ccf:A,thcpl:A or none, not '%s'",
			    optarg);
		o->ranks = optarg;
		return EXIT_OK;
	case OPT_CHECK_VENUES:
		o->check_venues = 1;
		return EXIT_OK;
	case 'q':
		msg_set_quiet(1);
		return EXIT_OK;
	case OPT_STRICT:
		msg_set_fatal(MSG_WARNING);
		return EXIT_OK;
	case 'h':
		usage(stdout);
		exit(EXIT_OK);
	case OPT_LIST_THEMES:
		theme_list();
		exit(msg_exit_status());
	case OPT_VERSION:
		puts(PACKAGE_STRING);
		exit(EXIT_OK);
	case ':':
		return bad_usage("option '%s' needs an argument",
		    argv[optind - 1]);
	default:
		if (optopt != 0)
			return bad_usage("unknown option '-%c'", optopt);
		return bad_usage("unknown option '%s'%s", argv[optind - 1],
		    suggest_option(argv[optind - 1]));
	}
}

/* Are a and b one file (both exist)? */
static int
same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * What bib2pubs writes is never what it reads: "-o papers.bib
 * papers.bib" would replace the bibliography with its page, and a
 * depfile that is the page (or an input) would overwrite it.
 */
static int
check_targets(const struct options *o, char **inputs, int n)
{
	const char	*out[2] = { o->output, o->depfile };
	const char	*what[2] = { "-o", "--depfile" };
	int		 i, k;

	for (k = 0; k < 2; k++) {
		if (out[k] == NULL || strcmp(out[k], "-") == 0)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(inputs[i], out[k]) == 0 ||
			    same_file(inputs[i], out[k]))
				return bad_usage("%s %s is an input: it would "
				    "be overwritten", what[k], out[k]);
	}
	if (o->output != NULL && o->depfile != NULL &&
	    (strcmp(o->output, o->depfile) == 0 ||
	    same_file(o->output, o->depfile)))
		return bad_usage("--depfile %s is the output file", o->depfile);
	return EXIT_OK;
}

static const char *const standard_input[] = { "-", NULL };

/*
 * --watch replaces a file each time: a page on standard output would be
 * written again after the first, and standard input is read once.
 */
static int
check_watch(const struct options *o)
{
	int	 i;

	if (o->check_venues)
		return bad_usage("%s", "--watch renders a page; "
		    "--check-venues does not go with it");
	if ((o->output == NULL || strcmp(o->output, "-") == 0) &&
	    o->split == NULL)
		return bad_usage("%s", "--watch needs -o FILE or --split DIR: "
		    "it replaces the page each time an input changes");
	for (i = 0; i < o->ninputs; i++)
		if (strcmp(o->inputs[i], "-") == 0)
			return bad_usage("%s", "--watch cannot watch the "
			    "standard input: name the files");
	return EXIT_OK;
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	int	 c, rc;

	opterr = 0;	/* our own messages, in our own form */
	while ((c = getopt_long(argc, argv, ":f:t:o:V:w:qh", longopts,
	    NULL)) != -1) {
		if ((rc = selection_option(c, o)) < 0 &&
		    (rc = output_option(c, o)) < 0)
			rc = other_option(c, argv, o);
		if (rc != EXIT_OK)
			return rc;
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	if (o->ninputs == 0 && isatty(STDIN_FILENO))
		return bad_usage("%s", "no input files (name them, or give "
		    "them on standard input)");
	if (o->ninputs == 0) {	/* "cat papers.bib | bib2pubs" */
		o->inputs = (char **)standard_input;
		o->ninputs = 1;
	}
	if (o->depfile != NULL && o->output == NULL && o->split == NULL)
		return bad_usage("%s", "--depfile needs -o or --split: it "
		    "names the file the rule makes");
	if (o->split != NULL && o->output != NULL)
		return bad_usage("%s", "--split writes a directory; -o does "
		    "not go with it");
	if (o->watch && (rc = check_watch(o)) != EXIT_OK)
		return rc;
	return check_targets(o, o->inputs, o->ninputs);
}

static void
free_options(struct options *o)
{
	size_t	 i;

	for (i = 0; i < o->nme; i++)
		names_key_free(o->me[i]);
	free(o->me);
	free(o->me_spec);
	free(o->vars);
	free(o->venues);
	filter_free(o->filter);
	strmap_free(o->keys, NULL);
}

/* ---- reading ---- */

/* Returns how many inputs could not be read (each said so). */
static int
read_inputs(char **files, int n, struct entry_list *entries)
{
	struct bib	*b = bib_new();
	struct source	 src;
	int		 i, unread = 0;

	for (i = 0; i < n; i++) {
		if (!source_load(&src, files[i])) {
			unread++;
			continue;
		}
		bib_read(b, &src, entries);
		source_free(&src);
	}
	bib_free(b);
	return unread;
}

/*
 * --keys FILE: one key a line ('#' starts a comment).  The map holds
 * lowercase keys; a key no entry has is reported.
 */
static int
load_keys(struct options *o, const struct entry_list *entries)
{
	struct source	 src;
	char		*line, *next, *end;
	int		 lineno = 0;

	if (o->keys_file == NULL)
		return 1;
	if (!source_load(&src, o->keys_file))
		return 0;
	o->keys = strmap_new();
	for (line = src.text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line += strspn(line, " \t");
		for (end = line; *end != '\0' && *end != ' ' &&
		    *end != '\t' && *end != '#'; end++)
			continue;
		*end = '\0';
		if (*line == '\0')
			continue;
		if (entry_list_find(entries, line) == NULL)
			msg(MSG_WARNING, src.name, lineno, "no entry has the "
			    "key '%s'", line);
		strmap_put(o->keys, ascii_lower(line), (void *)1);
	}
	source_free(&src);
	o->sel.keys = o->keys;
	return 1;
}

/* The shipped database, then each --venues file.  NULL if unusable. */
static struct venue_db *
load_venues(const struct options *o, struct buf *path)
{
	struct venue_db	*db = venue_db_new();
	size_t		 i;
	int		 ok;

	buf_printf(path, "%s/bib/venues.tsv", theme_datadir());
	ok = venue_db_load(db, path->data, 0);
	for (i = 0; i < o->nvenues; i++)
		ok &= venue_db_load(db, o->venues[i], 1);
	if (o->ranks != NULL && !venue_db_set_ranks(db, o->ranks))
		ok = bad_usage("too many rank systems in '%s'", o->ranks) == 0;
	else if (ok && o->ranks != NULL)
		venue_db_check_ranks(db);
	if (!ok) {
		venue_db_free(db);
		return NULL;
	}
	return db;
}

/* ---- writing ---- */

static int
render_page(const struct options *o, const struct theme *t,
    const struct page *pg, const struct pub_list *pubs,
    const struct emit_opts *eo)
{
	struct output	 out;
	int		 ok;

	if (!output_open(&out, o->output))
		return 0;
	if (strcmp(o->format, "json") == 0)
		ok = emit_json(pubs, out.fp);
	else
		ok = emit_page(t, pg, eo, out.fp);
	return output_close(&out, ok);
}

/* Everything the output was made from, for --depfile. */
static void
collect_deps(const struct options *o, char **inputs, int ninputs,
    const struct theme *t, const char *venues_path, struct deps *d)
{
	int	 i;
	size_t	 k;

	for (i = 0; i < ninputs; i++)
		if (strcmp(inputs[i], "-") != 0)
			deps_add(d, inputs[i]);
	deps_add(d, venues_path);
	for (k = 0; k < o->nvenues; k++)
		deps_add(d, o->venues[k]);
	if (o->coauthors != NULL)
		deps_add(d, o->coauthors);
	if (o->keys_file != NULL)
		deps_add(d, o->keys_file);
	for (k = 0; k < t->nfiles; k++)
		deps_add(d, t->files[k]);
}

/* ---- the run ---- */


struct run {
	struct options		 o;
	struct entry_list	 entries;
	struct pub_list		 pubs;
	struct grouping		 groups;
	struct vars		 vars;
	struct theme		 theme;
	struct venue_db		*venues;
	struct buf		 venues_path;
	struct coauthors	 coauthors;	/* --coauthors */
	int			 select_typo;	/* said once */
};

/* A variable the theme's own theme.conf sets: its templates may not
 * name it, but the theme meant it to be set. */
static int
is_theme_var(const struct run *r, const char *key)
{
	size_t	 i, given = r->o.nvars;

	/* vars holds theme.conf's, then one per -V given. */
	for (i = 0; i + given < r->vars.n; i++)
		if (strcmp(r->vars.v[i].key, key) == 0)
			return 1;
	return 0;
}

/* Page variables bib2pubs itself reads (bib2pubs-themes(5)). */
static const char *const own_vars[] = { "links", "names", "split_name",
	"split_cite", "group_order", "asset_base", "html_base", "preview_base",
	"bibtex", "bibtex_hide", "lang", "venue_names", NULL };

/*
 * A -V nobody reads, or a link name no entry has, changes nothing: a
 * typo ("-V titel=...", "-V links=\"paper cod\"") says so, with the
 * nearest name.
 */
static void
check_vars(const struct run *r)
{
	const struct options	*o = &r->o;
	const char		*names[256], *links;
	char			*copy, *tok, *save = NULL, key[64];
	size_t			 i, n = 0;

	for (i = 0; own_vars[i] != NULL; i++)
		names[n++] = own_vars[i];
	for (i = 0; i + o->nvars < r->vars.n && n + 1 < 256; i++)
		names[n++] = r->vars.v[i].key;	/* theme.conf's, not -V's */
	names[n] = NULL;
	for (i = 0; i < o->nvars; i++) {
		snprintf(key, sizeof(key), "%.*s", (int)strcspn(o->vars[i],
		    "="), o->vars[i]);
		if (tmpl_uses(r->theme.page, key) ||
		    tmpl_uses(r->theme.entry, key) || is_word(key, own_vars) ||
		    strncmp(key, "group_", 6) == 0 ||
		    strncmp(key, "kind_", 5) == 0 || is_theme_var(r, key))
			continue;
		msg(MSG_WARNING, NULL, 0, "-V %s: no template of the theme "
		    "reads it%s", key, did_you_mean(key, names, ""));
	}
	if ((links = vars_get(&r->vars, "links")) == NULL)
		return;
	copy = xstrdup(links);
	for (tok = strtok_r(copy, " ,", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,", &save))
		if (!is_word(tok, view_link_names))
			msg(MSG_WARNING, NULL, 0, "links: '%s' is no link "
			    "name%s", tok, did_you_mean(tok, view_link_names, ""));
	free(copy);
}

/* The page's language: the last -V lang=, else the theme's, else en. */
static const char *
page_lang(const struct run *r)
{
	const char	*lang = vars_get(&r->vars, "lang");
	size_t		 i;

	for (i = 0; i < r->o.nvars; i++)
		if (strncmp(r->o.vars[i], "lang=", 5) == 0)
			lang = r->o.vars[i] + 5;
	return lang != NULL && lang[0] != '\0' ? lang : "en";
}

/* Theme first (the English words, its theme.conf, the words of its
 * language), then -V, which wins. */
static int
setup_output(struct run *r)
{
	struct options	*o = &r->o;
	size_t		 i;

	if (o->format == NULL)
		o->format = format_of_path(o->output);
	if (o->format == NULL && o->theme != NULL)
		o->format = theme_only_format(o->theme);
	if (o->format == NULL)
		o->format = "md";
	if (strcmp(o->format, "json") != 0 && !theme_load(&r->theme,
	    o->theme != NULL ? o->theme : default_theme(o->format),
	    o->format, &r->vars))
		return 0;
	if (o->split != NULL && (strcmp(o->format, "json") == 0 ||
	    !theme_load_entry(&r->theme, o->format)))
		return 0;
	if (strcmp(o->format, "json") != 0 &&
	    !theme_load_lang(&r->theme, page_lang(r), &r->vars))
		return 0;
	for (i = 0; i < o->nvars; i++) {
		char	*eq = strchr(o->vars[i], '=');

		*eq = '\0';
		vars_set(&r->vars, o->vars[i], eq + 1);
		*eq = '=';
	}
	check_vars(r);
	if (o->asset_base != NULL)
		vars_set(&r->vars, "asset_base", o->asset_base);
	/* al-folio's places, unless a theme or the user says otherwise. */
	if (vars_get(&r->vars, "asset_base") == NULL)
		vars_set(&r->vars, "asset_base", "/assets/pdf/");
	if (vars_get(&r->vars, "html_base") == NULL)
		vars_set(&r->vars, "html_base", "/assets/html/");
	if (vars_get(&r->vars, "preview_base") == NULL)
		vars_set(&r->vars, "preview_base",
		    "/assets/img/publication_preview/");
	return 1;
}

/*
 * An input could not be read: may the page be written from the rest?
 * Only to standard output -- a partial page would replace a whole file
 * or directory; then one error says so.
 */
static int
partial_ok(const struct run *r)
{
	const char	*target = r->o.output != NULL ? r->o.output :
			    r->o.split;

	if (target == NULL || strcmp(target, "-") == 0)
		return 1;
	msg(MSG_SYSERR, target, 0, "not written: an input could not be read");
	return 0;
}

/*
 * Entries from all inputs, crossrefs resolved, duplicates merged.
 * Returns 0 when an input could not be read and the output is a file
 * or a directory: a page made from part of the inputs would replace a
 * whole one (to standard output the rest is still written).
 */
static int
read_entries(struct run *r, char **files, int nfiles)
{
	if (read_inputs(files, nfiles, &r->entries) > 0 && !partial_ok(r))
		return 0;
	normalize_crossrefs(&r->entries);
	if (!r->o.keep_duplicates)
		normalize_duplicates(&r->entries);
	return 1;
}

/* --coauthors FILE: a homepage that is no safe link (http, https,
 * mailto or relative) refused, as an entry's links are. */
static int
load_coauthors(struct run *r)
{
	if (r->o.coauthors == NULL || coauthors_load(&r->coauthors,
	    r->o.coauthors, url_is_safe) >= 0)
		return 1;
	return partial_ok(r);	/* the file is an input like a .bib */
}

/* A person of --coauthors who is no author of the page: a note. */
static void
check_coauthors(const struct run *r)
{
	const struct coauthor	*c;
	size_t			 i, k, p, a;
	int			 found;

	for (i = 0; i < r->coauthors.n; i++) {
		c = &r->coauthors.v[i];
		found = 0;
		for (p = 0; p < r->pubs.n && !found; p++)
			for (a = 0; a < r->pubs.v[p].nauthors && !found; a++)
				for (k = 0; k < c->nkeys && !found; k++)
					found = names_match(c->keys[k],
					    &r->pubs.v[p].authors[a]);
		if (!found)
			msg(MSG_NOTE, r->coauthors.path, c->line, "'%s' is no "
			    "author of these entries", c->name);
	}
}

/* Does some author of the pubs match k? */
static int
someone_is(const struct pub_list *pubs, const struct name_key *k)
{
	size_t	 i, j;

	for (i = 0; i < pubs->n; i++)
		for (j = 0; j < pubs->v[i].nauthors; j++)
			if (names_match(k, &pubs->v[i].authors[j]))
				return 1;
	return 0;
}

/* "de la Cruz, María": a name as --me would write it. */
static char *
written_family_first(const struct person *p)
{
	struct buf	 b = { 0 };
	char		*plain;

	if (p->von[0] != '\0')
		buf_printf(&b, "%s ", p->von);
	buf_puts(&b, p->last);
	if (p->first[0] != '\0')
		buf_printf(&b, ", %s", p->first);
	plain = rich_plain(b.data);
	buf_free(&b);
	return plain;
}

/* The three authors' names ("Zhang, Jintao") nearest to spec, into b. */
static void
nearest_names(const struct pub_list *pubs, const char *spec, struct buf *b)
{
	char		*best[3] = { NULL, NULL, NULL }, *name, *folded;
	char		*want = utf8_fold(spec);
	size_t		 dist[3] = { SIZE_MAX, SIZE_MAX, SIZE_MAX }, d, i, j, k;

	for (i = 0; i < pubs->n; i++)
		for (j = 0; j < pubs->v[i].nauthors; j++) {
			if (pubs->v[i].authors[j].others)
				continue;
			name = written_family_first(&pubs->v[i].authors[j]);
			folded = utf8_fold(name);
			d = edit_distance(want, folded);
			free(folded);
			for (k = 0; k < 3 && (best[k] == NULL ||
			    strcmp(best[k], name) != 0) && d >= dist[k]; k++)
				continue;
			if (k == 3 || (best[k] != NULL &&
			    strcmp(best[k], name) == 0)) {
				free(name);
				continue;
			}
			free(best[2]);
			memmove(&best[k + 1], &best[k], (2 - k) * sizeof(*best));
			memmove(&dist[k + 1], &dist[k], (2 - k) * sizeof(*dist));
			best[k] = name;
			dist[k] = d;
		}
	for (k = 0; k < 3 && best[k] != NULL; k++) {
		buf_printf(b, "%s\"%s\"", k > 0 ? ", " : "", best[k]);
		free(best[k]);
	}
	free(want);
}

/*
 * A --me that matches no author highlights nobody: say so, with the
 * nearest names, and with the family-first reading of a name written
 * without a comma ("Zhang Yichi" is given name Zhang, family Yichi).
 */
static void
check_me(const struct options *o, const struct pub_list *pubs)
{
	struct name_key	*alt;
	struct buf	 near = { 0 }, flipped = { 0 };
	const char	*spec, *blank;
	size_t		 i;

	for (i = 0; i < o->nme; i++) {
		if (someone_is(pubs, o->me[i]))
			continue;
		spec = o->me_spec[i];
		buf_truncate(&flipped, 0);
		if (strchr(spec, ',') == NULL &&
		    (blank = strchr(spec, ' ')) != NULL) {
			buf_put(&flipped, spec, (size_t)(blank - spec));
			buf_printf(&flipped, ",%s", blank);
		}
		alt = flipped.len > 0 ? names_key_new(flipped.data) : NULL;
		if (alt != NULL && someone_is(pubs, alt))
			msg(MSG_WARNING, NULL, 0, "--me \"%s\" matches no "
			    "author; \"%s\" does (a name without a comma is "
			    "read as given names, then the family name)", spec,
			    flipped.data);
		else {
			buf_truncate(&near, 0);
			nearest_names(pubs, spec, &near);
			msg(MSG_WARNING, NULL, 0, "--me \"%s\" matches no "
			    "author%s%s", spec, near.len > 0 ? "; the nearest: " :
			    "", near.len > 0 ? near.data : "");
		}
		names_key_free(alt);
	}
	buf_free(&near);
	buf_free(&flipped);
}

/* The fields a --select expression may name in these entries, once
 * each: bib2pubs' own, then the .bib's.  Caller frees the array. */
static const char **
field_words(const struct entry_list *l)
{
	struct strmap	 *seen = strmap_new_borrowed();
	const char	**v = NULL, *const *lists[] = { filter_field_names,
			    view_link_names }, *name;
	size_t		  n = 0, i, j;

	for (i = 0; i < 2; i++)
		for (j = 0; lists[i][j] != NULL; j++) {
			v = xreallocarray(v, n + 2, sizeof(*v));
			v[n++] = lists[i][j];
			strmap_put(seen, lists[i][j], (void *)lists[i][j]);
		}
	for (i = 0; i < l->n; i++)
		for (j = 0; j < l->v[i]->nfields; j++) {
			name = l->v[i]->fields[j].name;
			if (strmap_get(seen, name) == NULL) {
				strmap_put(seen, name, (void *)name);
				v = xreallocarray(v, n + 2, sizeof(*v));
				v[n++] = name;
			}
		}
	v[n] = NULL;
	strmap_free(seen, NULL);
	return v;
}

/* A field no entry has and bib2pubs does not make: a typo ("yeer"). */
static void
check_select_field(const char *field, void *arg)
{
	struct run	 *r = arg;
	const char	**words;
	char		 *low = ascii_lower(xstrdup(field));

	if (!is_word(low, filter_field_names) && !is_word(low,
	    view_link_names) && strmap_get(r->entries.names, low) == NULL &&
	    !r->select_typo) {
		words = field_words(&r->entries);
		msg(MSG_USAGE, NULL, 0, "--select: no entry has a field "
		    "'%s'%s", field, did_you_mean(low, words, ""));
		free(words);
		r->select_typo = 1;
	}
	free(low);
}

static int
write_output(struct run *r, char **files, int nfiles)
{
	struct norm_opts no = { .me = r->o.me, .nme = r->o.nme,
			    .venues = r->venues,
			    .asset_base = vars_get(&r->vars, "asset_base"),
			    .html_base = vars_get(&r->vars, "html_base"),
			    .preview_base = vars_get(&r->vars, "preview_base") };
	struct emit_opts eo = { .format = r->o.format, .width = r->o.width,
			    .unsafe = r->o.unsafe };
	struct page	 pg;
	struct deps	 d;
	size_t		 had;
	int		 ok;

	/* Abstracts are the longest field: decoded only for a theme
	 * that shows them. */
	no.want_abstract = tmpl_uses(r->theme.page, "abstract") ||
	    (r->o.split != NULL && tmpl_uses(r->theme.entry, "abstract"));
	no.no_ranks = r->o.ranks != NULL && strcmp(r->o.ranks, "none") == 0;
	if (r->o.filter != NULL) {
		filter_fields(r->o.filter, check_select_field, r);
		if (r->select_typo)
			return 0;
	}
	if (!load_coauthors(r))
		return 0;
	no.coauthors = r->o.coauthors != NULL ? &r->coauthors : NULL;
	normalize(&r->entries, &no, &r->pubs);
	check_me(&r->o, &r->pubs);
	check_coauthors(r);
	had = r->pubs.n;
	select_pubs(&r->pubs, &r->o.sel);
	/* A selection that keeps nothing is likely a mistake ("yeer"). */
	if (had > 0 && r->pubs.n == 0 && r->o.select_expr != NULL)
		msg(MSG_WARNING, NULL, 0, "--select '%s' keeps none of the %zu "
		    "entries", r->o.select_expr, had);
	else if (had > 0 && r->pubs.n == 0 && r->o.keys_file != NULL)
		msg(MSG_WARNING, r->o.keys_file, 0, "keeps none of the %zu "
		    "entries", had);
	select_group(&r->pubs, r->o.group, vars_get(&r->vars, "group_order"),
	    &r->groups);
	page_init(&pg, &r->pubs, &r->groups, &r->vars);
	if (r->o.split != NULL)
		ok = emit_split(&r->theme, &pg, &r->pubs, &eo, r->o.split,
		    vars_get(&r->vars, "split_name"),
		    vars_get(&r->vars, "split_cite"));
	else
		ok = render_page(&r->o, &r->theme, &pg, &r->pubs, &eo);
	page_free(&pg);
	if (ok && r->o.depfile != NULL) {
		deps_init(&d, r->o.output != NULL ? r->o.output : r->o.split);
		collect_deps(&r->o, files, nfiles, &r->theme,
		    r->venues_path.data, &d);
		ok = deps_write(&d, r->o.depfile);
		deps_free(&d);
	}
	return ok;
}

/* Everything but the options, for the next render (--watch). */
static void
run_reset(struct run *r)
{
	pub_list_free(&r->pubs);
	grouping_free(&r->groups);
	entry_list_free(&r->entries);
	theme_free(&r->theme);
	vars_free(&r->vars);
	venue_db_free(r->venues);
	buf_free(&r->venues_path);
	coauthors_free(&r->coauthors);
	strmap_free(r->o.keys, NULL);
	r->o.keys = NULL;
	r->o.sel.keys = NULL;
	memset(&r->pubs, 0, sizeof(r->pubs));
	memset(&r->groups, 0, sizeof(r->groups));
	memset(&r->entries, 0, sizeof(r->entries));
	memset(&r->vars, 0, sizeof(r->vars));
	memset(&r->venues_path, 0, sizeof(r->venues_path));
	memset(&r->coauthors, 0, sizeof(r->coauthors));
	r->venues = NULL;
	r->select_typo = 0;
}

static void
run_free(struct run *r)
{
	run_reset(r);
	free_options(&r->o);
}

/* --watch: every file the page was made from, as --depfile lists it. */
static void
watch_files(struct run *r, struct watch *w)
{
	struct deps	 d;
	size_t		 i;

	deps_init(&d, "");
	collect_deps(&r->o, r->o.inputs, r->o.ninputs, &r->theme,
	    r->venues_path.data, &d);
	for (i = 0; i < d.n; i++)
		watch_add(w, d.v[i]);
	deps_free(&d);
}

/* One render: read, normalize, select, write.  The exit status. */
static int
render(struct run *r, struct watch *w)
{
	entry_list_init(&r->entries);
	if ((r->venues = load_venues(&r->o, &r->venues_path)) != NULL &&
	    (r->o.check_venues || setup_output(r)) &&
	    read_entries(r, r->o.inputs, r->o.ninputs)) {
		if (r->o.check_venues)
			emit_check_venues(&r->entries, r->venues, stdout);
		else if (load_keys(&r->o, &r->entries))
			write_output(r, r->o.inputs, r->o.ninputs);
	}
	if (w != NULL)
		watch_files(r, w);
	run_reset(r);
	msg_finish();
	return msg_exit_status();
}

/*
 * --watch: render, then again each time a file it was made from
 * changes, until SIGINT, SIGTERM or SIGHUP (exit 0).  A first render
 * that fails for a usage or file error ends it with that status; a
 * later one says what is wrong and leaves the page as it was.
 */
static int
watch_loop(struct run *r)
{
	struct watch	*w;
	int		 i, rc;

	if ((w = watch_new()) == NULL) {
		msg(MSG_SYSERR, NULL, 0, "--watch: inotify: %s",
		    strerror(errno));
		return msg_exit_status();
	}
	/* The inputs before the first render: a change during it counts. */
	for (i = 0; i < r->o.ninputs; i++)
		watch_add(w, r->o.inputs[i]);
	rc = render(r, w);
	if (rc >= EXIT_USAGE) {
		watch_free(w);
		return rc;
	}
	while ((rc = watch_wait(w)) > 0) {
		msg_reset();
		render(r, w);
	}
	watch_free(w);
	return rc == 0 ? EXIT_OK : EXIT_SYSTEM;
}

int
main(int argc, char **argv)
{
	struct run	 r;
	int		 rc;

	/* Write errors, EPIPE included, are handled where they happen. */
	signal(SIGPIPE, SIG_IGN);
	memset(&r, 0, sizeof(r));
	r.o.sel.sort = SORT_YEAR;
	r.o.width = 78;
	if ((rc = parse_options(argc, argv, &r.o)) != EXIT_OK) {
		free_options(&r.o);
		return rc;
	}
	rc = r.o.watch ? watch_loop(&r) : render(&r, NULL);
	run_free(&r);
	return rc;
}

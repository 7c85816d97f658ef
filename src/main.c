/*
 * main.c: bib2pubs -- BibTeX in, a publication page out.
 *
 *	read (source, scan, bib) -> normalize -> select -> emit (theme)
 *
 * This is the only file that decides the exit status.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bib.h"
#include "emit.h"
#include "model.h"
#include "msg.h"
#include "names.h"
#include "normalize.h"
#include "output.h"
#include "select.h"
#include "source.h"
#include "theme.h"
#include "util.h"
#include "venue.h"
#include "view.h"

enum {
	OPT_ME = 256,
	OPT_SORT,
	OPT_STRICT,
	OPT_LIST_THEMES,
	OPT_VERSION,
	OPT_VENUES,
	OPT_RANKS,
	OPT_CHECK_VENUES,
	OPT_UNSAFE
};

struct options {
	const char	 *format;
	const char	 *theme;
	const char	 *output;
	char		**vars;		/* "KEY=VALUE" from -V */
	size_t		  nvars;
	struct name_key	**me;
	size_t		  nme;
	enum sort_key	  sort;
	int		  width;
	char		**venues;	/* --venues files */
	size_t		  nvenues;
	const char	 *ranks;
	int		  check_venues;
	int		  unsafe;
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
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "list-themes", no_argument, NULL, OPT_LIST_THEMES },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "venues", required_argument, NULL, OPT_VENUES },
	{ "ranks", required_argument, NULL, OPT_RANKS },
	{ "check-venues", no_argument, NULL, OPT_CHECK_VENUES },
	{ "unsafe", no_argument, NULL, OPT_UNSAFE },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fputs("usage: bib2pubs [options] FILE...\n"
	    "Turn BibTeX files into a publication page (FILE - is standard input).\n"
	    "\n"
	    "  -f, --format FMT     output format: md (default), html, txt or json\n"
	    "  -t, --theme NAME|DIR theme (default: academicpages, default for html,\n"
	    "                       plain for txt)\n"
	    "  -o, --output FILE    write FILE (atomically; untouched if unchanged)\n"
	    "  -V, --var KEY=VALUE  set a page variable, e.g. -V title=Papers\n"
	    "      --me NAME        the page owner, in BibTeX syntax (repeatable)\n"
	    "      --sort KEY       year (default: newest first) or none (file order)\n"
	    "      --venues FILE    add or override venues (repeatable)\n"
	    "      --ranks LIST     rank systems, first wins (default ccf,thcpl; none)\n"
	    "      --check-venues   list how each entry's venue was resolved\n"
	    "  -w, --width N        wrap txt output at N columns (default 78)\n"
	    "      --unsafe         let raw HTML in Markdown fields through\n"
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
	const char	*dot = path != NULL ? strrchr(path, '.') : NULL;

	if (dot == NULL)
		return NULL;
	if (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0)
		return "md";
	if (strcmp(dot, ".txt") == 0)
		return "txt";
	if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0)
		return "html";
	if (strcmp(dot, ".json") == 0)
		return "json";
	return NULL;
}

static const char *
default_theme(const char *format)
{
	if (strcmp(format, "txt") == 0)
		return "plain";
	if (strcmp(format, "html") == 0)
		return "default";
	return "academicpages";
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	struct name_key	*k;
	char		*end;
	long		 n;
	int		 c;

	opterr = 0;	/* our own messages, in our own form */
	while ((c = getopt_long(argc, argv, ":f:t:o:V:w:qh", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!emit_known_format(optarg))
				return bad_usage("unknown format '%s' "
				    "(md, html, txt or json)", optarg);
			o->format = optarg;
			break;
		case 't':
			o->theme = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'V':
			if (strchr(optarg, '=') == NULL || optarg[0] == '=')
				return bad_usage("-V wants KEY=VALUE, not "
				    "'%s'", optarg);
			o->vars = xreallocarray(o->vars, o->nvars + 1,
			    sizeof(char *));
			o->vars[o->nvars++] = optarg;
			break;
		case 'w':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 10 || n > 10000)
				return bad_usage("--width wants a number from "
				    "10 to 10000, not '%s'", optarg);
			o->width = (int)n;
			break;
		case 'q':
			msg_set_quiet(1);
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_OK);
		case OPT_ME:
			if ((k = names_key_new(optarg)) == NULL)
				return bad_usage("--me wants one name, such "
				    "as \"Zhang, Jintao\", not '%s'", optarg);
			o->me = xreallocarray(o->me, o->nme + 1,
			    sizeof(*o->me));
			o->me[o->nme++] = k;
			break;
		case OPT_SORT:
			if (strcmp(optarg, "year") == 0)
				o->sort = SORT_YEAR;
			else if (strcmp(optarg, "none") == 0)
				o->sort = SORT_NONE;
			else
				return bad_usage("--sort wants year or none, "
				    "not '%s'", optarg);
			break;
		case OPT_STRICT:
			msg_set_fatal(MSG_WARNING);
			break;
		case OPT_VENUES:
			o->venues = xreallocarray(o->venues, o->nvenues + 1,
			    sizeof(char *));
			o->venues[o->nvenues++] = optarg;
			break;
		case OPT_RANKS:
			if (optarg[strspn(optarg, "abcdefghijklmnopqrstuvwxyz"
			    "0123456789_-, ")] != '\0' || optarg[0] == '\0')
				return bad_usage("--ranks wants rank systems "
				    "such as ccf,thcpl or none, not '%s'",
				    optarg);
			o->ranks = optarg;
			break;
		case OPT_CHECK_VENUES:
			o->check_venues = 1;
			break;
		case OPT_UNSAFE:
			o->unsafe = 1;
			break;
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
			return bad_usage("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind == argc)
		return bad_usage("%s", "no input files (use - for standard "
		    "input)");
	return EXIT_OK;
}

static void
read_inputs(char **files, int n, struct entry_list *entries)
{
	struct bib	*b = bib_new();
	struct source	 src;
	int		 i;

	for (i = 0; i < n; i++) {
		if (!source_load(&src, files[i]))
			continue;
		bib_read(b, &src, entries);
		source_free(&src);
	}
	bib_free(b);
}

static int
render(const struct options *o, struct theme *t, struct vars *vars,
    const struct pub_list *pubs)
{
	struct emit_opts eo = { .format = o->format, .width = o->width,
			    .unsafe = o->unsafe };
	struct output	 out;
	struct page	 pg;
	int		 ok;

	page_init(&pg, pubs, vars);
	if (!output_open(&out, o->output)) {
		page_free(&pg);
		return 0;
	}
	if (strcmp(o->format, "json") == 0)
		ok = emit_json(pubs, out.fp);
	else
		ok = emit_page(t, &pg, &eo, out.fp);
	page_free(&pg);
	return output_close(&out, ok);
}

static void
free_options(struct options *o)
{
	size_t	 i;

	for (i = 0; i < o->nme; i++)
		names_key_free(o->me[i]);
	free(o->me);
	free(o->vars);
	free(o->venues);
}

/* The shipped database, then each --venues file.  NULL if unusable. */
static struct venue_db *
load_venues(const struct options *o)
{
	struct venue_db	*db = venue_db_new();
	struct buf	 path = { 0 };
	size_t		 i;
	int		 ok;

	buf_printf(&path, "%s/bib/venues.tsv", theme_datadir());
	ok = venue_db_load(db, path.data, 0);
	buf_free(&path);
	for (i = 0; i < o->nvenues; i++)
		ok &= venue_db_load(db, o->venues[i], 1);
	if (o->ranks != NULL && !venue_db_set_ranks(db, o->ranks))
		ok = bad_usage("too many rank systems in '%s'", o->ranks) == 0;
	if (!ok) {
		venue_db_free(db);
		return NULL;
	}
	return db;
}

int
main(int argc, char **argv)
{
	struct options		 o = { .sort = SORT_YEAR, .width = 78 };
	struct entry_list	 entries;
	struct pub_list		 pubs = { NULL, 0 };
	struct norm_opts	 no;
	struct vars		 vars = { NULL, 0 };
	struct theme		 theme;
	struct venue_db		*venues;
	size_t			 i;
	int			 rc;

	if ((rc = parse_options(argc, argv, &o)) != EXIT_OK) {
		free_options(&o);
		return rc;
	}
	if ((venues = load_venues(&o)) == NULL) {
		free_options(&o);
		return msg_exit_status();
	}
	if (o.check_venues) {
		entry_list_init(&entries);
		read_inputs(argv + optind, argc - optind, &entries);
		normalize_crossrefs(&entries);
		no.me = NULL;
		no.nme = 0;
		no.venues = venues;
		normalize_check_venues(&entries, &no, stdout);
		entry_list_free(&entries);
		venue_db_free(venues);
		free_options(&o);
		return msg_exit_status();
	}
	if (o.format == NULL)
		o.format = format_of_path(o.output);
	if (o.format == NULL)
		o.format = "md";
	memset(&theme, 0, sizeof(theme));
	if (strcmp(o.format, "json") != 0 && !theme_load(&theme,
	    o.theme != NULL ? o.theme : default_theme(o.format), o.format,
	    &vars)) {
		theme_free(&theme);
		vars_free(&vars);
		venue_db_free(venues);
		free_options(&o);
		return msg_exit_status();
	}
	for (i = 0; i < o.nvars; i++) {
		char	*eq = strchr(o.vars[i], '=');

		*eq = '\0';
		vars_set(&vars, o.vars[i], eq + 1);
		*eq = '=';
	}
	entry_list_init(&entries);
	read_inputs(argv + optind, argc - optind, &entries);
	normalize_crossrefs(&entries);
	no.me = o.me;
	no.nme = o.nme;
	no.venues = venues;
	normalize(&entries, &no, &pubs);
	select_sort(&pubs, o.sort);
	render(&o, &theme, &vars, &pubs);
	pub_list_free(&pubs);
	entry_list_free(&entries);
	theme_free(&theme);
	vars_free(&vars);
	venue_db_free(venues);
	free_options(&o);
	return msg_exit_status();
}

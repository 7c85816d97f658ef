/* SPDX-License-Identifier: ISC */
/*
 * theme.h: themes are data.  A theme is a directory holding page.md,
 * page.html, page.txt and/or page.tex (templates, see bib2pubs-themes(5)), an
 * optional theme.conf of "key = value" defaults for the page variables,
 * and any assets its templates name.
 */
#ifndef THEME_H
#define THEME_H

#include <stddef.h>

struct vars;
struct tmpl;

struct theme {
	char		*dir;
	char		*name;
	struct tmpl	*page;		/* page.FORMAT */
	struct tmpl	*entry;		/* entry.FORMAT, for --split */
	char		**files;	/* every file read: for --depfile */
	size_t		 nfiles;
};

/* Where shipped themes and data live for this binary. */
const char	*theme_datadir(void);
/*
 * Load NAME (a shipped theme) or DIR (contains '/') for a format
 * ("md", "html", "txt", "tex"); theme.conf entries are added to vars.
 * Returns 0 after a diagnostic.
 */
int		 theme_load(struct theme *, const char *name_or_dir,
		    const char *format, struct vars *);
/*
 * The words of a language over theme.conf's English ones: the shared
 * lang/LANG.conf of the data directory, then the theme's own
 * lang/LANG.conf (either may be missing; neither is a warning).  "en"
 * reads nothing.  Returns 0 after a diagnostic.
 */
int		 theme_load_lang(struct theme *, const char *lang,
		    struct vars *);
/* --split: also load entry.FORMAT.  Returns 0 after a diagnostic. */
int		 theme_load_entry(struct theme *, const char *format);
void		 theme_free(struct theme *);
/* The one format the theme has a page template for, or NULL. */
const char	*theme_only_format(const char *name_or_dir);
/* Print the installed themes and their formats. */
void		 theme_list(void);

#endif

/* SPDX-License-Identifier: ISC */
/*
 * view.h: what a theme can see -- the page, its entries, their authors
 * and links -- as template classes (see template.h and
 * bib2pubs-themes(5) for the names).
 */
#ifndef VIEW_H
#define VIEW_H

#include <stddef.h>

#include "text/names.h"

struct pub;
struct pub_list;
struct tclass;

struct var {
	char	*key;
	char	*value;
};

struct vars {
	struct var	*v;
	size_t		 n;
};

/* Later definitions win: theme.conf first, then each -V. */
void		 vars_set(struct vars *, const char *key, const char *value);
const char	*vars_get(const struct vars *, const char *key);
void		 vars_free(struct vars *);

struct grouping;

/* A run of entries of one year, in page order (the year bar). */
struct year_run {
	int			 year;
	size_t			 n;
	const struct pub	*first;
};

/* A mark the page uses and what it means. */
struct legend_item {
	char	*mark;
	char	*meaning;
};

struct page {
	const struct pub_list	*pubs;
	const struct grouping	*groups;
	const struct vars	*vars;
	enum name_style		 names;		/* from the "names" variable */
	char			**links;	/* link names to list, in order */
	size_t			 nlinks;
	char			**hidden;	/* fields the BibTeX leaves out */
	size_t			 nhidden;
	int			 all_bibtex;	/* bibtex = all: every entry's */
	int			 has_marks;
	int			 venue_zh;	/* venue_names = zh */
	struct legend_item	*legend;	/* the marks used, explained */
	size_t			 nlegend;
	size_t			 max_authors;	/* 0: all; else the cut */
	struct year_run		*years;		/* when not grouped */
	size_t			 nyears;
	int			 group_nav;	/* two groups with headings */
};

/* Headings from the group_ID variables, when set, replace the defaults. */
void	page_init(struct page *, const struct pub_list *,
	    const struct grouping *, const struct vars *);
void	page_free(struct page *);

extern const struct tclass view_page;
/* The names of links an entry can have, NULL-terminated. */
extern const char *const view_link_names[];

/* An entry as BibTeX for readers: the fields that shape the page left
 * out (bibtex_hide), marks taken off names.  Caller frees. */
char	*view_bibtex(const struct page *, const struct pub *);

/* One entry, seen with the page's variables behind it (--split). */
struct entry_view {
	const struct page	*page;
	const struct pub	*pub;
};

extern const struct tclass view_entry_page;

#endif

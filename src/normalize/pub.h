/* SPDX-License-Identifier: ISC */
/*
 * pub.h: an entry as a page shows it -- decoded text (rich text, see
 * text/rich.h), split names with marks, venue, rank, links -- made once
 * by normalize() and only read after.  Emitters only ever see pubs.
 *
 * Ownership: a pub_list owns its pubs and their strings and borrows the
 * entries they come from.
 */
#ifndef PUB_H
#define PUB_H

#include <stddef.h>

#include "base/util.h"
#include "read/entry.h"
#include "text/names.h"

struct link {
	const char	*name;	/* "paper", "code", ... (static) */
	char		*url;
};

enum pub_kind {
	KIND_CONFERENCE,
	KIND_JOURNAL,
	KIND_PREPRINT,
	KIND_THESIS,
	KIND_BOOK,
	KIND_OTHER
};

/*
 * An entry as a page shows it, made once by normalize() and only read
 * after.  Its strings (rich text unless said) live in the list's arena;
 * its authors are its own (names_free).
 */
struct pub {
	const struct entry *entry;	/* borrowed from the entry_list */
	char		*title;		/* with subtitle and titleaddon; NULL if none */
	char		*main_title;	/* biblatex's maintitle, joined alike */
	struct person	*authors;	/* or editors; names_free() */
	size_t		 nauthors;
	char		*venue_name;	/* full venue as written, or NULL */
	char		*venue;		/* label without year, or NULL */
	char		*venue_zh;	/* its name in Chinese, or NULL */
	char		*rank;		/* "CCF-A", or NULL */
	char		*track;		/* or NULL */
	char		*note;		/* Markdown, or NULL */
	char		*abstract;	/* Markdown, or NULL: see norm_opts */
	char		*doi;		/* "10.1145/...", plain, or NULL */
	struct link	*links;		/* checked URLs, in showing order */
	size_t		 nlinks;
	int		 year;		/* 0 if unknown */
	int		 year_end;	/* a date range's last year; 0 none,
					   -1 open ("2001/") */
	int		 orig_year;	/* origdate's year, or 0 */
	unsigned char	 kind;		/* enum pub_kind */
	unsigned char	 month;		/* 1-12, 0 if unknown */
	unsigned char	 selected;
	unsigned char	 has_marks;	/* some author carries a mark */
};

struct pub_list {
	struct pub	*v;
	size_t		 n;
	struct arena	 arena;		/* the pubs' strings and links */
};

/* pub.c: "conference", "journal", ...; and back, -1 for none. */
const char *pub_kind_name(enum pub_kind);
int	pub_kind_of_name(const char *);

void	pub_free(struct pub *);
void	pub_list_free(struct pub_list *);

#endif

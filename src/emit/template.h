/* SPDX-License-Identifier: ISC */
/*
 * template.h: the theme template language (see bib2pubs-themes(5)).
 *
 *	$name$			a value, escaped for the output format
 *	$name.filter$		filters: upper lower sentence title plain
 *				period yaml fragment underline
 *				slug
 *	$if(name)$ $else$ $endif$	also $if(!name)$
 *	$for(list)$ $sep$ $endfor$	$index$ counts from 1 inside
 *	$-- comment		to the end of the line
 *	$include(file)$		a file of the theme, as it is (CSS, say)
 *	$hash(file)$		its SHA-256 as a CSP source, "sha256-..."
 *	$$			a dollar sign
 *
 * A line holding nothing but a control tag produces no output.  Values
 * are always escaped by the output format's escaper: a theme cannot
 * forget to escape, and cannot ask for raw text from a .bib file.
 */
#ifndef TEMPLATE_H
#define TEMPLATE_H

#include <stddef.h>

struct buf;
struct tmpl;

enum tval_kind {
	TV_NONE,	/* no such variable, or empty */
	TV_TEXT,	/* rich text */
	TV_URL,		/* a checked URL */
	TV_MARKDOWN,	/* Markdown source (rich text), rendered in blocks */
	TV_MARKDOWN_INLINE, /* the same, rendered as a phrase */
	TV_BOOL,
	TV_LIST
};

struct tclass;

#define TVAL_ROOM	48

struct tval {
	enum tval_kind		 kind;
	const char		*s;	/* TV_TEXT, TV_URL: borrowed */
	char			*owned;	/* freed after use, if set */
	int			 truth;	/* TV_BOOL */
	size_t			 n;	/* TV_LIST: items */
	const void		*items;	/* TV_LIST: item i at items + i * size */
	size_t			 size;
	const struct tclass	*cls;	/* TV_LIST: how items answer */
	/*
	 * Short text made for the question (an author's name, a year)
	 * may be written here and s pointed at it: no allocation.  A
	 * value is used before the next question, and not copied.  Last:
	 * a lookup clears what comes before it, not the room.
	 */
	char			 room[TVAL_ROOM];
};

/* How one kind of object (a pub, a person, a link...) answers names. */
struct tclass {
	/* Fill *v and return 1 if the name is known; 0 to ask the parent. */
	int	(*get)(const void *self, const char *name, struct tval *v,
		    void *arg);
};

/* How an output format writes values. */
struct escaper {
	void	(*text)(struct buf *, const char *rich);
	void	(*url)(struct buf *, const char *);
	void	(*markdown)(struct buf *, const char *rich, int inline_only,
		    int unsafe);
	int	 unsafe;	/* --unsafe: raw HTML in Markdown passes */
};

/* Reads a file named by $include()$; NULL after a diagnostic. */
typedef char	*(*tmpl_loader)(void *arg, const char *name);

/* Where finished output goes; called with whole lines. */
typedef void	(*tmpl_sink)(void *arg, const char *, size_t);

/* Returns NULL after a diagnostic naming file and line. */
struct tmpl	*tmpl_parse(const char *text, const char *file,
		    tmpl_loader, void *loader_arg);
void		 tmpl_free(struct tmpl *);
/*
 * How deep its $for$s nest (0: none).  Each level multiplies the work:
 * an inner loop over a list the page has (entries, groups) runs once
 * for every item of the loops around it.
 */
size_t		 tmpl_loop_depth(const struct tmpl *);
/* Does the template (NULL: none) ask for the variable name anywhere? */
int		 tmpl_uses(const struct tmpl *, const char *name);
void		 tmpl_run(const struct tmpl *, const struct tclass *root,
		    const void *self, void *arg, const struct escaper *,
		    tmpl_sink, void *sink_arg);


#endif

/* SPDX-License-Identifier: ISC */
/*
 * crossref.c: children take what their crossref parent has and they
 * lack, as BibTeX and biber do.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/msg.h"
#include "base/util.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
is_container_type(const char *type)
{
	static const char *const containers[] = { "book", "collection",
	    "mvbook", "mvcollection", "mvproceedings", "mvreference",
	    "periodical", "proceedings", "reference" };
	size_t	 i;

	for (i = 0; i < NELEM(containers); i++)
		if (strcmp(type, containers[i]) == 0)
			return 1;
	return 0;
}

/* Fields a child must not take from its parent. */
static int
is_own_field(const char *name)
{
	return strcmp(name, "crossref") == 0 || strcmp(name, "ids") == 0 ||
	    strcmp(name, "entryset") == 0 || strcmp(name, "related") == 0;
}

/*
 * A child takes at most this many fields from its parent.  Each child
 * gets its own copy of what it takes, so a parent of thousands of
 * fields and thousands of children would multiply the file a
 * thousandfold (tests/limits.test); a real volume has a few dozen.
 */
#define INHERITED_MAX	128

/*
 * The parts of a title, and the names biblatex gives a volume's in its
 * parts (biblatex.def's \DeclareDataInheritance): a multi-volume
 * work's title is its volumes' and their parts' maintitle, a
 * periodical's its articles' journaltitle, another container's its
 * parts' booktitle.
 */
static const char *const title_parts[] = { "title", "subtitle",
    "titleaddon" };
static const char *const main_parts[] = { "maintitle", "mainsubtitle",
    "maintitleaddon" };
static const char *const book_parts[] = { "booktitle", "booksubtitle",
    "booktitleaddon" };
static const char *const journal_parts[] = { "journaltitle",
    "journalsubtitle", "journaltitleaddon" };

/* Which part of a title name is (0, 1, 2), or -1. */
static int
title_part(const char *name)
{
	size_t	 i;

	for (i = 0; i < NELEM(title_parts); i++)
		if (strcmp(name, title_parts[i]) == 0)
			return (int)i;
	return -1;
}

/* The names a child gives the title parts of parent. */
static const char *const *
parts_in_child(const struct entry *parent)
{
	if (strcmp(parent->type, "periodical") == 0)
		return journal_parts;
	if (strncmp(parent->type, "mv", 2) == 0)
		return main_parts;
	if (is_container_type(parent->type))
		return book_parts;
	return title_parts;
}

/*
 * The parent's fields the child lacks, then its title parts.  A title's
 * parts go together: a child that has the first of them (its own title,
 * or a booktitle of its own or from the volume's own booktitle field)
 * takes none of the parent's, so no part shows a volume's subtitle
 * after a title that is not the volume's.  The parent's title_placed
 * is set when the child shows its title, or has the name the title
 * would take from the parent's own field of that name, or the same
 * text (dblp's volumes carry a short booktitle for their papers, and
 * BibTeX's styles never show a volume's title in its papers).  Returns 0 if the parent had
 * more fields to give than a child takes (the title parts always come).
 */
static int
inherit(struct entry_list *l, struct entry *child, struct entry *parent)
{
	size_t			 i, taken = 0;
	const char *const	*as = parts_in_child(parent);
	const char		*own = entry_get(child, as[0]);
	const char		*title = entry_get(parent, "title");
	const char		*given = entry_get(parent, as[0]);
	int			 whole = 1, part;

	for (i = 0; i < parent->nfields && whole; i++) {
		const struct field *f = &parent->fields[i];

		if (is_own_field(f->name) || title_part(f->name) >= 0 ||
		    entry_field(child, f->name) != NULL)
			continue;
		if (taken++ == INHERITED_MAX)
			whole = 0;
		else
			entry_set(l, child, f->name, f->value, f->line);
	}
	if (entry_field(child, as[0]) != NULL) {
		if (own == NULL || (title != NULL && strcmp(own, title) == 0) ||
		    (given != NULL && strcmp(own, given) == 0))
			parent->title_placed = 1;
		return whole;
	}
	for (i = 0; i < parent->nfields; i++) {
		const struct field *f = &parent->fields[i];

		if ((part = title_part(f->name)) >= 0 &&
		    entry_field(child, as[part]) == NULL) {
			entry_set(l, child, as[part], f->value, f->line);
			parent->title_placed = 1;
		}
	}
	return whole;
}

static void	resolve_once(struct entry_list *, struct entry *, int);

static void
resolve(struct entry_list *l, struct entry *e, int depth)
{
	const struct field *ref = entry_field(e, "crossref");
	struct entry	   *parent;

	if (ref == NULL || ref->value[0] == '\0')
		return;
	parent = entry_list_find(l, ref->value);
	if (parent == NULL) {
		msg(MSG_WARNING, e->file, ref->line, "crossref to unknown "
		    "entry '%s'", ref->value);
		return;
	}
	if (parent == e || depth > 8) {
		msg(MSG_WARNING, e->file, ref->line, "crossref loop at "
		    "'%s'", ref->value);
		return;
	}
	resolve_once(l, parent, depth + 1);
	if (!inherit(l, e, parent))
		msg(MSG_ERROR, e->file, ref->line, "crossref to '%s': only "
		    "the first %d of its fields are inherited", ref->value,
		    INHERITED_MAX);
	if (is_container_type(parent->type))
		parent->hidden = 1;
}

/*
 * A parent is resolved before its children, and once: its warnings
 * were said once for each of its children, and a child past
 * INHERITED_MAX would have taken more on every visit.  Marked when
 * done, not when begun, so a loop is still seen going round.
 */
static void
resolve_once(struct entry_list *l, struct entry *e, int depth)
{
	if (e->resolved)
		return;
	resolve(l, e, depth);
	e->resolved = 1;
}

/*
 * A volume folded into its parts is not listed: when every part has a
 * booktitle (journaltitle, maintitle) of its own, the volume's title is
 * seen nowhere.  Said once per volume, at its title, naming the first
 * such part.
 */
static void
say_unplaced(struct entry_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		const struct entry *e = l->v[i];
		const char	   *ref = entry_get(e, "crossref");
		struct entry	   *p;
		const struct field *t;
		const char *const  *as;

		if (ref == NULL || ref[0] == '\0' ||
		    (p = entry_list_find(l, ref)) == NULL || !p->hidden ||
		    p->title_placed || (t = entry_field(p, "title")) == NULL)
			continue;
		as = parts_in_child(p);
		msg(MSG_WARNING, p->file, t->line, "the title of '%s' is "
		    "shown nowhere: its parts have their own %s ('%s' in "
		    "'%s'), and a volume folded into its parts is not listed",
		    p->key, as[0], entry_get(e, as[0]), e->key);
		p->title_placed = 1;
	}
}

void
normalize_crossrefs(struct entry_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		resolve_once(l, l->v[i], 0);
	say_unplaced(l);
}


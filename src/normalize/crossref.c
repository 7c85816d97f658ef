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
	    "mvbook", "mvcollection", "mvproceedings", "periodical",
	    "proceedings" };
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

/* Returns 0 if the parent had more fields to give than a child takes. */
static int
inherit(struct entry_list *l, struct entry *child, const struct entry *parent)
{
	size_t		 i, taken = 0;
	const char	*title;
	int		 whole = 1;

	for (i = 0; i < parent->nfields; i++) {
		const struct field *f = &parent->fields[i];
		const char *name = f->name;

		if (is_own_field(name) || entry_field(child, name) != NULL ||
		    strcmp(name, "title") == 0)
			continue;
		if (taken++ == INHERITED_MAX) {
			whole = 0;
			break;
		}
		entry_set(l, child, name, f->value, f->line);
	}
	/* biblatex maps a volume's title to its parts' booktitle. */
	title = entry_get(parent, "title");
	if (title != NULL && entry_get(child, "booktitle") == NULL &&
	    is_container_type(parent->type))
		entry_set(l, child, "booktitle", (char *)title, parent->line);
	else if (title != NULL && entry_get(child, "title") == NULL)
		entry_set(l, child, "title", (char *)title, parent->line);
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

void
normalize_crossrefs(struct entry_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		resolve_once(l, l->v[i], 0);
}


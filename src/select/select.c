/* SPDX-License-Identifier: ISC */
/*
 * select.c: filtering, sorting, grouping and limits.  Every order is
 * stable: the file order breaks every tie.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "select/filter.h"
#include "select/select.h"
#include "text/names.h"
#include "text/rich.h"

/* The comparison context qsort cannot carry. */
static const char *const *sort_texts;	/* precomputed keys, by ordinal */
static int sort_reverse;

static int
by_ordinal(const struct pub *p, const struct pub *q)
{
	return p->entry->ordinal < q->entry->ordinal ? -1 :
	    p->entry->ordinal > q->entry->ordinal;
}

/* Unknown years sort after every known one, whichever the direction. */
static int
by_year(const void *a, const void *b)
{
	const struct pub *p = a, *q = b;
	int		  c = 0;

	if ((p->year == 0) != (q->year == 0))
		return p->year == 0 ? 1 : -1;
	if (p->year != q->year)
		c = p->year > q->year ? -1 : 1;
	else if (p->month != q->month)
		c = p->month > q->month ? -1 : 1;
	return c != 0 ? (sort_reverse ? -c : c) : by_ordinal(p, q);
}

static int
by_text(const void *a, const void *b)
{
	const struct pub *p = a, *q = b;
	int		  c = strcmp(sort_texts[p->entry->ordinal],
			    sort_texts[q->entry->ordinal]);

	return c != 0 ? (sort_reverse ? -c : c) : by_ordinal(p, q);
}

static int
by_file_order(const void *a, const void *b)
{
	int	 c = by_ordinal(a, b);

	return sort_reverse ? -c : c;
}

/* The text an entry sorts by: folded, so case and accents do not count. */
static char *
sort_text(const struct pub *p, enum sort_key key)
{
	struct buf	 b = { 0 };
	char		*plain, *folded;

	if (key == SORT_TITLE && p->title != NULL)
		buf_puts(&b, p->title);
	else if (key == SORT_AUTHOR && p->nauthors > 0) {
		buf_puts(&b, p->authors[0].last);
		buf_putc(&b, ' ');
		buf_puts(&b, p->authors[0].first);
	} else if (key == SORT_KEY)
		buf_puts(&b, p->entry->key);
	plain = rich_plain(b.data != NULL ? b.data : "");
	folded = utf8_fold(plain);
	free(plain);
	buf_free(&b);
	return folded;
}

static void
sort(struct pub_list *l, enum sort_key key, int reverse)
{
	char	**texts = NULL;
	size_t	  i, max = 0;

	sort_reverse = reverse;
	if (key == SORT_YEAR) {
		qsort(l->v, l->n, sizeof(*l->v), by_year);
		return;
	}
	if (key == SORT_NONE) {
		qsort(l->v, l->n, sizeof(*l->v), by_file_order);
		return;
	}
	for (i = 0; i < l->n; i++)
		if (l->v[i].entry->ordinal >= max)
			max = l->v[i].entry->ordinal + 1;
	texts = xcalloc(max, sizeof(*texts));
	for (i = 0; i < l->n; i++)
		texts[l->v[i].entry->ordinal] = sort_text(&l->v[i], key);
	sort_texts = (const char *const *)texts;
	qsort(l->v, l->n, sizeof(*l->v), by_text);
	for (i = 0; i < max; i++)
		free(texts[i]);
	free(texts);
	sort_texts = NULL;
}

static int
wanted(const struct pub *p, const struct selection *s)
{
	char	*key;
	int	 in;

	if (s->keys != NULL) {
		key = ascii_lower(xstrdup(p->entry->key));
		in = strmap_get(s->keys, key) != NULL;
		free(key);
		if (!in)
			return 0;
	}
	if (s->filter == NULL)
		return 1;
	return filter_match(s->filter, p);
}

void
select_pubs(struct pub_list *l, const struct selection *s)
{
	size_t	 i, kept = 0;

	for (i = 0; i < l->n; i++) {
		if (wanted(&l->v[i], s))
			l->v[kept++] = l->v[i];
		else
			pub_free(&l->v[i]);
	}
	l->n = kept;
	sort(l, s->sort, s->reverse);
	if (s->limit > 0 && l->n > s->limit) {
		for (i = s->limit; i < l->n; i++)
			pub_free(&l->v[i]);
		l->n = s->limit;
	}
}

/* ---- groups ---- */

struct keyed {
	struct pub	 pub;
	long		 rank;	/* the group's place */
	char		*id;
	size_t		 pos;	/* place before grouping: keeps it stable */
};

static int
by_group(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The place of a type group: its index in order, or after all. */
static long
type_place(const char *id, const char *order)
{
	const char	*p = order;
	size_t		 n = strlen(id);
	long		 i = 0;

	while (p != NULL && *p != '\0') {
		p += strspn(p, " ,");
		if (strncmp(p, id, n) == 0 && (p[n] == '\0' || p[n] == ' ' ||
		    p[n] == ','))
			return i;
		p += strcspn(p, " ,");
		i++;
	}
	return 1000;
}

/* A rank's group id: "CCF-A" -> "ccf-a". */
static char *
rank_id(const char *rank)
{
	char	*plain = rich_plain(rank), *p;

	for (p = plain; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			*p = '-';
	return plain;
}

static void
key_pub(struct keyed *k, const struct pub *p, enum group_key by,
    const char *order)
{
	struct buf	 b = { 0 };

	k->pub = *p;
	switch (by) {
	case GROUP_YEAR:
		if (p->year == 0)
			k->id = xstrdup("none");
		else {
			buf_printf(&b, "%d", p->year);
			k->id = buf_detach(&b);
		}
		k->rank = p->year == 0 ? 100000 : 10000 - p->year;
		break;
	case GROUP_TYPE:
		k->id = xstrdup(pub_kind_name(p->kind));
		k->rank = type_place(k->id, order);
		break;
	case GROUP_RANK:
	default:
		k->id = p->rank != NULL ? rank_id(p->rank) : xstrdup("none");
		k->rank = 0;
		break;
	}
}

static int
by_id(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int		    nx = strcmp(x->id, "none") == 0;
	int		    ny = strcmp(y->id, "none") == 0;

	if (nx != ny)
		return nx - ny;	/* unranked last */
	return strcmp(x->id, y->id) != 0 ? strcmp(x->id, y->id) :
	    (x->pos < y->pos ? -1 : x->pos > y->pos);
}

/* The name of a group's heading among a theme's words (group_WORD in
 * lang/en.conf): the words themselves are the theme's. */
static const char *
heading_word(enum group_key by, const char *id)
{
	int	 kind;

	if (strcmp(id, "none") == 0)
		return by == GROUP_YEAR ? "undated" : "unranked";
	if (by == GROUP_TYPE && (kind = pub_kind_of_name(id)) >= 0)
		return pub_kind_name(kind);
	return NULL;
}

void
select_group(struct pub_list *l, enum group_key by, const char *order,
    struct grouping *g)
{
	struct keyed	*k;
	size_t		 i, start;

	memset(g, 0, sizeof(*g));
	if (by == GROUP_NONE || l->n == 0) {
		g->v = xcalloc(1, sizeof(*g->v));
		g->v[0].pubs = l->v;
		g->v[0].n = l->n;
		g->n = 1;
		return;
	}
	if (order == NULL)
		order = "conference journal preprint thesis book other";
	k = xcalloc(l->n, sizeof(*k));
	for (i = 0; i < l->n; i++) {
		key_pub(&k[i], &l->v[i], by, order);
		k[i].pos = i;
	}
	/* qsort with the old position as tie-break keeps it stable. */
	qsort(k, l->n, sizeof(*k), by == GROUP_RANK ? by_id : by_group);
	for (i = 0; i < l->n; i++)
		l->v[i] = k[i].pub;
	for (start = 0, i = 1; i <= l->n; i++) {
		if (i < l->n && strcmp(k[i].id, k[start].id) == 0)
			continue;
		g->v = xreallocarray(g->v, g->n + 1, sizeof(*g->v));
		g->v[g->n].id = xstrdup(k[start].id);
		g->v[g->n].word = heading_word(by, k[start].id);
		g->v[g->n].heading = xstrdup(by == GROUP_RANK &&
		    l->v[start].rank != NULL ? l->v[start].rank : k[start].id);
		g->v[g->n].pubs = &l->v[start];
		g->v[g->n].n = i - start;
		g->n++;
		start = i;
	}
	for (i = 0; i < l->n; i++)
		free(k[i].id);
	free(k);
}

void
grouping_free(struct grouping *g)
{
	size_t	 i;

	for (i = 0; i < g->n; i++) {
		free(g->v[i].id);
		free(g->v[i].heading);
	}
	free(g->v);
	memset(g, 0, sizeof(*g));
}

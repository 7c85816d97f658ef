/*
 * select.c: sorting (and, later, filtering and grouping) of pubs.
 */
#include "config.h"

#include <stdlib.h>

#include "model.h"
#include "select.h"

/* Unknown years sort after every known one. */
static int
by_year(const void *a, const void *b)
{
	const struct pub *p = a, *q = b;
	int		  py = p->year ? p->year : -1;
	int		  qy = q->year ? q->year : -1;

	if (py != qy)
		return py > qy ? -1 : 1;
	if (p->month != q->month)
		return p->month > q->month ? -1 : 1;
	return p->entry->ordinal < q->entry->ordinal ? -1 :
	    p->entry->ordinal > q->entry->ordinal;
}

static int
by_file_order(const void *a, const void *b)
{
	const struct pub *p = a, *q = b;

	return p->entry->ordinal < q->entry->ordinal ? -1 :
	    p->entry->ordinal > q->entry->ordinal;
}

void
select_sort(struct pub_list *l, enum sort_key key)
{
	/* The file order breaks every tie, so qsort is stable here. */
	qsort(l->v, l->n, sizeof(*l->v),
	    key == SORT_YEAR ? by_year : by_file_order);
}

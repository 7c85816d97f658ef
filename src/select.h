/*
 * select.h: which pubs appear and in what order.
 */
#ifndef SELECT_H
#define SELECT_H

struct pub_list;

enum sort_key {
	SORT_YEAR,	/* newest first, then month, then file order */
	SORT_NONE	/* file order */
};

/* Stable: equal pubs keep their file order. */
void	select_sort(struct pub_list *, enum sort_key);

#endif

/* SPDX-License-Identifier: ISC */
/*
 * arena.c: memory that lives as long as its arena.  Entries and their
 * fields are many small, long-lived strings; allocating them from big
 * blocks costs neither malloc's per-block overhead nor a free() each.
 */
#include "config.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define BLOCK_SIZE (1024 * 1024 - 64)

struct arena_block {
	struct arena_block	*next;
	size_t			 used, size;
	alignas(max_align_t) char data[];
};

/* n bytes at a multiple of align (a power of two) in a block. */
static void *
take(struct arena *a, size_t n, size_t align)
{
	struct arena_block	*b = a->head;
	size_t			 at = 0, size;

	if (b != NULL)
		at = (b->used + align - 1) & ~(align - 1);
	if (b == NULL || at > b->size || b->size - at < n) {
		size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		at = 0;
		if (n > BLOCK_SIZE / 4 && a->head != NULL) {
			/* A big one: keep filling the current block after it. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	b->used = at + n;
	return b->data + at;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return take(a, n, alignof(max_align_t));
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*d = take(a, n + 1, 1);	/* text needs no alignment */

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_keep(struct arena *a, char *s)
{
	char	*kept;

	if (s == NULL)
		return NULL;
	kept = arena_strdup(a, s);
	free(s);
	return kept;
}

void
arena_free(struct arena *a)
{
	struct arena_block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

/*
 * arena.c: memory that lives as long as its arena.  Entries and their
 * fields are many small, long-lived strings; allocating them from big
 * blocks costs neither malloc's per-block overhead nor a free() each.
 */
#include "config.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BLOCK_SIZE (1024 * 1024 - 64)

struct arena_block {
	struct arena_block	*next;
	size_t			 used, size;
	alignas(max_align_t) char data[];
};

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b = a->head;
	size_t			 size;

	n = (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
	if (b == NULL || b->size - b->used < n) {
		size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		if (n > BLOCK_SIZE / 4 && a->head != NULL) {
			/* A big one: keep filling the current block after it. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	b->used += n;
	return b->data + b->used - n;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*d = arena_alloc(a, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
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

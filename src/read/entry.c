/* SPDX-License-Identifier: ISC */
/*
 * entry.c: the list of entries read from all inputs, indexed by key.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "read/entry.h"

void
entry_list_init(struct entry_list *l)
{
	memset(l, 0, sizeof(*l));
	l->keys = strmap_new_borrowed();	/* keys live in the arena */
	l->names = strmap_new();
}

void
entry_list_free(struct entry_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		strmap_free(l->v[i]->index, NULL);
	free(l->v);
	for (i = 0; i < l->nfiles; i++)
		free(l->files[i]);
	free(l->files);
	for (i = 0; i < l->ntexts; i++)
		free(l->texts[i]);
	free(l->texts);
	strmap_free(l->keys, NULL);
	strmap_free(l->names, NULL);
	arena_free(&l->arena);
	memset(l, 0, sizeof(*l));
}

const char *
entry_list_add_file(struct entry_list *l, const char *name)
{
	l->files = xreallocarray(l->files, l->nfiles + 1, sizeof(char *));
	return l->files[l->nfiles++] = xstrdup(name);
}

void
entry_list_keep_text(struct entry_list *l, char *text)
{
	l->texts = xreallocarray(l->texts, l->ntexts + 1, sizeof(char *));
	l->texts[l->ntexts++] = text;
}

const char *
entry_list_name(struct entry_list *l, const char *name)
{
	char	*interned = strmap_get(l->names, name);

	if (interned == NULL) {
		interned = arena_strdup(&l->arena, name);
		strmap_put(l->names, name, interned);
	}
	return interned;
}

static struct strmap *
index_of(struct field *v, size_t n)
{
	struct strmap	*index = strmap_new_borrowed();
	size_t		 i;

	strmap_reserve(index, n);
	for (i = 0; i < n; i++)
		fields_added(v, i + 1, index);
	return index;
}

struct field *
fields_find(struct field *v, size_t n, struct strmap **index,
    const char *name)
{
	size_t	 i;

	if (*index == NULL && n > FIELDS_INDEXED)
		*index = index_of(v, n);
	if (*index != NULL) {
		i = (uintptr_t)strmap_get(*index, name);
		return i > 0 ? &v[i - 1] : NULL;
	}
	for (i = 0; i < n; i++)
		if (same_name(v[i].name, name))
			return &v[i];
	return NULL;
}

void
fields_added(struct field *v, size_t n, struct strmap *index)
{
	if (index != NULL)
		strmap_put(index, v[n - 1].name, (void *)(uintptr_t)n);
}

/* Keys compare without case, as in BibTeX and biber. */
static char *
key_fold(const char *key)
{
	return ascii_lower(xstrdup(key));
}

int
entry_list_add(struct entry_list *l, struct entry *e)
{
	const char	*c;
	char		*folded;
	const char	*k;

	if (e->key[0] != '\0') {
		for (c = e->key; *c != '\0' && !(*c >= 'A' && *c <= 'Z'); c++)
			continue;
		k = e->key;	/* lowercase already: the map borrows it */
		if (*c != '\0') {
			folded = key_fold(e->key);
			k = arena_strdup(&l->arena, folded);
			free(folded);
		}
		if (strmap_get(l->keys, k) != NULL)
			return 0;
		strmap_put(l->keys, k, e);
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	e->ordinal = l->n;
	l->v[l->n++] = e;
	if (e->nfields > FIELDS_INDEXED)
		e->index = index_of(e->fields, e->nfields);
	return 1;
}

struct entry *
entry_list_find(const struct entry_list *l, const char *key)
{
	struct entry	*e;
	char		*k = key_fold(key);

	e = strmap_get(l->keys, k);
	free(k);
	return e;
}

const struct field *
entry_field(const struct entry *e, const char *name)
{
	size_t	 i;

	if (e->index != NULL) {
		i = (uintptr_t)strmap_get(e->index, name);
		return i > 0 ? &e->fields[i - 1] : NULL;
	}
	for (i = 0; i < e->nfields; i++)
		if (same_name(e->fields[i].name, name))
			return &e->fields[i];
	return NULL;
}

const char *
entry_get(const struct entry *e, const char *name)
{
	const struct field *f = entry_field(e, name);

	return f != NULL ? f->value : NULL;
}

/*
 * A field set after reading (crossrefs, merges: rare) moves the fields
 * into room for twice as many, and again only when that is full, so
 * that one entry gaining thousands of fields (thousands of merged
 * duplicates) costs their number, not its square.
 */
void
entry_set(struct entry_list *l, struct entry *e, const char *name,
    char *value, int line)
{
	struct field	*f;

	if (e->nfields == e->room || e->room == 0) {	/* 0: as read */
		e->room = e->nfields < 2 ? 4 : 2 * e->nfields;
		f = arena_alloc(&l->arena, e->room * sizeof(*f));
		if (e->nfields > 0)
			memcpy(f, e->fields, e->nfields * sizeof(*f));
		e->fields = f;
	}
	f = &e->fields[e->nfields++];
	f->name = entry_list_name(l, name);
	f->value = value;
	f->line = line;
	f->has_blocks = 0;
	if (e->index != NULL)
		fields_added(e->fields, e->nfields, e->index);
	else if (e->nfields > FIELDS_INDEXED)
		e->index = index_of(e->fields, e->nfields);
}

const char *
field_blocks(const struct field *f)
{
	return f->has_blocks ? f->value + strlen(f->value) + 1 : f->value;
}

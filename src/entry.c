/*
 * entry.c: the list of entries read from all inputs, indexed by key.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

void
entry_list_init(struct entry_list *l)
{
	memset(l, 0, sizeof(*l));
	l->keys = strmap_new_borrowed();	/* keys live in the arena */
	l->names = strmap_new();
	l->shapes = hashmap_new();
}

void
entry_list_free(struct entry_list *l)
{
	size_t	 i;

	free(l->v);
	for (i = 0; i < l->nfiles; i++)
		free(l->files[i]);
	free(l->files);
	for (i = 0; i < l->ntexts; i++)
		free(l->texts[i]);
	free(l->texts);
	strmap_free(l->keys, NULL);
	strmap_free(l->names, NULL);
	hashmap_free(l->shapes);
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

/*
 * Entries with the same field names in the same order share them.
 * Names are interned, so a shape is found by the hash of its pointers
 * and told apart from another with that hash by comparing them.
 */
struct shape {
	struct shape	*next;		/* another with the same hash */
	size_t		 n;
	const char	*names[];
};

static uint64_t
shape_hash(const char *const *names, size_t n)
{
	uint64_t	 h = 14695981039346656037u ^ n;
	size_t		 i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint64_t)(uintptr_t)names[i]) * 1099511628211u;
	return h != 0 ? h : 1;	/* 0 is the hash map's empty slot */
}

const char *const *
entry_list_shape(struct entry_list *l, const char *const *names, size_t n)
{
	uint64_t	 h;
	struct shape	*s, *first;

	if (n == 0)
		return NULL;
	h = shape_hash(names, n);
	first = hashmap_get(l->shapes, h);
	for (s = first; s != NULL; s = s->next)
		if (s->n == n && memcmp(s->names, names, n * sizeof(*names)) == 0)
			return s->names;
	s = arena_alloc(&l->arena, sizeof(*s) + n * sizeof(*names));
	s->next = first;
	s->n = n;
	memcpy(s->names, names, n * sizeof(*names));
	hashmap_put(l->shapes, h, s);
	return s->names;
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
	if (l->on_add != NULL)
		l->on_add(l->on_add_arg, e);
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

	for (i = 0; i < e->nfields; i++)
		if (same_name(e->names[i], name))
			return &e->fields[i];
	return NULL;
}

const char *
field_name(const struct entry *e, const struct field *f)
{
	return e->names[f - e->fields];
}

const char *
entry_get(const struct entry *e, const char *name)
{
	const struct field *f = entry_field(e, name);

	return f != NULL ? f->value : NULL;
}

/* Rare (crossref, merges): the field array is copied one longer. */
void
entry_set(struct entry_list *l, struct entry *e, const char *name,
    char *value, int line)
{
	struct field	*fields;
	const char	**names;

	fields = arena_alloc(&l->arena, (e->nfields + 1) * sizeof(*fields));
	names = xreallocarray(NULL, e->nfields + 1, sizeof(*names));
	if (e->nfields > 0) {
		memcpy(fields, e->fields, e->nfields * sizeof(*fields));
		memcpy(names, e->names, e->nfields * sizeof(*names));
	}
	names[e->nfields] = entry_list_name(l, name);
	e->names = entry_list_shape(l, names, e->nfields + 1);
	free(names);
	e->fields = fields;
	e->edited = 1;
	fields[e->nfields].value = value;
	fields[e->nfields].has_blocks = 0;
	fields[e->nfields].line = line;
	e->nfields++;
}

const char *
field_blocks(const struct field *f)
{
	return f->has_blocks ? f->value + strlen(f->value) + 1 : f->value;
}

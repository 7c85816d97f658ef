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

	for (i = 0; i < l->n; i++)
		hashmap_free(l->v[i]->index);
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

/*
 * Entries of more fields than this find a field through a hash map of
 * their names, not by looking through them all: one entry that many
 * duplicates merge into gains a field from each, and is looked up for
 * each (40,000 of them took 15 s, nearly all in entry_field()).
 */
#define INDEXED_FIELDS	64

static void
index_field(struct entry *e, size_t i)
{
	hashmap_put(e->index, hash64(e->names[i]), (void *)(uintptr_t)(i + 1));
}

/* Only for entries in the list, which frees their maps. */
static void
index_fields(struct entry *e)
{
	size_t	 i;

	if (e->index != NULL || e->nfields <= INDEXED_FIELDS)
		return;
	e->index = hashmap_new();
	hashmap_reserve(e->index, e->nfields);
	for (i = 0; i < e->nfields; i++)
		index_field(e, i);
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
	index_fields(e);
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

	if (e->index != NULL) {
		i = (uintptr_t)hashmap_get(e->index, hash64(name));
		if (i == 0)
			return NULL;
		if (same_name(e->names[i - 1], name))
			return &e->fields[i - 1];
		/* Two names with one hash: look through them all. */
	}
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

/*
 * Room in an edited entry's arrays: a power of two, at least n.  A
 * field set after reading (crossrefs, merges: rare) copies them once
 * into that much room, and again only when it is full, so that one
 * entry gaining thousands of fields (thousands of merged duplicates)
 * costs their number, not its square.
 */
static size_t
room_for_fields(size_t n)
{
	size_t	 room = 4;

	while (room < n)
		room *= 2;
	return room;
}

/* Has the edited entry's array of n fields no room for one more? */
static int
is_full(size_t n)
{
	return n >= 4 && (n & (n - 1)) == 0;
}

/*
 * Up to SHAPED_FIELDS, an edited entry's names are a shape, shared as
 * a read entry's are; past it they are its own array, grown with its
 * fields (a shape for every count on the way would cost the square).
 * A power of two, so that passing it is always a time to grow.
 */
#define SHAPED_FIELDS	32
_Static_assert((SHAPED_FIELDS & (SHAPED_FIELDS - 1)) == 0,
    "SHAPED_FIELDS is a power of two");

static void
set_name(struct entry_list *l, struct entry *e, const char *name, int grow)
{
	const char	**names;
	size_t		  n = e->nfields;

	if (n + 1 <= SHAPED_FIELDS) {
		names = xreallocarray(NULL, n + 1, sizeof(*names));
		if (n > 0)
			memcpy(names, e->names, n * sizeof(*names));
		names[n] = entry_list_name(l, name);
		e->names = entry_list_shape(l, names, n + 1);
		free(names);
		return;
	}
	if (grow) {	/* full, shared, or a shape until now */
		names = arena_alloc(&l->arena, room_for_fields(n + 1) *
		    sizeof(*names));
		memcpy(names, e->names, n * sizeof(*names));
		e->names = names;
	}
	((const char **)e->names)[n] = entry_list_name(l, name);
}

void
entry_set(struct entry_list *l, struct entry *e, const char *name,
    char *value, int line)
{
	int	 grow = !e->edited || is_full(e->nfields);

	set_name(l, e, name, grow);
	if (grow) {
		struct field *fields = arena_alloc(&l->arena,
		    room_for_fields(e->nfields + 1) * sizeof(*fields));

		if (e->nfields > 0)
			memcpy(fields, e->fields, e->nfields * sizeof(*fields));
		e->fields = fields;
	}
	e->edited = 1;
	e->fields[e->nfields].value = value;
	e->fields[e->nfields].has_blocks = 0;
	e->fields[e->nfields].line = line;
	e->nfields++;
	if (e->index != NULL)
		index_field(e, e->nfields - 1);
	else
		index_fields(e);
}

const char *
field_blocks(const struct field *f)
{
	return f->has_blocks ? f->value + strlen(f->value) + 1 : f->value;
}

/*
 * entry.c: the list of entries read from all inputs, indexed by key.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

void
entry_list_init(struct entry_list *l)
{
	memset(l, 0, sizeof(*l));
	l->keys = strmap_new();
}

void
entry_free(struct entry *e)
{
	size_t	 i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nfields; i++) {
		free(e->fields[i].name);
		free(e->fields[i].value);
		free(e->fields[i].blocks);
	}
	free(e->fields);
	free(e->type);
	free(e->key);
	free(e);
}

void
entry_list_free(struct entry_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		entry_free(l->v[i]);
	free(l->v);
	for (i = 0; i < l->nfiles; i++)
		free(l->files[i]);
	free(l->files);
	strmap_free(l->keys, NULL);
	memset(l, 0, sizeof(*l));
}

const char *
entry_list_add_file(struct entry_list *l, const char *name)
{
	l->files = xreallocarray(l->files, l->nfiles + 1, sizeof(char *));
	return l->files[l->nfiles++] = xstrdup(name);
}

/* Keys compare without case, as in BibTeX and biber. */
static char *
key_fold(const char *key)
{
	char	*k = xstrdup(key), *p;

	for (p = k; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

int
entry_list_add(struct entry_list *l, struct entry *e)
{
	char	*k;

	if (e->key[0] != '\0') {
		k = key_fold(e->key);
		if (strmap_get(l->keys, k) != NULL) {
			free(k);
			return 0;
		}
		strmap_put(l->keys, k, e);
		free(k);
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	e->ordinal = l->n;
	l->v[l->n++] = e;
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
		if (strcmp(e->fields[i].name, name) == 0)
			return &e->fields[i];
	return NULL;
}

const char *
entry_get(const struct entry *e, const char *name)
{
	const struct field *f = entry_field(e, name);

	return f != NULL ? f->value : NULL;
}

void
entry_set(struct entry *e, const char *name, const char *value, int line)
{
	struct field	*f;

	e->fields = xreallocarray(e->fields, e->nfields + 1, sizeof(*f));
	f = &e->fields[e->nfields++];
	f->name = xstrdup(name);
	f->value = xstrdup(value);
	f->blocks = NULL;
	f->line = line;
}

/*
 * strmap.c: a string-keyed hash map (open addressing, linear probing,
 * FNV-1a).  Used for @string macros, citation keys and the venue index,
 * so every lookup on a hot path is one hash and a probe or two.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct slot {
	char	*key;
	void	*value;
	uint32_t hash;
};

struct strmap {
	struct slot	*slots;
	size_t		 cap;	/* power of two */
	size_t		 count;
};

static uint32_t
hash_key(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

struct strmap *
strmap_new(void)
{
	struct strmap	*m = xcalloc(1, sizeof(*m));

	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void
strmap_free(struct strmap *m, void (*free_value)(void *))
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++) {
		if (m->slots[i].key == NULL)
			continue;
		free(m->slots[i].key);
		if (free_value != NULL)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	free(m);
}

static struct slot *
find_slot(struct slot *slots, size_t cap, const char *key, uint32_t h)
{
	size_t	 i = h & (cap - 1);

	while (slots[i].key != NULL &&
	    (slots[i].hash != h || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void
grow(struct strmap *m)
{
	struct slot	*old = m->slots;
	size_t		 oldcap = m->cap, i;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find_slot(m->slots, m->cap, old[i].key,
			    old[i].hash) = old[i];
	free(old);
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	uint32_t	 h = hash_key(key);
	struct slot	*s;
	void		*prev;

	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	s = find_slot(m->slots, m->cap, key, h);
	if (s->key != NULL) {
		prev = s->value;
		s->value = value;
		return prev;
	}
	s->key = xstrdup(key);
	s->hash = h;
	s->value = value;
	m->count++;
	return NULL;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	uint32_t h = hash_key(key);

	return find_slot(m->slots, m->cap, key, h)->value;
}

size_t
strmap_count(const struct strmap *m)
{
	return m->count;
}

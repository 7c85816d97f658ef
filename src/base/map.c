/* SPDX-License-Identifier: ISC */
/*
 * strmap.c: the hash map of bib2pubs, keyed by strings and comparing
 * them on lookup (open addressing, linear probing, FNV-1a).  Used for
 * @string macros, citation keys, field names, duplicates and the venue
 * index, so every lookup on a hot path is one hash and a probe or two.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct slot {
	char	*key;
	void	*value;
	uint32_t hash;
};

struct strmap {
	struct slot	*slots;
	size_t		 cap;	/* power of two */
	size_t		 count;
	int		 borrowed;	/* keys are the caller's, not copies */
};

static uint32_t
hash_key(const char *s)
{
	return (uint32_t)hash_bytes(s, strlen(s));
}

struct strmap *
strmap_new(void)
{
	struct strmap	*m = xcalloc(1, sizeof(*m));

	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

struct strmap *
strmap_new_borrowed(void)
{
	struct strmap	*m = strmap_new();

	m->borrowed = 1;
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
		if (!m->borrowed)
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
grow_to(struct strmap *m, size_t cap)
{
	struct slot	*old = m->slots;
	size_t		 oldcap = m->cap, i;

	m->cap = cap;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find_slot(m->slots, m->cap, old[i].key,
			    old[i].hash) = old[i];
	free(old);
}

/* Slots for n keys from cap on, both maps kept at most 3/4 full. */
static size_t
room_for(size_t cap, size_t n)
{
	while (n * 4 > cap * 3)
		cap *= 2;
	return cap;
}

/* Room for n keys without growing: for maps whose size is known. */
void
strmap_reserve(struct strmap *m, size_t n)
{
	size_t	 cap = room_for(m->cap, n);

	if (cap != m->cap)
		grow_to(m, cap);
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	uint32_t	 h = hash_key(key);
	struct slot	*s;
	void		*prev;

	if ((m->count + 1) * 4 > m->cap * 3)
		grow_to(m, m->cap * 2);
	s = find_slot(m->slots, m->cap, key, h);
	if (s->key != NULL) {
		prev = s->value;
		s->value = value;
		return prev;
	}
	s->key = m->borrowed ? (char *)key : xstrdup(key);
	s->hash = h;
	s->value = value;
	m->count++;
	return NULL;
}

/*
 * The value slot of key, added (holding NULL) when absent: one probe
 * where strmap_get and then strmap_put make two.  The key is kept as
 * strmap_put keeps it.
 */
void **
strmap_slot(struct strmap *m, const char *key)
{
	uint32_t	 h = hash_key(key);
	struct slot	*s;

	if ((m->count + 1) * 4 > m->cap * 3)
		grow_to(m, m->cap * 2);
	s = find_slot(m->slots, m->cap, key, h);
	if (s->key == NULL) {
		s->key = m->borrowed ? (char *)key : xstrdup(key);
		s->hash = h;
		s->value = NULL;
		m->count++;
	}
	return &s->value;
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

/* FNV-1a, 64 bits: the one hash function of bib2pubs. */
uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char	*s = p;
	uint64_t		 h = 14695981039346656037u;
	size_t			 i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211u;
	return h;
}

uint64_t
hash64(const char *s)
{
	uint64_t	 h = hash_bytes(s, strlen(s));

	return h != 0 ? h : 1;
}

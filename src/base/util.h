/* SPDX-License-Identifier: ISC */
/*
 * util.h: the bottom floor -- allocation that never returns NULL,
 * a growable byte buffer, and a string-keyed hash map.
 * Nothing here knows about BibTeX.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* xalloc.c: on allocation failure these print a message and exit(3). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/* buf.c: a growable, always NUL-terminated byte buffer. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_grow(struct buf *, size_t extra);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_truncate(struct buf *, size_t len);

/*
 * The length of the run s starts with before a byte of set, whose
 * bytes (and the NUL) are those stops marks with a bit of bits.  Most
 * runs in values are short (words, the braces of accents): the table
 * finds their end sooner than strcspn() sets up; long ones are left to
 * strcspn().
 */
static inline size_t
span_until(const char *s, const unsigned char *stops, unsigned char bits,
    const char *set)
{
	size_t	 n;

	for (n = 0; n < 16; n++)
		if (stops[(unsigned char)s[n]] & bits)
			return n;
	return n + strcspn(s + n, set);
}

/*
 * A non-negative number in decimal into out (room for 12); returns its
 * length.  Years and months are written several times an entry, and
 * snprintf() parses its format every time.
 */
size_t	 put_decimal(char *out, int n);

/* sha256.c: the SHA-256 of len bytes; and as a Content-Security-Policy
 * hash source, "sha256-" and its base64 (caller frees). */
void	 sha256(const void *, size_t len, unsigned char out[32]);
char	*csp_hash(const void *, size_t len);

/*
 * The commonest calls of all, so inline: a call to grow only when the
 * room runs out.
 */
static inline void
buf_putc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

static inline void
buf_put(struct buf *b, const char *s, size_t n)
{
	if (n >= b->cap - b->len)	/* cap > len once there is data */
		buf_grow(b, n);
	if (n > 0)	/* s may then be NULL: an empty buffer's data */
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/*
 * Equal names?  The first bytes first: names asked of every field or
 * link of every entry mostly differ there, and strcmp() is a call.
 */
static inline int
same_name(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

/* Room for n more bytes and the NUL, for code that stores directly. */
static inline void
buf_reserve(struct buf *b, size_t n)
{
	if (n >= b->cap - b->len)
		buf_grow(b, n);
}

static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

char	*buf_detach(struct buf *);	/* caller frees; buffer reset */
void	 buf_free(struct buf *);

/* arena.c: allocations freed all at once with their arena. */
struct arena_block;
struct arena {
	struct arena_block	*head;
};

void	*arena_alloc(struct arena *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
/* s (malloc'd, or NULL) moved into the arena, where it costs its
 * length: s is freed. */
char	*arena_keep(struct arena *, char *s);
void	 arena_free(struct arena *);

/* strmap.c: open-addressing hash map from NUL-terminated keys to pointers. */
struct strmap;

struct strmap	*strmap_new(void);
/* Keys are not copied: they must outlive the map (arena strings). */
struct strmap	*strmap_new_borrowed(void);
void		 strmap_free(struct strmap *, void (*free_value)(void *));
/* Returns the previous value for key (or NULL); the map copies the key. */
void		*strmap_put(struct strmap *, const char *key, void *value);
void		*strmap_get(const struct strmap *, const char *key);
void		**strmap_slot(struct strmap *, const char *key);
size_t		 strmap_count(const struct strmap *);
void		 strmap_reserve(struct strmap *, size_t n);

/* strmap.c too: FNV-1a of n bytes; of a string, never 0. */
uint64_t	 hash_bytes(const void *, size_t n);
uint64_t	 hash64(const char *);

/* utf8.c: small UTF-8 helpers built on utf8proc. */
size_t	 utf8_width(const char *, size_t len);	/* display columns */
int	 utf8_decode(const char *s, size_t len, int *cp);	/* bytes used, 0 if invalid */
size_t	 utf8_encode(int cp, char out[4]);
/* n, or less, so that s cut at n ends with a whole character (s[n] is
 * read: s holds more than n bytes). */
size_t	 utf8_cut(const char *s, size_t n);
/* Lowercase, strip accents and compatibility forms: text for comparing. */
char	*utf8_fold(const char *);	/* caller frees */
/* ASCII letters to lowercase, in place (keys, DOIs, names of fields). */
char	*ascii_lower(char *);

/* suggest.c */
size_t	 edit_distance(const char *, const char *);
/*
 * "; did you mean 'PREFIXword'?" for the word of the NULL-ended words
 * a typo away from w, or "".  The text lasts until the next call.
 */
const char *did_you_mean(const char *w, const char *const *words,
	    const char *prefix);

#endif

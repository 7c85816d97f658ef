/*
 * ahead.h: entries normalized while later ones are still being read.
 * libbtparse reads on one thread, and for most of a large run that is
 * all there is to do; the second core takes each entry's normalizing
 * (normalize_ahead) as soon as the entry is in the list.
 */
#ifndef AHEAD_H
#define AHEAD_H

struct ahead;
struct entry;
struct entry_list;
struct norm_ahead;
struct pool;

/* From now on, entries added to l are normalized ahead; key hashes
 * for duplicates are made only if keys is set. */
struct ahead		*ahead_start(struct entry_list *l, int keys);
/* Reading is over: waits for the helper thread and hands on its pool
 * (or one made now for l's count, or NULL: see pool_start). */
struct pool		*ahead_finish(struct ahead *);
/* What was made ahead for e, or NULL: none, or e was edited since. */
struct norm_ahead	*ahead_get(const struct ahead *, const struct entry *e);
/* Records before the entry of ordinal i are no longer needed. */
void			 ahead_drop(struct ahead *, size_t i);
void			 ahead_free(struct ahead *);

#endif

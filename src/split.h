/*
 * split.h: one large file read by two processes.  libbtparse keeps its
 * state in globals, so a second thread cannot parse at the same time
 * as the first; a child process can.  The child reads the second part
 * of the file and writes what it read -- entries, diagnostics, macros
 * (bib.c decides what) -- as records into memory it shares with the
 * parent, which reads the first part meanwhile and then takes the
 * records as they come, as if it had read them itself.  Whatever goes
 * wrong with the child, the parent reads on itself from the last
 * record it took: the split may save time, it never changes what a run
 * writes.
 */
#ifndef SPLIT_H
#define SPLIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Files from this size are split: below, a child saves too little.
 * Generated files (tests/bench/gen), median of 21 runs, -f md without
 * and with a child: 1.1 MB 0.029-0.031 s and 0.026-0.028 s, 1.5 MB
 * 0.038-0.039 and 0.033-0.036, 1.8 MB 0.048 and 0.043; 0.7 MB 0.022
 * either way (11 runs).
 */
#define SPLIT_FROM	(1u * 1024 * 1024)
/* And up to this one: offsets and lengths in the records are 32-bit. */
#define SPLIT_UPTO	(512u * 1024 * 1024)

struct split {
	char	*base;		/* the shared records */
	size_t	 cap;		/* bytes mapped */
	size_t	 len;		/* the child: written; the parent: published */
	size_t	 pos;		/* the parent: read so far */
	size_t	 released;	/* the parent: unmapped up to here */
	size_t	 ticked;	/* the child: published when it last woke it */
	pid_t	 pid;
	int	 pipe;		/* the child's end, or the parent's */
};

/*
 * Is a file of len bytes worth a child?  BIB2PUBS_THREADS=1: never;
 * 2: always (tests make every file go through the split); else from
 * SPLIT_FROM bytes on two cores or more.  Never past SPLIT_UPTO.
 */
int	split_wanted(size_t len);
/*
 * Map cap bytes of records and fork: returns 1 in the child, 0 in the
 * parent, -1 (and no child) if either could not be made.
 */
int	split_fork(struct split *, size_t cap);

/* The child's side.  A record that does not fit ends the child. */
void	split_put(struct split *, const void *, size_t);
void	split_put_u32(struct split *, uint32_t);
/* A string's length, its bytes and a NUL, so it is read in place. */
void	split_put_str(struct split *, const char *, size_t);
/* Where the next put goes, to fill in later (split_patch_u32). */
size_t	split_mark(const struct split *);
void	split_patch_u32(struct split *, size_t mark, uint32_t);
/* The records written so far are whole: the parent may take them. */
void	split_publish(struct split *);
/* Every record is written and published: exit.  Never returns. */
_Noreturn void	split_child_done(struct split *);

/*
 * The child tells where the first entry of its part ends, once it has
 * read that far; past it the parent needs no text while the child
 * lives.  The parent waits for that word: 0 if the child ended first.
 */
void	split_tell_boundary(struct split *, size_t);
size_t	split_boundary(struct split *);

/*
 * The parent's side.  split_take: make what the child has published
 * readable; 0 once the child has ended and all it published is read.
 * It waits for more only when everything published is read already.
 * split_stop: the child is no longer needed (or is gone); end it.
 */
int	split_take(struct split *);
void	split_stop(struct split *);
/* Readers return 0 (or NULL) past the end; strings are NUL-terminated. */
uint32_t	 split_get_u32(struct split *);
const char	*split_get_str(struct split *, size_t *len);
int		 split_at_end(const struct split *);
/* Records before pos are no longer needed: their whole pages go. */
void	split_release(struct split *);
void	split_free(struct split *);

#endif

/* SPDX-License-Identifier: ISC */
/*
 * entry.h: a BibTeX entry as read -- type, key, fields with macros
 * expanded and blanks collapsed, LaTeX still in -- and the list of them
 * from all inputs.
 *
 * Ownership: an entry_list owns its entries and every string in them:
 * they live in its arena, or in the source texts it keeps (a field's
 * value is written back over its own place in the text it came from,
 * so reading a file costs little more memory than the file).
 */
#ifndef ENTRY_H
#define ENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

struct field {
	const char	*name;		/* lowercase, interned by the list */
	char		*value;		/* LaTeX source text, blanks collapsed */
	int		 line;
	int		 has_blocks;	/* field_blocks() has more to say */
};

/*
 * The value with its line structure (blank lines, list items) kept, for
 * Markdown fields: stored right after the value's NUL when has_blocks.
 */
const char	*field_blocks(const struct field *);

/*
 * Fields are found by looking through them; past this many, through a
 * map of their names, which entry_field() makes when first asked (an
 * entry that thousands of duplicates merged into, or a file's entry of
 * 100,000 fields, would otherwise cost a compare for every pair).
 */
#define FIELDS_INDEXED	32

struct entry {
	const char	*type;		/* lowercase */
	const char	*key;		/* "" if the file gave none */
	const char	*file;		/* owned by the entry_list */
	struct field	*fields;
	struct strmap	*index;		/* name -> place + 1, or NULL */
	size_t		 nfields;
	size_t		 room;		/* fields allocated, once edited */
	size_t		 ordinal;	/* position over all inputs */
	int		 line;
	unsigned char	 hidden;	/* only a crossref target */
	unsigned char	 resolved;	/* its crossref followed */
	unsigned char	 title_placed;	/* a crossref child shows or
					   replaced its title on purpose */
};

struct entry_list {
	struct entry	**v;
	size_t		  n, cap;
	char		**files;	/* file names the entries point to */
	size_t		  nfiles;
	struct strmap	 *keys;		/* lowercase key -> entry */
	struct arena	  arena;	/* entries, fields and their strings */
	struct strmap	 *names;	/* interned field names */
	char		**texts;	/* source texts values point into */
	size_t		  ntexts;
};

/*
 * The field named name among v[0..n), or NULL: through *index (names
 * are the list's, borrowed) once n passes FIELDS_INDEXED.  fields_added
 * tells the index of v[n - 1].
 */
struct field	*fields_find(struct field *v, size_t n, struct strmap **index,
		    const char *name);
void		 fields_added(struct field *v, size_t n, struct strmap *index);

void		 entry_list_init(struct entry_list *);
void		 entry_list_free(struct entry_list *);
const char	*entry_list_add_file(struct entry_list *, const char *);
/* Keep a source text that field values point into; the list frees it. */
void		 entry_list_keep_text(struct entry_list *, char *);
/* A field name as stored: lowercase and shared by every entry. */
const char	*entry_list_name(struct entry_list *, const char *);
/* Returns 0 (and keeps nothing visible) for a duplicate key. */
int		 entry_list_add(struct entry_list *, struct entry *);
struct entry	*entry_list_find(const struct entry_list *, const char *key);
const char	*entry_get(const struct entry *, const char *name);
const struct field *entry_field(const struct entry *, const char *name);
/* Add a field whose name and value live as long as the list. */
void		 entry_set(struct entry_list *, struct entry *,
		    const char *name, char *value, int line);

#endif

/*
 * model.h: what bib2pubs knows about a bibliography, in two stages.
 *
 *  struct entry	a BibTeX entry as read: type, key, fields with macros
 *			expanded and whitespace collapsed, LaTeX still in.
 *  struct pub		the same entry normalized for output: decoded text
 *			(rich text, see rich.h), split names, marks, venue,
 *			rank and links.  Emitters only ever see pubs.
 *
 * Ownership: an entry_list owns its entries and every string in them:
 * they live in its arena, or in the source texts it keeps (a field's
 * value is written back over its own place in the text it came from,
 * so reading a file costs little more memory than the file).  A
 * pub_list owns its pubs and their strings, and borrows the entries.
 * Neither header of libbtparse nor of cmark-gfm is included here.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

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

/* Contribution marks on one author. */
#define MARK_EQUAL		0x01	/* shown as '*' */
#define MARK_CORRESPONDING	0x02	/* shown as '#' */

struct person {
	char	*first, *von, *last, *jr;	/* rich text, may be "" */
	char	*marks;		/* UTF-8 symbols to show after the name */
	int	 flags;		/* MARK_* */
	int	 me;		/* the page owner */
	int	 others;	/* "and others": shown as "et al." */
};

struct link {
	const char	*name;	/* "paper", "code", ... (static) */
	char		*url;
};

enum pub_kind {
	KIND_CONFERENCE,
	KIND_JOURNAL,
	KIND_PREPRINT,
	KIND_THESIS,
	KIND_BOOK,
	KIND_OTHER
};

/*
 * An entry as a page shows it, made once by normalize() and only read
 * after.  Its strings (rich text unless said) live in the list's arena;
 * its authors are its own (names_free).
 */
struct pub {
	const struct entry *entry;	/* borrowed from the entry_list */
	char		*title;		/* NULL if none */
	struct person	*authors;	/* or editors; names_free() */
	size_t		 nauthors;
	char		*venue_name;	/* full venue as written, or NULL */
	char		*venue;		/* label without year, or NULL */
	char		*rank;		/* "CCF-A", or NULL */
	char		*track;		/* or NULL */
	char		*note;		/* Markdown, or NULL */
	char		*abstract;	/* Markdown, or NULL: see norm_opts */
	char		*doi;		/* "10.1145/...", plain, or NULL */
	struct link	*links;		/* checked URLs, in showing order */
	size_t		 nlinks;
	int		 year;		/* 0 if unknown */
	unsigned char	 kind;		/* enum pub_kind */
	unsigned char	 month;		/* 1-12, 0 if unknown */
	unsigned char	 selected;
	unsigned char	 has_marks;	/* some author carries a mark */
};

struct pub_list {
	struct pub	*v;
	size_t		 n;
	struct arena	 arena;		/* the pubs' strings and links */
};

void	pub_free(struct pub *);
void	pub_list_free(struct pub_list *);

#endif

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

/* A field's name is its entry's: field_name(). */
struct field {
	char	*value;		/* LaTeX source text, blanks collapsed */
	int	 line;
	int	 has_blocks;	/* field_blocks() has more to say */
};

/*
 * The value with its line structure (blank lines, list items) kept, for
 * Markdown fields: stored right after the value's NUL when has_blocks.
 */
const char	*field_blocks(const struct field *);

/*
 * The names of an entry's fields, in order, are kept apart from their
 * values: entries with the same fields (most of a file's) share one
 * array, which saves a pointer per field.
 */
struct entry {
	const char	*type;		/* lowercase */
	const char	*key;		/* "" if the file gave none */
	const char	*file;		/* owned by the entry_list */
	const char *const *names;	/* lowercase, shared: nfields */
	struct field	*fields;
	struct hashmap	*index;		/* names' hashes -> place + 1, or
					   NULL below INDEXED_FIELDS */
	uint32_t	 nfields;	/* 32 bits, as the split's records */
	uint32_t	 ordinal;	/* position over all inputs */
	int		 line;
	unsigned char	 hidden;	/* only a crossref target */
	unsigned char	 resolved;	/* its crossref followed */
	unsigned char	 edited;	/* fields added after reading */
};

struct entry_list {
	struct entry	**v;
	size_t		  n, cap;
	char		**files;	/* file names the entries point to */
	size_t		  nfiles;
	struct strmap	 *keys;		/* lowercase key -> entry */
	struct arena	  arena;	/* entries, fields and their strings */
	struct strmap	 *names;	/* interned field names */
	struct hashmap	 *shapes;	/* shared names arrays (entry.c) */
	char		**texts;	/* source texts values point into */
	size_t		  ntexts;
	/* Told of each entry once it is complete and in the list. */
	void		(*on_add)(void *, struct entry *);
	void		 *on_add_arg;
};

void		 entry_list_init(struct entry_list *);
void		 entry_list_free(struct entry_list *);
const char	*entry_list_add_file(struct entry_list *, const char *);
/* Keep a source text that field values point into; the list frees it. */
void		 entry_list_keep_text(struct entry_list *, char *);
/* A field name as stored: lowercase and shared by every entry. */
const char	*entry_list_name(struct entry_list *, const char *);
/* n interned names as an entry's names array, shared when it can be. */
const char *const *entry_list_shape(struct entry_list *,
		    const char *const *, size_t n);
/* Returns 0 (and keeps nothing visible) for a duplicate key. */
int		 entry_list_add(struct entry_list *, struct entry *);
struct entry	*entry_list_find(const struct entry_list *, const char *key);
const char	*entry_get(const struct entry *, const char *name);
const struct field *entry_field(const struct entry *, const char *name);
const char	*field_name(const struct entry *, const struct field *);
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
 * What a pub shows: filled by pub_complete() while it is rendered and
 * freed again by pub_release(), so a large file never holds its
 * decoded text all at once, and a pub not being shown carries one
 * pointer for it.
 */
struct pub_text {
	struct link	*links;
	size_t		 nlinks;
	char		*title;		/* rich text */
	struct person	*authors;
	size_t		 nauthors;
	char		*venue_name;	/* full venue as written (rich) */
	char		*venue;		/* label without year (rich) */
	char		*track;		/* rich or NULL */
	char		*note;		/* rich or NULL */
	char		*abstract;	/* rich or NULL: see pub_abstract() */
	int		 abstract_read;
};

/*
 * A pub is light until it is shown: what selection, sorting and
 * grouping need is filled for every pub at once; its text only while
 * it is shown.
 */
struct pub {
	struct entry	*entry;		/* borrowed */
	const char	*rank;		/* "CCF-A", the list's, or NULL */
	const char	*venue_label;	/* the venue database's, borrowed */
	struct pub_text	*text;		/* NULL unless pub_complete()d */
	int		 year;		/* 0 if unknown */
	int		 held;		/* pub_hold()s not yet dropped */
	unsigned char	 kind;		/* enum pub_kind */
	unsigned char	 month;		/* 1-12, 0 if unknown */
	unsigned char	 selected;
	unsigned char	 has_marks;	/* some author carries a mark */
};

struct norm_opts;

struct pub_list {
	struct pub		*v;
	size_t			 n;
	const struct norm_opts	*opts;	/* for pub_complete() */
	struct strmap		*labels;	/* the rank labels pubs share */
};

/*
 * normalize.c: fill and empty a pub's text; pub_complete returns 1 if
 * this call filled it.  Users that may nest (a theme's loops, --split)
 * hold a pub while they use it; the last drop releases its text.
 */
int	pub_complete(struct pub *, const struct norm_opts *);
void	pub_release(struct pub *);
/* The abstract of a completed pub, decoded when first asked for. */
const char	*pub_abstract(struct pub *);
void	pub_hold(struct pub *);
void	pub_drop(struct pub *);
void	pub_free(struct pub *);
void	pub_list_free(struct pub_list *);

#endif

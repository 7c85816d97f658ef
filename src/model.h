/*
 * model.h: what bib2pubs knows about a bibliography, in two stages.
 *
 *  struct entry	a BibTeX entry as read: type, key, fields with macros
 *			expanded and whitespace collapsed, LaTeX still in.
 *  struct pub		the same entry normalized for output: decoded text
 *			(rich text, see rich.h), split names, marks, venue,
 *			rank and links.  Emitters only ever see pubs.
 *
 * Ownership: an entry_list owns its entries and every string in them;
 * a pub_list owns its pubs and their strings, and borrows the entries.
 * Neither header of libbtparse nor of cmark-gfm is included here.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>

struct field {
	char	*name;		/* lowercase */
	char	*value;		/* LaTeX source text, blanks collapsed */
	char	*blocks;	/* the same with its line structure (blank
				 * lines, list items) for Markdown fields;
				 * NULL when it has none */
	int	 line;
};

struct entry {
	char		*type;		/* lowercase */
	char		*key;		/* "" if the file gave none */
	const char	*file;		/* owned by the entry_list */
	int		 line;
	size_t		 ordinal;	/* position over all inputs */
	struct field	*fields;
	size_t		 nfields;
	int		 hidden;	/* only a crossref target */
};

struct entry_list {
	struct entry	**v;
	size_t		  n, cap;
	char		**files;	/* file names the entries point to */
	size_t		  nfiles;
	struct strmap	 *keys;		/* lowercase key -> entry */
};

void		 entry_list_init(struct entry_list *);
void		 entry_list_free(struct entry_list *);
const char	*entry_list_add_file(struct entry_list *, const char *);
/* Takes the entry; returns 0 (and keeps nothing) for a duplicate key. */
int		 entry_list_add(struct entry_list *, struct entry *);
struct entry	*entry_list_find(const struct entry_list *, const char *key);
const char	*entry_get(const struct entry *, const char *name);
const struct field *entry_field(const struct entry *, const char *name);
void		 entry_set(struct entry *, const char *name, const char *value,
		    int line);
void		 entry_free(struct entry *);

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

struct pub {
	struct entry	*entry;		/* borrowed */
	enum pub_kind	 kind;
	char		*title;		/* rich text */
	struct person	*authors;
	size_t		 nauthors;
	int		 year;		/* 0 if unknown */
	int		 month;		/* 1-12, 0 if unknown */
	char		*venue_name;	/* full venue as written (rich) */
	char		*venue;		/* label without year (rich) */
	char		*rank;		/* "CCF-A", or NULL */
	char		*track;		/* rich or NULL */
	char		*note;		/* rich or NULL */
	char		*abstract;	/* rich or NULL */
	struct link	*links;
	size_t		 nlinks;
	int		 selected;
	int		 has_marks;	/* some author carries a mark */
};

struct pub_list {
	struct pub	*v;
	size_t		 n;
};

void	pub_free(struct pub *);
void	pub_list_free(struct pub_list *);

#endif

/* SPDX-License-Identifier: ISC */
/*
 * names.h: BibTeX name lists -- splitting as BibTeX does, contribution
 * marks, display forms and matching the page owner.
 */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>

/* Contribution marks on one author. */
#define MARK_EQUAL		0x01	/* shown as '*' */
#define MARK_CORRESPONDING	0x02	/* shown as '#' */

struct person {
	char	*first, *von, *last, *jr;	/* rich text, may be "" */
	char	*marks;		/* UTF-8 symbols to show after the name */
	unsigned char flags;	/* MARK_* */
	unsigned char me;	/* the page owner */
	unsigned char others;	/* "and others": shown as "et al." */
	const char *url;	/* a homepage (--coauthors), borrowed; or NULL */
};

enum name_style {
	NAME_FULL,		/* Jintao Zhang */
	NAME_INITIALS,		/* J. Zhang */
	NAME_LAST_FIRST		/* Zhang, J. */
};

/*
 * Split "A and B and others" (LaTeX source) into persons with rich-text
 * parts and al-folio marks ("Zhang*, Jintao") taken off the names.
 * Returns a new array (free with names_free); file/line for warnings
 * (file NULL: no warnings).
 */
struct person	*names_parse(const char *latex, size_t *count,
		    const char *file, int line);
/* Only the first person (count 0 or 1), without warnings; the list is
 * not read past it. */
struct person	*names_parse_first(const char *latex, size_t *count);
void		 names_free(struct person *, size_t count);
/* The list (LaTeX) with every name's marks taken off ("Zhang*, Jintao"
 * -> "Zhang, Jintao"), for BibTeX shown to readers.  Caller frees. */
char		*names_unmarked(const char *latex);

/*
 * Apply a biblatex annotation such as "1=equal; 2=equal,corresponding"
 * or "3:family=highlight".  Returns 0 if it could not be read.  The
 * first word it does not know (biblatex allows any) goes to *unknown,
 * newly allocated, else NULL.
 */
int		 names_annotate(struct person *, size_t count, const char *an,
		    char **unknown);
/* Fill in person->marks from the marks written and the flags. */
void		 names_finish_marks(struct person *);

/* A name to look for, in BibTeX syntax ("Zhang, Jintao"). */
struct name_key;
struct name_key	*names_key_new(const char *spec);
void		 names_key_free(struct name_key *);
int		 names_match(const struct name_key *, const struct person *);

/*
 * The parts of a display form in order (given: the first names as
 * shown), each with what comes between it and a part before it.
 */
void		 names_display_parts(const struct person *, enum name_style,
		    const char *given, const char *part[4],
		    const char *sep[4]);
/* The display form of a person, rich text, newly allocated. */
char		*names_format(const struct person *, enum name_style);
/* names_format(NAME_FULL) into out, cap bytes with the NUL; 0 when it
 * does not fit (out is then undefined). */
int		 names_full_into(const struct person *, char *out, size_t cap);
char		*names_initials(const char *first);

#endif

/* SPDX-License-Identifier: ISC */
/*
 * bib.h: read BibTeX sources into entries.  bib.c is the only file
 * that includes btparse.h; libbtparse's state never leaves it.
 */
#ifndef BIB_H
#define BIB_H

struct source;
struct entry_list;
struct bib;

/* One reader for a whole run: @string macros carry over between files. */
struct bib	*bib_new(void);
void		 bib_free(struct bib *);
/*
 * Append the entries of src to list; diagnostics go through msg().
 * The list takes src's text: field values are kept inside it.
 */
void		 bib_read(struct bib *, struct source *, struct entry_list *);

#endif

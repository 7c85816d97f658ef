/* SPDX-License-Identifier: ISC */
/*
 * ids.h: the identifiers and dates a .bib writes in many ways, each
 * rule in one place: DOIs, arXiv ids, months.
 */
#ifndef IDS_H
#define IDS_H

#include <stddef.h>

/*
 * The DOI in a doi field's text (LaTeX already taken out): "10.1/x"
 * from "10.1/x", "doi:10.1/x", "https://doi.org/10.1/x",
 * "http://dx.doi.org/10.1/x", "https://www.doi.org/10.1/x" and the
 * like, without case mattering in the prefix.  NULL when the text is
 * a link to somewhere else (then it is that link) or empty.  Points
 * into s.
 */
const char	*doi_plain(const char *s);
/* The resolver link of a doi field's text, newly allocated; a link
 * to somewhere else is kept as it is. */
char		*doi_url(const char *s);
/* The same DOI for comparing: plain and lowercase (DOIs ignore case),
 * newly allocated. */
char		*doi_key(const char *s);

/* The byte a "%XX" escape at s stands for, or -1 if s is none. */
int		 percent_byte(const char *s);

/*
 * A link for comparing: two links with one key lead to one page.  A
 * DOI link in any resolver's spelling is "doi:" and the DOI; otherwise
 * http and https, "www." and the host's case do not count, nor %-escaped
 * letters and digits (and '/' in a DOI), nor a trailing '/'.  Newly allocated.
 */
char		*link_key(const char *url);

/*
 * An arXiv field's (or eprint's) link, newly allocated: "2401.00001",
 * "arXiv:2401.00001" and "hep-th/9901001" go to the abstract page; a
 * full http(s) link is kept as it is.
 */
char		*arxiv_url(const char *s);
/*
 * The length of the arXiv identifier at s ("2401.00001", "1409.1234",
 * "hep-th/9901001", each with an optional "v2"), or 0 if s does not
 * start with one -- as "2208.0779", a new id with a digit missing.
 */
size_t		 arxiv_id_len(const char *s);
/* The first arXiv identifier text names as one ("arXiv:1909.11590",
 * "arXiv preprint arXiv:1909.11590", "arXiv: 1909.09037"), newly
 * allocated, or NULL. */
char		*arxiv_id_in(const char *text);
/* Does an archivePrefix or eprinttype value name arXiv? */
int		 is_arxiv_name(const char *s);

/* "jan", "January", "1", "{1}" -> 1; 0 if not a month. */
int		 month_number(const char *s);
/* The month macro BibTeX predefines for month m (1-12): "jan". */
const char	*month_macro(int m);
/* Its English name, which the macro stands for: "January". */
const char	*month_name(int m);

#endif

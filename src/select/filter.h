/* SPDX-License-Identifier: ISC */
/*
 * filter.h: --select expressions, in the spirit of bib2bib's:
 *
 *	year >= 2023 and rank = "CCF-A"
 *	author : "Zhang" or (title ~ "attention" and not has(code))
 *	selected or me and first
 *
 * Tests: = != < <= > >= (numbers when both sides are), : (substring,
 * without case or accents), ~ (extended regular expression, without
 * case).  Fields: year month type kind key title author editor venue
 * venue_name rank track note, or any field of the entry.  Words: has(F),
 * selected, me (the owner is an author), first (the owner is the first
 * author).  and, or, not (also && || !) and parentheses.
 *
 * Parentheses and not nest at most FILTER_MAX_DEPTH deep, counted
 * together: a usage error past that (bib2pubs(1), LIMITS).  Real
 * expressions nest a few levels; the parser recurses once a level, and
 * 40,000 '(' overflowed the stack.
 */
#ifndef FILTER_H
#define FILTER_H

#define FILTER_MAX_DEPTH	256

struct filter;
struct pub;

/*
 * Parse; on a syntax error return NULL and set *column (1-based) and
 * *error (static text).
 */
struct filter	*filter_parse(const char *expr, int *column,
		    const char **error);
int		 filter_match(const struct filter *, const struct pub *);
/* Call each() with every field name the expression reads. */
void		 filter_fields(const struct filter *,
		    void (*each)(const char *field, void *arg), void *arg);
/* The fields bib2pubs makes for every entry and the standard ones it
 * reads: naming one is never a typo, though no entry has it. */
extern const char *const filter_field_names[];
void		 filter_free(struct filter *);

#endif

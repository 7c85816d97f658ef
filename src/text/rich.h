/* SPDX-License-Identifier: ISC */
/*
 * rich.h: rich text, the form every text field takes after LaTeX
 * decoding: UTF-8 with a few control bytes as markup.  The input can
 * never contain these bytes (source.c replaces control characters), so
 * the markup is unambiguous and costs nothing to carry around.
 */
#ifndef RICH_H
#define RICH_H

#include <stddef.h>

#define RICH_EM_ON	'\x01'	/* \emph, \textit, {\em ...} */
#define RICH_EM_OFF	'\x02'
#define RICH_BF_ON	'\x03'	/* \textbf, {\bf ...} */
#define RICH_BF_OFF	'\x04'
#define RICH_MATH_ON	'\x05'	/* $...$ math.c could not decode, as written */
#define RICH_MATH_OFF	'\x06'
#define RICH_KEEP_ON	'\x0e'	/* {braced}: a case change leaves it */
#define RICH_KEEP_OFF	'\x0f'

#define RICH_IS_MARKUP(c) \
	(((unsigned char)(c) >= 0x01 && (unsigned char)(c) <= 0x06) || \
	 (c) == RICH_KEEP_ON || (c) == RICH_KEEP_OFF)

enum rich_case {
	CASE_LOWER,	/* "an example of FP4" */
	CASE_UPPER,
	CASE_SENTENCE,	/* first letter up, the rest down */
	CASE_TITLE	/* first letter of each word up */
};

/* latex.c: newly allocated strings. */
char	*latex_decode(const char *latex);	/* LaTeX -> rich text */
/* The same for Markdown fields: ` ' and ~ are left to Markdown. */
char	*latex_decode_markdown(const char *latex);
char	*latex_url(const char *latex);		/* \_ -> _, braces dropped */
/* The same for a file name: its blanks are kept. */
char	*latex_file_name(const char *latex);
/* latex_decode onto the end of a buffer, without an allocation. */
struct buf;
void	 latex_decode_onto(struct buf *, const char *latex);
void	 latex_decode_markdown_onto(struct buf *, const char *latex);
/*
 * Unknown commands met while decoding, each name said once per run: a
 * caller that knows where the text came from reports them there after
 * decoding it; one that does not forgets them first.
 */
void	 latex_report_unknown(const char *file, int line);
void	 latex_forget_unknown(void);
/* The zero-argument macros that @preamble text defines (\def\vax{VAX},
 * \newcommand{\ps}{PostScript}), from now on expanded. */
void	 latex_define_macros(const char *text, size_t len);
/* The command tables are sorted, each name once (for tests). */
int	 latex_tables_sorted(void);

/* rich.c */
char	*rich_plain(const char *);		/* markup removed */
char	*rich_change_case(const char *, enum rich_case);
int	 rich_is_blank(const char *);
/* "DBLP:conf/x" -> "dblp-conf-x": lowercase letters, digits, . _ -
 * (never two dots, nor one first), at most 100 bytes (then a hash). */
char	*rich_slug(const char *);
/* HTML entities in text exported from the web ("the&nbsp;Manifolds",
 * "R&amp;D", "&#8211;") as the characters, in place; the new length.
 * Not in Markdown fields: Markdown reads them itself. */
size_t	 rich_decode_entities(char *, size_t len);
/* Append a full stop unless the text ends in one (or in ? or !). */
char	*rich_add_period(const char *);

#endif

/* SPDX-License-Identifier: ISC */
/*
 * escape.h: how each output format writes rich text and URLs.
 * Every byte that comes from a .bib file reaches the output through
 * one of these functions.
 */
#ifndef ESCAPE_H
#define ESCAPE_H

struct buf;

/* Markdown read by kramdown (Jekyll) or cmark-gfm, also inside HTML. */
void	escape_md_text(struct buf *, const char *rich);
void	escape_md_url(struct buf *, const char *);
/* HTML text and attribute values. */
void	escape_html_text(struct buf *, const char *rich);
void	escape_html_url(struct buf *, const char *);
/* Plain text: markup dropped, nothing else to escape. */
void	escape_txt_text(struct buf *, const char *rich);
void	escape_txt_url(struct buf *, const char *);
/* LaTeX text: every character TeX reads as syntax written as itself
 * (\%, \textbackslash{}, {[}...), so that no value can run a command;
 * emphasis as \emph{}, \textbf{}; math passed only when it holds
 * nothing but symbols (escape.c).  A link for \href's first argument:
 * %-encoded but for \% and \#, as hyperref reads them. */
void	escape_tex_text(struct buf *, const char *rich);
void	escape_tex_url(struct buf *, const char *);
/* Markdown fields (abstract, note): rendered by cmark-gfm, safe unless
 * unsafe; in md output the result is escaped again for Markdown and
 * Liquid, in txt it is plain text. */
void	escape_md_markdown(struct buf *, const char *rich, int, int);
void	escape_html_markdown(struct buf *, const char *rich, int, int);
void	escape_txt_markdown(struct buf *, const char *rich, int, int);
void	escape_tex_markdown(struct buf *, const char *rich, int, int);
/* A JSON string, quotes included, markup dropped if rich; 0 (nothing
 * written) if not UTF-8. */
int	escape_json(struct buf *, const char *, int rich);
/* The same without the quotes, stored at p, which has room for
 * JSON_ROOM(strlen(s)) bytes; returns where it ended, or NULL if s is
 * not UTF-8. */
char	*escape_json_body(char *p, const char *s, int rich);
#define JSON_ROOM(len)	(6 * (len) + 2)	/* \u00XX a byte, and quotes */
/* Inside a YAML double-quoted string. */
void	escape_yaml(struct buf *, const char *rich);

#endif

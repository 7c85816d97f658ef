/*
 * md.h: Markdown in fields (abstract, note, award), through cmark-gfm
 * with the GFM extensions.  md.c is the only file that includes cmark.
 */
#ifndef MD_H
#define MD_H

/*
 * Render Markdown to HTML.  Safe unless unsafe is set: raw HTML is
 * omitted and links with unsafe schemes are blanked.  inline_only: a
 * single paragraph comes back without its <p>.  Caller frees.
 */
char	*md_to_html(const char *markdown, int inline_only, int unsafe);
/*
 * Render Markdown to Markdown that any site's renderer takes as it is:
 * CommonMark without raw HTML and with unsafe links blanked.
 * inline_only: on one line.  Caller frees.
 */
char	*md_to_markdown(const char *markdown, int inline_only);
/* Markdown that holds nothing any renderer reads, as its plain text;
 * NULL for any other.  Caller frees. */
char	*md_plain(const char *markdown, int inline_only);
/* Render Markdown to plain text (one line per paragraph).  Caller frees. */
char	*md_to_text(const char *markdown);

#endif

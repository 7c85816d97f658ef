/* SPDX-License-Identifier: ISC */
/*
 * md.h: Markdown in fields (abstract, note, award), through cmark-gfm
 * with the GFM extensions.  md.c is the only file that includes cmark.
 */
#ifndef MD_H
#define MD_H

/*
 * Markdown longer than this (in bytes) is not rendered: the functions
 * below return NULL and the caller writes it as escaped plain text;
 * view.c warns, once for each entry's field.  Real abstracts are a few kilobytes
 * (journals allow 150 to 350 words); 64 KiB is some 10,000 words.
 * Past it, cmark-gfm (0.29.0.gfm.6) aborts when an allocation fails --
 * a 32 MB abstract under ulimit -v 1000000 -- and takes more than
 * linear time on emphasis mixed with links: 0.2 s at 64 KiB, 36 s at
 * 256 KiB.
 */
#define MD_MAX_LEN	65536

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

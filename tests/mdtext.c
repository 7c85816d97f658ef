/* SPDX-License-Identifier: ISC */
/*
 * mdtext: print what a reader sees of a Markdown page, through
 * cmark-gfm, so two pages can be compared entry by entry whatever
 * their escaping and line breaks.  Used by tests/seed.test.
 *
 *  - YAML front matter and HTML blocks are skipped;
 *  - each thematic break starts a new entry, printed as "---";
 *  - <strong>...</strong> (the page owner) is shown as **...**;
 *  - a link is shown as [text](url), and dropped if its url is empty;
 *    the links of an entry share one line;
 *  - "|" separators, empty lines and runs of blanks are dropped.
 * With -html it prints the HTML instead, raw HTML passed through as
 * kramdown passes it (tests/security.test inspects that).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

static int	 col;		/* characters on the current line */
static int	 after_link;	/* the last thing printed was a link */

static void
out_text(const char *s)
{
	static int	 space = 1;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '|' || *s == '\n') {
			if (*s == '\n') {
				if (col > 0)
					putchar('\n');
				col = 0;
				space = 1;
			} else if (!space) {
				putchar(' ');
				space = 1;
			}
			continue;
		}
		putchar(*s);
		col++;
		space = 0;
	}
}

static char *
read_stdin(void)
{
	size_t	 len = 0, cap = 65536, n;
	char	*s = malloc(cap + 1);

	while (s != NULL && (n = fread(s + len, 1, cap - len, stdin)) > 0) {
		len += n;
		if (len == cap && (s = realloc(s, (cap *= 2) + 1)) == NULL)
			break;
	}
	if (s == NULL)
		exit(2);
	s[len] = '\0';
	return s;
}

/* Skip "---\n...\n---\n" at the very start. */
static const char *
skip_front_matter(const char *s)
{
	const char	*end;

	if (strncmp(s, "---\n", 4) != 0 ||
	    (end = strstr(s + 4, "\n---\n")) == NULL)
		return s;
	return end + 5;
}

int
main(int argc, char **argv)
{
	char			*in = read_stdin();
	const char		*md = skip_front_matter(in);
	cmark_node		*doc, *node;
	cmark_iter		*it;
	cmark_event_type	 ev;
	int			 skip = 0;

	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_UNSAFE);
	if (argc > 1 && strcmp(argv[1], "-html") == 0) {
		/* The HTML a Markdown processor that passes raw HTML makes. */
		char *html = cmark_render_html(doc, CMARK_OPT_UNSAFE, NULL);

		fputs(html, stdout);
		free(html);
		cmark_node_free(doc);
		free(in);
		return 0;
	}
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (cmark_node_get_type(node) != CMARK_NODE_LINK &&
		    cmark_node_get_type(node) != CMARK_NODE_SOFTBREAK &&
		    cmark_node_get_type(node) != CMARK_NODE_LINEBREAK &&
		    !(cmark_node_get_type(node) == CMARK_NODE_TEXT && skip))
			after_link = 0;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LINK:
			if (ev == CMARK_EVENT_ENTER) {
				skip = cmark_node_get_url(node)[0] == '\0';
				if (!skip)
					out_text("[");
			} else if (!skip) {
				out_text("](");
				out_text(cmark_node_get_url(node));
				out_text(") ");
				after_link = 1;
			} else {
				skip = 0;
				after_link = 1;
			}
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (!skip)
				out_text(cmark_node_get_literal(node));
			break;
		case CMARK_NODE_HTML_INLINE:
			if (strcmp(cmark_node_get_literal(node), "<strong>") == 0 ||
			    strcmp(cmark_node_get_literal(node), "</strong>") == 0)
				out_text("**");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			out_text(after_link ? " " : "\n");
			break;
		case CMARK_NODE_PARAGRAPH:
			if (ev == CMARK_EVENT_EXIT)
				out_text("\n");
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			out_text("---\n");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	free(in);
	return 0;
}

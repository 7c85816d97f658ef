/* SPDX-License-Identifier: ISC */
/*
 * links.c: an entry's links, checked once: http, https, mailto and
 * relative URLs only, in the order pages show them.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/msg.h"
#include "base/util.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "text/ids.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The value of a character reference at s ("&#106;", "&#x6A;",
 * "&colon;"), its length in *n; -1 when s is none we know. */
static int
char_ref(const char *s, size_t *n)
{
	static const struct {
		const char	*name;
		int		 c;
	} named[] = {
		{ "&colon;", ':' }, { "&Tab;", '\t' }, { "&NewLine;", '\n' },
		{ "&amp;", '&' }, { "&sol;", '/' }, { "&lpar;", '(' },
		{ "&rpar;", ')' }, { "&period;", '.' }, { "&num;", '#' }
	};
	char	*end;
	long	 c;
	size_t	 i;

	if (s[1] == '#') {
		c = s[2] == 'x' || s[2] == 'X' ? strtol(s + 3, &end, 16) :
		    strtol(s + 2, &end, 10);
		if (end == s + 2 || (end == s + 3 && s[2] != '0'))
			return -1;
		*n = (size_t)(end - s) + (*end == ';');
		return c > 0 && c < 128 ? (int)c : 0x80;
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strncmp(s, named[i].name, strlen(named[i].name)) == 0) {
			*n = strlen(named[i].name);
			return named[i].c;
		}
	return -1;
}

/*
 * The scheme part of url as a browser or a Markdown renderer reads it:
 * character references and %-escapes decoded, blanks and control
 * characters (which browsers skip there) dropped, lowercase; up to its
 * ':' or to where a scheme can no longer be.  Returns 0 when a
 * reference is none we know: it could hide anything.
 */
static int
scheme_of(const char *url, char *out, size_t cap)
{
	size_t	 n, k = 0;
	int	 c, e;

	for (; *url != '\0' && k + 1 < cap; url += n) {
		n = 1;
		c = (unsigned char)*url;
		if (c == '&' && (c = char_ref(url, &n)) < 0)
			return 0;
		else if (c == '%' && (e = percent_byte(url)) >= 0) {
			c = e;
			n = 3;
		}
		if (c <= ' ' || c == 0x7f)
			continue;
		if (c == '/' || c == '?' || c == '#')
			break;
		out[k++] = (char)tolower(c);
		if (c == ':')
			break;
	}
	out[k] = '\0';
	return 1;
}

int
url_is_safe(const char *url)
{
	char	 scheme[64];
	size_t	 n;

	if (!scheme_of(url, scheme, sizeof(scheme)))
		return 0;
	n = strlen(scheme);
	if (n == 0 || scheme[n - 1] != ':')
		return 1;	/* "/x", "paper.pdf", "#x": no scheme */
	if (!isalpha((unsigned char)scheme[0]) ||
	    scheme[strspn(scheme, "abcdefghijklmnopqrstuvwxyz0123456789+-.")]
	    != ':')
		return 1;	/* "a b:c": a path, not a scheme */
	return strcmp(scheme, "http:") == 0 || strcmp(scheme, "https:") == 0 ||
	    strcmp(scheme, "mailto:") == 0;
}

/*
 * The fields that hold links of their own, in the order pages list
 * them, and whether a bare file name in them is a site's file: al-folio
 * keeps "pdf = {paper.pdf}" under /assets/pdf/ (the asset base) and
 * "html = {page.html}" under /assets/html/ (the HTML base).  An image
 * in preview (al-folio's) goes under /assets/img/publication_preview/
 * (the preview base) the same way; it is no button, only a picture.
 */
enum base { BASE_NONE, BASE_ASSET, BASE_HTML };

static const struct {
	const char	*name;
	enum base	 base;
} own_links[] = {
	{ "html", BASE_HTML }, { "code", BASE_NONE },
	{ "slides", BASE_ASSET }, { "video", BASE_NONE },
	{ "poster", BASE_ASSET }, { "website", BASE_NONE },
	{ "blog", BASE_NONE }, { "supp", BASE_ASSET }
};

struct links {
	struct link	 v[16];
	size_t		 n;
};

static void
add_link(struct links *ls, const char *name, char *url)
{
	if (url == NULL)
		return;
	ls->v[ls->n].name = name;
	ls->v[ls->n].url = url;
	ls->n++;
}

/*
 * A field's text as a URL, LaTeX taken out; NULL if absent or empty.
 * A field that may hold a file name keeps its blanks.
 */
static char *
field_url(const struct entry *e, const char *name,
    const struct field **where, int file)
{
	const struct field	*f = entry_field(e, name);
	char			*url;

	*where = f;
	if (f == NULL || f->value[0] == '\0')
		return NULL;
	url = file ? latex_file_name(f->value) : latex_url(f->value);
	if (url[0] == '\0') {
		free(url);
		return NULL;
	}
	return url;
}

/* url (taken over) if it is safe, else NULL with a warning. */
static char *
checked(const struct entry *e, const struct field *f, const char *name,
    char *url)
{
	if (url == NULL || url_is_safe(url))
		return url;
	msg(MSG_WARNING, e->file, f->line, "link '%s' in '%s' does not use "
	    "http, https or mailto: dropped", name, e->key);
	free(url);
	return NULL;
}

/*
 * A bare file name ("paper.pdf", "papers/x.pdf", "./x.pdf"): no scheme,
 * not a path from the site's root, not an anchor.  Never written as it
 * stands: relative to the page that shows it, it would be broken.
 */
static int
is_file_name(const char *url)
{
	size_t	 n = strcspn(url, ":/?#");

	if (url[n] == ':')
		return 0;	/* a scheme */
	return url[0] != '/' && url[0] != '#' && url[0] != '?';
}

/* url (taken over) under base when it is a bare file name. */
static char *
under_base(char *url, const char *base)
{
	struct buf	 b = { 0 };
	const char	*name = url;

	if (base == NULL || !is_file_name(url))
		return url;
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	buf_puts(&b, base);
	if (b.len > 0 && b.data[b.len - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, name);
	free(url);
	return buf_detach(&b);
}

/* A field's link as it stands, a file name under its base. */
static char *
link_of(const struct entry *e, const char *name, const char *base)
{
	const struct field	*f;
	char			*url = field_url(e, name, &f, base != NULL);
	char			*from, *to;

	/* Only a file name keeps its blanks: a URL's are line breaks. */
	if (url != NULL && base != NULL && !is_file_name(url)) {
		for (from = to = url; *from != '\0'; from++)
			if (*from != ' ')
				*to++ = *from;
		*to = '\0';
	}
	return checked(e, f, name, url != NULL ? under_base(url, base) :
	    NULL);
}

/* An arXiv id written in a venue or note field ("arXiv preprint
 * arXiv:1909.11590"): the page would otherwise show it nowhere. */
static char *
arxiv_in_text(const struct entry *e)
{
	static const char *const fields[] = { "journal", "journaltitle",
	    "howpublished", "note" };
	const char	*text;
	char		*id, *url = NULL;
	size_t		 i;

	for (i = 0; url == NULL && i < NELEM(fields); i++)
		if ((text = entry_get(e, fields[i])) != NULL &&
		    (id = arxiv_id_in(text)) != NULL) {
			url = arxiv_url(id);
			free(id);
		}
	return url;
}

/* Is an arxiv or eprint field's text an id (or a link) arXiv has? */
static int
is_arxiv_id(const char *text)
{
	const char	*id = text;

	if (strncasecmp(id, "arxiv:", 6) == 0)
		id += 6;
	return strstr(id, "://") != NULL || arxiv_id_len(id) == strlen(id);
}

/* id (taken over) is not one arXiv has: say so, and take the eprint
 * field's id instead when that one is; else NULL, no link. */
static char *
other_arxiv_id(const struct entry *e, const struct field *f, char *id)
{
	const char	*eprint = entry_get(e, "eprint");

	if (f != entry_field(e, "eprint") && eprint != NULL &&
	    is_arxiv_id(eprint)) {
		msg(MSG_WARNING, e->file, f->line, "'%s' in '%s' is not an "
		    "arXiv identifier; the link uses the eprint field's "
		    "'%s'", id, e->key, eprint);
		free(id);
		return xstrdup(eprint);
	}
	msg(MSG_WARNING, e->file, f->line, "'%s' in '%s' is not an arXiv "
	    "identifier (as 2401.01234 or hep-th/9901001): no arXiv link",
	    id, e->key);
	free(id);
	return NULL;
}

/* The arXiv link: an arxiv field, or an eprint that says it is one,
 * or an id the venue names. */
static char *
arxiv_link(const struct entry *e)
{
	const struct field	*f;
	const char		*name = "arxiv";
	char			*id, *url;

	if (entry_field(e, "arxiv") == NULL) {
		if (!is_arxiv_name(entry_get(e, "archiveprefix")) &&
		    !is_arxiv_name(entry_get(e, "eprinttype")))
			return arxiv_in_text(e);
		name = "eprint";
	}
	if ((id = field_url(e, name, &f, 0)) == NULL)
		return NULL;
	if (!is_arxiv_id(id) && (id = other_arxiv_id(e, f, id)) == NULL)
		return NULL;
	url = arxiv_url(id);
	free(id);
	return checked(e, f, name, url);
}

/* The DOI link, and the DOI alone into p->doi. */
static char *
doi_link(struct pub *p, const struct entry *e, struct arena *a)
{
	const struct field	*f;
	const char		*plain;
	char			*text, *url;

	if ((text = field_url(e, "doi", &f, 0)) == NULL)
		return NULL;
	url = checked(e, f, "doi", doi_url(text));
	if (url != NULL && (plain = doi_plain(text)) != NULL)
		p->doi = arena_strdup(a, plain);
	free(text);
	return url;
}

/* Is name a field bib2pubs reads a link from, or one only tools read? */
static int
is_link_field(const char *name)
{
	static const char *const read[] = { "url", "pdf", "arxiv", "doi",
	    "eprint", "biburl", "preview" };
	size_t	 i;

	for (i = 0; i < NELEM(read); i++)
		if (strcmp(name, read[i]) == 0)
			return 1;
	for (i = 0; i < NELEM(own_links); i++)
		if (strcmp(name, own_links[i].name) == 0)
			return 1;
	return 0;
}

/*
 * A field that holds just a link and is none of the link fields
 * (pmlr, news, cover in tests/real) is shown nowhere: said once a run
 * for each such field name, so that it can be renamed.
 */
static void
note_other_links(const struct entry *e)
{
	const struct field	*f;
	char			 key[96];
	size_t			 i;

	f = entry_field(e, "file");
	if (f != NULL && strpbrk(f->value, ":;/\\") == NULL &&
	    strlen(f->value) > 4 && strcasecmp(f->value +
	    strlen(f->value) - 4, ".pdf") == 0 && msg_first("file pdf"))
		msg(MSG_NOTE, e->file, f->line, "field 'file' in '%s' names "
		    "a PDF, '%s', that is not linked: pdf = {%s} links it "
		    "under the asset base", e->key, f->value, f->value);
	for (i = 0; i < e->nfields; i++) {
		f = &e->fields[i];
		if ((strncmp(f->value, "https://", 8) != 0 &&
		    strncmp(f->value, "http://", 7) != 0) ||
		    strchr(f->value, ' ') != NULL || is_link_field(f->name))
			continue;
		snprintf(key, sizeof(key), "link field %s", f->name);
		if (msg_first(key))
			msg(MSG_NOTE, e->file, f->line, "field '%s' in '%s' "
			    "holds a link that no link name shows (url, pdf, "
			    "code, slides, ...): rename it to show it",
			    f->name, e->key);
	}
}

void
normalize_links(struct pub *p, const struct entry *e,
    const struct norm_opts *o, struct arena *a)
{
	const char	*bases[] = { NULL, o->asset_base, o->html_base };
	struct links	 ls;
	char		*paper, *pdf, *arxiv, *doi, *own[8], *preview;
	size_t		 i;

	/* In the order their warnings have always come. */
	ls.n = 0;
	paper = arena_keep(a, link_of(e, "url", NULL));
	own[0] = arena_keep(a, link_of(e, "html", o->html_base));
	pdf = arena_keep(a, link_of(e, "pdf", o->asset_base));
	arxiv = arena_keep(a, arxiv_link(e));
	doi = arena_keep(a, doi_link(p, e, a));
	for (i = 1; i < NELEM(own_links); i++)
		own[i] = arena_keep(a, link_of(e, own_links[i].name,
		    bases[own_links[i].base]));
	/* The paper: the url, else the page, the PDF, arXiv, the DOI. */
	if (paper == NULL)
		paper = own[0] != NULL ? own[0] : pdf != NULL ? pdf :
		    arxiv != NULL ? arxiv : doi;
	add_link(&ls, "paper", paper);
	add_link(&ls, "pdf", pdf);
	for (i = 0; i < NELEM(own_links); i++)
		add_link(&ls, own_links[i].name, own[i]);
	add_link(&ls, "arxiv", arxiv);
	add_link(&ls, "doi", doi);
	preview = arena_keep(a, link_of(e, "preview", o->preview_base));
	add_link(&ls, "preview", preview);
	note_other_links(e);
	p->nlinks = ls.n;
	if (ls.n > 0) {
		p->links = arena_alloc(a, ls.n * sizeof(*p->links));
		memcpy(p->links, ls.v, ls.n * sizeof(*p->links));
	}
}

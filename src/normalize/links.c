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

int
url_is_safe(const char *url)
{
	const char	*p = url;

	if (!isalpha((unsigned char)*p))
		return 1;	/* "/x", "./x", "#x", "//host": no scheme */
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	if (*p != ':')
		return 1;	/* "paper.pdf" */
	return strncasecmp(url, "http:", 5) == 0 ||
	    strncasecmp(url, "https:", 6) == 0 ||
	    strncasecmp(url, "mailto:", 7) == 0;
}

/* The fields that hold links of their own, in the order pages list them. */
static const char *const plain_links[] = {
	"code", "slides", "video", "poster", "website", "blog", "supp"
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

/* A field's text as a URL, LaTeX taken out; NULL if absent or empty. */
static char *
field_url(const struct entry *e, const char *name,
    const struct field **where)
{
	const struct field	*f = entry_field(e, name);
	char			*url;

	*where = f;
	if (f == NULL || f->value[0] == '\0')
		return NULL;
	url = latex_url(f->value);
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

/* A field's link as it stands. */
static char *
link_of(const struct entry *e, const char *name)
{
	const struct field	*f;

	return checked(e, f, name, field_url(e, name, &f));
}

/* The arXiv link: an arxiv field, or an eprint that says it is one. */
static char *
arxiv_link(const struct entry *e)
{
	const struct field	*f;
	const char		*name = "arxiv";
	char			*id, *url;

	if (entry_field(e, "arxiv") == NULL) {
		if (!is_arxiv_name(entry_get(e, "archiveprefix")) &&
		    !is_arxiv_name(entry_get(e, "eprinttype")))
			return NULL;
		name = "eprint";
	}
	if ((id = field_url(e, name, &f)) == NULL)
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

	if ((text = field_url(e, "doi", &f)) == NULL)
		return NULL;
	url = checked(e, f, "doi", doi_url(text));
	if (url != NULL && (plain = doi_plain(text)) != NULL)
		p->doi = arena_strdup(a, plain);
	free(text);
	return url;
}

void
normalize_links(struct pub *p, const struct entry *e, struct arena *a)
{
	struct links	 ls;
	char		*paper, *pdf, *arxiv, *doi;
	size_t		 i;

	ls.n = 0;
	if ((paper = link_of(e, "url")) == NULL)
		paper = link_of(e, "html");
	pdf = link_of(e, "pdf");
	arxiv = arxiv_link(e);
	doi = doi_link(p, e, a);
	pdf = arena_keep(a, pdf);
	arxiv = arena_keep(a, arxiv);
	doi = arena_keep(a, doi);
	if ((paper = arena_keep(a, paper)) == NULL)
		paper = pdf != NULL ? pdf : arxiv != NULL ? arxiv : doi;
	add_link(&ls, "paper", paper);
	add_link(&ls, "pdf", pdf);
	for (i = 0; i < sizeof(plain_links) / sizeof(plain_links[0]); i++)
		add_link(&ls, plain_links[i],
		    arena_keep(a, link_of(e, plain_links[i])));
	add_link(&ls, "arxiv", arxiv);
	add_link(&ls, "doi", doi);
	p->nlinks = ls.n;
	if (ls.n > 0) {
		p->links = arena_alloc(a, ls.n * sizeof(*p->links));
		memcpy(p->links, ls.v, ls.n * sizeof(*p->links));
	}
}

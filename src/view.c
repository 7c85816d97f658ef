/*
 * view.c: answer template variable names from the model.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "names.h"
#include "rich.h"
#include "template.h"
#include "util.h"
#include "view.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const kind_names[] = {
	"conference", "journal", "preprint", "thesis", "book", "other"
};

/* ---- variables ---- */

void
vars_set(struct vars *vs, const char *key, const char *value)
{
	vs->v = xreallocarray(vs->v, vs->n + 1, sizeof(*vs->v));
	vs->v[vs->n].key = xstrdup(key);
	vs->v[vs->n].value = xstrdup(value);
	vs->n++;
}

const char *
vars_get(const struct vars *vs, const char *key)
{
	size_t	 i;

	for (i = vs->n; i > 0; i--)
		if (strcmp(vs->v[i - 1].key, key) == 0)
			return vs->v[i - 1].value;
	return NULL;
}

void
vars_free(struct vars *vs)
{
	size_t	 i;

	for (i = 0; i < vs->n; i++) {
		free(vs->v[i].key);
		free(vs->v[i].value);
	}
	free(vs->v);
	vs->v = NULL;
	vs->n = 0;
}

/* ---- value helpers ---- */

static int
text(struct tval *v, const char *s)
{
	if (s == NULL)
		return 1;	/* known but empty: stops the lookup here */
	v->kind = TV_TEXT;
	v->s = s;
	return 1;
}

static int
owned_text(struct tval *v, char *s)
{
	v->kind = TV_TEXT;
	v->s = v->owned = s;
	return 1;
}

static int
boolean(struct tval *v, int truth)
{
	v->kind = TV_BOOL;
	v->truth = truth;
	return 1;
}

static int
list(struct tval *v, const void *items, size_t n, size_t size,
    const struct tclass *cls)
{
	v->kind = TV_LIST;
	v->items = items;
	v->n = n;
	v->size = size;
	v->cls = cls;
	return 1;
}

/* ---- links ---- */

static int
link_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct link *l = self;

	(void)arg;
	if (strcmp(name, "name") == 0)
		return text(v, l->name);
	if (strcmp(name, "url") == 0) {
		v->kind = TV_URL;
		v->s = l->url;
		return 1;
	}
	return 0;
}

static const struct tclass view_link = { link_get };

/* ---- persons ---- */

static int
person_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct person	*p = self;
	const struct page	*pg = arg;

	if (strcmp(name, "name") == 0)
		return owned_text(v, names_format(p, pg->names));
	if (strcmp(name, "full") == 0)
		return owned_text(v, names_format(p, NAME_FULL));
	if (strcmp(name, "initials") == 0)
		return owned_text(v, names_format(p, NAME_INITIALS));
	if (strcmp(name, "last_first") == 0)
		return owned_text(v, names_format(p, NAME_LAST_FIRST));
	if (strcmp(name, "first") == 0)
		return text(v, p->first);
	if (strcmp(name, "von") == 0)
		return text(v, p->von);
	if (strcmp(name, "last") == 0)
		return text(v, p->last);
	if (strcmp(name, "jr") == 0)
		return text(v, p->jr);
	if (strcmp(name, "marks") == 0)
		return text(v, p->marks);
	if (strcmp(name, "me") == 0)
		return boolean(v, p->me);
	if (strcmp(name, "equal") == 0)
		return boolean(v, p->flags & MARK_EQUAL);
	if (strcmp(name, "corresponding") == 0)
		return boolean(v, p->flags & MARK_CORRESPONDING);
	if (strcmp(name, "others") == 0)
		return boolean(v, p->others);
	return 0;
}

static const struct tclass view_person = { person_get };

/* ---- pubs ---- */

/* Does text have this year as a word of its own? */
static int
has_year(const char *text, int year)
{
	char		 y[16];
	const char	*p;
	size_t		 n = (size_t)snprintf(y, sizeof(y), "%d", year);

	for (p = text; (p = strstr(p, y)) != NULL; p += n)
		if ((p == text || !isdigit((unsigned char)p[-1])) &&
		    !isdigit((unsigned char)p[n]))
			return 1;
	return 0;
}

/* "ICML 2025", or "ICML" without a year; a label with the year in it
 * ("ICML 2025 Workshop on ...") is not given it twice. */
static char *
venue_year(const struct pub *p)
{
	struct buf	 b = { 0 };

	if (p->venue == NULL)
		return NULL;
	buf_puts(&b, p->venue);
	if (p->year > 0 && !has_year(p->venue, p->year))
		buf_printf(&b, " %d", p->year);
	return buf_detach(&b);
}

/* "CCF-A, Research track, Full paper": the parts that exist. */
static char *
notes(const struct pub *p)
{
	const char	*parts[3] = { p->rank, p->track, p->note };
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = 0; i < 3; i++) {
		if (parts[i] == NULL)
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, parts[i]);
	}
	return b.len > 0 ? buf_detach(&b) : NULL;
}

/* "rank-ccf-a": a CSS class name from a rank label. */
static char *
rank_class(const char *rank)
{
	struct buf	 b = { 0 };
	char		*plain = rich_plain(rank);
	const char	*s;

	buf_puts(&b, "rank-");
	for (s = plain; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			buf_putc(&b, *s);
		else if (*s >= 'A' && *s <= 'Z')
			buf_putc(&b, (char)(*s - 'A' + 'a'));
		else if (b.data[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	free(plain);
	return buf_detach(&b);
}

static const struct link *
find_link(const struct pub *p, const char *name)
{
	size_t	 i;

	for (i = 0; i < p->nlinks; i++)
		if (strcmp(p->links[i].name, name) == 0)
			return &p->links[i];
	return NULL;
}

/* The links the theme asked for, in its order. */
static int
links(struct tval *v, const struct pub *p, const struct page *pg)
{
	struct link	*sel = xcalloc(pg->nlinks + 1, sizeof(*sel));
	size_t		 i, n = 0;

	for (i = 0; i < pg->nlinks; i++) {
		const struct link *l = find_link(p, pg->links[i]);

		if (l != NULL)
			sel[n++] = *l;
	}
	v->owned = (char *)sel;
	return list(v, sel, n, sizeof(*sel), &view_link);
}

static int
pub_field(const struct pub *p, const char *name, struct tval *v)
{
	const char	*raw = entry_get(p->entry, name);

	if (raw == NULL)
		return 0;
	return owned_text(v, latex_decode(raw));
}

static int
pub_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct pub	*p = self;
	const struct page	*pg = arg;
	const struct link	*l;
	char			 num[16];

	switch (name[0]) {
	case 'a':
		if (strcmp(name, "authors") == 0)
			return list(v, p->authors, p->nauthors,
			    sizeof(*p->authors), &view_person);
		if (strcmp(name, "abstract") == 0)
			return text(v, p->abstract);
		break;
	case 'k':
		if (strcmp(name, "key") == 0)
			return text(v, p->entry->key);
		if (strcmp(name, "kind") == 0)
			return text(v, kind_names[p->kind]);
		break;
	case 'l':
		if (strcmp(name, "links") == 0)
			return links(v, p, pg);
		break;
	case 'm':
		if (strcmp(name, "month") == 0 && p->month > 0) {
			snprintf(num, sizeof(num), "%d", p->month);
			return owned_text(v, xstrdup(num));
		}
		break;
	case 'h':
		if (strcmp(name, "has_marks") == 0)
			return boolean(v, p->has_marks);
		break;
	case 'n':
		if (strcmp(name, "notes") == 0) {
			char	*s = notes(p);

			return s != NULL ? owned_text(v, s) : 1;
		}
		if (strcmp(name, "note") == 0)
			return text(v, p->note);
		break;
	case 'r':
		if (strcmp(name, "rank") == 0)
			return text(v, p->rank);
		if (strcmp(name, "rank_class") == 0)
			return p->rank != NULL ?
			    owned_text(v, rank_class(p->rank)) : 1;
		break;
	case 's':
		if (strcmp(name, "selected") == 0)
			return boolean(v, p->selected);
		break;
	case 't':
		if (strcmp(name, "title") == 0)
			return text(v, p->title);
		if (strcmp(name, "track") == 0)
			return text(v, p->track);
		if (strcmp(name, "type") == 0)
			return text(v, p->entry->type);
		break;
	case 'v':
		if (strcmp(name, "venue") == 0) {
			char	*s = venue_year(p);

			return s != NULL ? owned_text(v, s) : 1;
		}
		if (strcmp(name, "venue_label") == 0)
			return text(v, p->venue);
		if (strcmp(name, "venue_name") == 0)
			return text(v, p->venue_name);
		break;
	case 'y':
		if (strcmp(name, "year") == 0 && p->year > 0) {
			snprintf(num, sizeof(num), "%d", p->year);
			return owned_text(v, xstrdup(num));
		}
		break;
	}
	if ((l = find_link(p, name)) != NULL) {
		v->kind = TV_URL;
		v->s = l->url;
		return 1;
	}
	return pub_field(p, name, v);
}

static const struct tclass view_pub = { pub_get };

/* ---- the page ---- */

static int
page_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct page	*pg = self;
	const char		*s;
	char			 num[32];

	(void)arg;
	if (strcmp(name, "entries") == 0)
		return list(v, pg->pubs->v, pg->pubs->n,
		    sizeof(*pg->pubs->v), &view_pub);
	if (strcmp(name, "has_marks") == 0)
		return boolean(v, pg->has_marks);
	if (strcmp(name, "count") == 0) {
		snprintf(num, sizeof(num), "%zu", pg->pubs->n);
		return owned_text(v, xstrdup(num));
	}
	if ((s = vars_get(pg->vars, name)) != NULL)
		return text(v, s);
	return 0;
}

const struct tclass view_page = { page_get };

void
page_init(struct page *pg, const struct pub_list *pubs,
    const struct vars *vars)
{
	const char	*names = vars_get(vars, "names");
	const char	*links = vars_get(vars, "links");
	char		*copy, *tok, *save = NULL;
	size_t		 i;

	memset(pg, 0, sizeof(*pg));
	pg->pubs = pubs;
	pg->vars = vars;
	pg->names = NAME_FULL;
	if (names != NULL && strcmp(names, "initials") == 0)
		pg->names = NAME_INITIALS;
	else if (names != NULL && strcmp(names, "last-first") == 0)
		pg->names = NAME_LAST_FIRST;
	copy = xstrdup(links != NULL ? links :
	    "paper pdf code arxiv doi slides video poster website");
	for (tok = strtok_r(copy, " ,", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,", &save)) {
		pg->links = xreallocarray(pg->links, pg->nlinks + 1,
		    sizeof(char *));
		pg->links[pg->nlinks++] = xstrdup(tok);
	}
	free(copy);
	for (i = 0; i < pubs->n; i++)
		pg->has_marks |= pubs->v[i].has_marks;
}

void
page_free(struct page *pg)
{
	size_t	 i;

	for (i = 0; i < pg->nlinks; i++)
		free(pg->links[i]);
	free(pg->links);
}

/*
 * emit_json.c: -f json, the normalized entries as a JSON array, for
 * other tools and for tests.  Serialization is jansson's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "emit.h"
#include "model.h"
#include "names.h"
#include "pool.h"
#include "rich.h"
#include "util.h"

static const char *const kinds[] = {
	"conference", "journal", "preprint", "thesis", "book", "other"
};

/* Rich text as a JSON string without markup; null when absent. */
static json_t *
plain(const char *rich)
{
	char	*p;
	json_t	*j;

	if (rich == NULL)
		return json_null();
	p = rich_plain(rich);
	j = json_string(p);
	free(p);
	return j != NULL ? j : json_null();
}

static json_t *
person(const struct person *a)
{
	char	*name = names_format(a, NAME_FULL);
	json_t	*j = json_object();

	json_object_set_new(j, "name", plain(name));
	free(name);
	if (a->others) {
		json_object_set_new(j, "others", json_true());
		return j;
	}
	json_object_set_new(j, "first", plain(a->first));
	json_object_set_new(j, "von", plain(a->von));
	json_object_set_new(j, "last", plain(a->last));
	json_object_set_new(j, "jr", plain(a->jr));
	json_object_set_new(j, "me", json_boolean(a->me));
	json_object_set_new(j, "equal", json_boolean(a->flags & MARK_EQUAL));
	json_object_set_new(j, "corresponding",
	    json_boolean(a->flags & MARK_CORRESPONDING));
	json_object_set_new(j, "marks", plain(a->marks));
	return j;
}

static json_t *
entry_json(const struct pub *p)
{
	const struct pub_text	*t = p->text;
	json_t			*j = json_object(), *a = json_array();
	json_t			*links = json_object(), *fields = json_object();
	size_t			 i;

	json_object_set_new(j, "key", json_string(p->entry->key));
	json_object_set_new(j, "type", json_string(p->entry->type));
	json_object_set_new(j, "kind", json_string(kinds[p->kind]));
	json_object_set_new(j, "title", plain(t->title));
	for (i = 0; i < t->nauthors; i++)
		json_array_append_new(a, person(&t->authors[i]));
	json_object_set_new(j, "authors", a);
	json_object_set_new(j, "year", p->year ? json_integer(p->year) :
	    json_null());
	json_object_set_new(j, "month", p->month ? json_integer(p->month) :
	    json_null());
	json_object_set_new(j, "venue", plain(t->venue));
	json_object_set_new(j, "venue_name", plain(t->venue_name));
	json_object_set_new(j, "rank", plain(p->rank));
	json_object_set_new(j, "track", plain(t->track));
	json_object_set_new(j, "note", plain(t->note));
	json_object_set_new(j, "selected", json_boolean(p->selected));
	for (i = 0; i < t->nlinks; i++)
		json_object_set_new(links, t->links[i].name,
		    json_string(t->links[i].url));
	json_object_set_new(j, "links", links);
	for (i = 0; i < p->entry->nfields; i++) {
		char *d = latex_decode(p->entry->fields[i].value);

		json_object_set_new(fields, p->entry->names[i], plain(d));
		free(d);
	}
	json_object_set_new(j, "fields", fields);
	return j;
}

/*
 * jansson's text, each line indented two more: an element of the array.
 * Dumped whole first: jansson's callback output comes a token at a time,
 * and indenting it there was a sixth of the time -f json took.
 */
static int
put_indented(struct buf *b, const json_t *j)
{
	char		*text = json_dumps(j, JSON_INDENT(2) |
			    JSON_PRESERVE_ORDER);
	const char	*p, *nl;

	if (text == NULL)
		return 0;
	buf_grow(b, strlen(text) + strlen(text) / 8);
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		buf_put(b, p, (size_t)(nl - p) + 1);
		buf_put(b, "  ", 2);
	}
	buf_puts(b, p);
	free(text);
	return 1;
}

/* BATCH elements at a time are made, on the pool's threads. */
#define BATCH	64

struct batch {
	const struct pub_list	*pubs;
	size_t			 first;	/* the pub out[0] is for */
	struct buf		 out[BATCH];
};

/* pool_fn: the element for pub first + k, indented, into out[k]. */
static void
element(void *arg, size_t k, int thread)
{
	struct batch	*b = arg;
	struct pub	*p = &b->pubs->v[b->first + k];
	struct buf	*out = &b->out[k];
	json_t		*j;

	(void)thread;
	pub_hold(p);
	pub_complete(p, b->pubs->opts);
	j = entry_json(p);
	buf_truncate(out, 0);
	buf_puts(out, b->first + k > 0 ? ",\n  " : "\n  ");
	if (!put_indented(out, j))
		buf_truncate(out, 0);	/* failed: emit_json says so */
	json_decref(j);
	pub_drop(p);
}

/*
 * The array is written a batch of elements at a time, each made,
 * dumped and freed in turn, so a large file never has its whole JSON
 * in memory.
 */
int
emit_json(const struct pub_list *pubs, struct pool *pool, FILE *fp)
{
	struct batch	 b;
	size_t		 k, count;
	int		 ok = fputs("[", fp) != EOF;

	memset(&b, 0, sizeof(b));
	b.pubs = pubs;
	json_object_seed(0);	/* before two threads would both seed */
	for (; b.first < pubs->n && ok; b.first += count) {
		count = pubs->n - b.first < BATCH ? pubs->n - b.first : BATCH;
		pool_run(pool, count, element, &b);
		for (k = 0; k < count && ok; k++)
			ok = b.out[k].len > 0 && fwrite(b.out[k].data, 1,
			    b.out[k].len, fp) == b.out[k].len;
	}
	for (k = 0; k < BATCH; k++)
		buf_free(&b.out[k]);
	ok &= fputs(pubs->n > 0 ? "\n]\n" : "]\n", fp) != EOF;
	return ok && fflush(fp) == 0 && !ferror(fp);
}

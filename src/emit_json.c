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
	json_t		*j = json_object(), *a = json_array();
	json_t		*links = json_object(), *fields = json_object();
	size_t		 i;

	json_object_set_new(j, "key", json_string(p->entry->key));
	json_object_set_new(j, "type", json_string(p->entry->type));
	json_object_set_new(j, "kind", json_string(kinds[p->kind]));
	json_object_set_new(j, "title", plain(p->title));
	for (i = 0; i < p->nauthors; i++)
		json_array_append_new(a, person(&p->authors[i]));
	json_object_set_new(j, "authors", a);
	json_object_set_new(j, "year", p->year ? json_integer(p->year) :
	    json_null());
	json_object_set_new(j, "month", p->month ? json_integer(p->month) :
	    json_null());
	json_object_set_new(j, "venue", plain(p->venue));
	json_object_set_new(j, "venue_name", plain(p->venue_name));
	json_object_set_new(j, "rank", plain(p->rank));
	json_object_set_new(j, "track", plain(p->track));
	json_object_set_new(j, "note", plain(p->note));
	json_object_set_new(j, "selected", json_boolean(p->selected));
	for (i = 0; i < p->nlinks; i++)
		json_object_set_new(links, p->links[i].name,
		    json_string(p->links[i].url));
	json_object_set_new(j, "links", links);
	for (i = 0; i < p->entry->nfields; i++) {
		char *d = latex_decode(p->entry->fields[i].value);

		json_object_set_new(fields, p->entry->fields[i].name, plain(d));
		free(d);
	}
	json_object_set_new(j, "fields", fields);
	return j;
}

/*
 * jansson's text, each line indented two more: an element of the array.
 * jansson hands it over a few bytes at a time, so it is gathered in a
 * buffer and written once per element.
 */
static int
put_indented(const char *buffer, size_t size, void *data)
{
	struct buf	*b = data;
	const char	*nl;

	while ((nl = memchr(buffer, '\n', size)) != NULL) {
		buf_put(b, buffer, (size_t)(nl - buffer) + 1);
		buf_put(b, "  ", 2);
		size -= (size_t)(nl - buffer) + 1;
		buffer = nl + 1;
	}
	buf_put(b, buffer, size);
	return 0;
}

/*
 * The array is written one element at a time, each built, dumped and
 * freed in turn, so a large file never has its whole JSON in memory.
 */
int
emit_json(const struct pub_list *pubs, FILE *fp)
{
	struct buf	 b = { 0 };
	json_t		*j;
	size_t		 i;
	int		 ok = fputs("[", fp) != EOF;

	for (i = 0; i < pubs->n && ok; i++) {
		struct pub *p = &pubs->v[i];
		int	    filled = pub_complete(p, pubs->opts);

		j = entry_json(p);
		buf_truncate(&b, 0);
		buf_puts(&b, i > 0 ? ",\n  " : "\n  ");
		ok = json_dump_callback(j, put_indented, &b, JSON_INDENT(2) |
		    JSON_PRESERVE_ORDER) == 0 &&
		    fwrite(b.data, 1, b.len, fp) == b.len;
		json_decref(j);
		if (filled)
			pub_release(p);
	}
	buf_free(&b);
	ok &= fputs(pubs->n > 0 ? "\n]\n" : "]\n", fp) != EOF;
	return ok && fflush(fp) == 0 && !ferror(fp);
}

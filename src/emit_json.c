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

static int
write_chunk(const char *buffer, size_t size, void *data)
{
	return fwrite(buffer, 1, size, data) == size ? 0 : -1;
}

int
emit_json(const struct pub_list *pubs, FILE *fp)
{
	json_t	*all = json_array();
	size_t	 i;
	int	 ok;

	for (i = 0; i < pubs->n; i++)
		json_array_append_new(all, entry_json(&pubs->v[i]));
	ok = json_dump_callback(all, write_chunk, fp, JSON_INDENT(2) |
	    JSON_PRESERVE_ORDER) == 0;
	json_decref(all);
	ok &= fputc('\n', fp) != EOF;
	return ok && fflush(fp) == 0 && !ferror(fp);
}

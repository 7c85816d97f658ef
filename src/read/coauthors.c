/* SPDX-License-Identifier: ISC */
/*
 * coauthors.c: --coauthors FILE, in al-folio's _data/coauthors.yml
 * shape or as a TSV.  The only includer of libyaml.
 *
 *	"chang":
 *	  - firstname: ["Dongliang", "D."]
 *	    url: https://www.dongliangchang.cn/
 *
 * al-folio looks a name up by its family name (lowercase in its current
 * version, as written in older ones) and then by one of the given names
 * listed; here each "Family, Given" is a name as --me takes it, and
 * matched by the same rules.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/msg.h"
#include "base/util.h"
#include "read/coauthors.h"
#include "read/source.h"
#include "text/names.h"

static struct coauthor *
add(struct coauthors *c, int line, const char *url)
{
	struct coauthor	*p;

	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	p = &c->v[c->n++];
	memset(p, 0, sizeof(*p));
	p->line = line;
	p->url = xstrdup(url);
	return p;
}

/* A url safe() refuses is said, in file order, and taken away. */
static void
add_name(struct coauthors *c, struct coauthor *p, const char *spec)
{
	if (p->name == NULL) {
		p->name = xstrdup(spec);
		if (c->safe != NULL && !c->safe(p->url)) {
			msg(MSG_WARNING, c->path, p->line, "the url of '%s' "
			    "does not use http, https or mailto: not linked",
			    p->name);
			free(p->url);
			p->url = NULL;
		}
	}
	p->keys = xreallocarray(p->keys, p->nkeys + 1, sizeof(*p->keys));
	p->specs = xreallocarray(p->specs, p->nkeys + 1, sizeof(*p->specs));
	p->specs[p->nkeys] = xstrdup(spec);
	p->keys[p->nkeys++] = names_key_new(spec);
}

/* ---- TSV: name<TAB>url ---- */

static int
load_tsv(struct coauthors *c, char *text)
{
	char	*line, *next, *tab;
	int	 lineno = 0, ok = 1;

	for (line = text; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[strspn(line, " \t")] == '\0' || line[0] == '#')
			continue;
		if ((tab = strchr(line, '\t')) == NULL || tab == line ||
		    tab[1] == '\0' || strchr(tab + 1, '\t') != NULL) {
			msg(MSG_ERROR, c->path, lineno, "expected a name, a tab "
			    "and a URL");
			ok = 0;
			continue;
		}
		*tab = '\0';
		add_name(c, add(c, lineno, tab + 1), line);
	}
	return ok;
}

/* ---- YAML, al-folio's shape ---- */

static int
line_of(const yaml_node_t *n)
{
	return (int)n->start_mark.line + 1;
}

static const char *
scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

/* The value of key in a mapping node, or NULL. */
static yaml_node_t *
member(yaml_document_t *doc, const yaml_node_t *map, const char *key)
{
	yaml_node_pair_t	*pair;
	const char		*k;

	for (pair = map->data.mapping.pairs.start;
	    pair < map->data.mapping.pairs.top; pair++)
		if ((k = scalar(yaml_document_get_node(doc, pair->key))) !=
		    NULL && strcmp(k, key) == 0)
			return yaml_document_get_node(doc, pair->value);
	return NULL;
}

/* One {firstname: [...], url: ...} of the family name last. */
static int
load_person(struct coauthors *c, yaml_document_t *doc, const char *last,
    const yaml_node_t *item)
{
	yaml_node_t	*first, *url, *n;
	yaml_node_item_t *it;
	struct coauthor	*p;
	struct buf	 spec = { 0 };
	const char	*s;

	if (item->type != YAML_MAPPING_NODE) {
		msg(MSG_ERROR, c->path, line_of(item), "'%s': expected "
		    "'firstname:' and 'url:' (al-folio's coauthors.yml)", last);
		return 0;
	}
	first = member(doc, item, "firstname");
	url = member(doc, item, "url");
	if (first == NULL || scalar(url) == NULL || scalar(url)[0] == '\0') {
		msg(MSG_ERROR, c->path, line_of(item), "'%s': %s", last,
		    first == NULL ? "no 'firstname:'" : "no 'url:'");
		return 0;
	}
	p = add(c, line_of(item), scalar(url));
	if (first->type == YAML_SCALAR_NODE) {
		buf_printf(&spec, "%s, %s", last, scalar(first));
		add_name(c, p, spec.data);
	} else if (first->type == YAML_SEQUENCE_NODE)
		for (it = first->data.sequence.items.start;
		    it < first->data.sequence.items.top; it++) {
			n = yaml_document_get_node(doc, *it);
			if ((s = scalar(n)) == NULL || s[0] == '\0')
				continue;
			buf_truncate(&spec, 0);
			buf_printf(&spec, "%s, %s", last, s);
			add_name(c, p, spec.data);
		}
	buf_free(&spec);
	if (p->nkeys == 0) {
		msg(MSG_ERROR, c->path, line_of(first), "'%s': 'firstname:' "
		    "names nobody", last);
		free(p->url);
		free(p->name);
		free(p->keys);
		free(p->specs);
		c->n--;
		return 0;
	}
	return 1;
}

static int
load_yaml(struct coauthors *c, const char *text, size_t len)
{
	yaml_parser_t		 parser;
	yaml_document_t		 doc;
	yaml_node_t		*root, *key, *list;
	yaml_node_pair_t	*pair;
	yaml_node_item_t	*it;
	const char		*last;
	int			 ok = 1;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		msg(MSG_ERROR, c->path, (int)parser.problem_mark.line + 1,
		    "not YAML: %s%s%s", parser.problem != NULL ?
		    parser.problem : "cannot parse", parser.context != NULL ?
		    " " : "", parser.context != NULL ? parser.context : "");
		yaml_parser_delete(&parser);
		return 0;
	}
	if ((root = yaml_document_get_root_node(&doc)) == NULL)
		;	/* an empty file: nobody */
	else if (root->type != YAML_MAPPING_NODE) {
		msg(MSG_ERROR, c->path, line_of(root), "expected family names, "
		    "each with a list of 'firstname:' and 'url:' (al-folio's "
		    "coauthors.yml), or name<TAB>url lines");
		ok = 0;
	} else
		for (pair = root->data.mapping.pairs.start;
		    pair < root->data.mapping.pairs.top; pair++) {
			key = yaml_document_get_node(&doc, pair->key);
			list = yaml_document_get_node(&doc, pair->value);
			if ((last = scalar(key)) == NULL || last[0] == '\0') {
				msg(MSG_ERROR, c->path, line_of(key), "expected "
				    "a family name");
				ok = 0;
			} else if (list->type == YAML_MAPPING_NODE)
				ok = load_person(c, &doc, last, list) && ok;
			else if (list->type != YAML_SEQUENCE_NODE) {
				msg(MSG_ERROR, c->path, line_of(list), "'%s': "
				    "expected a list of 'firstname:' and 'url:'",
				    last);
				ok = 0;
			} else
				for (it = list->data.sequence.items.start;
				    it < list->data.sequence.items.top; it++)
					ok = load_person(c, &doc, last,
					    yaml_document_get_node(&doc, *it)) &&
					    ok;
		}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return ok;
}

/* TSV by its name, or by a tab in its first line that is no comment. */
static int
is_tsv(const char *path, const char *text)
{
	size_t	 n = strlen(path);
	const char *line = text;

	if (n > 4 && strcmp(path + n - 4, ".tsv") == 0)
		return 1;
	if ((n > 4 && strcmp(path + n - 4, ".yml") == 0) ||
	    (n > 5 && strcmp(path + n - 5, ".yaml") == 0))
		return 0;
	while (*line == '#' || *line == '\n')
		line = strchr(line, '\n') != NULL ? strchr(line, '\n') + 1 : "";
	return line[strcspn(line, "\t\n")] == '\t';
}

int
coauthors_load(struct coauthors *c, const char *path,
    int (*safe)(const char *))
{
	struct source	 src;
	int		 ok;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	c->safe = safe;
	if (!source_load(&src, path))
		return -1;
	ok = is_tsv(path, src.text) ? load_tsv(c, src.text) :
	    load_yaml(c, src.text, src.len);
	source_free(&src);
	return ok;
}

void
coauthors_free(struct coauthors *c)
{
	size_t	 i, k;

	for (i = 0; i < c->n; i++) {
		for (k = 0; k < c->v[i].nkeys; k++) {
			names_key_free(c->v[i].keys[k]);
			free(c->v[i].specs[k]);
		}
		free(c->v[i].keys);
		free(c->v[i].specs);
		free(c->v[i].name);
		free(c->v[i].url);
	}
	free(c->v);
	free(c->path);
	memset(c, 0, sizeof(*c));
}

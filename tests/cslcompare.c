/*
 * cslcompare: how far bib2pubs' reading of a .bib file agrees with
 * pandoc's.  Reads bib2pubs' -f json page and pandoc's CSL JSON of the
 * same file and, for each key both have, compares
 *
 *  - the title: bib2pubs' "title" with pandoc's "volume-title" when it
 *    has one and its type is "book" (pandoc puts a book's maintitle in
 *    "title" and the volume's own title there; a chapter's
 *    "volume-title" is its book's booktitle), else its "title";
 *  - each author's family name (editors when there are no authors):
 *    bib2pubs' "last" with pandoc's "family" (or "literal"), von part
 *    left out on both sides, one comparison per place.
 *
 * Both sides are normalized first: pandoc's HTML-like markup (<i>,
 * <span ...>) removed and its entities read, Unicode NFC and case
 * folded (pandoc writes English titles in sentence case), every run of
 * blanks one space, none at the ends.
 *
 * A disagreement is put in a class: pandoc-dropped when pandoc's text
 * is bib2pubs' with some characters left out (pandoc drops a command
 * it does not know together with its argument, and \emdash with the
 * word after it), command-kept when bib2pubs' text still holds a
 * backslash, pandoc-tex when pandoc's still holds TeX (a backslash, ^
 * or _: pandoc's CSL JSON keeps math as TeX without its dollar signs,
 * "\omega_2", where bib2pubs writes "ω₂"; or a \kern's dimension,
 * "DVIto-.15em VDU") and bib2pubs' no backslash, other for the rest.
 *
 * Usage: cslcompare LABEL BIB2PUBS.json PANDOC.json.  Prints each
 * disagreement ("title CLASS KEY\n\tb: ...\n\tp: ..."), then
 *	LABEL titles AGREE/TOTAL pandoc-dropped N command-kept N
 *	    pandoc-tex N other N
 *	    names AGREE/TOTAL pandoc-dropped N ...
 * Exit status 0 unless a file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

/* What a disagreement looks like, judged from the two texts alone. */
enum class {
	AGREE,
	PANDOC_DROPPED,	/* pandoc's text is bib2pubs' with some left out */
	COMMAND_KEPT,	/* bib2pubs' text still holds a backslash */
	PANDOC_TEX,	/* pandoc's text still holds TeX math */
	OTHER,
	NCLASSES
};

static const char *const class_names[NCLASSES] = {
	"agree", "pandoc-dropped", "command-kept", "pandoc-tex", "other"
};

struct tally {
	size_t	 n[NCLASSES], total;
};

/* s without pandoc's markup and entities, blanks folded to one space. */
static char *
flatten(const char *s)
{
	static const struct {
		const char	*entity, *text;
	} entities[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" },
	};
	char	*out = malloc(strlen(s) + 1), *o = out;
	size_t	 i;
	int	 blank = 1;

	while (*s != '\0') {
		if (*s == '<' && strchr(s, '>') != NULL &&
		    (s[1] == '/' || (s[1] >= 'a' && s[1] <= 'z'))) {
			s = strchr(s, '>') + 1;
			continue;
		}
		for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
			if (strncmp(s, entities[i].entity,
			    strlen(entities[i].entity)) == 0)
				break;
		if (i < sizeof(entities) / sizeof(entities[0])) {
			strcpy(o, entities[i].text);
			o += strlen(o);
			s += strlen(entities[i].entity);
			blank = 0;
			continue;
		}
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			if (!blank)
				*o++ = ' ';
			blank = 1;
			s++;
			continue;
		}
		*o++ = *s++;
		blank = 0;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/*
 * pandoc writes {\'\i} as a dotless i with a combining acute, which
 * NFC cannot compose and which a reader sees as the letter BibTeX
 * means, i with an acute: an i under a mark compares as i (in place).
 */
static void
dotted_under_marks(char *s)
{
	char	*from, *to;

	for (from = to = s; *from != '\0'; ) {
		/* U+0131 then a combining mark, U+0300..U+036F */
		if ((unsigned char)from[0] == 0xc4 &&
		    (unsigned char)from[1] == 0xb1 &&
		    ((unsigned char)from[2] == 0xcc ||
		    ((unsigned char)from[2] == 0xcd &&
		    (unsigned char)from[3] <= 0xaf))) {
			*to++ = 'i';
			from += 2;
		} else
			*to++ = *from++;
	}
	*to = '\0';
}

/*
 * The form two strings are compared in: NFC, case folded, every
 * Unicode blank (no-break and thin spaces too) one space; an i under a
 * mark dotted (see above).
 */
static char *
normal(const char *s)
{
	utf8proc_uint8_t	*folded;
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 n;
	char			*flat = flatten(s), *out, *o;
	const utf8proc_uint8_t	*p;
	int			 blank = 1;

	dotted_under_marks(flat);
	if (utf8proc_map((const utf8proc_uint8_t *)flat, 0, &folded,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD) < 0) {
		return flat;
	}
	free(flat);
	out = o = malloc(strlen((char *)folded) + 1);
	for (p = folded; *p != '\0'; p += n) {
		n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0)
			break;
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ||
		    cp == '\t' || cp == '\n') {
			if (!blank)
				*o++ = ' ';
			blank = 1;
			continue;
		}
		memcpy(o, p, (size_t)n);
		o += n;
		blank = 0;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	free(folded);
	return out;
}

static const char *
string_of(json_t *o, const char *name)
{
	json_t	*v = json_object_get(o, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Is p what is left of b with some of its bytes taken out? */
static int
is_subsequence(const char *p, const char *b)
{
	for (; *p != '\0'; p++) {
		while (*b != '\0' && *b != *p)
			b++;
		if (*b == '\0')
			return 0;
		b++;
	}
	return 1;
}

/* Does s hold a TeX dimension, "-.15em", "1pt" (a \kern's, kept)? */
static int
has_dimension(const char *s)
{
	for (; *s != '\0'; s++)
		if (s[0] >= '0' && s[0] <= '9' && (strncmp(s + 1, "em", 2) == 0 ||
		    strncmp(s + 1, "ex", 2) == 0 || strncmp(s + 1, "pt", 2) == 0))
			return 1;
	return 0;
}

static enum class
class_of(const char *nb, const char *np)
{
	if (strcmp(nb, np) == 0)
		return AGREE;
	if (strchr(nb, '\\') != NULL)
		return COMMAND_KEPT;
	if (is_subsequence(np, nb))
		return PANDOC_DROPPED;
	if (strpbrk(np, "\\^_") != NULL ||
	    (has_dimension(np) && !has_dimension(nb)))
		return PANDOC_TEX;
	return OTHER;
}

/* Compare b with p; print them when they differ.  Both may be NULL. */
static void
compare(struct tally *t, const char *what, const char *key, const char *b,
    const char *p)
{
	char		*nb = normal(b != NULL ? b : "");
	char		*np = normal(p != NULL ? p : "");
	enum class	 c = class_of(nb, np);

	t->total++;
	t->n[c]++;
	if (c != AGREE)
		printf("%s %s %s\n\tb: %s\n\tp: %s\n", what, class_names[c],
		    key, nb, np);
	free(nb);
	free(np);
}

static void
print_tally(const char *what, const struct tally *t)
{
	int	 c;

	printf(" %s %zu/%zu", what, t->n[AGREE], t->total);
	for (c = AGREE + 1; c < NCLASSES; c++)
		printf(" %s %zu", class_names[c], t->n[c]);
}

static void
compare_names(struct tally *t, const char *key, json_t *b, json_t *p)
{
	json_t	*names = json_object_get(p, "author");
	size_t	 i, n, nb, np;

	if (json_array_size(names) == 0)
		names = json_object_get(p, "editor");
	nb = json_array_size(json_object_get(b, "authors"));
	np = json_array_size(names);
	n = nb > np ? nb : np;
	for (i = 0; i < n; i++) {
		json_t		*bn = json_array_get(json_object_get(b,
				    "authors"), i);
		json_t		*pn = json_array_get(names, i);
		const char	*family = string_of(pn, "family");

		if (family == NULL)
			family = string_of(pn, "literal");
		compare(t, "name", key, string_of(bn, "last"), family);
	}
}

/* bib2pubs' entry of key, or NULL (merged as a duplicate, or hidden). */
static json_t *
entry_of(json_t *page, const char *key)
{
	json_t		*e;
	const char	*k;
	size_t		 i;

	json_array_foreach(page, i, e)
		if ((k = string_of(e, "key")) != NULL && strcmp(k, key) == 0)
			return e;
	return NULL;
}

int
main(int argc, char *argv[])
{
	struct tally	 titles, names;
	json_t		*b, *p, *pe, *be;
	json_error_t	 err;
	const char	*key, *title;
	size_t		 i;

	memset(&titles, 0, sizeof(titles));
	memset(&names, 0, sizeof(names));
	if (argc != 4) {
		fprintf(stderr, "usage: cslcompare LABEL B.json P.json\n");
		return 2;
	}
	if ((b = json_load_file(argv[2], 0, &err)) == NULL ||
	    (p = json_load_file(argv[3], 0, &err)) == NULL) {
		fprintf(stderr, "cslcompare: %s: %s\n", err.source, err.text);
		return 2;
	}
	json_array_foreach(p, i, pe) {
		if ((key = string_of(pe, "id")) == NULL ||
		    (be = entry_of(b, key)) == NULL)
			continue;
		/* A book's volume-title is its own; a chapter's its book's. */
		title = NULL;
		if (strcmp(string_of(pe, "type") != NULL ?
		    string_of(pe, "type") : "", "book") == 0)
			title = string_of(pe, "volume-title");
		if (title == NULL)
			title = string_of(pe, "title");
		compare(&titles, "title", key, string_of(be, "title"), title);
		compare_names(&names, key, be, pe);
	}
	printf("%s", argv[1]);
	print_tally("titles", &titles);
	print_tally("names", &names);
	printf("\n");
	json_decref(b);
	json_decref(p);
	return 0;
}

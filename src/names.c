/*
 * names.c: BibTeX names.
 *
 * Splitting follows BibTeX (and btparse's documentation): a list splits
 * at "and" outside braces; a name is "First von Last", "von Last, First"
 * or "von Last, Jr, First"; "von" is the run of words that begin in
 * lowercase.  It is done here rather than by bt_split_name because that
 * function reads freed or uninitialized memory on several inputs (see
 * tests/hazards) and judges case on ASCII only.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "model.h"
#include "msg.h"
#include "names.h"
#include "rich.h"
#include "util.h"

#define MAX_PARTS 3	/* von Last / Jr / First */

/* Marks written after a name, and what each shows as. */
static const struct {
	const char	*written;
	const char	*shown;
	int		 flag;
} marks[] = {
	{ "\\textsuperscript{*}", "*", MARK_EQUAL },
	{ "$^\\dagger$", "†", 0 }, { "$^\\dag$", "†", 0 },
	{ "$^\\ddagger$", "‡", 0 }, { "$^*$", "*", MARK_EQUAL },
	{ "$^\\#$", "#", MARK_CORRESPONDING },
	{ "\\textdagger", "†", 0 }, { "\\textdaggerdbl", "‡", 0 },
	{ "{\\dag}", "†", 0 }, { "{\\ddag}", "‡", 0 },
	{ "\\ddag", "‡", 0 }, { "\\dag", "†", 0 },
	{ "\\#", "#", MARK_CORRESPONDING }, { "\\&", "&", 0 },
	{ "*", "*", MARK_EQUAL }, { "∗", "*", MARK_EQUAL },
	{ "#", "#", MARK_CORRESPONDING }, { "†", "†", 0 }, { "‡", "‡", 0 },
	{ "§", "§", 0 }, { "¶", "¶", 0 }, { "‖", "‖", 0 }, { "&", "&", 0 },
	{ "^", "^", 0 },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Take marks off the end of s (modified); append what they show. */
static int
strip_marks(char *s, struct buf *shown)
{
	size_t	 len = strlen(s), n, i;
	int	 flags = 0, found;
	char	 tmp[64];
	struct buf rev = { 0 };

	do {
		while (len > 0 && is_blank(s[len - 1]))
			len--;
		found = 0;
		for (i = 0; i < NELEM(marks) && !found; i++) {
			n = strlen(marks[i].written);
			if (n >= len || memcmp(s + len - n, marks[i].written,
			    n) != 0)
				continue;
			len -= n;
			flags |= marks[i].flag;
			/* Collected back to front; reversed below. */
			snprintf(tmp, sizeof(tmp), "%s%s", marks[i].shown,
			    rev.data != NULL ? rev.data : "");
			buf_truncate(&rev, 0);
			buf_puts(&rev, tmp);
			found = 1;
		}
	} while (found && len > 0);
	s[len] = '\0';
	if (rev.data != NULL)
		buf_puts(shown, rev.data);
	buf_free(&rev);
	return flags;
}

/* Does a word begin in lowercase, in BibTeX's sense? */
static int
word_is_lower(const char *w)
{
	static const char *const lower_cs[] = { "aa", "ae", "i", "j", "l",
	    "o", "oe", "ss" };
	int	 depth = 0, cp, n;
	size_t	 i, len;

	while (*w != '\0') {
		if (*w == '{' && depth == 0 && w[1] == '\\') {
			/* {\"u}ber, {\aa}: a special character. */
			w += 2;
			for (len = 0; isalpha((unsigned char)w[len]); len++)
				continue;
			for (i = 0; i < NELEM(lower_cs) && len > 0; i++)
				if (strlen(lower_cs[i]) == len &&
				    strncmp(w, lower_cs[i], len) == 0)
					return 1;
			if (len > 0 && isupper((unsigned char)*w) &&
			    len <= 2)
				return 0;
			w += len > 0 ? len : 1;
			while (*w == ' ' || *w == '{')
				w++;
			continue;
		}
		if (*w == '{') {
			depth++;
			w++;
			continue;
		}
		if (*w == '}') {
			depth--;
			w++;
			continue;
		}
		n = utf8_decode(w, strnlen(w, 4), &cp);
		if (n == 0)
			n = 1;
		else if (depth <= 0 && utf8proc_islower(cp))
			return 1;
		else if (depth <= 0 && utf8proc_isupper(cp))
			return 0;
		w += n;
	}
	return 0;
}

/* Split s at separator characters outside braces; words are copies. */
static char **
split_depth0(const char *s, int (*is_sep)(const char *, size_t *), size_t *n)
{
	char	**v = NULL;
	size_t	  count = 0, seplen;
	int	  depth = 0;
	const char *start = s, *p;

	for (p = s; ; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		if (*p == '\0' || (depth == 0 && is_sep(p, &seplen))) {
			v = xreallocarray(v, count + 1, sizeof(*v));
			v[count++] = xstrndup(start, (size_t)(p - start));
			if (*p == '\0')
				break;
			p += seplen - 1;
			start = p + 1;
		}
	}
	*n = count;
	return v;
}

static int
sep_comma(const char *p, size_t *len)
{
	*len = 1;
	return *p == ',';
}

static int
sep_blank(const char *p, size_t *len)
{
	*len = 1;
	return is_blank(*p);
}

/* " and " between names: blanks, "and" in any case, blanks. */
static int
sep_and(const char *p, size_t *len)
{
	if (!is_blank(p[0]) || strncasecmp(p + 1, "and", 3) != 0 ||
	    !(is_blank(p[4]) || p[4] == '\0'))
		return 0;
	*len = p[4] == '\0' ? 4 : 5;
	return 1;
}

static void
free_strings(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The words of one comma part, blanks dropped. */
static char **
words_of(const char *part, size_t *n)
{
	char	**all = split_depth0(part, sep_blank, n);
	size_t	  i, j = 0;

	for (i = 0; i < *n; i++) {
		if (all[i][0] == '\0')
			free(all[i]);
		else
			all[j++] = all[i];
	}
	*n = j;
	return all;
}

/* Decode words [from, to) joined by spaces. */
static char *
join_decode(char **w, size_t from, size_t to)
{
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = from; i < to; i++) {
		if (i > from)
			buf_putc(&b, ' ');
		buf_puts(&b, w[i]);
	}
	if (b.data == NULL)
		return xstrdup("");
	{
		char	*d = latex_decode(b.data);

		buf_free(&b);
		return d;
	}
}

/* "von Last" from the words of a part that holds both. */
static void
split_von_last(struct person *p, char **w, size_t n)
{
	size_t	 end = 0, i;

	/* von runs up to the last lowercase word but the final word. */
	for (i = 0; i + 1 < n; i++)
		if (word_is_lower(w[i]))
			end = i + 1;
	if (end > 0 && !word_is_lower(w[0]))
		end = 0;
	p->von = join_decode(w, 0, end);
	p->last = join_decode(w, end, n);
}

/* "First von Last": no commas. */
static void
split_no_comma(struct person *p, char **w, size_t n)
{
	size_t	 von = n, end, i;

	for (i = 0; i + 1 < n; i++)
		if (word_is_lower(w[i])) {
			von = i;
			break;
		}
	if (von == n) {
		p->first = join_decode(w, 0, n > 0 ? n - 1 : 0);
		p->von = xstrdup("");
		p->last = join_decode(w, n > 0 ? n - 1 : 0, n);
		return;
	}
	for (end = von + 1, i = von + 1; i + 1 < n; i++)
		if (word_is_lower(w[i]))
			end = i + 1;
	p->first = join_decode(w, 0, von);
	p->von = join_decode(w, von, end);
	p->last = join_decode(w, end, n);
}

static char *
trim_copy(const char *s)
{
	size_t	 n;

	while (is_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void
parse_one(struct person *p, const char *name, const char *file, int line)
{
	char		**parts, **w;
	size_t		  nparts, nw, i;
	struct buf	  shown = { 0 }, first = { 0 };

	parts = split_depth0(name, sep_comma, &nparts);
	for (i = 0; i < nparts; i++) {
		char	*t = trim_copy(parts[i]);

		free(parts[i]);
		parts[i] = t;
		p->flags |= strip_marks(parts[i], &shown);
	}
	p->marks = buf_detach(&shown);
	w = words_of(parts[0], &nw);
	if (nparts == 1)
		split_no_comma(p, w, nw);
	else
		split_von_last(p, w, nw);
	free_strings(w, nw);
	if (nparts >= 2) {
		/* Past "von Last, Jr, First", BibTeX's extra commas join First. */
		for (i = nparts >= 3 ? 2 : 1; i < nparts; i++) {
			if (first.len > 0)
				buf_puts(&first, ", ");
			buf_puts(&first, parts[i]);
		}
		if (nparts > 3 && file != NULL)
			msg(MSG_WARNING, file, line, "too many commas in "
			    "name '%s'", name);
		p->first = latex_decode(first.data != NULL ? first.data : "");
		buf_free(&first);
		p->jr = nparts >= 3 ? latex_decode(parts[1]) : xstrdup("");
	}
	if (p->first == NULL)
		p->first = xstrdup("");
	if (p->jr == NULL)
		p->jr = xstrdup("");
	free_strings(parts, nparts);
	if (rich_is_blank(p->last)) {
		char	**take = !rich_is_blank(p->first) ? &p->first : &p->jr;

		if (file != NULL)
			msg(MSG_WARNING, file, line, "name '%s' has no family "
			    "name", name);
		free(p->last);
		p->last = *take;
		*take = xstrdup("");
	}
}

struct person *
names_parse(const char *latex, size_t *count, const char *file, int line)
{
	char		**names;
	size_t		  n, i, kept = 0;
	struct person	 *v;
	char		 *name;

	names = split_depth0(latex, sep_and, &n);
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		name = trim_copy(names[i]);
		if (name[0] == '\0') {
			if (file != NULL)
				msg(MSG_WARNING, file, line, "empty name in a "
				    "name list");
			free(name);
			continue;
		}
		if (strcasecmp(name, "others") == 0) {
			v[kept].others = 1;
			v[kept].first = xstrdup("");
			v[kept].von = xstrdup("");
			v[kept].last = xstrdup("");
			v[kept].jr = xstrdup("");
			v[kept].marks = xstrdup("");
		} else
			parse_one(&v[kept], name, file, line);
		kept++;
		free(name);
	}
	free_strings(names, n);
	*count = kept;
	return v;
}

void
names_free(struct person *v, size_t count)
{
	size_t	 i;

	for (i = 0; i < count; i++) {
		free(v[i].first);
		free(v[i].von);
		free(v[i].last);
		free(v[i].jr);
		free(v[i].marks);
	}
	free(v);
}

/* One "N=a,b" or "N:part=a,b" item of a biblatex annotation. */
static int
annotate_item(struct person *v, size_t count, const char *item)
{
	char	*end, *list, *tok, *save = NULL;
	long	 n;

	while (is_blank(*item))
		item++;
	if (*item == '\0')
		return 1;
	n = strtol(item, &end, 10);
	if (end == item || n < 1)
		return 0;
	while (*end != '\0' && *end != '=')
		end++;		/* ":family" and the like: whole name */
	if (*end != '=')
		return 0;
	if ((size_t)n > count)
		return 1;	/* names past the list: ignored */
	list = xstrdup(end + 1);
	for (tok = strtok_r(list, ", \t", &save); tok != NULL;
	    tok = strtok_r(NULL, ", \t", &save)) {
		if (strcmp(tok, "equal") == 0 ||
		    strcmp(tok, "equalcontrib") == 0)
			v[n - 1].flags |= MARK_EQUAL;
		else if (strcmp(tok, "corresponding") == 0)
			v[n - 1].flags |= MARK_CORRESPONDING;
		else if (strcmp(tok, "highlight") == 0 ||
		    strcmp(tok, "me") == 0)
			v[n - 1].me = 1;
	}
	free(list);
	return 1;
}

int
names_annotate(struct person *v, size_t count, const char *an)
{
	char	*copy = xstrdup(an), *item, *save = NULL;
	int	 ok = 1;

	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save))
		ok &= annotate_item(v, count, item);
	free(copy);
	return ok;
}

void
names_finish_marks(struct person *p)
{
	struct buf	 b = { 0 };

	buf_puts(&b, p->marks);
	if ((p->flags & MARK_EQUAL) && strchr(b.data, '*') == NULL)
		buf_putc(&b, '*');
	if ((p->flags & MARK_CORRESPONDING) && strchr(b.data, '#') == NULL)
		buf_putc(&b, '#');
	free(p->marks);
	p->marks = buf_detach(&b);
}

/* ---- display ---- */

char *
names_initials(const char *first)
{
	struct buf	 b = { 0 };
	char		*plain = rich_plain(first);
	const char	*p = plain;
	int		 cp, n, at_start = 1;

	while (*p != '\0') {
		n = utf8_decode(p, strnlen(p, 4), &cp);
		if (n == 0)
			n = 1, cp = '?';
		if (cp == ' ' || cp == 0xa0 || cp == '-' || cp == '.') {
			if (cp == '-')
				buf_putc(&b, '-');
			else if (cp != '.' && b.len > 0 &&
			    b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
			at_start = 1;
		} else if (at_start && utf8proc_category(cp) <=
		    UTF8PROC_CATEGORY_LO) {
			buf_put(&b, p, (size_t)n);
			buf_putc(&b, '.');
			at_start = 0;
		}
		p += n;
	}
	free(plain);
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	return buf_detach(&b);
}

static void
put_part(struct buf *b, const char *part, const char *sep)
{
	if (rich_is_blank(part))
		return;
	if (b->len > 0)
		buf_puts(b, sep);
	buf_puts(b, part);
}

char *
names_format(const struct person *p, enum name_style style)
{
	struct buf	 b = { 0 };
	char		*given;

	if (p->others)
		return xstrdup("et al.");
	given = style == NAME_FULL ? xstrdup(p->first) :
	    names_initials(p->first);
	if (style == NAME_LAST_FIRST) {
		put_part(&b, p->von, " ");
		put_part(&b, p->last, " ");
		put_part(&b, p->jr, ", ");
		put_part(&b, given, ", ");
	} else {
		put_part(&b, given, " ");
		put_part(&b, p->von, " ");
		put_part(&b, p->last, " ");
		put_part(&b, p->jr, ", ");
	}
	free(given);
	return buf_detach(&b);
}

/* ---- matching the page owner ---- */

struct name_key {
	char	 *family;	/* folded "von last" */
	char	 *last;		/* folded "last" */
	char	**given;	/* folded given-name words */
	size_t	  ngiven;
	char	 *given_joined;
};

/* Folded plain text: no case, accents, braces or marks. */
static char *
fold_rich(const char *rich)
{
	char	*plain = rich_plain(rich), *f, *p;

	for (p = plain; *p != '\0'; p++)
		if (*p == '-' || *p == '.')
			*p = ' ';
	f = utf8_fold(plain);
	free(plain);
	return f;
}

static void
key_fill(struct name_key *k, const struct person *p)
{
	struct buf	 b = { 0 };
	char		*given, *tok, *save = NULL;

	put_part(&b, p->von, " ");
	put_part(&b, p->last, " ");
	k->family = fold_rich(b.data != NULL ? b.data : "");
	buf_free(&b);
	k->last = fold_rich(p->last);
	given = fold_rich(p->first);
	for (tok = strtok_r(given, " \t\xc2\xa0", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\xc2\xa0", &save)) {
		k->given = xreallocarray(k->given, k->ngiven + 1,
		    sizeof(char *));
		k->given[k->ngiven++] = xstrdup(tok);
		buf_puts(&b, tok);
	}
	k->given_joined = buf_detach(&b);
	free(given);
}

static void
key_clear(struct name_key *k)
{
	free(k->family);
	free(k->last);
	free_strings(k->given, k->ngiven);
	free(k->given_joined);
}

struct name_key *
names_key_new(const char *spec)
{
	struct name_key	*k;
	struct person	*p;
	size_t		 n;

	p = names_parse(spec, &n, NULL, 0);
	if (n != 1 || p[0].others) {
		names_free(p, n);
		return NULL;
	}
	k = xcalloc(1, sizeof(*k));
	key_fill(k, &p[0]);
	names_free(p, n);
	return k;
}

void
names_key_free(struct name_key *k)
{
	if (k == NULL)
		return;
	key_clear(k);
	free(k);
}

static int
is_initial(const char *w)
{
	int	 cp;
	size_t	 len = strlen(w);

	return len > 0 && (size_t)utf8_decode(w, len, &cp) == len;
}

/* Same first letter: "j" agrees with "jintao". */
static int
words_agree(const char *a, const char *b)
{
	int	 ca, cb;

	if (strcmp(a, b) == 0)
		return 1;
	if (!is_initial(a) && !is_initial(b))
		return 0;
	return utf8_decode(a, strlen(a), &ca) > 0 &&
	    utf8_decode(b, strlen(b), &cb) > 0 && ca == cb;
}

static int
all_initials(char **w, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!is_initial(w[i]))
			return 0;
	return 1;
}

static int
given_agree(const struct name_key *a, const struct name_key *b)
{
	size_t	 i, n;

	if (a->ngiven == 0)
		return 1;	/* "--me Zhang": any given name */
	if (b->ngiven == 0)
		return 0;
	if (strcmp(a->given_joined, b->given_joined) == 0)
		return 1;	/* "Jin-Tao" and "Jintao" */
	n = a->ngiven < b->ngiven ? a->ngiven : b->ngiven;
	if (a->ngiven != b->ngiven && !all_initials(a->given, a->ngiven) &&
	    !all_initials(b->given, b->ngiven))
		return 0;
	for (i = 0; i < n; i++)
		if (!words_agree(a->given[i], b->given[i]))
			return 0;
	return 1;
}

int
names_match(const struct name_key *k, const struct person *p)
{
	struct name_key	 pk = { 0 };
	int		 ok;

	if (p->others)
		return 0;
	key_fill(&pk, p);
	ok = (strcmp(k->family, pk.family) == 0 ||
	    strcmp(k->last, pk.last) == 0) && given_agree(k, &pk);
	key_clear(&pk);
	return ok;
}

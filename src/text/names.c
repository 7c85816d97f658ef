/* SPDX-License-Identifier: ISC */
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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/msg.h"
#include "base/util.h"
#include "text/names.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Marks written after a name, and what each shows as. */
#define MARK(w, shown, flag) { w, sizeof(w) - 1, shown, flag }
static const struct {
	const char	*written;
	size_t		 len;
	const char	*shown;
	int		 flag;
} marks[] = {
	MARK("\\textsuperscript{*}", "*", MARK_EQUAL),
	MARK("$^\\dagger$", "†", 0),
	MARK("$^\\dag$", "†", 0),
	MARK("$^\\ddagger$", "‡", 0),
	MARK("$^*$", "*", MARK_EQUAL),
	MARK("$^\\#$", "#", MARK_CORRESPONDING),
	MARK("\\textdagger", "†", 0),
	MARK("\\textdaggerdbl", "‡", 0),
	MARK("{\\dag}", "†", 0),
	MARK("{\\ddag}", "‡", 0),
	MARK("\\ddag", "‡", 0),
	MARK("\\dag", "†", 0),
	MARK("\\#", "#", MARK_CORRESPONDING),
	MARK("\\&", "&", 0),
	MARK("*", "*", MARK_EQUAL),
	MARK("∗", "*", MARK_EQUAL),
	MARK("#", "#", MARK_CORRESPONDING),
	MARK("†", "†", 0),
	MARK("‡", "‡", 0),
	MARK("§", "§", 0),
	MARK("¶", "¶", 0),
	MARK("‖", "‖", 0),
	MARK("&", "&", 0),
	MARK("^", "^", 0),
};

/*
 * The empty part most names have (von, Jr, marks), shared and never
 * freed.
 */
static char	 no_text[] = "";

/* Marks: no_text or an allocation of their own. */
static void
free_part(char *s)
{
	if (s != no_text)
		free(s);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * The marks that end in each byte, as bits of marks[] in table order
 * (which settles a tie: "\\#" before "#"): a name is tried only
 * against the marks its last byte allows.  Made once, before the first
 * name.
 */
static uint32_t		 marks_ending[256];
static int		 marks_indexed;

_Static_assert(NELEM(marks) <= 32, "marks_ending holds a bit a mark");

static void
index_marks(void)
{
	size_t	 i;

	for (i = 0; i < NELEM(marks); i++)
		marks_ending[(unsigned char)marks[i].written[marks[i].len -
		    1]] |= (uint32_t)1 << i;
}

/*
 * Take marks off the end of s, len bytes long (modified in place);
 * append what they show to shown, in reading order.  Returns the
 * MARK_* flags.
 */
static int
strip_marks(char *s, size_t len, struct buf *shown)
{
	const char	*found[8];
	size_t		 n, i, k = 0;
	uint32_t	 maybe;
	int		 flags = 0, again;

	if (!marks_indexed) {
		index_marks();
		marks_indexed = 1;
	}
	do {
		while (len > 0 && is_blank(s[len - 1]))
			len--;
		again = 0;
		maybe = len > 0 ? marks_ending[(unsigned char)s[len - 1]] : 0;
		for (; maybe != 0; maybe &= maybe - 1) {
			i = (size_t)__builtin_ctz(maybe);
			n = marks[i].len;
			/* The byte before the last first: "Zhang" is no
			 * "\\dag", and a call to memcmp() costs more. */
			if (n >= len || (n >= 2 && s[len - 2] !=
			    marks[i].written[n - 2]) || memcmp(s + len - n,
			    marks[i].written, n) != 0)
				continue;
			len -= n;
			flags |= marks[i].flag;
			if (k < NELEM(found))
				found[k++] = marks[i].shown;
			again = 1;
			break;
		}
	} while (again && len > 0);
	s[len] = '\0';
	while (k > 0)		/* found back to front */
		buf_puts(shown, found[--k]);
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
		if ((unsigned char)*w < 0x80) {
			if (depth <= 0 && islower((unsigned char)*w))
				return 1;
			if (depth <= 0 && isupper((unsigned char)*w))
				return 0;
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

/* The bytes cut() stops at: braces, and what a separator starts with. */
static const unsigned char comma_stops[256] = {
	['{'] = 1, ['}'] = 1, [','] = 1, ['\0'] = 1
};
static const unsigned char blank_stops[256] = {
	['{'] = 1, ['}'] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\0'] = 1
};

enum sep {
	SEP_COMMA,	/* between the parts of a name */
	SEP_BLANK	/* between words */
};

/*
 * Cut s in place at separators outside braces: each piece is NUL-
 * terminated and its start stored in v (at most max; the rest stays in
 * the last piece).  Returns the number of pieces.  Inline, so that each
 * caller's kind of separator is a constant: a call per blank was a
 * sixth of what parsing a name cost.
 */
static inline size_t
cut(char *s, enum sep kind, char **v, size_t max)
{
	const unsigned char	*stops = kind == SEP_COMMA ? comma_stops :
				    blank_stops;
	size_t			 n = 0;
	int			 depth = 0;
	char			*p;

	v[n++] = s;
	for (p = s; ; p++) {
		while (!stops[(unsigned char)*p])
			p++;
		if (*p == '\0')
			break;
		if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		else if (depth == 0 && n < max &&
		    (kind == SEP_COMMA ? *p == ',' : is_blank(*p))) {
			*p = '\0';
			v[n++] = p + 1;
		}
	}
	return n;
}

static const signed char brace_depth[256] = { ['{'] = 1, ['}'] = -1 };

/*
 * cut() for a list of len bytes at " and " (blanks, "and" in any case,
 * a blank or the end) outside braces; name k is lens[k] bytes long.  It
 * looks back from each 'd', not forward from each blank: names hold
 * many blanks and few d's, and the loop has no other branch to
 * mispredict.  (Skipping ahead to the next 'd' or brace does not pay:
 * name lists have one every few bytes, in accents, "and" and names.)
 */
static size_t
cut_names(char *s, size_t len, char **v, size_t *lens, size_t max)
{
	size_t	 n = 0, i, start = 0;
	int	 depth = 0;

	v[n++] = s;
	for (i = 0; i < len; i++) {
		depth += brace_depth[(unsigned char)s[i]];
		if ((s[i] | 0x20) != 'd' || depth != 0 || i < start + 3 ||
		    n >= max || !is_blank(s[i - 3]) ||
		    (s[i - 2] | 0x20) != 'a' || (s[i - 1] | 0x20) != 'n' ||
		    (i + 1 < len && !is_blank(s[i + 1])))
			continue;
		s[i - 3] = '\0';
		lens[n - 1] = i - 3 - start;
		start = i + 1 < len ? i + 2 : len;
		v[n++] = s + start;
		if (n == max)	/* the rest is the last piece, unread */
			break;
		i = start - 1;
	}
	lens[n - 1] = len - start;
	return n;
}

/*
 * s, n bytes long, without blanks at either end (cut in place); *len is
 * its length.
 */
static char *
trim(char *s, size_t n, size_t *len)
{
	while (n > 0 && is_blank(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_blank(s[n - 1]))
		s[--n] = '\0';
	*len = n;
	return s;
}

/* The words of a part, in place, blanks dropped. */
static size_t
words_of(char *part, char **w, size_t max)
{
	size_t	 n = cut(part, SEP_BLANK, w, max), i, j = 0;

	for (i = 0; i < n; i++)
		if (w[i][0] != '\0')
			w[j++] = w[i];
	return j;
}

/*
 * A list being parsed.  The parts are decoded one after another into
 * text, each ended by a NUL, and known by their offsets until the list
 * is done; then the persons and the text become one allocation.  Each
 * part its own malloc was a fifth of what showing a name cost.
 */
struct list_parse {
	struct buf	 text;
	struct buf	 scratch;	/* words joined, before decoding */
};

#define NO_PART	((size_t)-1)

/* Where one person's parts are in the text: offsets, or NO_PART. */
struct parts {
	size_t	 first, von, last, jr;
};

static size_t
decode_part(struct list_parse *lp, const char *latex)
{
	size_t	 at = lp->text.len;

	latex_decode_onto(&lp->text, latex);
	buf_putc(&lp->text, '\0');
	return at;
}

/* Decode words [from, to) joined by spaces. */
static size_t
join_decode(struct list_parse *lp, char **w, size_t from, size_t to)
{
	size_t	 i;

	if (to <= from)
		return NO_PART;
	if (to == from + 1)
		return decode_part(lp, w[from]);
	buf_truncate(&lp->scratch, 0);
	for (i = from; i < to; i++) {
		if (i > from)
			buf_putc(&lp->scratch, ' ');
		buf_puts(&lp->scratch, w[i]);
	}
	return decode_part(lp, lp->scratch.data);
}

/* "von Last" from the words of a part that holds both. */
static void
split_von_last(struct list_parse *lp, struct parts *q, char **w, size_t n)
{
	size_t	 end = 0, i;

	/* von runs up to the last lowercase word but the final word. */
	for (i = 0; i + 1 < n; i++)
		if (word_is_lower(w[i]))
			end = i + 1;
	if (end > 0 && !word_is_lower(w[0]))
		end = 0;
	q->von = join_decode(lp, w, 0, end);
	q->last = join_decode(lp, w, end, n);
}

/* "First von Last": no commas. */
static void
split_no_comma(struct list_parse *lp, struct parts *q, char **w, size_t n)
{
	size_t	 von = n, end, i;

	for (i = 0; i + 1 < n; i++)
		if (word_is_lower(w[i])) {
			von = i;
			break;
		}
	if (von == n) {
		q->first = join_decode(lp, w, 0, n > 0 ? n - 1 : 0);
		q->last = join_decode(lp, w, n > 0 ? n - 1 : 0, n);
		return;
	}
	for (end = von + 1, i = von + 1; i + 1 < n; i++)
		if (word_is_lower(w[i]))
			end = i + 1;
	q->first = join_decode(lp, w, 0, von);
	q->von = join_decode(lp, w, von, end);
	q->last = join_decode(lp, w, end, n);
}

static int
part_is_blank(const struct list_parse *lp, size_t at)
{
	return at == NO_PART || rich_is_blank(lp->text.data + at);
}

/* A missing family name is taken from First, else from Jr. */
static void
settle_parts(const struct list_parse *lp, struct parts *q)
{
	size_t	*take;

	if (part_is_blank(lp, q->last)) {
		take = !part_is_blank(lp, q->first) ? &q->first : &q->jr;
		q->last = *take;
		*take = NO_PART;
	}
}

/* First of "von Last, First" or "von Last, Jr, First": past those,
 * BibTeX's extra commas join First. */
static size_t
first_of(struct list_parse *lp, char **parts, size_t nparts)
{
	size_t	 i;

	if (nparts <= 3)
		return decode_part(lp, parts[nparts - 1]);
	buf_truncate(&lp->scratch, 0);
	for (i = 2; i < nparts; i++) {
		if (lp->scratch.len > 0)
			buf_puts(&lp->scratch, ", ");
		buf_puts(&lp->scratch, parts[i]);
	}
	return decode_part(lp, lp->scratch.data != NULL ?
	    lp->scratch.data : "");
}

/* Is text written in Chinese, Japanese or Korean script?  Its first
 * character says. */
static int
is_cjk(const char *text)
{
	int	 cp;

	while (RICH_IS_MARKUP(*text))
		text++;
	if (utf8_decode(text, strlen(text), &cp) == 0)
		return 0;
	return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 &&
	    cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0x20000 && cp <= 0x3134f);
}

#define MAX_WORDS 64

/*
 * One name of len bytes, cut in place; orig is the name as written
 * (for warnings, which only come with a file).
 */
static void
parse_one(struct list_parse *lp, struct person *p, struct parts *q,
    char *name, size_t len, const char *orig, const char *file, int line)
{
	char		*parts[8], *w[MAX_WORDS];
	size_t		 nparts, nw, i, plen;
	struct buf	 shown = { 0 };

	/* "First Last", a name without a comma anywhere, is one part,
	 * trimmed already: memchr() finds that sooner than cut(). */
	if (memchr(name, ',', len) == NULL) {
		parts[0] = name;
		nparts = 1;
		p->flags |= strip_marks(name, len, &shown);
	} else {
		nparts = cut(name, SEP_COMMA, parts, NELEM(parts));
		for (i = 0; i < nparts; i++) {
			/* cut() put a NUL where each comma was. */
			plen = i + 1 < nparts ? (size_t)(parts[i + 1] -
			    parts[i]) - 1 : len - (size_t)(parts[i] - name);
			parts[i] = trim(parts[i], plen, &plen);
			p->flags |= strip_marks(parts[i], plen, &shown);
		}
		/* "Yuan*, Zhihang,": a comma at the end is a slip, not an
		 * empty given name making "Zhihang" a Jr. */
		if (nparts > 1 && parts[nparts - 1][0] == '\0') {
			nparts--;
			if (file != NULL)
				msg(MSG_WARNING, file, line, "name '%.*s' ends "
				    "with a comma: read without it", (int)len,
				    orig);
		}
	}
	p->marks = shown.len > 0 ? xstrdup(shown.data) : no_text;
	buf_free(&shown);
	/* A name in CJK script without a comma is one string, family
	 * name first: "王维欢", "孔 宪" -- not given names, then family. */
	if (nparts == 1 && is_cjk(parts[0])) {
		w[0] = parts[0];
		nw = 1;
	} else
		nw = words_of(parts[0], w, MAX_WORDS);
	if (nparts == 1)
		split_no_comma(lp, q, w, nw);
	else
		split_von_last(lp, q, w, nw);
	if (nparts > 3 && file != NULL)
		msg(MSG_WARNING, file, line, "too many commas in name '%.*s'",
		    (int)len, orig);
	if (nparts >= 2) {
		q->first = first_of(lp, parts, nparts);
		q->jr = nparts >= 3 ? decode_part(lp, parts[1]) : NO_PART;
	}
	if (nw == 0 && file != NULL)
		msg(MSG_WARNING, file, line, "name '%.*s' has no family name",
		    (int)len, orig);
	settle_parts(lp, q);
}

static char *
part_in(char *text, size_t at)
{
	return at == NO_PART || text[at] == '\0' ? no_text : text + at;
}

/*
 * The persons and, after them, the text of their parts in one
 * allocation, which names_free() frees with the persons.
 */
static struct person *
pack(struct list_parse *lp, struct person *v, const struct parts *q,
    size_t n)
{
	struct person	*out;
	char		*text;
	size_t		 i;

	out = xmalloc(n * sizeof(*out) + lp->text.len + 1);
	memcpy(out, v, n * sizeof(*out));
	text = (char *)(out + n);
	if (lp->text.len > 0)
		memcpy(text, lp->text.data, lp->text.len);
	for (i = 0; i < n; i++) {
		out[i].first = part_in(text, q[i].first);
		out[i].von = part_in(text, q[i].von);
		out[i].last = part_in(text, q[i].last);
		out[i].jr = part_in(text, q[i].jr);
	}
	return out;
}

/* The brace closing the group that s[0] opens, or NULL. */
static char *
group_end(char *s, size_t len)
{
	size_t	 i;
	int	 depth = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		else if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && --depth == 0)
			return s + i;
	}
	return NULL;
}

/* Is s a command from cmds followed by no letter?  Its length or 0. */
static size_t
command_at(const char *s, size_t len, const char *const *cmds)
{
	size_t	 n;

	for (; *cmds != NULL; cmds++) {
		n = strlen(*cmds);
		if (n <= len && memcmp(s, *cmds, n) == 0 && (n == len ||
		    !isalpha((unsigned char)s[n])))
			return n;
	}
	return 0;
}

/*
 * A whole name in bold, underlined or emphasized -- "{\bf Zhang, Hang}",
 * "\textbf{Chodrow, P. S.}", as CVs mark their owner: the name inside,
 * cut in place (*len updated), and *marked set; or name as it was.
 * Only a font command makes a group a wrapper: "{Barnes and Noble}"
 * is a name of its own.
 */
static char *
unwrap_emphasis(char *name, size_t *len, int *marked)
{
	static const char *const with_group[] = { "\\textbf", "\\underline",
	    "\\uline", "\\emph", "\\textit", NULL };
	static const char *const switches[] = { "\\bfseries", "\\bf",
	    "\\em", "\\it", NULL };
	size_t	 n;
	char	*end, *inner;

	for (;;) {
		if ((n = command_at(name, *len, with_group)) > 0) {
			inner = name + n;
			while (inner < name + *len && is_blank(*inner))
				inner++;
		} else if (name[0] == '{' && (n = command_at(name + 1,
		    *len - 1, switches)) > 0)
			inner = name;
		else
			return name;
		if (*inner != '{' || (end = group_end(inner, *len -
		    (size_t)(inner - name))) != name + *len - 1)
			return name;
		inner += inner == name ? 1 + n : 1;
		*end = '\0';
		name = trim(inner, (size_t)(end - inner), len);
		*marked = 1;
	}
}

static int
is_blank_name(const char *s, size_t n)
{
	while (n > 0 && is_blank(*s)) {
		s++;
		n--;
	}
	return n == 0;
}

/*
 * At most limit persons (0: all) of the list.
 * For the first alone (limit 1) the list is cut at its first " and "
 * only: a list of thousands is not read past it.
 */
static struct person *
parse_list(const char *latex, size_t *count, const char *file, int line,
    size_t limit)
{
	static const struct parts	 none = { NO_PART, NO_PART, NO_PART,
					    NO_PART };
	char				*copy, *few[64], **names = few, *name;
	size_t				 n, i, kept = 0, len = strlen(latex);
	size_t				 max, lfew[64], *lens = lfew;
	struct person			 vfew[16], *v = vfew, *out;
	struct parts			 qfew[16], *q = qfew;
	struct list_parse		 lp = { { 0 }, { 0 } };

	copy = memcpy(xmalloc(len + 1), latex, len + 1);
	max = 1 + len / 4;	/* " and" is four bytes at least */
	if (max > NELEM(few)) {
		names = xreallocarray(NULL, max, sizeof(char *));
		lens = xreallocarray(NULL, max, sizeof(size_t));
	}
	n = cut_names(copy, len, names, lens, limit == 1 ? 2 : max);
	if (limit == 1 && n == 2 && is_blank_name(names[0], lens[0])) {
		/* " and B and C": the first is further on; cut it all. */
		memcpy(copy, latex, len + 1);
		n = cut_names(copy, len, names, lens, max);
	}
	/* Most lists are short: their persons are made here, then packed. */
	if (n > NELEM(vfew)) {
		v = xreallocarray(NULL, n, sizeof(*v));
		q = xreallocarray(NULL, n, sizeof(*q));
	}
	memset(v, 0, n * sizeof(*v));
	/* Decoded text is about as long as the source. */
	buf_reserve(&lp.text, len + len / 4 + 16);
	latex_forget_unknown();
	for (i = 0; i < n && (limit == 0 || kept < limit); i++) {
		name = trim(names[i], lens[i], &len);
		if (len >= 3 && strncasecmp(name, "and", 3) == 0 &&
		    (len == 3 || is_blank(name[3]))) {
			/* "A and and B": the list splits at the first " and ",
			 * leaving "and B" -- a slip, not a name "and". */
			if (file != NULL)
				msg(MSG_WARNING, file, line, "'and and' in a "
				    "name list: read as one 'and'");
			name = trim(name + 3, len - 3, &len);
			if (len == 0)
				continue;
		}
		if (name[0] == '\0') {
			if (file != NULL)
				msg(MSG_WARNING, file, line, "empty name in a "
				    "name list");
			continue;
		}
		q[kept] = none;
		if ((name[0] | 0x20) == 'o' && strcasecmp(name, "others") == 0) {
			v[kept].others = 1;
			v[kept].marks = no_text;
		} else {
			/* The copy is cut in place; latex is as written. */
			const char	*orig = latex + (name - copy);
			int		 marked = 0;

			name = unwrap_emphasis(name, &len, &marked);
			parse_one(&lp, &v[kept], &q[kept], name, len, orig,
			    file, line);
			v[kept].me |= marked;
		}
		kept++;
	}
	if (file != NULL)
		latex_report_unknown(file, line);
	out = pack(&lp, v, q, kept);
	buf_free(&lp.text);
	buf_free(&lp.scratch);
	if (v != vfew) {
		free(q);
		free(v);
	}
	if (names != few) {
		free(names);
		free(lens);
	}
	free(copy);
	*count = kept;
	return out;
}

struct person *
names_parse(const char *latex, size_t *count, const char *file, int line)
{
	return parse_list(latex, count, file, line, 0);
}

struct person *
names_parse_first(const char *latex, size_t *count)
{
	return parse_list(latex, count, NULL, 0, 1);
}

/* One name of a list with the marks taken off each of its parts. */
static void
put_unmarked(struct buf *out, char *name, size_t len)
{
	char		*parts[8];
	struct buf	 shown = { 0 };
	size_t		 nparts, i, plen;

	nparts = cut(name, SEP_COMMA, parts, NELEM(parts));
	for (i = 0; i < nparts; i++) {
		/* cut() put a NUL where each comma was. */
		plen = i + 1 < nparts ? (size_t)(parts[i + 1] - parts[i]) - 1 :
		    len - (size_t)(parts[i] - name);
		parts[i] = trim(parts[i], plen, &plen);
		strip_marks(parts[i], plen, &shown);
		if (i > 0)
			buf_puts(out, ", ");
		buf_puts(out, parts[i]);
	}
	buf_free(&shown);
}

char *
names_unmarked(const char *latex)
{
	size_t		 len = strlen(latex), max = 1 + len / 4, n, i, nlen;
	char		*copy = memcpy(xmalloc(len + 1), latex, len + 1);
	char		**names = xreallocarray(NULL, max, sizeof(char *));
	size_t		*lens = xreallocarray(NULL, max, sizeof(size_t));
	struct buf	 out = { 0 };
	char		*name;

	n = cut_names(copy, len, names, lens, max);
	for (i = 0; i < n; i++) {
		name = trim(names[i], lens[i], &nlen);
		if (name[0] == '\0')
			continue;
		if (out.len > 0)
			buf_puts(&out, " and ");
		put_unmarked(&out, name, nlen);
	}
	free(lens);
	free(names);
	free(copy);
	return buf_detach(&out);
}

void
names_free(struct person *v, size_t count)
{
	size_t	 i;

	/* The parts are in v's own allocation (pack); marks are not. */
	for (i = 0; i < count; i++)
		free_part(v[i].marks);
	free(v);
}

/* The words of an annotation bib2pubs reads, and what each sets. */
static const struct {
	const char	*word;
	unsigned	 flag;	/* 0: the owner */
} annotations[] = {
	{ "equal", MARK_EQUAL }, { "equalcontrib", MARK_EQUAL },
	{ "jointfirst", MARK_EQUAL }, { "cofirst", MARK_EQUAL },
	{ "corresponding", MARK_CORRESPONDING },
	{ "highlight", 0 }, { "me", 0 },
};

/* Set what word says on p; 0 if it is no word bib2pubs reads. */
static int
annotate_word(struct person *p, const char *word)
{
	size_t	 i;

	for (i = 0; i < NELEM(annotations); i++)
		if (strcmp(word, annotations[i].word) == 0) {
			if (annotations[i].flag != 0)
				p->flags |= annotations[i].flag;
			else
				p->me = 1;
			return 1;
		}
	return 0;
}

/* One "N=a,b" or "N:part=a,b" item of a biblatex annotation. */
static int
annotate_item(struct person *v, size_t count, const char *item,
    char **unknown)
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
	    tok = strtok_r(NULL, ", \t", &save))
		if (!annotate_word(&v[n - 1], tok) && *unknown == NULL)
			*unknown = xstrdup(tok);
	free(list);
	return 1;
}

int
names_annotate(struct person *v, size_t count, const char *an,
    char **unknown)
{
	char	*copy = xstrdup(an), *item, *save = NULL;
	int	 ok = 1;

	*unknown = NULL;
	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save))
		ok &= annotate_item(v, count, item, unknown);
	free(copy);
	return ok;
}

void
names_finish_marks(struct person *p)
{
	struct buf	 b = { 0 };

	if ((p->flags & (MARK_EQUAL | MARK_CORRESPONDING)) == 0)
		return;		/* most names: the marks are as written */
	buf_puts(&b, p->marks);
	if ((p->flags & MARK_EQUAL) && strchr(b.data, '*') == NULL)
		buf_putc(&b, '*');
	if ((p->flags & MARK_CORRESPONDING) && strchr(b.data, '#') == NULL)
		buf_putc(&b, '#');
	free_part(p->marks);
	p->marks = xstrdup(b.data);	/* kept with the page: no spare room */
	buf_free(&b);
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


void
names_display_parts(const struct person *p, enum name_style style,
    const char *given, const char *part[4], const char *sep[4])
{
	if (is_cjk(p->last) && (given[0] == '\0' || is_cjk(given))) {
		/* 孔宪: family name first, no space, in every style. */
		part[0] = p->von, part[1] = p->last, part[2] = p->first;
		part[3] = p->jr;
		sep[0] = sep[1] = sep[3] = " ", sep[2] = "";
	} else if (style == NAME_LAST_FIRST) {
		part[0] = p->von, part[1] = p->last, part[2] = p->jr;
		part[3] = given;
		sep[0] = sep[1] = " ", sep[2] = sep[3] = ", ";
	} else {
		part[0] = given, part[1] = p->von, part[2] = p->last;
		part[3] = p->jr;
		sep[0] = sep[1] = sep[2] = " ", sep[3] = ", ";
	}
}

char *
names_format(const struct person *p, enum name_style style)
{
	struct buf	 b = { 0 };
	char		*initials = NULL;
	const char	*given = p->first, *part[4], *sep[4];
	size_t		 i;

	if (p->others)
		return xstrdup("et al.");
	if (style != NAME_FULL)
		given = initials = names_initials(p->first);
	names_display_parts(p, style, given, part, sep);
	for (i = 0; i < 4; i++)
		put_part(&b, part[i], sep[i]);
	free(initials);
	return buf_detach(&b);
}

int
names_full_into(const struct person *p, char *out, size_t cap)
{
	const char	*part[4], *sep[4];
	size_t		 i, len = 0, n, s;

	names_display_parts(p, NAME_FULL, p->first, part, sep);
	if (p->others)
		part[0] = "et al.", part[1] = part[2] = part[3] = "";
	for (i = 0; i < 4; i++) {
		if (rich_is_blank(part[i]))
			continue;
		n = strlen(part[i]);
		s = len > 0 ? strlen(sep[i]) : 0;
		if (len + s + n >= cap)
			return 0;
		memcpy(out + len, sep[i], s);
		memcpy(out + len + s, part[i], n);
		len += s + n;
	}
	out[len] = '\0';
	return 1;
}

/* ---- matching the page owner ---- */

struct name_key {
	char	 *family;	/* folded "von last" */
	char	 *last;		/* folded "last" */
	char	**given;	/* folded given-name words */
	size_t	  ngiven;
	char	 *given_joined;
	/*
	 * Family names already compared, as written (von, a unit
	 * separator, last) -> KIN or STRANGER.  A page's authors come
	 * back entry after entry, and folding a name with accents costs
	 * a Unicode mapping and an allocation: the key remembers each
	 * answer.  What it remembers is the same whatever is asked next,
	 * so a const key may learn it.
	 */
	struct strmap	*families;
};

#define KIN		((void *)1)
#define STRANGER	((void *)2)

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

/* Folded "von last". */
static char *
family_key(const struct person *p)
{
	struct buf	 b = { 0 };
	char		*f;

	put_part(&b, p->von, " ");
	put_part(&b, p->last, " ");
	f = fold_rich(b.data != NULL ? b.data : "");
	buf_free(&b);
	return f;
}

static void
key_fill(struct name_key *k, const struct person *p)
{
	struct buf	 b = { 0 };
	char		*given, *tok, *save = NULL;

	k->family = family_key(p);
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
free_strings(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
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
	k->families = strmap_new();
	names_free(p, n);
	return k;
}

void
names_key_free(struct name_key *k)
{
	if (k == NULL)
		return;
	key_clear(k);
	strmap_free(k->families, NULL);
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

/* Is p's family name k's?  The last name alone first: most authors
 * are not the one looked for, and it says so. */
static int
same_family(const struct name_key *k, const struct person *p)
{
	char	*last = fold_rich(p->last), *family;
	int	 ok;

	ok = strcmp(k->last, last) == 0;
	if (!ok && rich_is_blank(p->von) && !rich_is_blank(p->last))
		ok = strcmp(k->family, last) == 0;
	else if (!ok) {
		family = family_key(p);
		ok = strcmp(k->family, family) == 0;
		free(family);
	}
	free(last);
	return ok;
}

/* a then b without blanks: a name in CJK script, family name first. */
static char *
whole_name(const char *a, const char *b)
{
	struct buf	 out = { 0 };
	const char	*s;

	for (s = a; *s != '\0'; s++)
		if (*s != ' ')
			buf_putc(&out, *s);
	for (s = b; *s != '\0'; s++)
		if (*s != ' ')
			buf_putc(&out, *s);
	return buf_detach(&out);
}

/*
 * A name in CJK script is one string, family name first: "孔, 宪" and
 * "孔宪" (one word, so all family name) are one name.
 */
static int
same_cjk_name(const struct name_key *k, const struct person *p)
{
	char	*family = family_key(p), *given = fold_rich(p->first);
	char	*pw = whole_name(family, given);
	char	*kw = whole_name(k->family, k->given_joined);
	int	 same = strcmp(pw, kw) == 0;

	free(family);
	free(given);
	free(pw);
	free(kw);
	return same;
}

int
names_match(const struct name_key *k, const struct person *p)
{
	struct name_key	 pk = { 0 };
	struct buf	 written = { 0 };
	void		*known;
	int		 ok;

	if (p->others)
		return 0;
	if (is_cjk(p->last))
		return same_cjk_name(k, p);
	buf_puts(&written, p->von);
	buf_putc(&written, '\x1f');
	buf_puts(&written, p->last);
	if ((known = strmap_get(k->families, written.data)) == NULL) {
		known = same_family(k, p) ? KIN : STRANGER;
		strmap_put(k->families, written.data, known);
	}
	buf_free(&written);
	if (known == STRANGER)
		return 0;
	key_fill(&pk, p);
	ok = given_agree(k, &pk);
	key_clear(&pk);
	return ok;
}

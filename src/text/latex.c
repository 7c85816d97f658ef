/* SPDX-License-Identifier: ISC */
/*
 * latex.c: LaTeX as it appears in .bib values, decoded to rich text.
 *
 * One pass, no recursion: braces keep an explicit stack, so 100,000
 * nested braces cost memory, not stack.  Accents are combined with
 * their base letter and composed by utf8proc; $math$ is decoded to
 * Unicode when math.c understands all of it, else kept as written.  An
 * unknown command loses its name and keeps the text of its argument
 * ("\pkg{sysdep}" is "sysdep"): the reader wants the words, and the
 * name is markup only the file's own style knew; each such name is said
 * once (latex_report_unknown).  Zero-argument macros a file defines in
 * @preamble are expanded (latex_define_macros).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/msg.h"
#include "base/util.h"
#include "text/math.h"
#include "text/rich.h"

#define G_KEEP	0x01	/* this brace opened a case-protected run */
#define G_EM	0x02	/* italics end with this group */
#define G_BF	0x04	/* bold ends with this group */
#define G_BF_INNER 0x10	/* bold opened inside italics: closes first */
#define G_QUOTE	0x20	/* \enquote{...}: quotes around the group */

struct decoder {
	const char	*p;
	int		 markdown;	/* leave ` ' ~ to Markdown */
	struct buf	 out;
	unsigned char	*stack;		/* flags of each open group */
	size_t		 depth, cap;
	unsigned char	 small[32];	/* the stack, until it is deeper */
	size_t		 keep;		/* open G_KEEP groups */
	unsigned char	 top;		/* styles declared outside any group */
};

/*
 * The tables below are sorted by name (strcmp's order), each name once:
 * latex_tables_sorted() says whether they still are.  They are found
 * through one hash index of all their names (cmd_index below).
 */

/* Control symbols and words that stand for one piece of text. */
static const struct {
	const char	*name;
	const char	*text;
} symbols[] = {
	{ " ", " " }, { "!", "" }, { "#", "#" }, { "$", "$" },
	{ "%", "%" }, { "&", "&" }, { ",", "\xe2\x80\x89" },
	{ "-", "" }, { "/", "" }, { ":", " " }, { ";", " " },
	{ "@", "" }, { "AA", "Å" }, { "AE", "Æ" },
	{ "BibTeX", "BibTeX" }, { "DH", "Ð" }, { "DJ", "Đ" },
	{ "L", "Ł" }, { "LaTeX", "LaTeX" }, { "LaTeXe", "LaTeX2ε" },
	{ "NG", "Ŋ" }, { "O", "Ø" }, { "OE", "Œ" }, { "P", "¶" },
	{ "S", "§" }, { "SS", "SS" }, { "TH", "Þ" },
	{ "TeX", "TeX" }, { "\\", " " }, { "_", "_" },
	{ "aa", "å" }, { "ae", "æ" }, { "allowbreak", "" },
	{ "copyright", "©" }, { "dag", "†" }, { "ddag", "‡" },
	{ "dh", "ð" }, { "dj", "đ" }, { "dots", "…" },
	{ "emdash", "—" }, { "endash", "–" }, { "enspace", "\xe2\x80\x82" },
	{ "euro", "€" }, { "guillemotleft", "«" },
	{ "guillemotright", "»" }, { "hyphen", "-" }, { "i", "ı" },
	{ "j", "ȷ" },
	{ "l", "ł" }, { "ldots", "…" }, { "newblock", " " },
	{ "newline", " " }, { "ng", "ŋ" }, { "nobreak", "" },
	{ "normalfont", "" }, { "o", "ø" }, { "oe", "œ" },
	{ "pounds", "£" }, { "protect", "" }, { "qquad", " " },
	{ "quad", " " }, { "relax", "" }, { "slash", "/" }, { "ss", "ß" },
	{ "textasciicircum", "^" }, { "textasciitilde", "~" },
	{ "textasteriskcentered", "∗" }, { "textbackslash", "\\" },
	{ "textbar", "|" }, { "textbullet", "•" },
	{ "textcopyright", "©" }, { "textdagger", "†" },
	{ "textdaggerdbl", "‡" }, { "textdegree", "°" },
	{ "textdollar", "$" },
	{ "textellipsis", "…" }, { "textemdash", "—" },
	{ "textendash", "–" }, { "texteuro", "€" },
	{ "textexclamdown", "¡" }, { "textgreater", ">" },
	{ "textless", "<" }, { "textparagraph", "¶" },
	{ "textperiodcentered", "·" }, { "textperthousand", "‰" },
	{ "textquestiondown", "¿" }, { "textquotedbl", "\"" },
	{ "textquotedblleft", "“" }, { "textquotedblright", "”" },
	{ "textquoteleft", "‘" }, { "textquoteright", "’" },
	{ "textquotesingle", "'" },
	{ "textregistered", "®" }, { "textsection", "§" },
	{ "textsterling", "£" }, { "texttrademark", "™" },
	{ "textunderscore", "_" }, { "th", "þ" },
	{ "thinspace", "\xe2\x80\x89" }, { "{", "{" },
	{ "}", "}" },
};

/* Accent commands and the combining character each one adds. */
static const struct {
	const char	*name;
	int		 mark;
} accents[] = {
	{ "\"", 0x0308 }, { "'", 0x0301 }, { ".", 0x0307 },
	{ "=", 0x0304 }, { "H", 0x030b }, { "^", 0x0302 },
	{ "`", 0x0300 }, { "b", 0x0331 }, { "c", 0x0327 },
	{ "d", 0x0323 }, { "k", 0x0328 }, { "r", 0x030a },
	{ "t", 0x0361 }, { "u", 0x0306 }, { "v", 0x030c },
	{ "~", 0x0303 },
};

/* Commands whose braced argument is text in a style (or plain). */
static const struct {
	const char	*name;
	unsigned char	 style;
} wrappers[] = {
	{ "emph", G_EM }, { "enquote", G_QUOTE }, { "hbox", 0 },
	{ "mbox", 0 }, { "mkbibbold", G_BF }, { "mkbibemph", G_EM },
	{ "mkbibitalic", G_EM }, { "mkbibquote", G_QUOTE },
	{ "text", 0 }, { "textbf", G_BF },
	{ "textit", G_EM }, { "textmd", 0 }, { "textnormal", 0 },
	{ "textquote", G_QUOTE },
	{ "textrm", 0 }, { "textsc", 0 }, { "textsf", 0 },
	{ "textsl", G_EM },
	{ "textsubscript", 0 }, { "textsuperscript", 0 },
	{ "texttt", 0 }, { "textup", 0 }, { "url", 0 },
};

/* Font declarations: {\em ...} and friends. */
static const struct {
	const char	*name;
	unsigned char	 style;
} declarations[] = {
	{ "bf", G_BF }, { "bfseries", G_BF }, { "em", G_EM },
	{ "it", G_EM }, { "itshape", G_EM }, { "mdseries", 0 },
	{ "rm", 0 }, { "rmfamily", 0 }, { "sc", 0 },
	{ "scshape", 0 }, { "sf", 0 }, { "sffamily", 0 },
	{ "sl", G_EM }, { "slshape", G_EM }, { "tt", 0 },
	{ "ttfamily", 0 }, { "upshape", 0 },
};

/* Commands followed by a dimension, which is not text: \kern.05em. */
static const char *const spacers[] = {
	"hskip", "kern", "lower", "mkern", "mskip", "raise", "vskip",
};

/* Commands whose first braced argument is not text at all. */
static const char *const dropped[] = {
	"foreignlanguage", "href", "hspace", "hyphenation", "index",
	"label", "noopsort", "vspace",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Every command name of the tables, with its place in each (-1: not
 * there), hashed once: a command costs a hash and a compare or two,
 * where a binary search of each table in turn costs up to 16 string
 * compares (\emph: symbols, accents, then wrappers).  Made before the
 * first decode.
 */
struct cmd {
	const char	*name;
	size_t		 len;
	short		 symbol, accent, wrapper, declaration, dropped;
};

#define CMD_SLOTS	512	/* a power of two, over twice the names */

static struct cmd	 cmd_index[CMD_SLOTS];
static int		 cmd_indexed;

/* The slot of name, len bytes long; a new one if add, else NULL. */
static struct cmd *
cmd_slot(const char *name, size_t len, int add)
{
	struct cmd	*c;
	size_t		 i;

	for (i = hash_bytes(name, len) & (CMD_SLOTS - 1); ;
	    i = (i + 1) & (CMD_SLOTS - 1)) {
		c = &cmd_index[i];
		if (c->name == NULL) {
			if (!add)
				return NULL;
			c->name = name;
			c->len = len;
			c->symbol = c->accent = c->wrapper = -1;
			c->declaration = c->dropped = -1;
			return c;
		}
		if (c->len == len && memcmp(c->name, name, len) == 0)
			return c;
	}
}

#define INDEX(table, field, name_of)					\
	for (i = 0; i < NELEM(table); i++)				\
		cmd_slot(name_of, strlen(name_of), 1)->field = (short)i

static void
index_commands(void)
{
	size_t	 i;

	INDEX(symbols, symbol, symbols[i].name);
	INDEX(accents, accent, accents[i].name);
	INDEX(wrappers, wrapper, wrappers[i].name);
	INDEX(declarations, declaration, declarations[i].name);
	INDEX(dropped, dropped, dropped[i]);
}

/* The command name (len bytes, not NUL-terminated), or NULL. */
static const struct cmd *
find_command(const char *name, size_t len)
{
	if (!cmd_indexed) {
		index_commands();
		cmd_indexed = 1;
	}
	return cmd_slot(name, len, 0);
}

/* Are the names of table (n entries of size bytes) in strcmp's order? */
static int
sorted(const void *table, size_t n, size_t size)
{
	const char	*t = table;
	size_t		 i;

	for (i = 1; i < n; i++)
		if (strcmp(*(const char *const *)(t + (i - 1) * size),
		    *(const char *const *)(t + i * size)) >= 0)
			return 0;
	return 1;
}

int
latex_tables_sorted(void)
{
	return sorted(symbols, NELEM(symbols), sizeof(symbols[0])) &&
	    sorted(accents, NELEM(accents), sizeof(accents[0])) &&
	    sorted(wrappers, NELEM(wrappers), sizeof(wrappers[0])) &&
	    sorted(declarations, NELEM(declarations),
	    sizeof(declarations[0])) &&
	    sorted(dropped, NELEM(dropped), sizeof(dropped[0])) &&
	    sorted(spacers, NELEM(spacers), sizeof(spacers[0])) &&
	    math_table_sorted();
}

static void
push_group(struct decoder *d, unsigned char flags)
{
	if (d->depth == d->cap) {
		d->cap *= 2;
		if (d->stack == d->small)
			d->stack = memcpy(xmalloc(d->cap), d->small,
			    sizeof(d->small));
		else
			d->stack = xrealloc(d->stack, d->cap);
	}
	d->stack[d->depth++] = flags;
}

/* Close in the reverse order of opening, so the markup nests. */
static void
close_styles(struct buf *out, unsigned char flags)
{
	if ((flags & G_BF) && (flags & G_BF_INNER))
		buf_putc(out, RICH_BF_OFF);
	if (flags & G_EM)
		buf_putc(out, RICH_EM_OFF);
	if ((flags & G_BF) && !(flags & G_BF_INNER))
		buf_putc(out, RICH_BF_OFF);
}

/* A brace group: case-protected unless it is {\accent...} at top level. */
static void
open_brace(struct decoder *d, unsigned char style)
{
	unsigned char	 flags = style;
	int		 special = d->depth == 0 && d->p[0] == '\\' && !style;

	if (!special && d->keep == 0) {
		buf_putc(&d->out, RICH_KEEP_ON);
		flags |= G_KEEP;
	}
	if (flags & G_KEEP)
		d->keep++;
	if (style & G_EM)
		buf_putc(&d->out, RICH_EM_ON);
	if (style & G_BF)
		buf_putc(&d->out, RICH_BF_ON);
	if (style & G_QUOTE)
		buf_puts(&d->out, "“");
	push_group(d, flags);
}

static void
close_brace(struct decoder *d)
{
	unsigned char	 flags;

	if (d->depth == 0)
		return;		/* unbalanced: scan.c reports these */
	flags = d->stack[--d->depth];
	if (flags & G_QUOTE)
		buf_puts(&d->out, "”");
	close_styles(&d->out, flags);
	if (flags & G_KEEP) {
		d->keep--;
		buf_putc(&d->out, RICH_KEEP_OFF);
	}
}

/* Skip a balanced {...} at p; returns the byte after it. */
static const char *
skip_group(const char *p)
{
	size_t	 depth = 0;

	while (*p == ' ')
		p++;
	if (*p != '{')
		return p;
	do {
		if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		else if (*p == '\\' && p[1] != '\0')
			p++;
		p++;
	} while (depth > 0 && *p != '\0');
	return p;
}

/* The letter an accent sits on: a character, or \i / \j. */
static int
accent_base(const char **pp)
{
	const char	*p = *pp;
	int		 cp, n;

	if (p[0] == '\\' && (p[1] == 'i' || p[1] == 'j') &&
	    !((p[2] >= 'a' && p[2] <= 'z') || (p[2] >= 'A' && p[2] <= 'Z'))) {
		*pp = p + 2;
		while (**pp == ' ')
			(*pp)++;
		return p[1];
	}
	if (*p == '\0' || *p == '{' || *p == '}' || *p == '\\' || *p == ' ')
		return -1;
	n = utf8_decode(p, strnlen(p, 4), &cp);
	if (n == 0)
		return -1;
	*pp = p + n;
	return cp;
}

/*
 * Compositions made so far: names repeat their accents, and each
 * utf8proc_map call costs a malloc and a table walk.  256 slots keep
 * the few dozen accented letters of a page's authors from colliding.
 */
#define COMPOSED_SLOTS	256

static struct composed {
	int		 base, mark;
	size_t		 len;		/* 0: an empty slot */
	char		 text[12];
} composed[COMPOSED_SLOTS];

static void
put_composed(struct buf *out, int base, int mark)
{
	struct composed	*slot = &composed[((unsigned)base * 31u +
			    (unsigned)mark) % COMPOSED_SLOTS];
	char		 tmp[9];
	size_t		 n;
	utf8proc_uint8_t *made;

	if (slot->len > 0 && slot->base == base && slot->mark == mark) {
		buf_put(out, slot->text, slot->len);
		return;
	}
	n = utf8_encode(base, tmp);
	n += utf8_encode(mark, tmp + n);
	tmp[n] = '\0';
	if (utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)n,
	    &made, UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0) {
		buf_put(out, tmp, n);
		return;
	}
	n = strlen((const char *)made);
	buf_put(out, (const char *)made, n);
	if (n > 0 && n <= sizeof(slot->text)) {
		slot->base = base;
		slot->mark = mark;
		slot->len = n;
		memcpy(slot->text, made, n);
	}
	free(made);
}

/*
 * d->p is just after the accent command.  Handles \"u, \"{u}, \" u
 * (after a letter command), {\'\i}, \'{\i} and \t{oo}.
 */
static void
accent(struct decoder *d, int mark, int letter_command)
{
	const char	*p = d->p;
	int		 base;

	if (letter_command)
		while (*p == ' ')
			p++;
	if (*p != '{') {
		if ((base = accent_base(&p)) < 0)
			return;
		d->p = p;
		put_composed(&d->out, base, mark);
		return;
	}
	for (p++; *p == ' '; p++)
		continue;
	if ((base = accent_base(&p)) < 0) {
		d->p = p;	/* "\'{}": the accent has nothing to sit on */
		push_group(d, 0);
		return;
	}
	put_composed(&d->out, base, mark);
	while (*p == ' ')
		p++;
	if (*p == '}')
		p++;
	else
		push_group(d, 0);	/* "\t{oo}": the rest is plain text */
	d->p = p;
}

static int
control_word(struct decoder *d, const struct cmd *c)
{
	long	 i;

	if (c->accent >= 0) {
		accent(d, accents[c->accent].mark, 1);
		return 1;
	}
	if ((i = c->wrapper) >= 0) {
		while (*d->p == ' ')
			d->p++;
		if (*d->p == '{') {
			d->p++;
			open_brace(d, wrappers[i].style);
		}
		return 1;
	}
	if ((i = c->declaration) >= 0) {
		unsigned char	*flags = d->depth > 0 ?
		    &d->stack[d->depth - 1] : &d->top;
		unsigned char	 add = declarations[i].style & ~*flags;

		if (add & G_EM)
			buf_putc(&d->out, RICH_EM_ON);
		if (add & G_BF)
			buf_putc(&d->out, RICH_BF_ON);
		if ((add & G_BF) && (*flags & G_EM))
			add |= G_BF_INNER;
		*flags |= add;
		while (*d->p == ' ')
			d->p++;
		return 1;
	}
	if (c->dropped >= 0) {
		d->p = skip_group(d->p);
		return 1;
	}
	return 0;
}

/* A control word TeX has read: the blanks and an empty {} after it go. */
static void
end_word(struct decoder *d)
{
	while (*d->p == ' ')
		d->p++;
	if (d->p[0] == '{' && d->p[1] == '}')
		d->p += 2;
}

static int
symbol(struct decoder *d, const struct cmd *c, int word)
{
	if (c->symbol < 0)
		return 0;
	buf_puts(&d->out, symbols[c->symbol].text);
	if (word)	/* TeX eats blanks after a word */
		end_word(d);
	return 1;
}

/* ---- commands the file defines, and those nobody defines ---- */

static struct strmap	*macros;	/* name -> rich text, from @preamble */

/* Unknown names met since the last report, for the caller to place. */
#define UNKNOWN_PENDING	8
static char	*unknown_pending[UNKNOWN_PENDING];
static size_t	 nunknown_pending;

/* The problem an unknown command is, for msg_first(): said once. */
static const char *
unknown_problem(const char *name)
{
	static char	 key[80];

	snprintf(key, sizeof(key), "unknown command %s", name);
	return key;
}

static void
note_unknown(const char *name, size_t len)
{
	char	*s = xstrndup(name, len);
	size_t	 i;

	for (i = 0; i < nunknown_pending; i++)
		if (strcmp(unknown_pending[i], s) == 0)
			break;
	if (i < nunknown_pending || nunknown_pending == UNKNOWN_PENDING ||
	    msg_said(unknown_problem(s))) {
		free(s);
		return;
	}
	unknown_pending[nunknown_pending++] = s;
}

void
latex_forget_unknown(void)
{
	while (nunknown_pending > 0)
		free(unknown_pending[--nunknown_pending]);
}

void
latex_report_unknown(const char *file, int line)
{
	size_t	 i;

	for (i = 0; i < nunknown_pending; i++) {
		if (!msg_first(unknown_problem(unknown_pending[i])))
			continue;
		msg(MSG_WARNING, file, line, "unknown command \\%s: its name "
		    "is dropped, the text of its argument kept (said once)",
		    unknown_pending[i]);
	}
	latex_forget_unknown();
}

/* Expand a macro of @preamble; returns 0 if name is none. */
static int
user_macro(struct decoder *d, const char *name, size_t len)
{
	char		 key[64];
	const char	*text;

	if (macros == NULL || len >= sizeof(key))
		return 0;
	memcpy(key, name, len);
	key[len] = '\0';
	if ((text = strmap_get(macros, key)) == NULL)
		return 0;
	buf_puts(&d->out, text);
	end_word(d);
	return 1;
}

/*
 * A command nobody defines: its name goes and the text of its argument
 * stays, as a plain group; a control symbol stays as its character.
 */
static void
unknown_command(struct decoder *d, const char *name, size_t len)
{
	int	 word = (*name >= 'a' && *name <= 'z') ||
		    (*name >= 'A' && *name <= 'Z');

	if (!word) {
		buf_put(&d->out, name, len);
		return;
	}
	note_unknown(name, len);
	while (*d->p == ' ')
		d->p++;
	if (*d->p == '{') {
		d->p++;
		open_brace(d, 0);
	}
}

/* After p's blanks, a TeX dimension ("-.05em", "0.5 ex"), or p. */
static const char *
dimension(const char *p)
{
	static const char units[] = "em ex pt pc in cm mm bp dd cc sp mu";
	const char	*q = p, *num, *u;

	while (*q == ' ')
		q++;
	if (*q == '=')
		q++;
	while (*q == '-' || *q == '+' || *q == ' ')
		q++;
	for (num = q; (*q >= '0' && *q <= '9') || *q == '.' || *q == ','; q++)
		continue;
	if (q == num)
		return p;
	while (*q == ' ')
		q++;
	for (u = units; u < units + sizeof(units) - 1; u += 3)
		if (q[0] == u[0] && q[1] == u[1])
			return q + 2 + (q[2] == ' ');	/* TeX eats one */
	return p;
}

/*
 * \kern.05em, \hskip 1em plus 1fil, \raise0.5ex: the command and its
 * dimensions go.
 */
static int
spacer(struct decoder *d, const char *name, size_t len)
{
	const char	*q;
	size_t		 i;

	for (i = 0; i < NELEM(spacers); i++)
		if (strlen(spacers[i]) == len &&
		    memcmp(spacers[i], name, len) == 0)
			break;
	if (i == NELEM(spacers))
		return 0;
	while (*d->p == ' ')	/* after a control word */
		d->p++;
	d->p = dimension(d->p);
	for (;;) {
		for (q = d->p; *q == ' '; q++)
			continue;
		if (strncmp(q, "plus", 4) != 0 && strncmp(q, "minus", 5) != 0)
			break;
		q += *q == 'p' ? 4 : 5;
		if (dimension(q) == q) {
			/* 1fil, 1fill: TeX's infinite glue */
			while (*q == ' ' || *q == '-' || *q == '.' ||
			    (*q >= '0' && *q <= '9'))
				q++;
			if (strncmp(q, "fil", 3) != 0)
				break;
			for (q += 3; *q == 'l'; q++)
				continue;
			d->p = q;
		} else
			d->p = dimension(q);
	}
	return 1;
}

/* d->p is at a backslash. */
static void
command(struct decoder *d)
{
	const char	*name = d->p + 1;
	const struct cmd *c;
	size_t		 len = 0;

	while ((name[len] >= 'a' && name[len] <= 'z') ||
	    (name[len] >= 'A' && name[len] <= 'Z'))
		len++;
	if (len == 0 && *name != '\0')
		len = 1;	/* a control symbol such as \" or \& */
	d->p = name + len;
	if (len == 0) {
		buf_putc(&d->out, '\\');
		return;
	}
	c = find_command(name, len);
	if (c != NULL && !(len == 1 && !((*name >= 'a' && *name <= 'z') ||
	    (*name >= 'A' && *name <= 'Z')))) {
		if (symbol(d, c, 1) || control_word(d, c))
			return;
	} else if (c != NULL) {
		if (c->accent >= 0) {
			accent(d, accents[c->accent].mark, 0);
			return;
		}
		if (symbol(d, c, 0))
			return;
	}
	if (!user_macro(d, name, len) && !spacer(d, name, len))
		unknown_command(d, name, len);
}

/*
 * d->p is at '$': $...$ or $$...$$ decoded to Unicode text if math.c
 * understands all of it (case-protected, as math is), else kept
 * verbatim, marked as math.
 */
static void
math(struct decoder *d)
{
	const char	*p = d->p;
	size_t		 delim = p[1] == '$' ? 2 : 1, close;

	for (p += delim; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '$')
			break;
	}
	if (*p == '\0') {
		buf_putc(&d->out, '$');
		d->p++;
		return;
	}
	close = delim == 2 && p[1] == '$' ? 2 : 1;
	buf_putc(&d->out, RICH_KEEP_ON);
	if (math_decode(&d->out, d->p + delim, (size_t)(p - d->p) - delim)) {
		buf_putc(&d->out, RICH_KEEP_OFF);
		d->p = p + close;
		return;
	}
	buf_truncate(&d->out, d->out.len - 1);
	p += close;
	buf_putc(&d->out, RICH_MATH_ON);
	buf_put(&d->out, d->p, (size_t)(p - d->p));
	buf_putc(&d->out, RICH_MATH_OFF);
	d->p = p;
}

/* Plain characters, with TeX's ligatures for dashes and quotes. */
static void
character(struct decoder *d)
{
	const char	*p = d->p;

	if (d->markdown && (*p == '`' || *p == '\'' || *p == '~')) {
		buf_putc(&d->out, *p);	/* code spans, quotes, strikethrough */
		d->p++;
	} else if (p[0] == '-' && p[1] == '-' && p[2] == '-') {
		buf_puts(&d->out, "—");
		d->p += 3;
	} else if (p[0] == '-' && p[1] == '-') {
		buf_puts(&d->out, "–");
		d->p += 2;
	} else if (p[0] == '`' && p[1] == '`') {
		buf_puts(&d->out, "“");
		d->p += 2;
	} else if (p[0] == '\'' && p[1] == '\'') {
		buf_puts(&d->out, "”");
		d->p += 2;
	} else if (p[0] == '`') {
		buf_puts(&d->out, "‘");
		d->p++;
	} else if (p[0] == '\'') {
		buf_puts(&d->out, "’");	/* TeX's right quote */
		d->p++;
	} else if (p[0] == '~') {
		buf_puts(&d->out, "\xc2\xa0");
		d->p++;
	} else {
		buf_putc(&d->out, *p);
		d->p++;
	}
}

/* The bytes that may mean more than themselves. */
#define SPECIAL "{}\\$~-`'"
static const unsigned char special[256] = {
	['{'] = 1, ['}'] = 1, ['\\'] = 1, ['$'] = 1, ['~'] = 1, ['-'] = 1,
	['`'] = 1, ['\''] = 1, ['\0'] = 1
};

/* The length of the plain run s starts with. */
static size_t
plain_span(const char *s)
{
	return span_until(s, special, 1, SPECIAL);
}

/* Decode latex onto the end of out. */
static void
decode_onto(struct buf *out, const char *latex, int markdown)
{
	struct decoder	 d;
	size_t		 n;

	memset(&d, 0, sizeof(d));
	d.p = latex;
	d.markdown = markdown;
	d.stack = d.small;
	d.cap = sizeof(d.small);
	d.out = *out;
	buf_grow(&d.out, strlen(latex));
	while (*d.p != '\0') {
		switch (*d.p) {
		case '{':
			d.p++;
			open_brace(&d, 0);
			break;
		case '}':
			d.p++;
			close_brace(&d);
			break;
		case '\\':
			command(&d);
			break;
		case '$':
			math(&d);
			break;
		default:
			if ((n = plain_span(d.p)) > 0) {
				buf_put(&d.out, d.p, n);	/* plain text */
				d.p += n;
			} else
				character(&d);
			break;
		}
	}
	/* "x \\mf": a command dropped at the end leaves its blank. */
	while (d.out.len > out->len && d.out.data[d.out.len - 1] == ' ')
		buf_truncate(&d.out, d.out.len - 1);
	while (d.depth > 0)
		close_brace(&d);
	close_styles(&d.out, d.top);
	if (d.stack != d.small)
		free(d.stack);
	*out = d.out;
}

static char *
decode(const char *latex, int markdown)
{
	struct buf	 out = { 0 };

	decode_onto(&out, latex, markdown);
	return buf_detach(&out);
}

char *
latex_decode(const char *latex)
{
	/* Most values hold no LaTeX at all: copy them as they are. */
	size_t	 n = plain_span(latex);

	if (latex[n] == '\0')
		return memcpy(xmalloc(n + 1), latex, n + 1);
	return decode(latex, 0);
}

/*
 * Short values decoded so far.  Words of names come
 * again and again ("Ji{\\v{r}}{\\'\\i}" in every paper of its author);
 * finding one here costs a quarter of decoding it again.
 */
#define WORD_SLOTS	256
#define WORD_MAX	32

static struct decoded_word {
	unsigned char	 inlen;		/* 0: an empty slot */
	unsigned char	 outlen;
	char		 in[WORD_MAX], out[WORD_MAX];
} decoded_words[WORD_SLOTS];

/* latex, len bytes and holding LaTeX, decoded onto out. */
static void
decode_word_onto(struct buf *out, const char *latex, size_t len)
{
	struct decoded_word	*w = &decoded_words[hash_bytes(latex, len) %
				    WORD_SLOTS];
	size_t			 at = out->len, pending;

	if (w->inlen == len && memcmp(w->in, latex, len) == 0) {
		buf_put(out, w->out, w->outlen);
		return;
	}
	pending = nunknown_pending;
	decode_onto(out, latex, 0);
	/* A word with an unknown command is decoded each time, so that
	 * each time its name is noted for the caller to report. */
	if (out->len - at < WORD_MAX && nunknown_pending == pending) {
		w->inlen = (unsigned char)len;
		w->outlen = (unsigned char)(out->len - at);
		memcpy(w->in, latex, len);
		memcpy(w->out, out->data + at, w->outlen);
	}
}

void
latex_decode_onto(struct buf *out, const char *latex)
{
	size_t	 n = plain_span(latex), len;

	if (latex[n] == '\0')
		buf_put(out, latex, n);
	else if ((len = n + strnlen(latex + n, WORD_MAX)) < WORD_MAX)
		decode_word_onto(out, latex, len);
	else
		decode_onto(out, latex, 0);
}

void
latex_decode_markdown_onto(struct buf *out, const char *latex)
{
	decode_onto(out, latex, 1);
}

char *
latex_decode_markdown(const char *latex)
{
	return decode(latex, 1);
}

/*
 * A URL or file name from LaTeX: \url{} and braces dropped, \_ \% \&
 * \# \$ \~ unescaped.  A URL drops its blanks (BibTeX turned its line
 * breaks into them); a file name keeps them ("poster (2).pdf").
 */
static char *
url_text(const char *latex, int blanks)
{
	struct buf	 b = { 0 };
	const char	*p = latex;

	/* Most URLs have nothing to drop or unescape. */
	if (latex[strcspn(latex, "{}\\ ")] == '\0')
		return xstrdup(latex);
	if (strncmp(p, "\\url{", 5) == 0)
		p += 5;
	for (; *p != '\0'; p++) {
		if (*p == '{' || *p == '}')
			continue;
		if (*p == '\\' && p[1] != '\0' && strchr("_%&#$~", p[1]))
			p++;
		else if (*p == ' ' && !blanks)
			continue;
		buf_putc(&b, *p);
	}
	return buf_detach(&b);
}

char *
latex_url(const char *latex)
{
	return url_text(latex, 0);
}

char *
latex_file_name(const char *latex)
{
	return url_text(latex, 1);
}

/* ---- @preamble ---- */

/* p past blanks. */
static const char *
blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return p;
}

/* The end of a balanced {...} at p, past its closer; NULL if none. */
static const char *
group_end(const char *p, const char *end)
{
	size_t	 depth = 0;

	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p + 1;
	}
	return NULL;
}

/* "\name" or "{\name}" at p: the name's bounds; the byte after, or NULL. */
static const char *
macro_name(const char *p, const char *end, const char **name, size_t *len)
{
	int	 braced = p < end && *p == '{';

	p = blanks(p + braced, end);
	if (p >= end || *p != '\\')
		return NULL;
	*name = ++p;
	while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		p++;
	*len = (size_t)(p - *name);
	if (*len == 0)
		return NULL;
	if (braced) {
		p = blanks(p, end);
		if (p >= end || *p != '}')
			return NULL;
		p++;
	}
	return blanks(p, end);
}

/* One definition after \def or \newcommand at p; returns where to go on. */
static const char *
define_one(const char *p, const char *end)
{
	const char	*name, *body, *stop;
	size_t		 len;
	char		*key, *latex;

	if (p < end && *p == '*')
		p++;
	if ((p = macro_name(blanks(p, end), end, &name, &len)) == NULL)
		return NULL;
	/* [n] or #1: a macro with arguments is not plain text. */
	if (p >= end || *p != '{' || (stop = group_end(p, end)) == NULL)
		return p;
	body = p + 1;
	if (memchr(body, '#', (size_t)(stop - 1 - body)) != NULL)
		return stop;
	key = xstrndup(name, len);
	latex = xstrndup(body, (size_t)(stop - 1 - body));
	if (macros == NULL)
		macros = strmap_new();
	free(strmap_put(macros, key, latex_decode(latex)));
	latex_forget_unknown();
	free(latex);
	free(key);
	return stop;
}

void
latex_define_macros(const char *text, size_t len)
{
	static const char *const definers[] = { "\\def", "\\newcommand",
	    "\\renewcommand", "\\providecommand" };
	const char	*p = text, *end = text + len, *next;
	size_t		 i, n;

	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		for (i = 0; i < NELEM(definers); i++) {
			n = strlen(definers[i]);
			if ((size_t)(end - p) > n &&
			    memcmp(p, definers[i], n) == 0 &&
			    !((p[n] >= 'a' && p[n] <= 'z') ||
			    (p[n] >= 'A' && p[n] <= 'Z')))
				break;
		}
		if (i == NELEM(definers)) {
			p++;
			continue;
		}
		next = define_one(p + n, end);
		p = next != NULL ? next : p + n;
	}
}

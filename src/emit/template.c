/* SPDX-License-Identifier: ISC */
/*
 * template.c: parse and run theme templates (syntax in template.h).
 * Templates are parsed once into a small tree and run per page.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/util.h"
#include "emit/escape.h"
#include "emit/template.h"
#include "text/rich.h"

enum node_type {
	N_TEXT,
	N_VAR,
	N_IF,
	N_FOR
};

enum filter {
	F_UPPER,
	F_LOWER,
	F_SENTENCE,
	F_TITLE,
	F_PLAIN,
	F_PERIOD,
	F_YAML,
	F_FRAGMENT,
	F_UNDERLINE,
	F_SLUG,
	F_YAMLPLAIN
};

static const char *const filter_names[] = {
	"upper", "lower", "sentence", "title", "plain", "period", "yaml",
	"fragment", "underline", "slug", "yamlplain"
};

#define MAX_FILTERS 4

struct node {
	enum node_type	 type;
	struct node	*next;
	char		*text;		/* N_TEXT */
	size_t		 len;
	char		*name;		/* N_VAR, N_IF, N_FOR */
	enum filter	 filters[MAX_FILTERS];
	size_t		 nfilters;
	int		 negate;	/* N_IF */
	struct node	*body;		/* N_IF: then; N_FOR: each */
	struct node	*alt;		/* N_IF: else; N_FOR: between */
};

struct tmpl {
	struct node	*root;
};

/* ---- parsing ---- */

enum tag {
	T_VAR, T_IF, T_ELSE, T_ENDIF, T_FOR, T_SEP, T_ENDFOR, T_COMMENT,
	T_DOLLAR, T_INCLUDE, T_HASH
};

struct parser {
	const char	*p;
	const char	*file;
	int		 line;
	int		 failed;
	tmpl_loader	 load;
	void		*load_arg;
};

/* Where nodes are being appended: a chain of tail pointers. */
struct frame {
	struct node	*owner;		/* N_IF or N_FOR, NULL at top */
	struct node	**tail;
	int		 in_alt;
	int		 line;
};

static void
node_free(struct node *n)
{
	struct node	*next;

	for (; n != NULL; n = next) {
		next = n->next;
		free(n->text);
		free(n->name);
		node_free(n->body);
		node_free(n->alt);
		free(n);
	}
}

static struct node *
append(struct frame *f, enum node_type type)
{
	struct node	*n = xcalloc(1, sizeof(*n));

	n->type = type;
	*f->tail = n;
	f->tail = &n->next;
	return n;
}

static void
append_text(struct frame *f, const char *s, size_t len)
{
	struct node	*n;

	if (len == 0)
		return;
	n = append(f, N_TEXT);
	n->text = xstrndup(s, len);
	n->len = len;
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-' ||
	    c == '!';
}

static void
fail(struct parser *ps, const char *what)
{
	msg(MSG_USAGE, ps->file, ps->line, "template: %s", what);
	ps->failed = 1;
}

/* Read "name.filter.filter" for a variable node. */
static int
read_filters(struct parser *ps, struct node *n, char *spec)
{
	char	*dot = strchr(spec, '.'), *f;
	size_t	 i;

	if (dot != NULL)
		*dot++ = '\0';
	n->name = xstrdup(spec);
	while ((f = dot) != NULL) {
		if ((dot = strchr(f, '.')) != NULL)
			*dot++ = '\0';
		for (i = 0; i < sizeof(filter_names) / sizeof(*filter_names);
		    i++)
			if (strcmp(f, filter_names[i]) == 0)
				break;
		if (i == sizeof(filter_names) / sizeof(*filter_names) ||
		    n->nfilters == MAX_FILTERS) {
			fail(ps, "unknown filter");
			return 0;
		}
		n->filters[n->nfilters++] = (enum filter)i;
	}
	return 1;
}

/*
 * ps->p is just past a '$'.  Classify the tag, put its argument in
 * *arg (newly allocated) and leave ps->p after the closing '$'.
 */
static int
read_tag(struct parser *ps, enum tag *tag, char **arg)
{
	static const struct {
		const char	*word;
		enum tag	 tag;
		int		 paren;
	} words[] = {
		{ "if(", T_IF, 1 }, { "for(", T_FOR, 1 },
		{ "include(", T_INCLUDE, 1 }, { "hash(", T_HASH, 1 },
		{ "else$", T_ELSE, 0 },
		{ "endif$", T_ENDIF, 0 }, { "sep$", T_SEP, 0 },
		{ "endfor$", T_ENDFOR, 0 },
	};
	const char	*p = ps->p, *start;
	size_t		 i, n;

	*arg = NULL;
	if (*p == '$') {
		*tag = T_DOLLAR;
		ps->p = p + 1;
		return 1;
	}
	if (p[0] == '-' && p[1] == '-') {
		*tag = T_COMMENT;
		ps->p = p + strcspn(p, "\n");
		return 1;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i].word);
		if (strncmp(p, words[i].word, n) != 0)
			continue;
		*tag = words[i].tag;
		p += n;
		if (words[i].paren) {
			for (start = p; is_name_char(*p) || *p == '.' ||
			    ((*tag == T_INCLUDE || *tag == T_HASH) &&
			    *p == '/'); p++)
				continue;
			if (p[0] != ')' || p[1] != '$' || p == start) {
				fail(ps, "expected ')$'");
				return 0;
			}
			*arg = xstrndup(start, (size_t)(p - start));
			p += 2;
		}
		ps->p = p;
		return 1;
	}
	for (start = p; is_name_char(*p) || *p == '.'; p++)
		continue;
	if (*p != '$' || p == start) {
		fail(ps, "a '$' that starts no variable (write '$$')");
		return 0;
	}
	*tag = T_VAR;
	*arg = xstrndup(start, (size_t)(p - start));
	ps->p = p + 1;
	return 1;
}

static int
is_control(enum tag t)
{
	return t != T_VAR && t != T_DOLLAR && t != T_INCLUDE && t != T_HASH;
}

/*
 * A control tag alone on its line takes the line with it: drop the
 * blanks before it (already in *textlen) and after it, and the newline.
 */
static void
standalone(struct parser *ps, const char *base, const char *text,
    size_t *textlen)
{
	size_t		 i = *textlen;
	const char	*q = ps->p;

	while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
		i--;
	if (i > 0 ? text[i - 1] != '\n' : text != base && text[-1] != '\n')
		return;
	while (*q == ' ' || *q == '\t')
		q++;
	if (*q != '\n' && *q != '\0')
		return;
	*textlen = i;
	ps->p = *q == '\n' ? q + 1 : q;
	ps->line += *q == '\n';
}

static int
structure(struct parser *ps, struct frame *stack, size_t *depth,
    enum tag tag, char *arg, int line)
{
	struct frame	*top = &stack[*depth - 1];
	struct node	*n;

	switch (tag) {
	case T_IF:
	case T_FOR:
		if (*depth == 64) {
			fail(ps, "nested too deeply");
			return 0;
		}
		n = append(top, tag == T_IF ? N_IF : N_FOR);
		n->negate = arg[0] == '!';
		n->name = xstrdup(arg + n->negate);
		stack[(*depth)++] = (struct frame){ n, &n->body, 0, line };
		return 1;
	case T_ELSE:
	case T_SEP:
		if (top->owner == NULL || top->in_alt || top->owner->type !=
		    (tag == T_ELSE ? N_IF : N_FOR)) {
			fail(ps, tag == T_ELSE ? "$else$ without $if$" :
			    "$sep$ without $for$");
			return 0;
		}
		top->tail = &top->owner->alt;
		top->in_alt = 1;
		return 1;
	default:
		if (top->owner == NULL || top->owner->type !=
		    (tag == T_ENDIF ? N_IF : N_FOR)) {
			fail(ps, tag == T_ENDIF ? "$endif$ without $if$" :
			    "$endfor$ without $for$");
			return 0;
		}
		(*depth)--;
		return 1;
	}
}

/*
 * $include(name)$: the theme's file, as text of the template.
 * $hash(name)$: its SHA-256 as a Content-Security-Policy source
 * ("sha256-..."), for a <script> or <style> that includes it whole.
 */
static void
include(struct parser *ps, struct frame *f, const char *name, int hash)
{
	char	*content, *h;

	if (ps->load == NULL || strstr(name, "..") != NULL ||
	    name[0] == '/' || (content = ps->load(ps->load_arg, name)) ==
	    NULL) {
		fail(ps, "cannot include that file");
		return;
	}
	if (hash) {
		h = csp_hash(content, strlen(content));
		append_text(f, h, strlen(h));
		free(h);
	} else
		append_text(f, content, strlen(content));
	free(content);
}

struct tmpl *
tmpl_parse(const char *text, const char *file, tmpl_loader load,
    void *load_arg)
{
	struct parser	 ps = { text, file, 1, 0, load, load_arg };
	struct frame	 stack[64];
	size_t		 depth = 1, textlen;
	int		 tagline;
	struct tmpl	*t = xcalloc(1, sizeof(*t));
	const char	*start, *dollar;
	enum tag	 tag;
	char		*arg;
	struct node	*n;

	stack[0] = (struct frame){ NULL, &t->root, 0, 1 };
	while (!ps.failed && *ps.p != '\0') {
		start = ps.p;
		dollar = strchr(start, '$');
		if (dollar == NULL)
			dollar = start + strlen(start);
		for (; ps.p < dollar; ps.p++)
			ps.line += *ps.p == '\n';
		textlen = (size_t)(dollar - start);
		if (*dollar == '\0') {
			append_text(&stack[depth - 1], start, textlen);
			break;
		}
		ps.p = dollar + 1;
		tagline = ps.line;
		if (!read_tag(&ps, &tag, &arg))
			break;
		if (is_control(tag))
			standalone(&ps, text, start, &textlen);
		append_text(&stack[depth - 1], start, textlen);
		if (tag == T_DOLLAR)
			append_text(&stack[depth - 1], "$", 1);
		else if (tag == T_VAR) {
			n = append(&stack[depth - 1], N_VAR);
			read_filters(&ps, n, arg);
		} else if (tag == T_INCLUDE || tag == T_HASH)
			include(&ps, &stack[depth - 1], arg, tag == T_HASH);
		else if (tag != T_COMMENT)
			structure(&ps, stack, &depth, tag, arg, tagline);
		free(arg);
	}
	if (!ps.failed && depth > 1) {
		ps.line = stack[depth - 1].line;
		fail(&ps, stack[depth - 1].owner->type == N_IF ?
		    "$if$ without $endif$" : "$for$ without $endfor$");
	}
	if (ps.failed) {
		tmpl_free(t);
		return NULL;
	}
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	node_free(t->root);
	free(t);
}

static size_t
nodes_loop_depth(const struct node *n)
{
	size_t	 deepest = 0, d, d2;

	for (; n != NULL; n = n->next) {
		/* A $for$'s $sep$ part runs inside it, as its body does. */
		d = nodes_loop_depth(n->body);
		if ((d2 = nodes_loop_depth(n->alt)) > d)
			d = d2;
		d += n->type == N_FOR;
		if (d > deepest)
			deepest = d;
	}
	return deepest;
}

size_t
tmpl_loop_depth(const struct tmpl *t)
{
	return nodes_loop_depth(t->root);
}

static int
nodes_use(const struct node *n, const char *name)
{
	for (; n != NULL; n = n->next)
		if ((n->name != NULL && strcmp(n->name, name) == 0) ||
		    nodes_use(n->body, name) || nodes_use(n->alt, name))
			return 1;
	return 0;
}

int
tmpl_uses(const struct tmpl *t, const char *name)
{
	return t != NULL && nodes_use(t->root, name);
}

/* ---- running ---- */

struct scope {
	const struct scope	*parent;
	const struct tclass	*cls;
	const void		*self;
	size_t			 index;	/* 1-based inside $for$, else 0 */
	size_t			 count;
};

struct run {
	const struct escaper	*esc;
	void			*arg;
	struct buf		 out;
	tmpl_sink		 sink;	/* NULL: one item, kept for its loop */
	void			*sink_arg;
	char			 num[32];
};

/* $index$, $first$ and $last$ of a $for$ item; 0 if name is none. */
static int
loop_variable(struct run *r, const struct scope *s, const char *name,
    struct tval *v)
{
	if (s->index == 0)
		return 0;
	if (strcmp(name, "index") == 0) {
		snprintf(r->num, sizeof(r->num), "%zu", s->index);
		v->kind = TV_TEXT;
		v->s = r->num;
		return 1;
	}
	if (strcmp(name, "first") == 0 || strcmp(name, "last") == 0) {
		v->kind = TV_BOOL;
		v->truth = name[0] == 'f' ? s->index == 1 :
		    s->index == s->count;
		return 1;
	}
	return 0;
}

static void
lookup(struct run *r, const struct scope *s, const char *name,
    struct tval *v)
{
	/* Most names cannot be a loop variable: skip those checks. */
	int	 loopish = name[0] == 'i' || name[0] == 'f' || name[0] == 'l';

	memset(v, 0, offsetof(struct tval, room));
	for (; s != NULL; s = s->parent) {
		if (loopish && loop_variable(r, s, name, v))
			return;
		if (s->cls != NULL && s->cls->get(s->self, name, v, r->arg))
			return;
	}
}

static int
truthy(const struct tval *v)
{
	switch (v->kind) {
	case TV_TEXT:
		return !rich_is_blank(v->s);
	case TV_URL:
		return v->s[0] != '\0';
	case TV_MARKDOWN:
	case TV_MARKDOWN_INLINE:
		return !rich_is_blank(v->s);
	case TV_BOOL:
		return v->truth;
	case TV_LIST:
		return v->n > 0;
	default:
		return 0;
	}
}

/* "=" as wide as the text: a plain-text heading's rule. */
static char *
underline(const char *s)
{
	char		*plain = rich_plain(s);
	size_t		 n = utf8_width(plain, strlen(plain));
	struct buf	 b = { 0 };

	while (n-- > 0)
		buf_putc(&b, '=');
	free(plain);
	return buf_detach(&b);
}

/* Text as a URL fragment: everything but unreserved characters %-encoded. */
static char *
percent_fragment(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf	 b = { 0 };

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (RICH_IS_MARKUP(c))
			continue;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~:@/", c) != NULL)
			buf_putc(&b, (char)c);
		else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[c >> 4]);
			buf_putc(&b, hex[c & 15]);
		}
	}
	return buf_detach(&b);
}

/* A value's text s, after its filters, as the output format writes it. */
/* s, of v's kind, as the output format escapes it, onto b. */
static void
put_formatted(const struct escaper *esc, const struct tval *v,
    const char *s, struct buf *b)
{
	if (v->kind == TV_URL)
		esc->url(b, s);
	else if (v->kind == TV_MARKDOWN || v->kind == TV_MARKDOWN_INLINE)
		esc->markdown(b, s, v->kind == TV_MARKDOWN_INLINE, esc->unsafe);
	else
		esc->text(b, s);
}

static void
put_escaped(struct run *r, const struct tval *v, const char *s, int yaml,
    int fragment)
{
	struct buf	 b = { 0 };
	char		*t;

	if (yaml == 2)	/* the site escapes it: quoted for YAML only */
		escape_yaml(&r->out, s);
	else if (yaml) {
		/*
		 * Front matter: a site prints it as HTML, through Markdown
		 * or in an href (academicpages, Hugo Blox), so the value is
		 * escaped for the format first, then quoted for YAML.
		 */
		put_formatted(r->esc, v, s, &b);
		escape_yaml(&r->out, b.data != NULL ? b.data : "");
		buf_free(&b);
	} else if (fragment) {
		/* After a '#' the theme wrote: only ever a fragment. */
		t = percent_fragment(s);
		r->esc->url(&r->out, t);
		free(t);
	} else
		put_formatted(r->esc, v, s, &r->out);
}

static void
put_value(struct run *r, const struct node *n, const struct tval *v)
{
	char	*s = NULL, *t = NULL;
	size_t	 i;
	int	 yaml = 0, fragment = 0;

	if (v->kind == TV_BOOL) {
		buf_puts(&r->out, v->truth ? "true" : "false");
		return;
	}
	if (v->kind != TV_TEXT && v->kind != TV_URL &&
	    v->kind != TV_MARKDOWN && v->kind != TV_MARKDOWN_INLINE)
		return;
	if (n->nfilters == 0) {	/* most values: escaped as they are */
		put_escaped(r, v, v->s, 0, 0);
		return;
	}
	s = xstrdup(v->s);
	for (i = 0; i < n->nfilters; i++) {
		switch (n->filters[i]) {
		case F_UPPER:
		case F_LOWER:
		case F_SENTENCE:
		case F_TITLE:
			t = rich_change_case(s, n->filters[i] == F_UPPER ?
			    CASE_UPPER : n->filters[i] == F_LOWER ?
			    CASE_LOWER : n->filters[i] == F_SENTENCE ?
			    CASE_SENTENCE : CASE_TITLE);
			break;
		case F_PLAIN:
			t = rich_plain(s);
			break;
		case F_PERIOD:
			t = rich_add_period(s);
			break;
		case F_YAML:
			yaml = 1;
			continue;
		case F_YAMLPLAIN:
			yaml = 2;
			continue;
		case F_FRAGMENT:
			fragment = 1;
			continue;
		case F_UNDERLINE:
			t = underline(s);
			break;
		case F_SLUG:
			t = rich_slug(s);
			break;
		}
		free(s);
		s = t;
	}
	put_escaped(r, v, s, yaml, fragment);
	free(s);
}

static void run_nodes(struct run *, const struct node *, const struct scope *);


/* Hand whole lines to the sink, so it may wrap or write them. */
static void
flush_lines(struct run *r, int all)
{
	const char	*nl;
	size_t		 n;

	if (r->sink == NULL)
		return;
	if (all)
		n = r->out.len;
	else {
		nl = r->out.len > 0 ? memrchr(r->out.data, '\n', r->out.len) :
		    NULL;
		if (nl == NULL)
			return;
		n = (size_t)(nl - r->out.data) + 1;
	}
	if (n == 0)
		return;
	r->sink(r->sink_arg, r->out.data, n);
	memmove(r->out.data, r->out.data + n, r->out.len - n);
	buf_truncate(&r->out, r->out.len - n);
}

static const void *
item_at(const struct tval *v, size_t i)
{
	return (const char *)v->items + i * v->size;
}

/* Item i of a $for$'s list, through its body, into r->out. */
static void
run_item(struct run *r, const struct node *n, const struct scope *s,
    const struct tval *v, size_t i)
{
	struct scope	 item = { s, v->cls, item_at(v, i), i + 1, v->n };

	run_nodes(r, n->body, &item);
}

/* Whole lines out once the page has grown: memory stays flat. */
static void
flush_grown(struct run *r)
{
	if (r->out.len > 65536)
		flush_lines(r, 0);
}

static void
run_for(struct run *r, const struct node *n, const struct scope *s)
{
	struct tval	 v;
	size_t		 i;

	lookup(r, s, n->name, &v);
	if (v.kind != TV_LIST) {
		if (truthy(&v))
			run_nodes(r, n->body, s);
		free(v.owned);
		return;
	}
	for (i = 0; i < v.n; i++) {
		if (i > 0)
			run_nodes(r, n->alt, s);
		run_item(r, n, s, &v, i);
		flush_grown(r);
	}
	free(v.owned);
}

static void
run_nodes(struct run *r, const struct node *n, const struct scope *s)
{
	struct tval	 v;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case N_TEXT:
			buf_put(&r->out, n->text, n->len);
			break;
		case N_VAR:
			lookup(r, s, n->name, &v);
			put_value(r, n, &v);
			free(v.owned);
			break;
		case N_IF:
			lookup(r, s, n->name, &v);
			run_nodes(r, truthy(&v) != n->negate ? n->body :
			    n->alt, s);
			free(v.owned);
			break;
		case N_FOR:
			run_for(r, n, s);
			break;
		}
	}
}

void
tmpl_run(const struct tmpl *t, const struct tclass *root, const void *self,
    void *arg, const struct escaper *esc, tmpl_sink sink,
    void *sink_arg)
{
	struct run	 r;
	struct scope	 s = { NULL, root, self, 0, 0 };

	memset(&r, 0, sizeof(r));
	r.esc = esc;
	r.arg = arg;
	r.sink = sink;
	r.sink_arg = sink_arg;
	run_nodes(&r, t->root, &s);
	flush_lines(&r, 1);
	buf_free(&r.out);
}

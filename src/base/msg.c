/* SPDX-License-Identifier: ISC */
/*
 * msg.c: print diagnostics and keep the highest level seen.
 */
#include "config.h"

#include <stdarg.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/util.h"

static const char *const level_names[] = {
	"", "note", "warning", "error", "error", "error"
};

static enum msg_level	max_level = MSG_NONE;
static enum msg_level	fatal_level = MSG_ERROR;
static int		quiet;
static size_t		hidden;		/* warnings -q did not print */
static struct strmap	*said;		/* msg_first()'s problems */

/*
 * The whole line is made first and written with one write(2), to the
 * descriptor: libbtparse's use of stderr (bib.c points it elsewhere
 * while the library runs) does not matter here.
 */
static void
put_line(const char *s, size_t n)
{
	ssize_t	 w;

	while (n > 0 && (w = write(STDERR_FILENO, s, n)) > 0) {
		s += w;
		n -= (size_t)w;
	}
}

void
msg(enum msg_level level, const char *file, int line, const char *fmt, ...)
{
	struct buf	 text = { 0 }, *b = &text;
	char		 num[16];
	va_list		 ap;

	if (level > max_level)
		max_level = level;
	if (quiet > 1 || (quiet && level <= MSG_WARNING)) {
		hidden += level == MSG_WARNING;
		return;
	}
	buf_puts(b, "bib2pubs: ");
	if (file != NULL) {
		buf_puts(b, file);
		if (line > 0) {
			buf_putc(b, ':');
			buf_put(b, num, put_decimal(num, line));
		}
		buf_puts(b, ": ");
	}
	buf_puts(b, level_names[level]);
	buf_puts(b, ": ");
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
	buf_putc(b, '\n');
	put_line(text.data, text.len);
	buf_free(&text);
}

void
msg_set_quiet(int q)
{
	quiet = q;
}

void
msg_raise(enum msg_level level)
{
	if (level > max_level)
		max_level = level;
}

void
msg_set_fatal(enum msg_level level)
{
	fatal_level = level;
}

int
msg_said(const char *problem)
{
	return said != NULL && strmap_get(said, problem) != NULL;
}

int
msg_first(const char *problem)
{
	void	**slot;

	if (said == NULL)
		said = strmap_new();
	slot = strmap_slot(said, problem);
	if (*slot != NULL)
		return 0;
	*slot = said;	/* any non-NULL value */
	return 1;
}

void
msg_finish(void)
{
	struct buf	 b = { 0 };

	strmap_free(said, NULL);
	said = NULL;

	/* -q --strict failing on warnings it hid would fail in silence. */
	if (hidden > 0 && max_level == MSG_WARNING &&
	    fatal_level <= MSG_WARNING) {
		buf_printf(&b, "bib2pubs: %zu warning%s, not shown (-q), "
		    "and --strict: exit status 1\n", hidden,
		    hidden == 1 ? "" : "s");
		put_line(b.data, b.len);
		buf_free(&b);
	}
}

void
msg_reset(void)
{
	strmap_free(said, NULL);
	said = NULL;
	max_level = MSG_NONE;
	hidden = 0;
}

int
msg_exit_status(void)
{
	switch (max_level) {
	case MSG_SYSERR:
		return EXIT_SYSTEM;
	case MSG_USAGE:
		return EXIT_USAGE;
	case MSG_ERROR:
		return EXIT_INPUT;
	case MSG_WARNING:
		return fatal_level <= MSG_WARNING ? EXIT_INPUT : EXIT_OK;
	default:
		return EXIT_OK;
	}
}

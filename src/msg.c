/*
 * msg.c: print diagnostics and keep the highest level seen.
 */
#include "config.h"

#include <stdarg.h>
#include <unistd.h>

#include "msg.h"
#include "util.h"

static const char *const level_names[] = {
	"", "warning", "error", "error", "error"
};

static enum msg_level	max_level = MSG_NONE;
static enum msg_level	fatal_level = MSG_ERROR;
static int		quiet;

static _Thread_local struct msg_hold *held;	/* this thread's, or NULL */

/*
 * The whole line is made first and written with one write(2): lines
 * from two threads never mix, and libbtparse's use of stderr (bib.c
 * points it elsewhere while the library runs) does not matter here.
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
	struct buf	 own = { 0 };
	struct buf	*b = held != NULL ? &held->text : &own;
	char		 num[16];
	va_list		 ap;

	if (held != NULL && level > held->max)
		held->max = level;
	else if (held == NULL && level > max_level)
		max_level = level;
	if (quiet > 1 || (quiet && level == MSG_WARNING))
		return;
	/* Held: straight onto the thread's text.  Only the message itself
	 * goes through printf (a venue pass can say 10,000 things). */
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
	if (held == NULL)
		put_line(own.data, own.len);
	buf_free(&own);
}

void
msg_hold(struct msg_hold *h)
{
	held = h;
}

void
msg_put(enum msg_level level, const char *text, size_t n)
{
	if (held != NULL) {	/* kept in order with this thread's own */
		buf_put(&held->text, text, n);
		if (level > held->max)
			held->max = level;
		return;
	}
	if (n > 0)
		put_line(text, n);
	if (level > max_level)
		max_level = level;
}

void
msg_release(struct msg_hold *h)
{
	msg_put(h->max, h->text.data, h->text.len);
	msg_drop(h);
}

void
msg_drop(struct msg_hold *h)
{
	buf_truncate(&h->text, 0);
	h->max = MSG_NONE;
}

void
msg_hold_free(struct msg_hold *h)
{
	buf_free(&h->text);
	h->max = MSG_NONE;
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

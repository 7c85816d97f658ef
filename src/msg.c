/*
 * msg.c: print diagnostics and keep the highest level seen.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "msg.h"

static const char *const level_names[] = {
	"", "warning", "error", "error", "error"
};

static enum msg_level	max_level = MSG_NONE;
static enum msg_level	fatal_level = MSG_ERROR;
static int		quiet;

void
msg(enum msg_level level, const char *file, int line, const char *fmt, ...)
{
	va_list	 ap;

	if (level > max_level)
		max_level = level;
	if (quiet > 1 || (quiet && level == MSG_WARNING))
		return;
	fputs("bib2pubs: ", stderr);
	if (file != NULL && line > 0)
		fprintf(stderr, "%s:%d: ", file, line);
	else if (file != NULL)
		fprintf(stderr, "%s: ", file);
	fprintf(stderr, "%s: ", level_names[level]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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

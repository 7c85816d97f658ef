/* SPDX-License-Identifier: ISC */
/*
 * msg.h: diagnostics.  Every message reads
 *	bib2pubs: FILE:LINE: LEVEL: text
 * and raises a running maximum level that becomes the exit status,
 * as mandoc does.
 */
#ifndef MSG_H
#define MSG_H

#include "base/util.h"

enum msg_level {
	MSG_NONE = 0,
	MSG_NOTE,	/* worth knowing, nothing wrong: no exit status */
	MSG_WARNING,	/* output is complete; something looks wrong */
	MSG_ERROR,	/* malformed input; the rest was still rendered */
	MSG_USAGE,	/* bad command line, theme or option value */
	MSG_SYSERR	/* a file could not be read or written */
};

/* Exit statuses, documented in bib2pubs(1). */
#define EXIT_OK		0
#define EXIT_INPUT	1
#define EXIT_USAGE	2
#define EXIT_SYSTEM	3

void	msg(enum msg_level, const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

void	msg_set_quiet(int);		/* 1: hide warnings; 2: hide all */
void	msg_raise(enum msg_level);	/* count a failure without a word */
void	msg_set_fatal(enum msg_level);	/* -W: exit non-zero from this level */
/* Is this the first time problem (a short key: "an:jointfirst") comes
 * up in this run?  For one warning per distinct problem. */
int	msg_first(const char *problem);
/* Has it come up already (msg_first said yes to it)? */
int	msg_said(const char *problem);
/* At the end of a run: the one line -q still owes (see msg.c). */
void	msg_finish(void);
int	msg_exit_status(void);
/* --watch: a new render starts with no level and nothing said. */
void	msg_reset(void);

#endif

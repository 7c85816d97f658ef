/* SPDX-License-Identifier: ISC */
/*
 * tap.h: a tiny TAP producer for unit tests, in the spirit of
 * cmark's api_test harness: ok(), is_str(), is_int(), done().
 */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static void
ok(int cond, const char *what)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	for (; *what != '\0'; what++)	/* one line per result */
		if (*what == '\n')
			fputs("\\n", stdout);
		else
			putchar(*what);
	putchar('\n');
}

static void __attribute__((unused))
is_str(const char *got, const char *want, const char *what)
{
	int	 same = got != NULL && want != NULL && strcmp(got, want) == 0;

	ok(same, what);
	if (!same)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n",
		    got ? got : "(null)", want ? want : "(null)");
}

static void __attribute__((unused))
is_int(long got, long want, const char *what)
{
	ok(got == want, what);
	if (got != want)
		printf("#   got:  %ld\n#   want: %ld\n", got, want);
}

static int
done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif

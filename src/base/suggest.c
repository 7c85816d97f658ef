/* SPDX-License-Identifier: ISC */
/*
 * suggest.c: "did you mean" for a word that names nothing -- an option,
 * a format, a theme, a field -- from the words that would have named
 * something.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

/*
 * Edits from a to b (insert, delete, change, swap two neighbours: the
 * optimal string alignment distance), over their first 64 bytes.
 */
size_t
edit_distance(const char *a, const char *b)
{
	size_t	 d[3][65], i, j, la = strlen(a), lb = strlen(b), v;
	size_t	*two = d[0], *one = d[1], *row = d[2], *t;

	la = la > 64 ? 64 : la;
	lb = lb > 64 ? 64 : lb;
	for (j = 0; j <= lb; j++)
		one[j] = j;
	for (i = 1; i <= la; i++) {
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			v = one[j - 1] + (a[i - 1] != b[j - 1]);
			if (one[j] + 1 < v)
				v = one[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && two[j - 2] + 1 < v)
				v = two[j - 2] + 1;
			row[j] = v;
		}
		t = two;
		two = one;
		one = row;
		row = t;
	}
	return one[lb];
}

const char *
did_you_mean(const char *w, const char *const *words, const char *prefix)
{
	static char	 text[128];
	const char	*best = NULL;
	size_t		 d, bestd;

	/* A typo -- one edit in a short word, two in a longer one --
	 * not another word ("pdf" is no "md"). */
	bestd = strlen(w) <= 4 ? 2 : 3;
	for (; *words != NULL; words++)
		if ((d = edit_distance(w, *words)) < bestd) {
			best = *words;
			bestd = d;
		}
	if (best == NULL)
		return "";
	snprintf(text, sizeof(text), "; did you mean '%s%s'?", prefix, best);
	return text;
}

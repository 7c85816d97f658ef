/* SPDX-License-Identifier: ISC */
/*
 * names_test: name splitting, marks, annotations, display forms and
 * owner matching (names.c).  The splitting is also checked against
 * libbtparse's bt_split_name on names it handles safely, so "as
 * BibTeX does" is measured, not assumed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <btparse.h>

#include "base/msg.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "text/names.h"
#include "text/rich.h"
#include "tap.h"
#include "base/util.h"

/* "first|von|last|jr" of the single name in s, plain text. */
static char *
parts_of(const char *s)
{
	struct person	*p;
	size_t		 n;
	char		*f, *v, *l, *j, *out;
	struct buf	 b = { 0 };

	p = names_parse(s, &n, NULL, 0);
	if (n != 1) {
		names_free(p, n);
		return xstrdup("(not one name)");
	}
	f = rich_plain(p->first);
	v = rich_plain(p->von);
	l = rich_plain(p->last);
	j = rich_plain(p->jr);
	buf_printf(&b, "%s|%s|%s|%s", f, v, l, j);
	out = buf_detach(&b);
	free(f);
	free(v);
	free(l);
	free(j);
	names_free(p, n);
	return out;
}

static void
split(const char *s, const char *want)
{
	char	*got = parts_of(s);

	is_str(got, want, s);
	free(got);
}

/* The same split from libbtparse, tokens joined by spaces, no braces. */
static char *
bt_parts(const char *s)
{
	static const bt_namepart order[4] = { BTN_FIRST, BTN_VON, BTN_LAST,
	    BTN_JR };
	bt_name		*name;
	struct buf	 b = { 0 };
	char		*copy = xstrdup(s);
	int		 i, k;

	name = bt_split_name(copy, NULL, 0, 0);
	for (i = 0; i < 4; i++) {
		if (i > 0)
			buf_putc(&b, '|');
		for (k = 0; name != NULL && k < name->part_len[order[i]];
		    k++) {
			const char *t = name->parts[order[i]][k];

			if (k > 0)
				buf_putc(&b, ' ');
			for (; *t != '\0'; t++)	/* we show no braces */
				if (*t != '{' && *t != '}')
					buf_putc(&b, *t);
		}
	}
	if (name != NULL)
		bt_free_name(name);
	free(copy);
	return buf_detach(&b);
}

static void
same_as_btparse(const char *s)
{
	char	*ours = parts_of(s), *theirs = bt_parts(s);
	char	 what[160];

	snprintf(what, sizeof(what), "as bt_split_name: %s", s);
	is_str(ours, theirs, what);
	free(ours);
	free(theirs);
}

static void
shown(const char *s, enum name_style style, const char *want)
{
	struct person	*p;
	size_t		 n;
	char		*f, *plain;

	p = names_parse(s, &n, NULL, 0);
	f = names_format(&p[0], style);
	plain = rich_plain(f);
	is_str(plain, want, s);
	free(f);
	free(plain);
	names_free(p, n);
}

static void
matches(const char *me, const char *name, int want)
{
	struct name_key	*k = names_key_new(me);
	struct person	*p;
	size_t		 n;
	char		 what[160];

	p = names_parse(name, &n, NULL, 0);
	snprintf(what, sizeof(what), "--me \"%s\" %s \"%s\"", me,
	    want ? "matches" : "does not match", name);
	ok(k != NULL && n == 1 && names_match(k, &p[0]) == want, what);
	names_free(p, n);
	names_key_free(k);
}

static void
marks(const char *list, const char *an, const char *want)
{
	struct person	*p;
	size_t		 n, i;
	struct buf	 b = { 0 };
	char		*plain, *unknown;

	p = names_parse(list, &n, NULL, 0);
	if (an != NULL) {
		names_annotate(p, n, an, &unknown);
		free(unknown);
	}
	for (i = 0; i < n; i++) {
		names_finish_marks(&p[i]);
		plain = rich_plain(p[i].last);
		buf_printf(&b, "%s%s[%s]%s", i ? "," : "", plain, p[i].marks,
		    p[i].me ? "!" : "");
		free(plain);
	}
	is_str(b.data, want, an != NULL ? an : list);
	buf_free(&b);
	names_free(p, n);
}

/*
 * names_parse with a file says what is wrong with a list: want is how
 * many warnings it prints (standard error is caught in a file).
 */
static void
warnings_of(const char *list, int want)
{
	FILE		*caught = tmpfile();
	struct person	*p;
	size_t		 n;
	int		 saved = dup(STDERR_FILENO), warnings = 0;
	char		 line[512], what[200];

	dup2(fileno(caught), STDERR_FILENO);
	p = names_parse(list, &n, "t.bib", 7);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(caught);
	while (fgets(line, sizeof(line), caught) != NULL)
		warnings += strstr(line, "t.bib:7: warning: ") != NULL;
	fclose(caught);
	snprintf(what, sizeof(what), "%d warnings: %s", want, list);
	is_int(warnings, want, what);
	names_free(p, n);
}

/* names_parse_first gives the first person names_parse gives, or none. */
static void
first_is_first(const char *list)
{
	struct person	*all, *first;
	size_t		 n, m;
	char		*a = NULL, *f = NULL;

	all = names_parse(list, &n, NULL, 0);
	first = names_parse_first(list, &m);
	if (n > 0 && !all[0].others)
		a = names_format(&all[0], NAME_LAST_FIRST);
	if (m > 0 && !first[0].others)
		f = names_format(&first[0], NAME_LAST_FIRST);
	ok(m == (n > 0) && (a == f || (a != NULL && f != NULL &&
	    strcmp(a, f) == 0)) && (n == 0 || all[0].others == first[0].others),
	    list);
	free(a);
	free(f);
	names_free(all, n);
	names_free(first, m);
}

int
main(void)
{
	static const char *const bibtex_names[] = {
		"Donald E. Knuth", "Knuth, Donald E.", "Ludwig van Beethoven",
		"van Beethoven, Ludwig", "de la Fontaine, Jean",
		"Jean de la Fontaine", "King, Jr, Martin Luther",
		"Ford, III, Henry", "Aristotle", "Charles Louis Xavier Joseph "
		"de la Vallee Poussin", "Vincent van Gogh", "{Barnes and Noble}",
		"Zhang, Jintao", "Jintao Zhang", "Per Brinch Hansen",
		"Brinch Hansen, Per", "von der Leyen, Ursula",
		"Johannes Diderik van der Waals", "A. B. C. Smith",
		"{von Neumann}, John", "John {von Neumann}", "Jean-Pierre Dupont",
	};
	size_t	 i;

	bt_initialize();
	/* BibTeX's three forms. */
	split("Donald E. Knuth", "Donald E.||Knuth|");
	split("Knuth, Donald E.", "Donald E.||Knuth|");
	split("Ludwig van Beethoven", "Ludwig|van|Beethoven|");
	split("de la Fontaine, Jean", "Jean|de la|Fontaine|");
	split("King, Jr, Martin Luther", "Martin Luther||King|Jr");
	split("Aristotle", "||Aristotle|");
	split("{Barnes and Noble}", "||Barnes and Noble|");
	split("{\\\"O}zt{\\\"u}rk, Ay{\\c{s}}e", "Ayşe||Öztürk|");
	split("{\\'e}mile de Paris", "|émile de|Paris|");
	split("  Zhang ,   Jintao  ", "Jintao||Zhang|");
	/* What crashes bt_split_name is handled here. */
	split(", M.F.", "||M.F.|");
	split("a", "||a|");
	split("-------------- k C", "————–|k|C|");
	split("A-B-C-D-E-F Smith", "A-B-C-D-E-F||Smith|");
	for (i = 0; i < sizeof(bibtex_names) / sizeof(*bibtex_names); i++)
		same_as_btparse(bibtex_names[i]);
	/* The first of a list alone, as names_parse has it. */
	first_is_first("Zhang, Jintao and Wei, Jia and others");
	first_is_first("{Barnes and Noble} and Smith, J.");
	first_is_first(" and Smith, J. and Doe, Jane");
	first_is_first("and and and Doe, Jane");
	first_is_first("others and Doe, Jane");
	first_is_first("Doe, Jane");
	first_is_first("");
	first_is_first(" and ");
	first_is_first("A AND B");
	first_is_first("M{\\\"u}ller, J{\\\"o}rg and{ }X and Y");
	/* Lists. */
	{
		struct person	*p;
		size_t		 n;

		p = names_parse("A and B AND C and others", &n, NULL, 0);
		ok(n == 4 && p[3].others, "4 names, the last is others");
		names_free(p, n);
		p = names_parse("{A and B} and C", &n, NULL, 0);
		ok(n == 2, "'and' inside braces does not split");
		names_free(p, n);
		p = names_parse("Anderson, Sandy and Brandt, Andy", &n, NULL, 0);
		ok(n == 2, "'and' inside words does not split");
		names_free(p, n);
		/* BibTeX reads "and y" as a name with von "and"; real lists
		 * mean one 'and' (a CV showed ", and Diyu Zhou"). */
		p = names_parse("x and and y", &n, NULL, 0);
		ok(n == 2 && p[1].von[0] == '\0' && strcmp(p[1].last, "y") == 0,
		    "'and and' is one separator: x | y");
		names_free(p, n);
		p = names_parse("A\tAND\nB and", &n, NULL, 0);
		ok(n == 2 && strcmp(p[1].last, "B") == 0,
		    "tabs and newlines are blanks; a final 'and' ends the list");
		names_free(p, n);
		p = names_parse("A} and B and {C", &n, NULL, 0);
		ok(n == 1, "past an unmatched '}' nothing splits");
		names_free(p, n);
	}
	/* The reading thread's scan (names.c skips the words without text). */
	warnings_of("Zhang*, Jintao and Wei\\#, Jia and Chen$^\\dagger$", 0);
	warnings_of("Smith and * and {} and Doe", 0);
	warnings_of("Smith and \\#, Jo and , Al", 1);
	warnings_of("Moe, Al, Jr, Extra and {Barnes and Noble} and others",
	    1);
	warnings_of("A and  and B", 1);
	/* Display forms. */
	shown("Zhang, Jintao", NAME_FULL, "Jintao Zhang");
	shown("Zhang, Jintao", NAME_INITIALS, "J. Zhang");
	shown("Zhang, Jintao", NAME_LAST_FIRST, "Zhang, J.");
	shown("Sartre, Jean-Paul", NAME_INITIALS, "J.-P. Sartre");
	shown("van Beethoven, Ludwig", NAME_LAST_FIRST, "van Beethoven, L.");
	shown("King, Jr, Martin Luther", NAME_FULL, "Martin Luther King, Jr");
	shown("King, Jr, Martin Luther", NAME_INITIALS, "M. L. King, Jr");
	shown("{\\\"O}zt{\\\"u}rk, {\\\"O}zg{\\\"u}r", NAME_INITIALS,
	    "Ö. Öztürk");
	shown("others", NAME_FULL, "et al.");
	/* The owner. */
	matches("Zhang, Jintao", "Jintao Zhang", 1);
	matches("Zhang, Jintao", "J. Zhang", 1);
	matches("Zhang, Jintao", "Zhang, J.", 1);
	matches("Zhang, Jintao", "Zhang*, Jintao", 1);
	matches("Zhang, Jintao", "ZHANG, JINTAO", 1);
	matches("Zhang, Jintao", "Zhang, Jin-Tao", 1);
	matches("Zhang, Jintao", "Zhang, J.-T.", 1);
	matches("Zhang, Jintao", "Zhang, Chao", 0);
	matches("Zhang, Jintao", "Zhang, Jintian", 0);
	matches("Zhang, Jintao", "Zheng, Jintao", 0);
	matches("Zhang, Jintao", "Zhang", 0);
	matches("Zhang", "Zhang, Chao", 1);
	matches("Müller, Jörg", "M{\\\"u}ller, J{\\\"o}rg", 1);
	matches("Müller, Jörg", "Muller, Jorg", 1);
	matches("Łukasz Kowalski", "Lukasz Kowalski", 1);
	matches("van Beethoven, Ludwig", "Ludwig van Beethoven", 1);
	matches("Beethoven, Ludwig", "Ludwig van Beethoven", 1);
	/* A family name matched whole, not by its last word (names_match
	 * folds the last name alone first). */
	matches("van Dyk, Jan", "{van Dyk}, Jan", 1);
	matches("{van Dyk}, Jan", "Jan van Dyk", 1);
	matches("{van Dyk}, Jan", "Jan Dyk", 0);
	matches("van Dyk, Jan", "Jan van Dyk", 1);
	matches("van Dyk, Jan", "Jan van Dyk-Smith", 0);
	ok(names_key_new("A and B") == NULL, "--me takes one name");
	ok(names_key_new("others") == NULL, "--me others is refused");
	/* Marks and annotations. */
	marks("Zhang*, Jintao and Wei*†, Jia and Chen\\#, J", NULL,
	    "Zhang[*],Wei[*†],Chen[#]");
	marks("Jintao Zhang* and Jia Wei∗ and Jun Zhu$^\\dagger$", NULL,
	    "Zhang[*],Wei[*],Zhu[†]");
	/* Marks ending in a letter (r, l) were left in the name once. */
	marks("Zhang\\textdagger, Jintao and Wei\\textdaggerdbl, Jia and "
	    "Li\\dag, Bo", NULL, "Zhang[†],Wei[‡],Li[†]");
	marks("Zhang\\#\\textdagger, Jintao", NULL, "Zhang[#†]");
	/* A comma only inside braces: one part, its marks still taken. */
	marks("{Smith, Jr}* and Doe", NULL, "Smith, Jr[*],Doe[]");
	marks("A, A and B, B and C, C", "1=equal; 2=equal,corresponding; "
	    "3=highlight", "A[*],B[*#],C[]!");
	marks("A, A and B, B", "1:family=equalcontrib;2=corresponding",
	    "A[*],B[#]");
	marks("A*, A and B, B", "1=equal", "A[*],B[]");
	marks("A, A", "9=equal", "A[]");
	{
		struct person	*p;
		size_t		 n;

		char		*unknown;

		p = names_parse("A, A", &n, NULL, 0);
		ok(!names_annotate(p, n, "x=equal", &unknown) &&
		    unknown == NULL, "bad annotation reported");
		ok(names_annotate(p, n, "1=jointfirst,shared", &unknown) &&
		    unknown != NULL && strcmp(unknown, "shared") == 0 &&
		    (p[0].flags & MARK_EQUAL), "jointfirst is equal; "
		    "an unknown word is named");
		free(unknown);
		names_free(p, n);
	}
	bt_cleanup();
	/*
	 * The full name written into a fixed room is names_format's, or
	 * says it does not fit: every name above, "others", and rooms of
	 * every size around their lengths.
	 */
	{
		struct person	*p;
		char		*want, room[64];
		size_t		 n, k, cap, count = sizeof(bibtex_names) /
				    sizeof(*bibtex_names);
		int		 good = 1, fits;

		for (i = 0; i < count; i++) {
			p = names_parse(bibtex_names[i], &n, NULL, 0);
			for (k = 0; k < n; k++) {
				want = names_format(&p[k], NAME_FULL);
				for (cap = 1; cap <= sizeof(room); cap++) {
					fits = names_full_into(&p[k], room,
					    cap);
					good &= fits == (strlen(want) < cap);
					good &= !fits ||
					    strcmp(room, want) == 0;
				}
				free(want);
			}
			names_free(p, n);
		}
		p = names_parse("Ann Smith and others", &n, NULL, 0);
		good &= n == 2 && names_full_into(&p[1], room, 7) &&
		    strcmp(room, "et al.") == 0;
		names_free(p, n);
		ok(good, "names_full_into: names_format's full name, or no fit");
	}
	return done();
}

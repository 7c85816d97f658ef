/* SPDX-License-Identifier: ISC */
/*
 * ids_test: the rules for DOIs, arXiv ids, months and kinds, each
 * written once (ids.c, pub.c) -- every spelling a .bib uses.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/pub.h"
#include "text/ids.h"
#include "tap.h"

static void
doi(const char *field, const char *plain, const char *url)
{
	const char	*p = doi_plain(field);
	char		*u = doi_url(field);

	is_str(p != NULL ? p : "(none)", plain, field);
	is_str(u, url, field);
	free(u);
}

static void
arxiv(const char *field, const char *url)
{
	char	*u = arxiv_url(field);

	is_str(u, url, field);
	free(u);
}

/* The arXiv id text names, or "(none)". */
static void
arxiv_in(const char *text, const char *want)
{
	char	*id = arxiv_id_in(text);

	is_str(id != NULL ? id : "(none)", want, text);
	free(id);
}

/* Do a and b (a doi field's text or a link) have one link_key()? */
static void
link_same(const char *a, const char *b, int want)
{
	char	*ua = doi_url(a), *ub = doi_url(b);
	char	*ka = link_key(ua), *kb = link_key(ub), what[256];

	snprintf(what, sizeof(what), "%s %s %s", a, want ? "is" : "is not", b);
	ok((strcmp(ka, kb) == 0) == want, what);
	free(ua);
	free(ub);
	free(ka);
	free(kb);
}

int
main(void)
{
	static const char *const forms[] = { "10.1000/Ab", "doi:10.1000/Ab",
	    "DOI: 10.1000/Ab", "https://doi.org/10.1000/Ab",
	    "http://doi.org/10.1000/Ab", "https://dx.doi.org/10.1000/Ab",
	    "http://dx.doi.org/10.1000/Ab", "https://www.doi.org/10.1000/Ab",
	    "HTTPS://DX.DOI.ORG/10.1000/Ab" };
	size_t		 i;
	char		*k;
	int		 m, same = 1;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		doi(forms[i], "10.1000/Ab", "https://doi.org/10.1000/Ab");
	doi("https://example.org/10.1000/x", "(none)",
	    "https://example.org/10.1000/x");
	doi("doi:", "(none)", "doi:");
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		k = doi_key(forms[i]);
		same &= strcmp(k, "10.1000/ab") == 0;
		free(k);
	}
	ok(same, "every spelling has one key, without case");

	/* Links to one page, as real CVs write them twice (url and doi). */
	link_same("https://doi.org/10.1111%2Fgcb.14829", "10.1111/gcb.14829",
	    1);
	link_same("http://dx.doi.org/10.1145/X", "https://doi.org/10.1145/x",
	    1);
	link_same("http://www.Example.org/a/", "https://example.org/a", 1);
	link_same("https://example.org/a%7Eb", "https://example.org/a~b", 1);
	link_same("https://example.org/a%2Fb", "https://example.org/a/b", 0);
	link_same("https://example.org/a", "https://example.org/b", 0);
	link_same("https://example.org/a%20b", "https://example.org/a b", 0);
	link_same("https://example.org/x?q=1", "https://example.org/x?q=2", 0);
	link_same("https://arxiv.org/abs/1", "https://arxiv.org/pdf/1", 0);

	arxiv("2401.00001", "https://arxiv.org/abs/2401.00001");
	arxiv("arXiv:2401.00001", "https://arxiv.org/abs/2401.00001");
	arxiv("hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001");
	arxiv("https://arxiv.org/abs/2401.00001v2",
	    "https://arxiv.org/abs/2401.00001v2");
	is_int((int)arxiv_id_len("2208.07791"), 10, "a new id");
	is_int((int)arxiv_id_len("1409.1234v3"), 11, "an old new id, version");
	is_int((int)arxiv_id_len("2208.0779"), 0, "a digit missing");
	is_int((int)arxiv_id_len("1409.12345"), 0, "a digit too many in 2014");
	is_int((int)arxiv_id_len("math.GT/0309136"), 15, "an old id, subject");
	is_int((int)arxiv_id_len("hep-th/990100"), 0, "an old id cut short");
	arxiv_in("arXiv preprint arXiv:1909.11590", "1909.11590");
	arxiv_in("ArXiv preprint arXiv:2111.10007", "2111.10007");
	arxiv_in("arXiv:2007.04448", "2007.04448");
	arxiv_in("Submitted and under revision, arXiv: 1909.09037",
	    "1909.09037");
	arxiv_in("arXiv e-prints", "(none)");
	arxiv_in("arXiv preprint", "(none)");
	arxiv_in("Journal of Complex Networks", "(none)");
	ok(is_arxiv_name("arXiv") && is_arxiv_name("ARXIV") &&
	    !is_arxiv_name("arxiv.org") && !is_arxiv_name(NULL),
	    "archivePrefix and eprinttype name arXiv without case");

	is_int(month_number("jan"), 1, "jan");
	is_int(month_number("January"), 1, "January");
	is_int(month_number("{Sep}"), 9, "{Sep}");
	is_int(month_number(" 12"), 12, "12");
	is_int(month_number("13"), 0, "13 is no month");
	is_int(month_number("Spring"), 0, "Spring is no month");
	for (m = 1, same = 1; m <= 12; m++)
		same &= month_number(month_macro(m)) == m &&
		    month_number(month_name(m)) == m;
	ok(same, "each month's macro and name give its number");
	ok(month_macro(0) == NULL && month_name(13) == NULL,
	    "no month 0 or 13");

	for (m = KIND_CONFERENCE, same = 1; m <= KIND_OTHER; m++)
		same &= pub_kind_of_name(pub_kind_name((enum pub_kind)m)) == m;
	ok(same && pub_kind_of_name("misc") == -1,
	    "kinds by name and back; no other names");
	return done();
}

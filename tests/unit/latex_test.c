/* SPDX-License-Identifier: ISC */
/*
 * latex_test: LaTeX decoding (latex.c) and rich-text operations
 * (rich.c), pure string -> string functions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/math.h"
#include "text/rich.h"
#include "tap.h"
#include "base/util.h"

/* Decode, drop the markup, compare. */
static void
plain(const char *latex, const char *want)
{
	char	*rich = latex_decode(latex), *p = rich_plain(rich);

	is_str(p, want, latex);
	free(rich);
	free(p);
}

/* Decode and compare with the markup shown as [em] [/em] {keep} ... */
static void
marked(const char *latex, const char *want)
{
	char		*rich = latex_decode(latex), out[512];
	const char	*s;
	size_t		 n = 0;

	for (s = rich; *s != '\0' && n < sizeof(out) - 8; s++) {
		const char *tag = NULL;

		switch (*s) {
		case RICH_EM_ON: tag = "[em]"; break;
		case RICH_EM_OFF: tag = "[/em]"; break;
		case RICH_BF_ON: tag = "[bf]"; break;
		case RICH_BF_OFF: tag = "[/bf]"; break;
		case RICH_MATH_ON: tag = "[m]"; break;
		case RICH_MATH_OFF: tag = "[/m]"; break;
		case RICH_KEEP_ON: tag = "{"; break;
		case RICH_KEEP_OFF: tag = "}"; break;
		}
		if (tag != NULL) {
			strcpy(out + n, tag);
			n += strlen(tag);
		} else
			out[n++] = *s;
	}
	out[n] = '\0';
	is_str(out, want, latex);
	free(rich);
}

static void
casing(const char *latex, enum rich_case mode, const char *want)
{
	char	*rich = latex_decode(latex);
	char	*changed = rich_change_case(rich, mode);
	char	*p = rich_plain(changed);

	is_str(p, want, latex);
	free(rich);
	free(changed);
	free(p);
}

int
main(void)
{
	/* Each name once in its table (the hash index keeps one place a
	 * table), in strcmp order for the reader. */
	ok(latex_tables_sorted(), "command tables in strcmp order");
	/* The first and last of each table, and names that only begin so. */
	plain("a\\ x", "a x");
	plain("\\}", "}");
	plain("\\th", "þ");
	plain("\\the", "");			/* unknown: the name goes */
	plain("\\textbfx y", "y");
	plain("\\\"a\\~a", "äã");
	plain("\\emph{a}\\url{b}", "ab");
	plain("{\\bf a}{\\upshape b}", "ab");
	plain("\\href{u}x\\vspace{1em}y", "xy");
	/* Accents, in every spelling. */
	plain("{\\\"u}", "ü");
	plain("\\\"{u}", "ü");
	plain("\\\"u", "ü");
	plain("{\\\"{u}}", "ü");
	plain("{\\'\\i}", "í");
	plain("\\'{\\i}", "í");
	plain("\\c{c}", "ç");
	plain("\\c c", "ç");
	plain("\\v{s}", "š");
	plain("\\k{a}", "ą");
	plain("\\=o", "ō");
	plain("\\.z", "ż");
	plain("\\H{o}", "ő");
	plain("\\r{a}", "å");
	plain("\\u{g}", "ğ");
	plain("\\~n", "ñ");
	plain("\\^e", "ê");
	plain("\\`a", "à");
	plain("Dvo\\v{r}\\'ak", "Dvořák");
	plain("\\'{}x", "x");
	/* Again, from what this thread remembers, and pairs that take one
	 * slot there in turn (a with ` and i with " share one). */
	plain("Dvo\\v{r}\\'ak", "Dvořák");
	plain("\\`a\\\"i\\`a\\^c\\\"i\\`a", "àïàĉïà");
	plain("\\\"a\\v{e}\\'z\\\"a\\'z\\v{e}", "äěźäźě");
	plain("\\'a\\'!\\'a", "á!\xcc\x81á");	/* 'a' and '!': 64 apart */
	/* Special letters and escaped characters. */
	plain("\\ss\\o\\O\\ae\\AE\\oe\\l\\L\\aa\\AA\\i\\j", "ßøØæÆœłŁåÅıȷ");
	plain("Stra\\ss e", "Straße");
	plain("{\\o}rsted", "ørsted");
	plain("\\& \\% \\$ \\# \\_ \\{ \\}", "& % $ # _ { }");
	/* Dashes, ties, quotes. */
	plain("1--10", "1–10");
	plain("a---b", "a—b");
	plain("a-b", "a-b");
	plain("Dr.~Who", "Dr.\xc2\xa0Who");
	plain("``a'' `b'", "“a” ‘b’");
	/* Braces: removed but remembered. */
	marked("The {FP4} model", "The {FP4} model");
	marked("{\\\"u}ber", "über");
	marked("{{nested} braces}", "{nested braces}");
	/* Emphasis where the format has it. */
	marked("\\emph{x} y", "{[em]x[/em]} y");
	marked("{\\em x} y", "[em]x[/em] y");
	marked("x {\\em y}", "x [em]y[/em]");
	marked("\\textbf{b}", "{[bf]b[/bf]}");
	marked("{\\bf b \\it i}", "[bf]b [em]i[/em][/bf]");
	marked("{\\it i \\bf b}", "[em]i [bf]b[/bf][/em]");
	/* Simple math decoded, case-protected; the rest kept as written. */
	marked("$x^2$ and $$y$$", "{x²} and {y}");
	marked("$\\frac{1}{2}$ and $$\\frac{y}{2}$$",
	    "[m]$\\frac{1}{2}$[/m] and [m]$$\\frac{y}{2}$$[/m]");
	plain("cost \\$5 or $5", "cost $5 or $5");
	/* Issue 20's real titles (tests/real/03, 19). */
	plain("Medium-Enhanced $c\\bar{c}$ Radiation",
	    "Medium-Enhanced cc\xcc\x84 Radiation");
	plain("$ g\\to c\\overline{c} $", "g → cc\xcc\x84");
	plain("high-$p_T$ suppression", "high-p_T suppression");
	plain("$\\pi$, $K$, $p$ spectra", "π, K, p spectra");
	plain("$\\mathcal{T}$-duality", "T-duality");
	/* Greek, symbols, blanks as TeX sets them. */
	plain("$\\alpha\\beta\\Gamma\\varepsilon\\epsilon\\ell$", "αβΓεϵℓ");
	plain("$a\\times b \\pm c\\cdot d$", "a × b ± c ⋅ d");
	plain("$a\\le b\\ge c \\sim d\\approx e$", "a ≤ b ≥ c ∼ d ≈ e");
	plain("$x\\leftarrow\\infty$", "x ← ∞");
	plain("$-1$ and $a-b$ and $(-x)$", "−1 and a − b and (−x)");
	plain("$O(n \\log n / \\! \\log\\log n)$", "O(n log n/log log n)");
	plain("$f(x, y)$", "f(x, y)");
	plain("$f'$ and $x^\\prime$ and $90^\\circ$", "f′ and x′ and 90°");
	/* Accents: a composed letter where Unicode has one. */
	plain("$\\hat{a}\\tilde n \\vec{v}\\bar{\\nu}$",
	    "âñv\xe2\x83\x97ν\xcc\x84");
	/* Fonts keep their letters; \\text keeps its blanks. */
	plain("$\\mathbf{x}\\mathrm{d}\\mathit{y}$", "xdy");
	plain("${\\rm so}(3)$", "so(3)");
	plain("$E = 10\\,\\text{GeV}$", "E = 10 GeV");
	plain("$\\mathbb{R}^n$", "ℝⁿ");
	/* Scripts: Unicode's forms, or one character after ^ or _. */
	plain("$x^{10}$ $H_2O$ $x^{n+1}$ $a_{ij}$ $A^T$", "x¹⁰ H₂O xⁿ⁺¹ aᵢⱼ Aᵀ");
	plain("$\\omega_2$ $p_T$ $x^q$", "ω₂ p_T x^q");
	/* Not understood: all of it stays (never half-decoded). */
	plain("$E_{\\rm cm}$", "$E_{\\rm cm}$");
	plain("$\\pi \\foo$", "$\\pi \\foo$");
	plain("$a & b$", "$a & b$");
	plain("$x^$", "$x^$");
	plain("$\\bar{cc}$", "$\\bar{cc}$");
	plain("$\\sqrt{x+1}$ but $\\sqrt{2}$", "$\\sqrt{x+1}$ but √2");
	plain("$\\,$", "$\\,$");
	plain("${{{{{{{{{x}}}}}}}}}$", "${{{{{{{{{x}}}}}}}}}$");
	plain("${{{{{{{x}}}}}}}$", "x");
	/* An unknown command: its name goes, its argument's text stays. */
	plain("{\\foo bar} x", "bar x");
	plain("\\unknown{arg}", "arg");
	plain("of \\mf at", "of at");
	plain("\\vax\\slash VMS", "/VMS");
	plain("a\\*b", "a*b");	/* a control symbol keeps its character */
	/* biblatex's, csquotes' and LaTeX's characters and quotes. */
	plain("TeX\\slash Pascal", "TeX/Pascal");
	plain("A\\emdash B\\endash C\\hyphen D", "A—B–C-D");
	plain("\\enquote{a \\mkbibquote{b}} \\textquote{c}",
	    "“a “b”” “c”");
	plain("x\\thinspace y \\textquotedbl \\textdollar 5",
	    "x\xe2\x80\x89y \"$5");	/* TeX eats the blank */
	plain("\\foreignlanguage{german}{Haus}", "Haus");
	marked("\\mkbibemph{a} \\mkbibbold{b}",
	    "{[em]a[/em]} {[bf]b[/bf]}");
	plain("\\noopsort{a}Zed", "Zed");
	/* Spacing commands and their dimensions are not text. */
	plain("H{\\'o}ng-Z\\kern.05em{\\`\\i}", "Hóng-Zì");
	plain("A \\kern -0.1em B\\hskip 1em plus 1fil C", "A B C");
	plain("x\\raise0.5ex\\hbox{y} \\kern z", "xy z");
	plain("\\href{http://x}{text}", "text");
	/* Plain macros of @preamble; those with arguments are not. */
	{
		static const char pre[] = "\\def \\vax{VAX} "
		    "\\newcommand{\\ps}{Post\\-Script} "
		    "\\providecommand*\\tb{\\TeX{}boat} "
		    "\\renewcommand{\\two}[1]{#1#1} \\def\\bt#1{{\\em #1}}";

		latex_define_macros(pre, sizeof(pre) - 1);
		plain("\\vax\\slash VMS, \\ps{} and \\tb", "VAX/VMS, "
		    "PostScript and TeXboat");
		plain("\\two{x} \\bt{y}", "x y");
	}
	/* Already-UTF-8 text passes through unchanged. */
	plain("naïve 東京 Ω", "naïve 東京 Ω");
	/* Deep nesting is iterative: no stack overflow. */
	{
		size_t	 n = 100000, i;
		char	*deep = malloc(2 * n + 2), *rich, *p;

		for (i = 0; i < n; i++) {
			deep[i] = '{';
			deep[n + 1 + i] = '}';
		}
		deep[n] = 'x';
		deep[2 * n + 1] = '\0';
		rich = latex_decode(deep);
		p = rich_plain(rich);
		is_str(p, "x", "100,000 nested braces");
		free(deep);
		free(rich);
		free(p);
	}
	/* Unbalanced input is closed, not overrun. */
	plain("{a", "a");
	plain("a}", "a");
	plain("\\", "\\");
	plain("\\\"", "");
	/* Case changes leave protected text and math alone. */
	casing("The {FP4} Attention", CASE_LOWER, "the FP4 attention");
	casing("the {iPhone} and $X$", CASE_UPPER, "THE iPhone AND X");
	casing("The $\\Pi$ and $\\frac{a}{b}$", CASE_LOWER,
	    "the Π and $\\frac{a}{b}$");
	casing("a study of {BERT}: Deep models", CASE_SENTENCE,
	    "A study of BERT: Deep models");
	casing("attention is all you need", CASE_TITLE,
	    "Attention Is All You Need");
	casing("the art of war", CASE_TITLE, "The Art of War");
	casing("Über {\\\"U}ber {{\\\"U}}", CASE_LOWER, "über über Ü");
	/* URLs: LaTeX escapes undone, spaces and braces dropped. */
	{
		char	*u = latex_url("https://x.org/a\\_b\\%20{c}");

		is_str(u, "https://x.org/a_b%20c", "latex_url");
		free(u);
		u = latex_url("\\url{https://x.org/}");
		is_str(u, "https://x.org/", "latex_url \\url{}");
		free(u);
		u = latex_url("https://x.org/?q=1&r=%7E#f");
		is_str(u, "https://x.org/?q=1&r=%7E#f",
		    "latex_url: nothing to undo, the same text");
		free(u);
		u = latex_url("https://x.org/a b");
		is_str(u, "https://x.org/ab", "latex_url: a blank alone dropped");
		free(u);
		u = latex_url("");
		is_str(u, "", "latex_url of nothing");
		free(u);
	}
	/*
	 * Short values are decoded once a thread and found again: every
	 * word, its prefixes and the first ones once more (from the
	 * cache, 256 slots for 3,000 words: collisions too) as
	 * latex_decode gives them, the lengths on either side of 32.
	 */
	{
		struct buf	 b = { 0 };
		char		 w[64], *want;
		int		 i, round, good = 1;
		size_t		 len;

		for (round = 0; round < 2; round++)
			for (i = 0; i < 3000; i++) {
				snprintf(w, sizeof(w), "{\\'e}%.*s%d\\\"{u}",
				    i % 31, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", i);
				for (len = strlen(w); len > 0; len -= 3) {
					w[len] = '\0';
					want = latex_decode(w);
					buf_truncate(&b, 0);
					latex_decode_onto(&b, w);
					good &= strcmp(b.data, want) == 0;
					free(want);
					if (len < 3)
						break;
				}
			}
		ok(good, "latex_decode_onto gives what latex_decode gives, "
		    "again and again");
		buf_free(&b);
	}
	/* Full stops. */
	{
		char	*a = rich_add_period("Title"), *b = rich_add_period("Why?");
		char	*c = rich_add_period("Done.");

		is_str(a, "Title.", "add period");
		is_str(b, "Why?", "no period after ?");
		is_str(c, "Done.", "no second period");
		free(a);
		free(b);
		free(c);
	}
	/* The math the decoder writes, back as LaTeX for -f tex. */
	{
		struct buf	 b = { 0 };
		const char	*in = "O(n\xc2\xb2) \xce\xb1 x\xe1\xb5\xa2 c\xcc\x84 \xe2\x86\x92 \xc3\xa9";
		const char	*p;
		size_t		 n;

		for (p = in; *p != '\0'; p += n > 0 ? n : 1)
			if ((n = math_to_tex(&b, p)) == 0)
				buf_putc(&b, *p);
		is_str(b.data, "O(n\\textsuperscript{2}) \\ensuremath{\\alpha} "
		    "x\\textsubscript{i} \\ensuremath{\\bar{c}} "
		    "\\ensuremath{\\rightarrow} \xc3\xa9", "math back to LaTeX; "
		    "other characters left");
		buf_free(&b);
	}
	/* HTML entities in text exported from the web. */
	{
		char	 s[] = "the&nbsp;Manifolds R&amp;D &#8211;&#x2014; "
		    "&bogus; &#0; & &lt;b&gt; &#xD800;";
		size_t	 n = rich_decode_entities(s, strlen(s));

		is_str(s, "the\xc2\xa0Manifolds R&D \xe2\x80\x93\xe2\x80\x94"
		    " &bogus; &#0; & <b> &#xD800;", "entities decoded, others kept");
		ok(n == strlen(s), "the new length");
	}
	return done();
}

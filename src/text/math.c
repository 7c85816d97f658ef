/*
 * math.c: the simple TeX math that titles hold ($\pi$, $c\bar{c}$,
 * $g \to c\overline{c}$, $x^2$, $p_T$, $O(n \log n)$, $\mathcal{T}$) as
 * the Unicode text a reader expects.  All or nothing: math with
 * anything not understood here is left to the caller, which keeps it as
 * written -- half-decoded math would be worse than either.
 *
 * Blanks are TeX's, not the file's: none between letters ("cc̄"), one
 * around a relation or a binary operator ("g → cc̄", "n + 1"), one
 * between an operator name and its neighbours ("n log n"), one after a
 * comma.  A script Unicode has a form for is written in it ("x²",
 * "ω₂", "xⁿ⁺¹"); a one-character script it has none for is written
 * with its ^ or _ ("p_T"), the way plain text writes it; a longer one
 * is not understood.  Groups nest at most MATH_DEPTH deep (recursion).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/util.h"
#include "text/math.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MATH_DEPTH	8

/* TeX's classes of atoms, as far as the blanks between them go. */
enum atom { A_NONE, A_ORD, A_OP, A_BIN, A_REL, A_OPEN, A_CLOSE, A_PUNCT };

/* What a command is. */
enum kind {
	K_SYM,		/* a symbol: text, class */
	K_ACCENT,	/* a combining mark over its one-character argument */
	K_FONT,		/* \mathcal{T}: its argument's letters */
	K_TEXT,		/* \text{...}: its argument as text, blanks kept */
	K_OPNAME,	/* \operatorname{...} */
	K_BB,		/* \mathbb{R}: ℝ */
	K_SQRT,		/* \sqrt{2}: √2 */
	K_SPACE,	/* \, \quad: a blank */
	K_NEGSPACE,	/* \!: no blank before the next atom */
	K_NOTHING,	/* \! \left \displaystyle \rm: nothing */
	K_DELIM		/* \left \right \big...: nothing, nor "." after */
};

/* Sorted by name (strcmp's order), each name once. */
static const struct mcmd {
	const char	*name;
	unsigned char	 kind, atom;
	const char	*text;		/* K_SYM: the text; K_ACCENT: mark */
} cmds[] = {
	{ " ", K_SPACE, 0, NULL }, { "!", K_NEGSPACE, 0, NULL },
	{ "#", K_SYM, A_ORD, "#" }, { "$", K_SYM, A_ORD, "$" },
	{ "%", K_SYM, A_ORD, "%" }, { "&", K_SYM, A_ORD, "&" },
	{ ",", K_SPACE, 0, NULL }, { ":", K_SPACE, 0, NULL },
	{ ";", K_SPACE, 0, NULL },
	{ "Bbb", K_BB, 0, NULL }, { "Big", K_DELIM, 0, NULL },
	{ "Bigg", K_DELIM, 0, NULL }, { "Biggl", K_DELIM, 0, NULL },
	{ "Biggr", K_DELIM, 0, NULL }, { "Bigl", K_DELIM, 0, NULL },
	{ "Bigr", K_DELIM, 0, NULL }, { "Box", K_SYM, A_ORD, "□" },
	{ "Delta", K_SYM, A_ORD, "Δ" }, { "Gamma", K_SYM, A_ORD, "Γ" },
	{ "Im", K_SYM, A_ORD, "ℑ" }, { "Lambda", K_SYM, A_ORD, "Λ" },
	{ "Leftarrow", K_SYM, A_REL, "⇐" },
	{ "Leftrightarrow", K_SYM, A_REL, "⇔" },
	{ "Longleftarrow", K_SYM, A_REL, "⟸" },
	{ "Longrightarrow", K_SYM, A_REL, "⟹" },
	{ "Omega", K_SYM, A_ORD, "Ω" }, { "Phi", K_SYM, A_ORD, "Φ" },
	{ "Pi", K_SYM, A_ORD, "Π" }, { "Pr", K_SYM, A_OP, "Pr" },
	{ "Psi", K_SYM, A_ORD, "Ψ" }, { "Re", K_SYM, A_ORD, "ℜ" },
	{ "Rightarrow", K_SYM, A_REL, "⇒" },
	{ "Sigma", K_SYM, A_ORD, "Σ" }, { "Theta", K_SYM, A_ORD, "Θ" },
	{ "Upsilon", K_SYM, A_ORD, "Υ" }, { "Vert", K_SYM, A_ORD, "‖" },
	{ "Xi", K_SYM, A_ORD, "Ξ" }, { "_", K_SYM, A_ORD, "_" },
	{ "acute", K_ACCENT, 0, "\xcc\x81" },
	{ "aleph", K_SYM, A_ORD, "ℵ" }, { "alpha", K_SYM, A_ORD, "α" },
	{ "approx", K_SYM, A_REL, "≈" }, { "arccos", K_SYM, A_OP, "arccos" },
	{ "arcsin", K_SYM, A_OP, "arcsin" },
	{ "arctan", K_SYM, A_OP, "arctan" }, { "arg", K_SYM, A_OP, "arg" },
	{ "ast", K_SYM, A_BIN, "∗" }, { "asymp", K_SYM, A_REL, "≍" },
	{ "backslash", K_SYM, A_ORD, "\\" },
	{ "bar", K_ACCENT, 0, "\xcc\x84" }, { "beta", K_SYM, A_ORD, "β" },
	{ "bf", K_NOTHING, 0, NULL }, { "big", K_DELIM, 0, NULL },
	{ "bigcap", K_SYM, A_OP, "⋂" }, { "bigcup", K_SYM, A_OP, "⋃" },
	{ "bigg", K_DELIM, 0, NULL }, { "biggl", K_DELIM, 0, NULL },
	{ "biggr", K_DELIM, 0, NULL }, { "bigl", K_DELIM, 0, NULL },
	{ "bigr", K_DELIM, 0, NULL }, { "bm", K_FONT, 0, NULL },
	{ "bmod", K_SYM, A_BIN, "mod" },
	{ "boldsymbol", K_FONT, 0, NULL }, { "bot", K_SYM, A_ORD, "⊥" },
	{ "breve", K_ACCENT, 0, "\xcc\x86" },
	{ "bullet", K_SYM, A_BIN, "∙" }, { "cal", K_NOTHING, 0, NULL },
	{ "cap", K_SYM, A_BIN, "∩" }, { "cdot", K_SYM, A_BIN, "⋅" },
	{ "cdots", K_SYM, A_ORD, "⋯" }, { "check", K_ACCENT, 0, "\xcc\x8c" },
	{ "chi", K_SYM, A_ORD, "χ" }, { "circ", K_SYM, A_BIN, "∘" },
	{ "colon", K_SYM, A_PUNCT, ":" }, { "cong", K_SYM, A_REL, "≅" },
	{ "cos", K_SYM, A_OP, "cos" }, { "cosh", K_SYM, A_OP, "cosh" },
	{ "cot", K_SYM, A_OP, "cot" }, { "cup", K_SYM, A_BIN, "∪" },
	{ "dagger", K_SYM, A_BIN, "†" }, { "ddot", K_ACCENT, 0, "\xcc\x88" },
	{ "ddots", K_SYM, A_ORD, "⋱" }, { "deg", K_SYM, A_OP, "deg" },
	{ "delta", K_SYM, A_ORD, "δ" }, { "det", K_SYM, A_OP, "det" },
	{ "dim", K_SYM, A_OP, "dim" },
	{ "displaystyle", K_NOTHING, 0, NULL },
	{ "div", K_SYM, A_BIN, "÷" }, { "dot", K_ACCENT, 0, "\xcc\x87" },
	{ "dots", K_SYM, A_ORD, "…" }, { "downarrow", K_SYM, A_REL, "↓" },
	{ "ell", K_SYM, A_ORD, "ℓ" }, { "emptyset", K_SYM, A_ORD, "∅" },
	{ "epsilon", K_SYM, A_ORD, "ϵ" }, { "equiv", K_SYM, A_REL, "≡" },
	{ "eta", K_SYM, A_ORD, "η" }, { "exists", K_SYM, A_ORD, "∃" },
	{ "exp", K_SYM, A_OP, "exp" }, { "forall", K_SYM, A_ORD, "∀" },
	{ "gamma", K_SYM, A_ORD, "γ" }, { "gcd", K_SYM, A_OP, "gcd" },
	{ "ge", K_SYM, A_REL, "≥" }, { "geq", K_SYM, A_REL, "≥" },
	{ "geqslant", K_SYM, A_REL, "⩾" }, { "gets", K_SYM, A_REL, "←" },
	{ "gg", K_SYM, A_REL, "≫" }, { "grave", K_ACCENT, 0, "\xcc\x80" },
	{ "gtrsim", K_SYM, A_REL, "≳" }, { "hat", K_ACCENT, 0, "\xcc\x82" },
	{ "hbar", K_SYM, A_ORD, "ℏ" }, { "hbox", K_TEXT, 0, NULL },
	{ "hookleftarrow", K_SYM, A_REL, "↩" },
	{ "hookrightarrow", K_SYM, A_REL, "↪" },
	{ "iff", K_SYM, A_REL, "⟺" }, { "imath", K_SYM, A_ORD, "ı" },
	{ "implies", K_SYM, A_REL, "⟹" }, { "in", K_SYM, A_REL, "∈" },
	{ "inf", K_SYM, A_OP, "inf" }, { "infty", K_SYM, A_ORD, "∞" },
	{ "int", K_SYM, A_OP, "∫" }, { "iota", K_SYM, A_ORD, "ι" },
	{ "it", K_NOTHING, 0, NULL }, { "jmath", K_SYM, A_ORD, "ȷ" },
	{ "kappa", K_SYM, A_ORD, "κ" }, { "ker", K_SYM, A_OP, "ker" },
	{ "lambda", K_SYM, A_ORD, "λ" }, { "land", K_SYM, A_BIN, "∧" },
	{ "langle", K_SYM, A_OPEN, "⟨" }, { "lbrace", K_SYM, A_OPEN, "{" },
	{ "lceil", K_SYM, A_OPEN, "⌈" }, { "ldots", K_SYM, A_ORD, "…" },
	{ "le", K_SYM, A_REL, "≤" }, { "left", K_DELIM, 0, NULL },
	{ "leftarrow", K_SYM, A_REL, "←" },
	{ "leftrightarrow", K_SYM, A_REL, "↔" },
	{ "leq", K_SYM, A_REL, "≤" }, { "leqslant", K_SYM, A_REL, "⩽" },
	{ "lesssim", K_SYM, A_REL, "≲" }, { "lfloor", K_SYM, A_OPEN, "⌊" },
	{ "lg", K_SYM, A_OP, "lg" }, { "lim", K_SYM, A_OP, "lim" },
	{ "liminf", K_SYM, A_OP, "lim inf" },
	{ "limsup", K_SYM, A_OP, "lim sup" }, { "ll", K_SYM, A_REL, "≪" },
	{ "ln", K_SYM, A_OP, "ln" }, { "lnot", K_SYM, A_ORD, "¬" },
	{ "log", K_SYM, A_OP, "log" },
	{ "longleftarrow", K_SYM, A_REL, "⟵" },
	{ "longrightarrow", K_SYM, A_REL, "⟶" },
	{ "lor", K_SYM, A_BIN, "∨" }, { "mapsto", K_SYM, A_REL, "↦" },
	{ "mathbb", K_BB, 0, NULL }, { "mathbf", K_FONT, 0, NULL },
	{ "mathcal", K_FONT, 0, NULL }, { "mathit", K_FONT, 0, NULL },
	{ "mathring", K_ACCENT, 0, "\xcc\x8a" },
	{ "mathrm", K_FONT, 0, NULL }, { "mathscr", K_FONT, 0, NULL },
	{ "mathsf", K_FONT, 0, NULL }, { "mathtt", K_FONT, 0, NULL },
	{ "max", K_SYM, A_OP, "max" }, { "mbox", K_TEXT, 0, NULL },
	{ "mid", K_SYM, A_REL, "∣" }, { "min", K_SYM, A_OP, "min" },
	{ "mod", K_SYM, A_BIN, "mod" }, { "models", K_SYM, A_REL, "⊨" },
	{ "mp", K_SYM, A_BIN, "∓" }, { "mu", K_SYM, A_ORD, "μ" },
	{ "nabla", K_SYM, A_ORD, "∇" }, { "ne", K_SYM, A_REL, "≠" },
	{ "neg", K_SYM, A_ORD, "¬" }, { "neq", K_SYM, A_REL, "≠" },
	{ "ni", K_SYM, A_REL, "∋" }, { "notin", K_SYM, A_REL, "∉" },
	{ "nu", K_SYM, A_ORD, "ν" }, { "odot", K_SYM, A_BIN, "⊙" },
	{ "oint", K_SYM, A_OP, "∮" }, { "omega", K_SYM, A_ORD, "ω" },
	{ "omicron", K_SYM, A_ORD, "ο" },
	{ "operatorname", K_OPNAME, 0, NULL },
	{ "oplus", K_SYM, A_BIN, "⊕" }, { "otimes", K_SYM, A_BIN, "⊗" },
	{ "overline", K_ACCENT, 0, "\xcc\x84" },
	{ "parallel", K_SYM, A_REL, "∥" }, { "partial", K_SYM, A_ORD, "∂" },
	{ "perp", K_SYM, A_REL, "⊥" }, { "phi", K_SYM, A_ORD, "ϕ" },
	{ "pi", K_SYM, A_ORD, "π" }, { "pm", K_SYM, A_BIN, "±" },
	{ "prec", K_SYM, A_REL, "≺" }, { "prime", K_SYM, A_ORD, "′" },
	{ "prod", K_SYM, A_OP, "∏" }, { "propto", K_SYM, A_REL, "∝" },
	{ "psi", K_SYM, A_ORD, "ψ" }, { "qquad", K_SPACE, 0, NULL },
	{ "quad", K_SPACE, 0, NULL }, { "rangle", K_SYM, A_CLOSE, "⟩" },
	{ "rbrace", K_SYM, A_CLOSE, "}" }, { "rceil", K_SYM, A_CLOSE, "⌉" },
	{ "rfloor", K_SYM, A_CLOSE, "⌋" }, { "rho", K_SYM, A_ORD, "ρ" },
	{ "right", K_DELIM, 0, NULL },
	{ "rightarrow", K_SYM, A_REL, "→" }, { "rm", K_NOTHING, 0, NULL },
	{ "scriptstyle", K_NOTHING, 0, NULL },
	{ "sec", K_SYM, A_OP, "sec" }, { "setminus", K_SYM, A_BIN, "∖" },
	{ "sf", K_NOTHING, 0, NULL }, { "sigma", K_SYM, A_ORD, "σ" },
	{ "sim", K_SYM, A_REL, "∼" }, { "simeq", K_SYM, A_REL, "≃" },
	{ "sin", K_SYM, A_OP, "sin" }, { "sinh", K_SYM, A_OP, "sinh" },
	{ "sqrt", K_SQRT, 0, NULL }, { "star", K_SYM, A_BIN, "⋆" },
	{ "subset", K_SYM, A_REL, "⊂" }, { "subseteq", K_SYM, A_REL, "⊆" },
	{ "succ", K_SYM, A_REL, "≻" }, { "sum", K_SYM, A_OP, "∑" },
	{ "sup", K_SYM, A_OP, "sup" }, { "supset", K_SYM, A_REL, "⊃" },
	{ "supseteq", K_SYM, A_REL, "⊇" }, { "surd", K_SYM, A_ORD, "√" },
	{ "tan", K_SYM, A_OP, "tan" }, { "tanh", K_SYM, A_OP, "tanh" },
	{ "tau", K_SYM, A_ORD, "τ" }, { "text", K_TEXT, 0, NULL },
	{ "textbf", K_TEXT, 0, NULL }, { "textit", K_TEXT, 0, NULL },
	{ "textrm", K_TEXT, 0, NULL }, { "textstyle", K_NOTHING, 0, NULL },
	{ "theta", K_SYM, A_ORD, "θ" }, { "tilde", K_ACCENT, 0, "\xcc\x83" },
	{ "times", K_SYM, A_BIN, "×" }, { "to", K_SYM, A_REL, "→" },
	{ "top", K_SYM, A_ORD, "⊤" }, { "tt", K_NOTHING, 0, NULL },
	{ "uparrow", K_SYM, A_REL, "↑" },
	{ "upsilon", K_SYM, A_ORD, "υ" }, { "varepsilon", K_SYM, A_ORD, "ε" },
	{ "varkappa", K_SYM, A_ORD, "ϰ" },
	{ "varnothing", K_SYM, A_ORD, "∅" }, { "varphi", K_SYM, A_ORD, "φ" },
	{ "varpi", K_SYM, A_ORD, "ϖ" }, { "varrho", K_SYM, A_ORD, "ϱ" },
	{ "varsigma", K_SYM, A_ORD, "ς" }, { "vartheta", K_SYM, A_ORD, "ϑ" },
	{ "vdash", K_SYM, A_REL, "⊢" }, { "vdots", K_SYM, A_ORD, "⋮" },
	{ "vec", K_ACCENT, 0, "\xe2\x83\x97" }, { "vee", K_SYM, A_BIN, "∨" },
	{ "vert", K_SYM, A_ORD, "|" }, { "wedge", K_SYM, A_BIN, "∧" },
	{ "widehat", K_ACCENT, 0, "\xcc\x82" },
	{ "widetilde", K_ACCENT, 0, "\xcc\x83" },
	{ "xi", K_SYM, A_ORD, "ξ" }, { "zeta", K_SYM, A_ORD, "ζ" },
	{ "{", K_SYM, A_OPEN, "{" }, { "|", K_SYM, A_ORD, "‖" },
	{ "}", K_SYM, A_CLOSE, "}" },
};

/* Superscript and subscript forms: "from" and "to" in step. */
static const char *const sup_from[] = { "0", "1", "2", "3", "4", "5",
    "6", "7", "8", "9", "+", "-", "−", "=", "(", ")", "a", "b", "c",
    "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "v", "w", "x", "y", "z", "A", "B", "D", "E",
    "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "R", "T", "U",
    "V", "W", "′", "∘", "*", "∗", "†" };
static const char *const sup_to[] = { "⁰", "¹", "²", "³", "⁴", "⁵",
    "⁶", "⁷", "⁸", "⁹", "⁺", "⁻", "⁻", "⁼", "⁽", "⁾", "ᵃ", "ᵇ", "ᶜ",
    "ᵈ", "ᵉ", "ᶠ", "ᵍ", "ʰ", "ⁱ", "ʲ", "ᵏ", "ˡ", "ᵐ", "ⁿ", "ᵒ", "ᵖ",
    "ʳ", "ˢ", "ᵗ", "ᵘ", "ᵛ", "ʷ", "ˣ", "ʸ", "ᶻ", "ᴬ", "ᴮ", "ᴰ", "ᴱ",
    "ᴳ", "ᴴ", "ᴵ", "ᴶ", "ᴷ", "ᴸ", "ᴹ", "ᴺ", "ᴼ", "ᴾ", "ᴿ", "ᵀ", "ᵁ",
    "ⱽ", "ᵂ", "′", "°", "*", "*", "†" };
static const char *const sub_from[] = { "0", "1", "2", "3", "4", "5",
    "6", "7", "8", "9", "+", "-", "−", "=", "(", ")", "a", "e", "h",
    "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "v",
    "x" };
static const char *const sub_to[] = { "₀", "₁", "₂", "₃", "₄", "₅",
    "₆", "₇", "₈", "₉", "₊", "₋", "₋", "₌", "₍", "₎", "ₐ", "ₑ", "ₕ",
    "ᵢ", "ⱼ", "ₖ", "ₗ", "ₘ", "ₙ", "ₒ", "ₚ", "ᵣ", "ₛ", "ₜ", "ᵤ", "ᵥ",
    "ₓ" };

/* \mathbb's letters. */
static const char bb_from[] = "CHNPQRZ";
static const char *const bb_to[] = { "ℂ", "ℍ", "ℕ", "ℙ", "ℚ", "ℝ", "ℤ" };

struct mstate {
	const char	*p, *end;
	struct buf	*out;
	enum atom	 last;		/* the class of the last atom out */
	int		 blank;		/* 1: asked for (\,), -1: not (\!) */
	int		 depth;
};

static int	parse(struct mstate *, int);

int
math_table_sorted(void)
{
	size_t	 i;

	for (i = 1; i < NELEM(cmds); i++)
		if (strcmp(cmds[i - 1].name, cmds[i].name) >= 0)
			return 0;
	return NELEM(sup_from) == NELEM(sup_to) &&
	    NELEM(sub_from) == NELEM(sub_to) &&
	    sizeof(bb_from) - 1 == NELEM(bb_to);
}

static const struct mcmd *
find(const char *name, size_t len)
{
	size_t	 lo = 0, hi = NELEM(cmds);

	while (lo < hi) {
		size_t	 mid = (lo + hi) / 2;
		int	 c = strncmp(cmds[mid].name, name, len);

		if (c == 0 && cmds[mid].name[len] != '\0')
			c = 1;
		if (c == 0)
			return &cmds[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Write an atom of class a, with the blank TeX would put before it.  A
 * binary operator with nothing to its left is an ordinary atom ("−1").
 */
static void
emit(struct mstate *st, enum atom a, const char *text, size_t len)
{
	enum atom	 l = st->last;
	int		 blank = st->blank;

	if (a == A_BIN && (l == A_NONE || l == A_BIN || l == A_REL ||
	    l == A_OP || l == A_OPEN || l == A_PUNCT))
		a = A_ORD;
	if (l != A_NONE && blank >= 0) {
		if (a == A_OP && (l == A_ORD || l == A_CLOSE || l == A_OP))
			blank = 1;
		if (l == A_OP && a == A_ORD)
			blank = 1;
		if (a == A_BIN || l == A_BIN || l == A_PUNCT)
			blank = 1;
		if ((a == A_REL && l != A_OPEN) ||
		    (l == A_REL && a != A_CLOSE && a != A_PUNCT))
			blank = 1;
	}
	if (blank > 0 && st->out->len > 0 && st->out->data[st->out->len - 1] !=
	    ' ')
		buf_putc(st->out, ' ');
	buf_put(st->out, text, len);
	st->last = a;
	st->blank = 0;
}

/*
 * One argument -- a character, a command or a {group} -- decoded onto
 * tmp on its own (blanks trimmed).  Returns 0 if it is not understood.
 */
static int
argument(struct mstate *st, struct buf *tmp)
{
	struct mstate	 sub = *st;
	int		 ok;

	sub.out = tmp;
	sub.last = A_NONE;
	sub.blank = 0;
	if (++sub.depth > MATH_DEPTH)
		return 0;
	while (sub.p < sub.end && *sub.p == ' ')
		sub.p++;
	if (sub.p >= sub.end || *sub.p == '}')
		return 0;
	if (*sub.p == '{') {
		sub.p++;
		ok = parse(&sub, 1);
	} else
		ok = parse(&sub, -1);
	st->p = sub.p;
	while (tmp->len > 0 && tmp->data[tmp->len - 1] == ' ')
		buf_truncate(tmp, tmp->len - 1);
	return ok && tmp->len > 0;
}

/* The number of characters of s[0..n), or -1 if it is not UTF-8. */
static int
characters(const char *s, size_t n)
{
	int	 count = 0, cp, k;

	for (; n > 0; s += k, n -= (size_t)k, count++)
		if ((k = utf8_decode(s, n, &cp)) == 0)
			return -1;
	return count;
}

/* A script's text in Unicode's super- or subscript forms, if all have. */
static int
scripted(struct buf *out, const char *s, size_t n, int sup)
{
	const char *const *from = sup ? sup_from : sub_from;
	const char *const *to = sup ? sup_to : sub_to;
	size_t		   nf = sup ? NELEM(sup_from) : NELEM(sub_from);
	size_t		   i, start = out->len;
	int		   cp, k;

	for (; n > 0; s += k, n -= (size_t)k) {
		if ((k = utf8_decode(s, n, &cp)) == 0)
			return 0;
		if (*s == ' ')
			continue;
		for (i = 0; i < nf; i++)
			if (strlen(from[i]) == (size_t)k &&
			    memcmp(from[i], s, (size_t)k) == 0)
				break;
		if (i == nf) {
			buf_truncate(out, start);
			return 0;
		}
		buf_puts(out, to[i]);
	}
	return 1;
}

/* st->p is just after ^ or _. */
static int
script(struct mstate *st, int sup)
{
	struct buf	 tmp = { 0 };
	int		 ok;

	ok = argument(st, &tmp);
	if (ok && !scripted(st->out, tmp.data, tmp.len, sup)) {
		/* p_T: one character, as plain text writes it. */
		ok = characters(tmp.data, tmp.len) == 1;
		if (ok) {
			buf_putc(st->out, sup ? '^' : '_');
			buf_put(st->out, tmp.data, tmp.len);
		}
	}
	buf_free(&tmp);
	if (ok && st->last == A_NONE)
		st->last = A_ORD;
	return ok;
}

/* \text{...}: letters, digits, blanks and punctuation as written. */
static int
text_argument(struct mstate *st)
{
	const char	*p = st->p, *q;

	while (p < st->end && *p == ' ')
		p++;
	if (p >= st->end || *p != '{')
		return 0;
	for (q = ++p; q < st->end && *q != '}'; q++)
		if (*q == '\\' || *q == '{' || *q == '$' || *q == '^' ||
		    *q == '_' || *q == '&' || *q == '#' || *q == '%')
			return 0;
	if (q >= st->end)
		return 0;
	if (q > p)
		emit(st, A_ORD, p, (size_t)(q - p));
	st->p = q + 1;
	return 1;
}

static int
command(struct mstate *st)
{
	const char		*name = st->p + 1, *q = name;
	const struct mcmd	*c;
	struct buf		 tmp = { 0 };
	int			 ok = 1;
	size_t			 i;

	if (q >= st->end)
		return 0;
	if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
		while (q < st->end && ((*q >= 'a' && *q <= 'z') ||
		    (*q >= 'A' && *q <= 'Z')))
			q++;
	else
		q++;
	if ((c = find(name, (size_t)(q - name))) == NULL)
		return 0;
	st->p = q;
	switch (c->kind) {
	case K_SYM:
		emit(st, c->atom, c->text, strlen(c->text));
		return 1;
	case K_SPACE:
		st->blank = 1;
		return 1;
	case K_NEGSPACE:
		st->blank = -1;
		return 1;
	case K_NOTHING:
		return 1;
	case K_DELIM:
		while (st->p < st->end && *st->p == ' ')
			st->p++;
		if (st->p < st->end && *st->p == '.')
			st->p++;	/* \left. is no delimiter */
		return 1;
	case K_TEXT:
		return text_argument(st);
	default:
		break;
	}
	if (!argument(st, &tmp))
		ok = 0;
	else if (c->kind == K_ACCENT) {
		/* One character under the mark; NFC composes later. */
		ok = characters(tmp.data, tmp.len) == 1;
		if (ok) {
			buf_puts(&tmp, c->text);
			emit(st, A_ORD, tmp.data, tmp.len);
		}
	} else if (c->kind == K_FONT)
		emit(st, A_ORD, tmp.data, tmp.len);
	else if (c->kind == K_OPNAME)
		emit(st, A_OP, tmp.data, tmp.len);
	else if (c->kind == K_BB) {
		const char *at = tmp.len == 1 ? strchr(bb_from, tmp.data[0]) :
		    NULL;

		ok = at != NULL;
		if (ok) {
			i = (size_t)(at - bb_from);
			emit(st, A_ORD, bb_to[i], strlen(bb_to[i]));
		}
	} else if (c->kind == K_SQRT) {
		/* \sqrt{2}, \sqrt{n}: a root of letters and digits. */
		for (i = 0; i < tmp.len; i++)
			if (!((tmp.data[i] >= '0' && tmp.data[i] <= '9') ||
			    (tmp.data[i] >= 'a' && tmp.data[i] <= 'z') ||
			    (tmp.data[i] >= 'A' && tmp.data[i] <= 'Z')))
				ok = 0;
		if (ok) {
			emit(st, A_ORD, "√", strlen("√"));
			buf_put(st->out, tmp.data, tmp.len);
		}
	} else
		ok = 0;
	buf_free(&tmp);
	return ok;
}

/* One token at st->p. */
static int
token(struct mstate *st)
{
	char		 c = *st->p;
	int		 cp, n;

	switch (c) {
	case ' ': case '\t': case '\n':
		st->p++;
		return 1;
	case '\\':
		return command(st);
	case '{':
		if (st->depth + 1 > MATH_DEPTH)
			return 0;
		st->p++;
		st->depth++;
		if (!parse(st, 1))
			return 0;
		st->depth--;
		return 1;
	case '^': case '_':
		st->p++;
		return script(st, c == '^');
	case '~':
		st->p++;
		st->blank = 1;
		return 1;
	case '}': case '$': case '&': case '#': case '%':
		return 0;
	case '\'':
		st->p++;
		buf_puts(st->out, "′");
		return 1;
	case '+':
		emit(st, A_BIN, "+", 1);
		break;
	case '-':
		emit(st, A_BIN, "−", strlen("−"));
		break;
	case '*':
		emit(st, A_BIN, "*", 1);
		break;
	case '=': case '<': case '>': case ':':
		emit(st, A_REL, &st->p[0], 1);
		break;
	case ',': case ';':
		emit(st, A_PUNCT, &st->p[0], 1);
		break;
	case '(': case '[':
		emit(st, A_OPEN, &st->p[0], 1);
		break;
	case ')': case ']':
		emit(st, A_CLOSE, &st->p[0], 1);
		break;
	default:
		if ((unsigned char)c < 0x20)
			return 0;
		n = utf8_decode(st->p, (size_t)(st->end - st->p), &cp);
		if (n == 0)
			return 0;
		emit(st, A_ORD, st->p, (size_t)n);
		st->p += n;
		return 1;
	}
	st->p++;
	return 1;
}

/*
 * Tokens up to the end (until_brace 0), past the closing brace (1), or
 * one token and what it takes (-1).
 */
static int
parse(struct mstate *st, int until_brace)
{
	while (st->p < st->end) {
		if (*st->p == '}') {
			if (until_brace != 1)
				return 0;
			st->p++;
			return 1;
		}
		if (until_brace == -1 && *st->p == ' ') {
			st->p++;
			continue;
		}
		if (!token(st))
			return 0;
		if (until_brace == -1)
			return 1;
	}
	return until_brace == 0;
}

int
math_decode(struct buf *out, const char *s, size_t len)
{
	struct buf	 tmp = { 0 };
	struct mstate	 st = { s, s + len, &tmp, A_NONE, 0, 0 };
	utf8proc_uint8_t *nfc;
	int		 ok;

	ok = parse(&st, 0);
	while (tmp.len > 0 && tmp.data[tmp.len - 1] == ' ')
		buf_truncate(&tmp, tmp.len - 1);
	if (ok && tmp.len > 0 && utf8proc_map((const utf8proc_uint8_t *)
	    tmp.data, (utf8proc_ssize_t)tmp.len, &nfc, UTF8PROC_STABLE |
	    UTF8PROC_COMPOSE) >= 0) {
		buf_puts(out, (const char *)nfc);
		free(nfc);
	} else
		ok = 0;
	buf_free(&tmp);
	return ok;
}

/* Is s (n bytes) one of the texts in v?  Its place, or -1. */
static int
place_of(const char *const *v, size_t nv, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < nv; i++)
		if (strlen(v[i]) == n && memcmp(v[i], s, n) == 0)
			return (int)i;
	return -1;
}

size_t
math_to_tex(struct buf *out, const char *s)
{
	size_t	 i, k;
	int	 cp, at;

	if ((k = (size_t)utf8_decode(s, strlen(s), &cp)) == 0 || cp < 0x80)
		return 0;
	if ((at = place_of(sup_to, NELEM(sup_to), s, k)) >= 0 &&
	    (unsigned char)sup_from[at][0] < 0x80) {
		buf_printf(out, "\\textsuperscript{%s}", sup_from[at]);
		return k;
	}
	if ((at = place_of(sub_to, NELEM(sub_to), s, k)) >= 0 &&
	    (unsigned char)sub_from[at][0] < 0x80) {
		buf_printf(out, "\\textsubscript{%s}", sub_from[at]);
		return k;
	}
	for (i = 0; i < NELEM(cmds); i++) {
		if (cmds[i].text == NULL || strlen(cmds[i].text) != k ||
		    memcmp(cmds[i].text, s, k) != 0 ||
		    (cmds[i].kind != K_SYM && cmds[i].kind != K_ACCENT) ||
		    !isalpha((unsigned char)cmds[i].name[0]))
			continue;
		if (cmds[i].kind == K_SYM) {
			buf_printf(out, "\\ensuremath{\\%s}", cmds[i].name);
			return k;
		}
		/* a mark over the letter just written: c + U+0304 */
		if (out->len > 0 && isalpha((unsigned char)
		    out->data[out->len - 1])) {
			char	 base = out->data[--out->len];

			out->data[out->len] = '\0';
			buf_printf(out, "\\ensuremath{\\%s{%c}}", cmds[i].name,
			    base);
			return k;
		}
	}
	return 0;
}

/*
 * math.h: the simple TeX math of titles as Unicode text (math.c).
 */
#ifndef MATH_H
#define MATH_H

#include <stddef.h>

struct buf;

/*
 * Decode the math between the dollar signs, s[0..len), onto out:
 * "\pi" is "π", "c\bar{c}" "cc̄", "x^2" "x²", "p_T" "p_T", "O(n \log n)"
 * "O(n log n)".  All or nothing: returns 0, and adds nothing, when any
 * of it is not understood (\frac, an unknown command, a script Unicode
 * has no form for); the caller then keeps the math as written.
 */
int	 math_decode(struct buf *out, const char *s, size_t len);
/*
 * The other way, for LaTeX output (pdflatex has no glyph for "α", "²",
 * "→", a combining macron): the character at s as the command the table
 * decodes to it -- "\ensuremath{\alpha}", "\textsuperscript{2}", and
 * "\ensuremath{\bar{c}}" for a mark over the letter just written to out
 * (which it takes back) -- and the bytes it used; 0 for any other.
 */
size_t	 math_to_tex(struct buf *out, const char *s);
/* Its table of commands is sorted, each name once (for tests). */
int	 math_table_sorted(void);

#endif

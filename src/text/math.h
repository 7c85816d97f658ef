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
/* Its table of commands is sorted, each name once (for tests). */
int	 math_table_sorted(void);

#endif

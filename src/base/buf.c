/* SPDX-License-Identifier: ISC */
/*
 * buf.c: growable byte buffer.  The data is always NUL-terminated so
 * it can be handed to C string functions without a copy.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
	b->data[b->len] = '\0';
}

size_t
put_decimal(char *out, int n)
{
	char	 rev[12];
	size_t	 len = 0, i;

	do
		rev[len++] = (char)('0' + n % 10);
	while ((n /= 10) > 0 && len < sizeof(rev));
	for (i = 0; i < len; i++)
		out[i] = rev[len - 1 - i];
	out[len] = '\0';
	return len;
}

/*
 * Into the room there is first: most texts fit, and measuring each
 * before writing it was two vsnprintf() calls a text.
 */
void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 again;
	size_t	 room;
	int	 n;

	buf_grow(b, 64);
	room = b->cap - b->len;
	va_copy(again, ap);
	n = vsnprintf(b->data + b->len, room, fmt, again);
	va_end(again);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

char *
buf_detach(struct buf *b)
{
	char	*s = b->data != NULL ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

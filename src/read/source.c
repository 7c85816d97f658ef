/* SPDX-License-Identifier: ISC */
/*
 * source.c: read an input file and normalize its bytes, so that the
 * scanner, libbtparse and every later stage only ever see clean UTF-8.
 * Policy (documented in bib2pubs(1)):
 *  - a UTF-8 byte-order mark is dropped; CRLF and lone CR become LF;
 *  - form feed and vertical tab become spaces;
 *  - NUL is an error, other control characters (DEL and the C1 range
 *    U+0080-U+009F too) and non-characters (U+FFFE, U+FFFF, U+FDD0-
 *    U+FDEF, ...) a warning: all become U+FFFD.  A site's YAML refuses
 *    them (Hugo fails the whole build; Jekyll drops the front matter);
 *  - a file with no valid multi-byte UTF-8 sequence but some high bytes
 *    is read as Windows-1252 (a superset of Latin-1), with a warning;
 *  - otherwise each invalid byte becomes U+FFFD, with an error.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/msg.h"
#include "base/util.h"
#include "read/source.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

/* Windows-1252 code points for bytes 0x80-0x9f; 0 where undefined. */
static const unsigned short cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

/* What a first pass found; the second pass only runs if needed. */
struct survey {
	size_t	 nul, ctrl, invalid, multibyte, cr;
	int	 nul_line, ctrl_line, invalid_line;
};

static int
is_bad_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
	    c != '\f' && c != '\v') || c == 0x7f;
}

/* A code point no text should hold: a C1 control or a non-character. */
static int
is_bad_codepoint(int cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0xfdd0 && cp <= 0xfdef) ||
	    (cp & 0xfffe) == 0xfffe;
}

static int
is_plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t';
}

/*
 * How many of the first bytes of s are printable ASCII (0x20-0x7e),
 * newlines or tabs: almost all of a .bib file is, and the survey only
 * has to look closely at the rest.  Sixteen at a time with SSE2 (every
 * x86-64 has it), without stopping at every line; elsewhere, eight at
 * a time, stopping at line ends.
 */
static size_t
plain_run(const char *s, size_t len)
{
	size_t		 i = 0, end;
#ifdef __SSE2__
	const __m128i	 space = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f);
	const __m128i	 nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
	__m128i		 w, ok;
	int		 mask;
#else
	const uint64_t	 ones = 0x0101010101010101u;
	uint64_t	 w;
#endif

	for (;;) {
#ifdef __SSE2__
		/* Signed: bytes from 0x80 are below 0x1f: not plain. */
		for (; i + 16 <= len; i += 16) {
			w = _mm_loadu_si128((const __m128i *)(const void *)
			    (s + i));
			ok = _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(w,
			    del), _mm_cmpgt_epi8(w, space)),
			    _mm_or_si128(_mm_cmpeq_epi8(w, nl),
			    _mm_cmpeq_epi8(w, tab)));
			if ((mask = _mm_movemask_epi8(ok)) != 0xffff)
				return i + (size_t)__builtin_ctz(~(unsigned)mask);
		}
#else
		/* A byte below 0x20 or above 0x7f sets its top bit, and
		 * so does DEL, xor 0x7f making it 0. */
		for (; i + 8 <= len; i += 8) {
			memcpy(&w, s + i, 8);
			if (((w | (w - 0x20 * ones)) & 0x80 * ones) != 0 ||
			    (((w ^ 0x7f * ones) - ones) & ~(w ^ 0x7f * ones) &
			    0x80 * ones) != 0)
				break;
		}
#endif
		/* The tail, or a word with a newline, a tab or worse. */
		end = i + 8 < len ? i + 8 : len;
		while (i < end && is_plain((unsigned char)s[i]))
			i++;
		if (i < end || i >= len)
			return i;
	}
}

/*
 * The line of byte i, counted when it is wanted: only the first byte
 * of each kind the survey reports has its line said.
 */
static int
line_at(const char *s, size_t i)
{
	const char	*p = s, *end = s + i, *nl;
	int		 line = 1;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p = nl + 1;
	}
	return line;
}

static void
survey(const char *s, size_t len, struct survey *sv)
{
	size_t		 i = 0;
	int		 cp, n;
	unsigned char	 c;

	memset(sv, 0, sizeof(*sv));
	while (i < len) {
		i += plain_run(s + i, len - i);
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c == '\r' || c == '\f' || c == '\v')
			sv->cr++;
		else if (c == '\0') {
			if (sv->nul++ == 0)
				sv->nul_line = line_at(s, i);
		} else if (is_bad_control(c)) {
			if (sv->ctrl++ == 0)
				sv->ctrl_line = line_at(s, i);
		} else if (c >= 0x80) {
			n = utf8_decode(s + i, len - i, &cp);
			if (n > 0 && is_bad_codepoint(cp) && sv->ctrl++ == 0)
				sv->ctrl_line = line_at(s, i);
			if (n > 0) {
				sv->multibyte++;
				i += (size_t)n;
				continue;
			}
			if (sv->invalid++ == 0)
				sv->invalid_line = line_at(s, i);
		}
		i++;
	}
}

static void
put_codepoint(struct buf *b, int cp)
{
	char	 u[4];

	buf_put(b, u, utf8_encode(cp, u));
}

/* Rewrite s into a clean buffer according to the policy above. */
static char *
rewrite(const char *s, size_t len, int latin1, size_t *outlen)
{
	struct buf	 b = { 0 };
	size_t		 i = 0;
	int		 cp, n;
	unsigned char	 c;

	buf_grow(&b, len + len / 8);
	while (i < len) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f) {
			buf_putc(&b, (char)c);
			i++;
		} else if (c == '\r') {
			buf_putc(&b, '\n');
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
		} else if (c == '\f' || c == '\v') {
			buf_putc(&b, ' ');
			i++;
		} else if (c == '\0' || is_bad_control(c)) {
			buf_puts(&b, REPLACEMENT);
			i++;
		} else if (c < 0x80) {
			buf_putc(&b, (char)c);
			i++;
		} else if (latin1) {
			cp = c < 0xa0 ? cp1252[c - 0x80] : c;
			put_codepoint(&b, cp != 0 ? cp : 0xfffd);
			i++;
		} else if ((n = utf8_decode(s + i, len - i, &cp)) > 0) {
			if (is_bad_codepoint(cp))
				buf_puts(&b, REPLACEMENT);
			else
				buf_put(&b, s + i, (size_t)n);
			i += (size_t)n;
		} else {
			buf_puts(&b, REPLACEMENT);
			i++;
		}
	}
	*outlen = b.len;
	return buf_detach(&b);
}

struct damage {
	int		 line;
	enum msg_level	 level;
	const char	*text;
	size_t		 count;		/* 0: do not show a count */
};

static void
add_damage(struct damage *d, size_t *n, int line, enum msg_level level,
    const char *text, size_t count)
{
	struct damage	 t = { line, level, text, count };
	size_t		 i = (*n)++;

	for (; i > 0 && d[i - 1].line > line; i--)
		d[i] = d[i - 1];
	d[i] = t;
}

/* One message per kind of damage, in the order of their lines. */
static void
report(const char *name, const struct survey *sv, int latin1)
{
	struct damage	 d[3];
	size_t		 n = 0, i;

	if (sv->nul > 0)
		add_damage(d, &n, sv->nul_line, MSG_ERROR,
		    "NUL byte replaced by U+FFFD", sv->nul);
	if (sv->ctrl > 0)
		add_damage(d, &n, sv->ctrl_line, MSG_WARNING,
		    "control character or non-character replaced by U+FFFD",
		    sv->ctrl);
	if (sv->invalid > 0 && latin1)
		add_damage(d, &n, sv->invalid_line, MSG_WARNING,
		    "not UTF-8; read as Latin-1 (Windows-1252)", 0);
	else if (sv->invalid > 0)
		add_damage(d, &n, sv->invalid_line, MSG_ERROR,
		    "invalid UTF-8 byte replaced by U+FFFD", sv->invalid);
	for (i = 0; i < n; i++)
		if (d[i].count > 0)
			msg(d[i].level, name, d[i].line, "%s (%zu in this "
			    "file)", d[i].text, d[i].count);
		else
			msg(d[i].level, name, d[i].line, "%s", d[i].text);
}

void
source_from_memory(struct source *src, const char *name, char *data,
    size_t len)
{
	struct survey	 sv;
	char		*text;
	int		 latin1;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		memmove(data, data + 3, len - 3);
		len -= 3;
	}
	survey(data, len, &sv);
	latin1 = sv.invalid > 0 && sv.multibyte == 0;
	report(name, &sv, latin1);
	src->name = xstrdup(name);
	if (sv.nul + sv.ctrl + sv.invalid + sv.cr == 0) {
		data[len] = '\0';
		src->text = data;
		src->len = len;
		return;
	}
	text = rewrite(data, len, latin1, &src->len);
	free(data);
	src->text = text;
}

/* madvise() the whole pages between from and to, if there are any. */
static void
advise_pages(const char *from, const char *to, int advice)
{
	long		 page = sysconf(_SC_PAGESIZE);
	uintptr_t	 mask = (uintptr_t)page - 1, a, z;

	if (page <= 0)
		return;
	a = ((uintptr_t)from + mask) & ~mask;
	z = (uintptr_t)to & ~mask;
	if (z > a)
		(void)madvise((void *)a, z - a, advice);
}

/*
 * The pages read(2) is about to fill, made in one call: a large file
 * read into fresh memory is otherwise a page fault, and a trap, for
 * every 4 kB.
 */
static void
prefault(char *data, size_t len)
{
#ifdef MADV_POPULATE_WRITE
	/* Before Linux 5.14, EINVAL: the pages fault one by one. */
	if (len >= 1024 * 1024)
		advise_pages(data, data + len, MADV_POPULATE_WRITE);
#else
	(void)data;
	(void)len;
#endif
}

char *
source_read_fd(int fd, size_t *lenp)
{
	size_t	 len = 0, cap = 65536;
	char	*data;
	ssize_t	 n;
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	data = xmalloc(cap + 1);
	prefault(data, cap + 1);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			data = xrealloc(data, cap + 1);
		}
		n = read(fd, data + len, cap - len);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(data);
			return NULL;
		}
		len += (size_t)n;
	}
	data[len] = '\0';
	*lenp = len;
	return data;
}

int
source_load(struct source *src, const char *path)
{
	const char	*name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct stat	 st;
	char		*data;
	size_t		 len;
	int		 fd, statted;

	memset(src, 0, sizeof(*src));
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		msg(MSG_SYSERR, name, 0, "cannot open: %s", strerror(errno));
		return 0;
	}
	statted = fstat(fd, &st) == 0;
	if (statted && S_ISDIR(st.st_mode)) {
		msg(MSG_SYSERR, name, 0, "is a directory");
		close(fd);
		return 0;
	}
	data = source_read_fd(fd, &len);
	if (data == NULL)
		msg(MSG_SYSERR, name, 0, "cannot read: %s", strerror(errno));
	if (fd != STDIN_FILENO)
		close(fd);
	if (data == NULL)
		return 0;
	source_from_memory(src, name, data, len);
	src->regular = statted && fd != STDIN_FILENO && S_ISREG(st.st_mode);
	if (src->regular)
		src->mtime = st.st_mtim;
	return 1;
}

/*
 * madvise, not realloc: the kept part must not move (values point into
 * it), and only whole pages inside the block are dropped, which the
 * block's owner (malloc) never reads; they read as zeros if touched.
 */
void
source_trim(struct source *src, const char *from, const char *to)
{
#ifdef MADV_DONTNEED
	if (src->text != NULL && from >= src->text &&
	    to <= src->text + src->len)
		advise_pages(from, to, MADV_DONTNEED);
#else
	(void)src;
	(void)from;
	(void)to;
#endif
}

void
source_free(struct source *src)
{
	free(src->name);
	free(src->text);
	memset(src, 0, sizeof(*src));
}

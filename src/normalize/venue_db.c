/* SPDX-License-Identifier: ISC */
/*
 * venue_db.c: the venue database -- bib/venues.tsv and --venues files,
 * every name and alias reduced to keys once at load (or read from
 * bib/venues.idx when it was made from that very file), and the rank
 * systems to show.
 */
#include "config.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/util.h"
#include "normalize/venue_db.h"
#include "read/source.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the database ---- */

struct venue_db *
venue_db_new(void)
{
	struct venue_db	*db = xcalloc(1, sizeof(*db));

	db->strict = strmap_new_borrowed();
	db->loose = strmap_new_borrowed();
	db->abbrs = strmap_new_borrowed();
	db->abbrs_loose = strmap_new_borrowed();
	db->dblp = strmap_new_borrowed();
	db->initials = strmap_new();
	db->labels = strmap_new_borrowed();
	db->cache = strmap_new();
	venue_db_set_ranks(db, "ccf,thcpl");
	return db;
}

void
venue_db_free(struct venue_db *db)
{
	if (db == NULL)
		return;
	free(db->v);
	strmap_free(db->strict, NULL);
	strmap_free(db->loose, NULL);
	strmap_free(db->abbrs, NULL);
	strmap_free(db->abbrs_loose, NULL);
	strmap_free(db->dblp, NULL);
	strmap_free(db->initials, NULL);
	strmap_free(db->labels, NULL);
	strmap_free(db->cache, free);
	arena_free(&db->arena);
	buf_free(&db->strict_key);
	buf_free(&db->loose_key);
	free(db->index);
	free(db);
}

size_t
venue_db_count(const struct venue_db *db)
{
	return db->n;
}

int
venue_db_set_ranks(struct venue_db *db, const char *list)
{
	char	*copy = xstrdup(list), *tok, *save = NULL, *levels;
	int	 ok = 1;

	db->nsystems = 0;
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (strcmp(tok, "none") == 0)
			continue;
		levels = strchr(tok, ':');
		if (levels != NULL)
			*levels++ = '\0';
		if (strlen(tok) >= sizeof(db->systems[0]) || (levels != NULL &&
		    strlen(levels) >= sizeof(db->levels[0])) ||
		    db->nsystems == MAX_SYSTEMS) {
			ok = 0;
			break;
		}
		strcpy(db->levels[db->nsystems], levels != NULL ? levels : "");
		strcpy(db->systems[db->nsystems++], tok);
	}
	free(copy);
	return ok;
}

/*
 * kept: the key lives as long as db (in its index), so it goes into the
 * map as it is, in one probe; else it is copied.
 */
static void
put_key(struct venue_db *db, struct strmap *m, const char *key,
    struct venue *v, int user, int kept)
{
	struct vkey	*k, **slot = NULL;

	if (key[0] == '\0')
		return;
	if (kept)
		k = *(slot = (struct vkey **)strmap_slot(m, key));
	else
		k = strmap_get(m, key);
	if (k == NULL) {
		k = arena_alloc(&db->arena, sizeof(*k));
		k->v = v;
		k->other = NULL;
		k->user = user;
		if (slot != NULL)
			*slot = k;
		else
			strmap_put(m, arena_strdup(&db->arena, key), k);
	} else if (k->v == v)
		return;
	else if (user && !k->user) {
		k->v = v;	/* --venues overrides what we ship */
		k->other = NULL;
		k->user = 1;
	} else if (k->other == NULL)
		k->other = v;
}

static int
is_abbreviation(const char *s)
{
	size_t	 upper = 0;

	if (strchr(s, ' ') != NULL && strlen(s) > 12)
		return 0;
	for (; *s != '\0'; s++)
		upper += isupper((unsigned char)*s) != 0;
	return upper >= 2;
}


/* Remember the words of a venue's names (for the abbreviation check). */
static void
add_words(struct venue_db *db, struct venue *v, const char *key)
{
	size_t	 old = v->words != NULL ? strlen(v->words) : 0;
	size_t	 n = strlen(key);
	char	*w = arena_alloc(&db->arena, old + n + 2);

	if (old > 0) {
		memcpy(w, v->words, old);
		w[old++] = ' ';
	}
	memcpy(w + old, key, n + 1);
	v->words = w;
}

/* The keys of one name: empty where there is none to index. */
struct name_keys {
	const char	*strict, *loose, *abbr, *abbr_loose;
};

static void
make_keys(struct venue_db *db, const char *name, struct name_keys *k,
    char **abbrs)
{
	struct buf	*strict = &db->strict_key, *loose = &db->loose_key;

	buf_truncate(strict, 0);
	buf_truncate(loose, 0);
	venue_clean_words(name, strict, loose);
	k->strict = strict->len > 0 ? strict->data : "";
	k->loose = loose->len > 0 && venue_key_has_content(loose->data) ?
	    loose->data : "";
	abbrs[0] = is_abbreviation(name) ? venue_abbr_key(name, 0) : NULL;
	abbrs[1] = abbrs[0] != NULL ? venue_abbr_key(name, 1) : NULL;
	k->abbr = abbrs[0] != NULL ? abbrs[0] : "";
	k->abbr_loose = abbrs[1] != NULL ? abbrs[1] : "";
}

/*
 * The next line of bib/venues.idx: the name, then its four keys, tab
 * separated.  A line that does not fit ends the index's use; the
 * rest is made here.
 */
static int
indexed_keys(struct venue_db *db, const char *name, struct name_keys *k)
{
	char	*col[5], *p = db->index_next, *end;
	size_t	 n;

	if (p == NULL || (end = strchr(p, '\n')) == NULL)
		goto unusable;
	*end = '\0';
	for (n = 0; n < 5 && p != NULL; n++) {
		col[n] = p;
		if ((p = strchr(p, '\t')) != NULL)
			*p++ = '\0';
	}
	if (n != 5 || p != NULL || strcmp(col[0], name) != 0)
		goto unusable;
	k->strict = col[1];
	k->loose = col[2];
	k->abbr = col[3];
	k->abbr_loose = col[4];
	db->index_next = end + 1;
	return 1;
unusable:
	db->index_next = NULL;
	return 0;
}

static void
record_keys(struct buf *out, const char *name, const struct name_keys *k)
{
	buf_printf(out, "%s\t%s\t%s\t%s\t%s\n", name, k->strict, k->loose,
	    k->abbr, k->abbr_loose);
}

int
venue_initials(const char *key, char *out, size_t size)
{
	const char	*w;
	size_t		 n = 0;

	for (w = key; *w != '\0'; w += strcspn(w, " "), w += *w == ' ') {
		if (n + 1 >= size)
			return 0;
		out[n++] = *w;
	}
	out[n] = '\0';
	return n >= 2;
}

/* A name of several words, for abbreviated forms ("IEEE Trans.
 * Wireless Commun."); stable: the index's text, or a copy. */
static void
put_name(struct venue_db *db, struct venue *v, const char *strict, int kept)
{
	struct vname	*vn;

	if (strchr(strict, ' ') == NULL)
		return;
	vn = arena_alloc(&db->arena, sizeof(*vn));
	vn->v = v;
	vn->words = kept ? strict : arena_strdup(&db->arena, strict);
	vn->next = db->names;
	vn->same = NULL;
	db->names = vn;
}

const struct vname *
venue_db_initials(const struct venue_db *db, const char *initials)
{
	struct vname	*vn, **slot;
	char		 key[32];

	if (strmap_count(db->initials) == 0)
		for (vn = db->names; vn != NULL; vn = vn->next)
			if (venue_initials(vn->words, key, sizeof(key))) {
				slot = (struct vname **)strmap_slot(
				    db->initials, key);
				vn->same = *slot;
				*slot = vn;
			}
	return strmap_get(db->initials, initials);
}

/* Index one name of a venue under all its keys. */
static void
index_name(struct venue_db *db, struct venue *v, const char *name,
    int user)
{
	struct name_keys k;
	char		*abbrs[2] = { NULL, NULL };
	int		 kept = indexed_keys(db, name, &k);

	if (!kept)
		make_keys(db, name, &k, abbrs);
	if (db->record != NULL)
		record_keys(db->record, name, &k);
	if (k.strict[0] != '\0') {
		add_words(db, v, k.strict);
		put_key(db, db->strict, k.strict, v, user, kept);
		put_name(db, v, k.strict, kept);
	}
	put_key(db, db->loose, k.loose, v, user, kept);
	put_key(db, db->abbrs, k.abbr, v, user, kept);
	put_key(db, db->abbrs_loose, k.abbr_loose, v, user, kept);
	free(abbrs[0]);
	free(abbrs[1]);
}

static int
parse_ranks(struct venue *v, char *s)
{
	char	*tok, *save = NULL, *colon;

	v->nranks = 0;
	if (strcmp(s, "-") == 0)
		return 1;
	for (tok = strtok_r(s, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		colon = strchr(tok, ':');
		if (colon == NULL || v->nranks == VENUE_MAX_RANKS ||
		    (size_t)(colon - tok) >= sizeof(v->ranks[0].system) ||
		    strlen(colon + 1) >= sizeof(v->ranks[0].cls) ||
		    colon == tok || colon[1] == '\0')
			return 0;
		*colon = '\0';
		strcpy(v->ranks[v->nranks].system, tok);
		strcpy(v->ranks[v->nranks].cls, colon + 1);
		v->nranks++;
	}
	return 1;
}

/* The venue a row describes: an existing one (by label) or a new one. */
static struct venue *
venue_for_row(struct venue_db *db, const char *abbr, int user)
{
	char		*label = venue_fold(abbr);
	struct venue	*v = user ? strmap_get(db->labels, label) : NULL;

	if (v == NULL) {
		v = memset(arena_alloc(&db->arena, sizeof(*v)), 0, sizeof(*v));
		v->abbr = arena_strdup(&db->arena, abbr);
		db->v = xreallocarray(db->v, db->n + 1, sizeof(*db->v));
		db->v[db->n++] = v;
		strmap_put(db->labels, arena_strdup(&db->arena, label), v);
	}
	free(label);
	return v;
}

/* Has s a CJK unified ideograph (U+4E00 to U+9FFF: UTF-8 E4 to E9)? */
static int
has_han(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0xe4 && (unsigned char)*s <= 0xe9 &&
		    (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
			return 1;
	return 0;
}

/* One line: abbr kind ranks name aliases dblp. */
static int
load_row(struct venue_db *db, char *line, int user)
{
	char		*col[6], *tok, *save = NULL;
	struct venue	*v, tmp;
	size_t		 n = 0;

	for (col[n++] = line; n < 6 && (tok = strchr(col[n - 1], '\t'));
	    col[n++] = tok + 1)
		*tok = '\0';
	if (n != 6 || strchr(col[5], '\t') != NULL || col[0][0] == '\0' ||
	    strcmp(col[0], "-") == 0)
		return 0;
	if (strcmp(col[1], "journal") != 0 &&
	    strcmp(col[1], "conference") != 0 && strcmp(col[1], "-") != 0)
		return 0;
	memset(&tmp, 0, sizeof(tmp));
	if (!parse_ranks(&tmp, col[2]))
		return 0;
	v = venue_for_row(db, col[0], user);
	if (strcmp(col[1], "-") != 0)
		v->journal = strcmp(col[1], "journal") == 0;
	if (strcmp(col[2], "-") != 0 || v->name == NULL) {
		memcpy(v->ranks, tmp.ranks, sizeof(tmp.ranks));
		v->nranks = tmp.nranks;
	}
	if (strcmp(col[3], "-") != 0) {
		v->name = arena_strdup(&db->arena, col[3]);
		index_name(db, v, col[3], user);
	} else if (v->name == NULL)
		v->name = arena_strdup(&db->arena, col[0]);
	index_name(db, v, col[0], user);
	if (strcmp(col[4], "-") != 0)
		for (tok = col[4]; tok != NULL; ) {
			char	*bar = strstr(tok, " | ");

			if (bar != NULL)
				*bar = '\0';
			index_name(db, v, tok, user);
			if (has_han(tok) && (v->name_zh == NULL || user))
				v->name_zh = arena_strdup(&db->arena, tok);
			tok = bar != NULL ? bar + 3 : NULL;
		}
	if (strcmp(col[5], "-") != 0)
		for (tok = strtok_r(col[5], " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			put_key(db, db->dblp, tok, v, user, 0);
			/* proceedings as a journal: PVLDB, TCHES, PACMMOD */
			if (strncmp(tok, v->journal ? "conf/" : "journals/",
			    v->journal ? 5 : 9) == 0)
				v->both = 1;
		}
	return 1;
}

/* Size the maps for a file's rows at once, rather than grow them. */
static void
reserve(struct venue_db *db, const char *text)
{
	size_t	 rows = 0;

	for (; (text = strchr(text, '\n')) != NULL; text++)
		rows++;
	rows += strmap_count(db->labels);
	strmap_reserve(db->strict, 3 * rows);
	strmap_reserve(db->loose, 3 * rows);
	strmap_reserve(db->abbrs, 2 * rows);
	strmap_reserve(db->abbrs_loose, 2 * rows);
	strmap_reserve(db->dblp, rows);
	strmap_reserve(db->labels, rows);
}

/* A file's bytes, or NULL without a word: the index is optional. */
static char *
read_quietly(const char *path)
{
	int	 fd = open(path, O_RDONLY | O_CLOEXEC);
	char	*text;
	size_t	 len;

	if (fd == -1)
		return NULL;
	text = source_read_fd(fd, &len);
	close(fd);
	return text;
}

#define INDEX_HEADER	"bib2pubs venue index 1 %016llx\n"

/*
 * Use X.idx for X.tsv when its first line names the hash of this very
 * text: then no name is cleaned at start-up (see "make venue-index").
 */
static void
open_index(struct venue_db *db, const char *path, const char *text)
{
	size_t	 n = strlen(path);
	char	*idx, header[64];

	if (n < 4 || strcmp(path + n - 4, ".tsv") != 0)
		return;
	idx = xstrdup(path);
	memcpy(idx + n - 4, ".idx", 4);
	db->index = read_quietly(idx);
	free(idx);
	snprintf(header, sizeof(header), INDEX_HEADER,
	    (unsigned long long)hash64(text));
	if (db->index != NULL && strncmp(db->index, header,
	    strlen(header)) == 0)
		db->index_next = db->index + strlen(header);
}

int
venue_db_load(struct venue_db *db, const char *path, int user)
{
	struct source	 src;
	char		*line, *next;
	int		 lineno = 0, ok = 1;

	if (!source_load(&src, path))
		return 0;
	if (db->record != NULL)
		buf_printf(db->record, INDEX_HEADER,
		    (unsigned long long)hash64(src.text));
	else if (!user && db->index == NULL)
		open_index(db, path, src.text);
	reserve(db, src.text);
	for (line = src.text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		if (!load_row(db, line, user)) {
			msg(user ? MSG_USAGE : MSG_ERROR, src.name, lineno,
			    "expected six tab-separated columns: abbr, kind "
			    "(conference, journal or -), ranks (ccf:A ... or "
			    "-), name, aliases, dblp");
			ok = 0;
		}
	}
	db->index_next = NULL;	/* its keys are for this file only */
	source_free(&src);
	return ok;
}

char *
venue_db_index(const char *path)
{
	struct venue_db	*db = venue_db_new();
	struct buf	 out = { 0 };
	int		 ok;

	db->record = &out;
	ok = venue_db_load(db, path, 0);
	venue_db_free(db);
	if (!ok)
		buf_free(&out);
	return out.data;
}

/* Is class cls among levels ("A", "A/B"; "" for all)? */
static int
level_shown(const char *levels, const char *cls)
{
	size_t	 n = strlen(cls);
	const char *p;

	if (levels[0] == '\0')
		return 1;
	for (p = levels; *p != '\0'; p += strcspn(p, "/"), p += *p == '/')
		if (strncasecmp(p, cls, n) == 0 && (p[n] == '/' ||
		    p[n] == '\0'))
			return 1;
	return 0;
}

/* The systems (and each one's levels) the venues have, into names. */
static size_t
systems_known(const struct venue_db *db, const char **names,
    char levels[][16], size_t max)
{
	size_t	 i, k, j, n = 0;
	const struct venue_rank *r;

	for (i = 0; i < db->n; i++)
		for (k = 0; k < db->v[i]->nranks; k++) {
			r = &db->v[i]->ranks[k];
			for (j = 0; j < n && strcmp(names[j], r->system) != 0;
			    j++)
				;
			if (j == n && n < max) {
				names[n] = r->system;
				levels[n++][0] = '\0';
			}
			if (j < max && strstr(levels[j], r->cls) == NULL &&
			    strlen(levels[j]) + strlen(r->cls) + 2 < 16) {
				if (levels[j][0] != '\0')
					strcat(levels[j], "/");
				strcat(levels[j], r->cls);
			}
		}
	names[n] = NULL;
	return n;
}

void
venue_db_check_ranks(const struct venue_db *db)
{
	const char	*names[MAX_SYSTEMS * 2 + 1];
	char		 levels[MAX_SYSTEMS * 2][16], *copy, *l, *save;
	size_t		 n = systems_known(db, names, levels,
	    MAX_SYSTEMS * 2), i, j;

	for (i = 0; i < db->nsystems; i++) {
		for (j = 0; j < n && strcmp(names[j], db->systems[i]) != 0; j++)
			;
		if (j == n) {
			msg(MSG_WARNING, NULL, 0, "--ranks: no venue has a "
			    "'%s' rank%s", db->systems[i], did_you_mean(
			    db->systems[i], names, ""));
			continue;
		}
		copy = xstrdup(db->levels[i]);
		save = NULL;
		for (l = strtok_r(copy, "/", &save); l != NULL;
		    l = strtok_r(NULL, "/", &save))
			if (!level_shown(levels[j], l))
				msg(MSG_WARNING, NULL, 0, "--ranks: no venue "
				    "has %s level '%s' (its levels: %s)",
				    db->systems[i], l, levels[j]);
		free(copy);
	}
}

char *
venue_rank_label(const struct venue_db *db, const struct venue *v)
{
	struct buf	 b = { 0 };
	size_t		 i, k;
	const char	*p;

	for (i = 0; i < db->nsystems; i++)
		for (k = 0; k < v->nranks; k++) {
			if (strcmp(db->systems[i], v->ranks[k].system) != 0 ||
			    !level_shown(db->levels[i], v->ranks[k].cls))
				continue;
			if (strcmp(v->ranks[k].system, "thcpl") == 0)
				buf_puts(&b, "TH-CPL");
			else
				for (p = v->ranks[k].system; *p; p++)
					buf_putc(&b, (char)toupper(
					    (unsigned char)*p));
			buf_printf(&b, "-%s", v->ranks[k].cls);
			return buf_detach(&b);
		}
	return NULL;
}

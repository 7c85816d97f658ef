/* SPDX-License-Identifier: ISC */
/*
 * fuzz.h: what the libFuzzer harnesses share.  Each harness is a
 * LLVMFuzzerTestOneInput over one layer of bib2pubs; fuzz_bib runs the
 * whole path.  Built and run by tests/fuzz/run.sh ("make fuzz").
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/util.h"
#include "emit/theme.h"
#include "normalize/venue.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/* The input as a NUL-terminated string (NUL bytes end it early). */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char	*s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Quiet diagnostics; shipped themes and data from the source tree. */
static inline void
fuzz_setup(void)
{
	msg_set_quiet(2);
	setenv("BIB2PUBS_DATADIR", TOP_SRCDIR, 0);
}

/* The shipped venue database, loaded once for a harness's lifetime. */
static inline struct venue_db *
fuzz_venues(void)
{
	struct venue_db	*db = venue_db_new();
	struct buf	 path = { 0 };

	buf_printf(&path, "%s/bib/venues.tsv", theme_datadir());
	venue_db_load(db, path.data, 0);
	buf_free(&path);
	return db;
}

#endif

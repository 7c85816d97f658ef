/* SPDX-License-Identifier: ISC */
/*
 * replay: run a fuzz harness over files, without libFuzzer -- so that
 * "make check" (and its ASan and valgrind runs) replays every seed and
 * every input that once crashed.  Prints one TAP line per file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	FILE		*fp;
	uint8_t		*data;
	size_t		 len, cap;
	int		 i, n = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			printf("not ok %d - cannot open %s\n", ++n, argv[i]);
			continue;
		}
		cap = 65536;
		data = xmalloc(cap);
		for (len = 0; !feof(fp) && !ferror(fp); ) {
			if (len == cap)
				data = xrealloc(data, cap *= 2);
			len += fread(data + len, 1, cap - len, fp);
		}
		fclose(fp);
		LLVMFuzzerTestOneInput(data, len);
		free(data);
		printf("ok %d - %s\n", ++n, argv[i]);
	}
	printf("1..%d\n", n);
	return 0;
}

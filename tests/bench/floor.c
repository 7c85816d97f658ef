/* SPDX-License-Identifier: ISC */
/*
 * floor: the least a libbtparse-based tool can do -- parse every entry
 * of a file and fetch every field's text, nothing else.  The baseline
 * "make bench" compares bib2pubs with.  libbtparse's own warnings go
 * to /dev/null.
 * Usage: floor FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btparse.h>

int
main(int argc, char **argv)
{
	FILE		*fp;
	AST		*entry, *field;
	char		*name, *text;
	boolean		 ok;
	unsigned long	 entries = 0, bytes = 0;

	if (argc != 2 || (fp = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: floor FILE\n");
		return 2;
	}
	if (freopen("/dev/null", "w", stderr) == NULL)
		return 2;
	bt_initialize();
	while ((entry = bt_parse_entry(fp, argv[1], 0, &ok)) != NULL) {
		entries++;
		field = NULL;
		while ((field = bt_next_field(entry, field, &name)) != NULL) {
			text = bt_get_text(field);
			if (text != NULL) {
				bytes += strlen(text);
				free(text);
			}
		}
		bt_free_ast(entry);
	}
	bt_cleanup();
	fclose(fp);
	printf("%lu entries, %lu bytes of field text\n", entries, bytes);
	return 0;
}

#!/bin/sh
# SPDX-License-Identifier: ISC
# tests/regen.sh DIR [NAME...]: rewrite golden files from the current
# binary, showing each diff and asking first (-y: do not ask).
# Read every diff: a golden file is the specification.
# Run from the build directory:  BIB2PUBS=src/bib2pubs tests/regen.sh golden
yes=0
[ "${1:-}" = -y ] && { yes=1; shift; }
TESTS_SRCDIR=$(cd "$(dirname "$0")" && pwd)
BIB2PUBS=$(cd "$(dirname "${BIB2PUBS:-src/bib2pubs}")" && pwd)/$(basename "${BIB2PUBS:-src/bib2pubs}")
export TESTS_SRCDIR BIB2PUBS
. "$TESTS_SRCDIR/lib.sh"
set +e
sub=$1; shift
dir=$TESTS_SRCDIR/$sub
names=$*
[ -n "$names" ] || names=$(cd "$dir" && ls *.bib | sed 's/\.bib$//')
for name in $names; do
	errfmt=
	for fmt in $FORMATS; do
		[ -f "$dir/$name.$fmt" ] && { errfmt=$fmt; break; }
	done
	[ -n "$errfmt" ] || errfmt=md
	for fmt in $FORMATS; do
		[ -f "$dir/$name.$fmt" ] || [ "$fmt" = "$errfmt" ] || continue
		run_case "$dir" "$name" "$fmt"
		for f in "$name.$fmt" "$name.err"; do
			if [ "$f" = "$name.err" ] && [ "$fmt" != "$errfmt" ]; then continue; fi
			if [ "$f" = "$name.err" ] && [ ! -f "$dir/$f" ] &&
			    [ "$(cat "$tmp/$f")" = "exit status: 0" ]; then continue; fi
			cmp -s "$dir/$f" "$tmp/$f" 2>/dev/null && continue
			diff -u "$dir/$f" "$tmp/$f" 2>/dev/null || cat "$tmp/$f"
			if [ $yes -eq 0 ]; then
				printf 'Replace %s/%s? [y/N] ' "$sub" "$f"
				read -r answer </dev/tty
				[ "$answer" = y ] || continue
			fi
			cp "$tmp/$f" "$dir/$f"
		done
	done
done

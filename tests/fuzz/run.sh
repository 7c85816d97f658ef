#!/bin/sh
# SPDX-License-Identifier: ISC
# tests/fuzz/run.sh: build the libFuzzer harnesses with clang and run
# each for a while; "make fuzz" calls it (FUZZ_TIME seconds each).
# Inputs that crash are left in $BUILDDIR/tests/fuzz/work/; copy them into
# tests/fuzz/regressions/NAME/ so that "make check" replays them.
# Usage: run.sh SRCDIR BUILDDIR [SECONDS]
set -u
srcdir=$(cd "$1" && pwd)
builddir=$(cd "$2" && pwd)
time=${3:-60}
cc=${FUZZ_CC:-clang}
work=$builddir/tests/fuzz/work
mkdir -p "$work/obj"

pkgs="libcmark-gfm libutf8proc jansson yaml-0.1"
cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
cppflags="-I$builddir -I$srcdir/src -I$srcdir/tests/fuzz -DHAVE_CONFIG_H
	-DTOP_SRCDIR=\"$srcdir\" $(pkg-config --cflags $pkgs)"
libs="-lbtparse $(pkg-config --libs $pkgs)"

echo "fuzz: building with $cc"
objs=
for c in "$srcdir"/src/*.c "$srcdir"/src/*/*.c; do
	case $(basename "$c") in
	main.c|mkvenueidx.c)	continue ;;	# programs: libFuzzer has main
	esac
	o=$work/obj/$(basename "$(dirname "$c")")-$(basename "$c" .c).o
	# shellcheck disable=SC2086
	$cc $cflags -fsanitize=fuzzer-no-link $cppflags -c "$c" -o "$o" || exit 1
	objs="$objs $o"
done

# Seeds: every .bib the tests use and Debian's example files; strings
# from the venue corpus; the shipped templates.
seeds=$work/seeds
rm -rf "$seeds"
mkdir -p "$seeds/bib" "$seeds/text" "$seeds/template"
for f in "$srcdir"/bib/example.bib "$srcdir"/tests/golden/*.bib \
    "$srcdir"/tests/golden/*.inc "$srcdir"/tests/errors/*.bib \
    "$srcdir"/tests/hazards/*.bib "$srcdir"/tests/fuzz/seeds/debian/*.bib \
    "$srcdir"/tests/fuzz/regressions/bib/*; do
	[ -f "$f" ] || continue
	cp "$f" "$seeds/bib/$(echo "$f" | tr / _)"
done
i=0
grep -v "^#" "$srcdir/tests/venues/corpus.tsv" | cut -f2 | while IFS= read -r v; do
	i=$((i + 1))
	printf '\002%s' "$v" >"$seeds/text/venue$i"
done
printf '\000%s' 'The {\em Owner}'"'"'s {GPU} \"{U}ber $x^2$ -- \c{c}' >"$seeds/text/latex"
printf '\001%s' 'Zhang*, Jintao and {\"O}zt{\"u}rk, Ay{\c{s}}e and de la Fontaine, Jean and others' >"$seeds/text/names"
printf '\003%s' '(rank = "CCF-A" or title ~ "^a") and not has(code) || me && first' >"$seeds/text/select"
cp "$srcdir"/tests/fuzz/seeds/text/* "$seeds/text/"
for f in "$srcdir"/themes/*/page.* "$srcdir"/themes/*/entry.* \
    "$srcdir"/tests/data/mytheme/page.*; do
	cp "$f" "$seeds/template/$(echo "$f" | tr / _)"
done

status=0
for h in bib text template; do
	# shellcheck disable=SC2086
	$cc $cflags -fsanitize=fuzzer $cppflags "$srcdir/tests/fuzz/fuzz_$h.c" \
	    $objs $libs -o "$work/fuzz_$h" || exit 1
	mkdir -p "$work/corpus-$h"
	# fuzz_bib: libbtparse leaks a byte per macro use, and LeakSanitizer
	# would stop the world to look after every such input; leaks are
	# checked by "make check" under ASan and valgrind instead.
	dict= leaks=
	[ "$h" = bib ] && dict=-dict=$srcdir/tests/fuzz/bib.dict leaks=-detect_leaks=0
	echo "fuzz: fuzz_$h for $time s"
	LSAN_OPTIONS=suppressions=$srcdir/tests/lsan.supp:print_suppressions=0 \
	    "$work/fuzz_$h" -max_total_time="$time" -max_len=16384 \
	    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 $dict $leaks \
	    -artifact_prefix="$work/crash-$h-" "$work/corpus-$h" \
	    "$seeds/$h" >"$work/fuzz_$h.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz_$h.log")
	cov=$(grep -o 'cov: [0-9]*' "$work/fuzz_$h.log" | tail -n 1)
	crashes=$(find "$work" -maxdepth 1 -name "crash-$h-*" -o -maxdepth 1 \
	    -name "timeout-$h-*" -o -maxdepth 1 -name "oom-$h-*" | wc -l)
	echo "fuzz: fuzz_$h: $runs executions, $cov, $crashes crashes (exit $rc)"
	if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
		tail -n 40 "$work/fuzz_$h.log"
		status=1
	fi
done
exit $status

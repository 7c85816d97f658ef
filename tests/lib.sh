# SPDX-License-Identifier: ISC
# tests/lib.sh: shared by the shell tests (sourced, not run).
# Each test prints TAP; Automake's tap-driver counts the results.
# Scratch files live in a private temporary directory, removed on exit,
# so the source tree stays clean and read-only builds (distcheck) work.

set -u
LC_ALL=C.UTF-8
export LC_ALL
: "${BIB2PUBS:?BIB2PUBS must name the bib2pubs binary}"
: "${TESTS_SRCDIR:?TESTS_SRCDIR must name the tests directory}"
VALGRIND=${VALGRIND:-}
BIB2PUBS_DATADIR=$(cd "$TESTS_SRCDIR/.." && pwd)
export BIB2PUBS_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bib2pubs-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

tap_n=0
tap_failed=0

ok() {		# ok CONDITION-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

skip() {		# skip REASON: a test that cannot run here
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

diag() {
	sed 's/^/# /'
}

# b2p ARGS...: run bib2pubs (under valgrind if configured so).
# A valgrind error makes the exit status 99, which no golden expects.
b2p() {
	# shellcheck disable=SC2086
	$VALGRIND "$BIB2PUBS" "$@"
}

# same NAME WANT GOT: pass if the files are equal; the diff goes to the log.
same() {
	if cmp -s "$2" "$3"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diff -u "$2" "$3" | head -n 60 | diag || true
	fi
}

# run_case DIR NAME FORMAT: render DIR/NAME.bib in FORMAT; write stdout
# to $tmp/NAME.FORMAT and stderr plus "exit status: N" to $tmp/NAME.err.
# It leaves set -e as it was: turned on here, a crash in one case made
# the next [ ] stop the whole test before its plan (an ERROR, no
# "not ok" naming the case).
run_case() {
	dir=$1 name=$2 fmt=$3
	args=
	if [ -f "$dir/$name.args" ]; then
		args=$(cat "$dir/$name.args")
	fi
	status=0
	(cd "$dir" && eval "b2p -f $fmt $args $name.bib") \
	    >"$tmp/$name.$fmt" 2>"$tmp/$name.err.raw" || status=$?
	cat "$tmp/$name.err.raw" >"$tmp/$name.err"
	echo "exit status: $status" >>"$tmp/$name.err"
	return 0
}

# golden_dir DIR: every DIR/NAME.bib against DIR/NAME.{md,txt,...} and
# DIR/NAME.err (default: no diagnostics, exit status 0).  Every input
# also goes through every format: no format may crash on it.
golden_dir() {
	dir=$TESTS_SRCDIR/$1
	for bib in "$dir"/*.bib; do
		name=$(basename "$bib" .bib)
		checked=0
		for fmt in $FORMATS; do
			run_case "$dir" "$name" "$fmt"
			if [ -f "$dir/$name.$fmt" ]; then
				same "$1/$name.$fmt" "$dir/$name.$fmt" "$tmp/$name.$fmt"
				if [ $checked -eq 0 ]; then
					if [ -f "$dir/$name.err" ]; then
						same "$1/$name.err" "$dir/$name.err" "$tmp/$name.err"
					else
						echo "exit status: 0" >"$tmp/want.err"
						same "$1/$name: no diagnostics" "$tmp/want.err" "$tmp/$name.err"
					fi
				fi
				checked=1
			else
				st=$(sed -n 's/^exit status: //p' "$tmp/$name.err")
				[ "$st" -le 3 ]
				ok $? "$1/$name -f $fmt: exit status $st (no crash)"
			fi
		done
		[ $checked -eq 1 ]
		ok $? "$1/$name has a golden output"
	done
}

finish() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

FORMATS="md html txt tex json"

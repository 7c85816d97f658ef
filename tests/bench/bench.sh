#!/bin/sh
# SPDX-License-Identifier: ISC
# bench.sh: time bib2pubs against the btparse-only floor and the tools
# users would pick instead, on generated input, in one run.  "make bench"
# builds the programs and runs this from the build directory.
#
# Environment:
#   BENCH_SIZES   entry counts (default "10000 20000 40000 80000 100000")
#   BENCH_RUNS    runs per measurement; the median is shown (default 5)
#   BENCH_OTHERS  largest size bibtex2html and pandoc run on (default
#                 10000: pandoc needs minutes for more)
#   BENCH_DIR     where the inputs go (default: a temporary directory)
#
# Columns: seconds (median wall time), CPU seconds (user + system, above
# the wall time when both cores work), MB/s of input, peak RSS (MB) and
# its ratio to the input size, and the time as a multiple of the
# floor's: each run of a bib2pubs row follows a run of the floor, and
# the ratio is of the two medians, so that the machine's drift in the
# minutes of a table (5% either way here) falls on both alike.
# tests/bench/runtime does the timing.
# Figures are for this machine at this moment: compare rows, not runs.
set -eu

bindir=${BIB2PUBS_BUILD:-.}
sizes=${BENCH_SIZES:-10000 20000 40000 80000 100000}
runs=${BENCH_RUNS:-5}
others_max=${BENCH_OTHERS:-10000}
gen=$bindir/tests/bench/gen
floor=$bindir/tests/bench/floor
runtime=$bindir/tests/bench/runtime
bib2pubs=$bindir/src/bib2pubs

for p in "$gen" "$floor" "$runtime" "$bib2pubs"; do
	[ -x "$p" ] || { echo "bench: $p is not built (run make bench)" >&2; exit 2; }
done

dir=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")}
mkdir -p "$dir" "$dir/b2h"
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT INT TERM
printf -- '---\nnocite: |\n  @*\n---\n' > "$dir/nocite.md"

# "seconds kilobytes cpu-seconds [!]": medians of N runs, the peak RSS,
# and a mark when a run failed.
measure() {
	n=$1
	shift
	"$runtime" "$n" "$@" || echo '!'
}

# "seconds kilobytes cpu-seconds floor-seconds [!]": measure's figures
# for a command whose N runs each follow a run of the floor on $in, and
# the floor's median among them.
measure_paired() {
	n=$1
	shift
	: > "$dir/paired"
	failed=
	while [ "$n" -gt 0 ]; do
		base=$("$runtime" 1 "$floor" "$in") || failed='!'
		this=$("$runtime" 1 "$@") || failed='!'
		echo "$base $this" >> "$dir/paired"
		n=$((n - 1))
	done
	awk -v failed="$failed" '
	function median(col,    i, k, v, t) {
		for (i = 1; i <= NR; i++) v[i] = val[i, col]
		for (i = 2; i <= NR; i++)	# insertion sort: a few runs
			for (k = i; k > 1 && v[k - 1] > v[k]; k--) {
				t = v[k]; v[k] = v[k - 1]; v[k - 1] = t
			}
		return NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	}
	{ for (i = 1; i <= 6; i++) val[NR, i] = $i; if ($5 > kb) kb = $5 }
	END { printf "%f %d %f %f %s\n", median(4), kb, median(6), median(1),
	    failed }' "$dir/paired"
}

# row NAME BYTES FLOOR-SECONDS SECONDS KB CPU [!]; "_" in NAME is a blank.
row() {
	echo "$@" | awk '{
		mb = $2 / 1e6
		rate = $4 > 0 ? sprintf("%.1f", mb / $4) : "-"
		rss = $5 * 1024 / 1e6
		# One thread each: for the floor, CPU time is wall time.
		ratio = $3 > 0 ? sprintf("%.2fx", $6 / $3) : "-"
		name = $1
		gsub(/_/, " ", name)
		printf "  %-26s %8.3f %7.3f %7s %8.1f %7.2fx %9s%s\n", name,
		    $4, $6, rate, rss, rss / mb, ratio,
		    $7 == "!" ? "  (failed)" : ""
	}'
}

header() {
	printf "  %-26s %8s %7s %7s %8s %8s %9s\n" tool seconds CPU-s MB/s \
	    RSS-MB RSS/in "CPU/floor"
}

echo "$("$bib2pubs" --version 2>/dev/null | head -n 1)," \
    "$(nproc) cores, $(uname -m); median of $runs runs"

# Start-up: a 20-entry page, where loading the venue database and the
# theme is most of the work.
"$gen" 20 > "$dir/small.bib"
set -- $(measure 51 "$floor" "$dir/small.bib")
floor_ms=$1
set -- $(measure 51 "$bib2pubs" "$dir/small.bib")
b2p_ms=$1
: > "$dir/empty.bib"
set -- $(measure 51 "$bib2pubs" "$dir/empty.bib")
empty_ms=$1
set -- $(measure 51 "$bib2pubs" --version)
echo "$b2p_ms $floor_ms $empty_ms $1" | awk '{ printf "start-up, 20 " \
    "entries: bib2pubs %.2f ms, floor %.2f ms; bib2pubs on an empty " \
    "file %.2f ms, --version %.2f ms (medians of 51 runs)\n", $1 * 1000,
    $2 * 1000, $3 * 1000, $4 * 1000 }'

# A personal page: 500 entries, the page to a file and --split of the
# same entries into a directory where every file is already up to date.
"$gen" 500 > "$dir/page.bib"
set -- $(measure 21 "$floor" "$dir/page.bib")
floor_ms=$1
set -- $(measure 21 "$bib2pubs" -q -o "$dir/page.md" "$dir/page.bib")
page_ms=$1
"$bib2pubs" -q --split "$dir/split" "$dir/page.bib"
set -- $(measure 21 "$bib2pubs" -q --split "$dir/split" "$dir/page.bib")
echo "$page_ms $floor_ms $1" | awk '{ printf "500 entries: bib2pubs -o " \
    "%.2f ms, floor %.2f ms; --split of unchanged entries %.2f ms, " \
    "%.2fx the page (medians of 21 runs)\n", $1 * 1000, $2 * 1000,
    $3 * 1000, $3 / $1 }'

: > "$dir/scaling"
: > "$dir/others"
for n in $sizes; do
	in="$dir/b$n.bib"
	"$gen" "$n" > "$in"
	# Written back to disk before timing, not while the floor runs.
	sync
	bytes=$(wc -c < "$in")
	echo
	echo "$bytes $n" | awk '{ printf "%d entries, %.1f MB\n", $2, $1 / 1e6 }'
	header
	set -- $(measure "$runs" "$floor" "$in")
	fs=$1
	row floor "$bytes" "$fs" "$@"
	for f in md html txt json; do
		set -- $(measure_paired "$runs" "$bib2pubs" -f "$f" "$in")
		row "bib2pubs_-f_$f" "$bytes" "$4" "$1" "$2" "$3" ${5:-}
		[ "$f" != md ] || echo "$n $1" >> "$dir/scaling"
	done
	set -- $(measure_paired "$runs" "$bib2pubs" --sort none "$in")
	row "bib2pubs_--sort_none" "$bytes" "$4" "$1" "$2" "$3" ${5:-}
	# A page owner to mark, as most users name one.
	set -- $(measure_paired "$runs" "$bib2pubs" --me "Patel, José" "$in")
	row "bib2pubs_--me" "$bytes" "$4" "$1" "$2" "$3" ${5:-}
	[ "$n" -gt "$others_max" ] || echo "$n $bytes $fs" >> "$dir/others"
done

echo
echo "scaling of bib2pubs -f md: time against the previous size's"
awk 'NR > 1 { printf "  %6d -> %6d entries (x%.2f): x%.2f time\n",
    pn, $1, $1 / pn, $2 / pt } { pn = $1; pt = $2 }' "$dir/scaling"

# The other tools last: measured before the sizes after them, their
# minutes of load slowed the two-core rows there (HTML at 20,000
# entries 1.30-1.37x of the floor after them, 1.24x without, in runs
# of the same build), not the one-core floor.
[ -s "$dir/others" ] || exit 0
while read -r n bytes fs; do
	in="$dir/b$n.bib"
	echo
	echo "$bytes $n" | awk '{ printf "other tools, %d entries, %.1f MB " \
	    "(the floor as above)\n", $2, $1 / 1e6 }'
	header
	if command -v bibtex2html >/dev/null 2>&1; then
		# It writes next to its output and runs bibtex there.
		set -- $(measure "$runs" sh -c 'cd "$1" && exec bibtex2html \
		    -q -nodoc -o out "$2"' sh "$dir/b2h" "$in")
		row bibtex2html "$bytes" "$fs" "$@"
	fi
	if command -v pandoc >/dev/null 2>&1; then
		set -- $(measure "$runs" pandoc --citeproc \
		    --bibliography="$in" -t html "$dir/nocite.md")
		row "pandoc_--citeproc" "$bytes" "$fs" "$@"
	fi
done < "$dir/others"

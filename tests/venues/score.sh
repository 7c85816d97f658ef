#!/bin/sh
# SPDX-License-Identifier: ISC
# tests/venues/score.sh HELDOUT.tsv [BIB2PUBS]: score the venue matcher
# on a held-out set (string, field, ccf, thcpl, firm, source_kind, ...;
# labels "none" or "LEVEL:ABBR"), one list at a time (--ranks ccf, then
# thcpl).  Per list: exact (the level shown is the label's), false ranks
# (a rank shown where the label is none or another level), misses (no
# rank where the label has one); over firm rows, and per source kind.
# Not part of make check: it reports, the note of an issue quotes it.
set -eu
set="$1"
b2p=${2:-src/bib2pubs}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One entry per row; the key is the row number.
awk -F'\t' 'NR > 1 {
	v = $1; gsub(/[{}]/, "", v)	# a value must balance its braces
	printf "@%s{r%d,\n  title = {Row %d},\n  %s = {%s},\n  year = 2020\n}\n",
	    ($2 == "journal" ? "article" : "inproceedings"), NR, NR, $2, v
}' "$set" > "$tmp/set.bib"
for list in ccf thcpl; do
	"$b2p" --ranks "$list" --check-venues "$tmp/set.bib" 2>/dev/null |
	    awk -F'\t' 'NR > 1 { sub(/^r/, "", $1); print $1 "\t" $5 }' > "$tmp/got.$list"
	awk -F'\t' -v list="$list" '
	FNR == NR { got[$1] = $2; next }
	FNR == 1 { next }
	{
		label = (list == "ccf") ? $3 : $4
		want = label == "none" ? "none" : substr(label, 1, index(label, ":") - 1)
		g = got[FNR]; shown = "none"
		if (g != "-" && g != "") { n = split(g, part, "-"); shown = part[n] }
		firm = $5 == "yes"; kind = $6
		if (!firm) { unsure++; next }
		rows++; k[kind]++
		if (shown == want) { exact++; e[kind]++ }
		else if (shown != "none") { falses++; f[kind]++; fr = fr sprintf("  false %s: %s (label %s, shown %s)\n", list, $1, label, g) }
		else { misses++; m[kind]++ }
	}
	END {
		printf "%s: %d firm rows, exact %d (%.1f%%), false ranks %d, misses %d; %d not firm left out\n",
		    list, rows, exact, 100 * exact / rows, falses, misses, unsure
		for (x in k) printf "  %-12s %3d rows, exact %3d (%5.1f%%), false %d, misses %d\n",
		    x, k[x], e[x], 100 * e[x] / k[x], f[x], m[x]
		printf "%s", fr
	}' "$tmp/got.$list" "$set"
done

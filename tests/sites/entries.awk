# SPDX-License-Identifier: ISC
# tests/sites/entries.awk: bib2pubs' JSON (-f json, as jansson indents
# it: one member a line) to the tab-separated lines the page checks read,
# one entry after another in the page's order:
#   E <n> <key> <title>
#   A <n> <displayed name> <me 0|1> <marks> <others 0|1>
#   V <n> <venue label>
#   F <n> <field> <value>        the .bib's fields, as bib2pubs read them
# The JSON gives the entries, their order and the .bib's own field
# values; what the page should show is decided by the checks, not by
# bib2pubs' "links".  Run with LC_ALL=C.

# unjson(V): a JSON scalar as text ("" for null; tabs/newlines to blanks).
function unjson(v,    out, c, i) {
	sub(/,$/, "", v)
	if (v == "null")
		return ""
	if (substr(v, 1, 1) != "\"")
		return v
	v = substr(v, 2, length(v) - 2)
	out = ""
	for (i = 1; i <= length(v); i++) {
		c = substr(v, i, 1)
		if (c != "\\") {
			out = out c
			continue
		}
		i++
		c = substr(v, i, 1)
		if (c == "n" || c == "t" || c == "r" || c == "b" || c == "f")
			out = out " "
		else if (c == "u") {
			out = out " "	# jansson escapes only control characters
			i += 4
		} else
			out = out c
	}
	gsub(/\t/, " ", out)
	return out
}

BEGIN {
	depth = 0
	n = 0
}

{
	line = $0
	sub(/^[ \t]+/, "", line)
	sub(/[ \t\r]+$/, "", line)
}

line ~ /^[\]}]/ {
	if (depth == 4 && path[3] == "authors")
		flush_author()
	depth--
	next
}

line == "{" || line == "[" {
	depth++
	path[depth] = "#"
	if (depth == 2) {
		n++
		key[n] = ""
	}
	if (depth == 4 && path[3] == "authors") {
		aname = ""; ame = 0; amarks = ""; aoth = 0
	}
	next
}

match(line, /^"[^"]*": /) {
	k = substr(line, 2, RLENGTH - 4)
	v = substr(line, RLENGTH + 1)
	if (v == "{" || v == "[") {
		depth++
		path[depth] = k
		next
	}
	if (depth == 2) {
		if (k == "key") {
			key[n] = unjson(v)
		} else if (k == "title") {
			title[n] = unjson(v)
			printf "E\t%d\t%s\t%s\n", n, key[n], title[n]
		} else if (k == "venue") {
			printf "V\t%d\t%s\n", n, unjson(v)
		}
	} else if (depth == 3 && path[3] == "fields") {
		printf "F\t%d\t%s\t%s\n", n, tolower(k), unjson(v)
	} else if (depth == 4 && path[3] == "authors") {
		if (k == "name")
			aname = unjson(v)
		else if (k == "me")
			ame = (v ~ /^true/)
		else if (k == "marks")
			amarks = unjson(v)
		else if (k == "others")
			aoth = (v ~ /^true/)
	}
}

function flush_author() {
	printf "A\t%d\t%s\t%d\t%s\t%d\n", n, aname, ame, amarks, aoth
}

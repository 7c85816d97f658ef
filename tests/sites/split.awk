# SPDX-License-Identifier: ISC
# tests/sites/split.awk: checks the pages a site built from bib2pubs'
# --split files.  Usage (with common.awk, LC_ALL=C):
#   awk -v label=NAME -v files=FILES [-v listing=LIST.html] \
#       -f common.awk -f split.awk ENTRIES
# FILES names the built .html files, one a line.  A publication page
# is one with <article class="publication">
# (the test sites' layouts write it); its title is its first <h1>.
#   pages    as many publication pages as entries
#   title    a page has the entry's title as its <h1>
#   rawhtml  that page has no "raw HTML omitted"
#   links    every link the .bib gives is an href of that page, once
#   listed   (with listing) the entry's title is in the listing page
# Prints "R ..." and "D ..." lines like page.awk.

{ read_entries() }

END {
	nf = 0
	while ((getline f < files) > 0) {
		nf++
		FN[nf] = f
		H[nf] = ""
		while ((getline line < f) > 0)
			H[nf] = H[nf] line "\n"
		close(f)
	}
	close(files)
	np = 0
	for (i = 1; i <= nf; i++) {
		if (FN[i] == listing) {
			tokenize(H[i])
			LISTTEXT = S
			continue
		}
		if (!index(H[i], "<article class=\"publication\""))
			continue
		np++
		PF[np] = i
		PT[np] = h1(H[i])
	}
	result(np != NE, "pages", label ": one page per entry (" NE " entries, " np " pages)")
	for (e = 1; e <= NE; e++)
		check_entry(e)
}

# h1(HTML): the visible text of the page's first <h1>.
function h1(h,    k, a, b) {
	tokenize(h)
	a = 0
	for (k = 1; k <= NT; k++) {
		if (TT[k] == "G" && tolower(TOK[k]) ~ /^<h1[ >]/)
			a = k
		else if (a && TT[k] == "G" && tolower(TOK[k]) ~ /^<\/h1/)
			break
	}
	if (!a)
		return ""
	b = k
	for (k = a; k < b && TT[k] != "T"; k++)
		;
	if (k >= b)
		return ""
	return trim(substr(S, TS[k], TS[b] - TS[k]))
}

function what(e) {
	return label ": entry " e " (" EKEY[e] ")"
}

function check_entry(e,    t, p, j, i, k, cnt, h, seen, nraw, c) {
	t = norm(ETITLE[e])
	p = 0
	for (j = 1; j <= np; j++)
		if (PT[j] == t) {
			p = j
			break
		}
	result(!p, "title", what(e) ": a page with the title")
	expect_links(e)
	if (!p) {
		note("no page has the <h1> " t)
		result(1, "rawhtml", what(e) ": no \"raw HTML omitted\" on its page")
		for (i = 1; i <= NX; i++)
			result(1, "links", what(e) ": " XF[i] " link " XU[i] " once")
	} else {
		c = H[PF[p]]
		nraw = gsub(/raw HTML omitted/, "", c)
		result(nraw > 0, "rawhtml", what(e) ": no \"raw HTML omitted\" on its page")
		if (nraw)
			note(nraw " times in " FN[PF[p]])
		tokenize(H[PF[p]])
		for (i = 1; i <= NX; i++) {
			cnt = 0
			seen = ""
			for (k = 1; k <= NT; k++) {
				if (TT[k] != "G" || (h = href(TOK[k])) == "")
					continue
				seen = seen " " h
				if (href_matches(h, i))
					cnt++
			}
			result(cnt != 1, "links", what(e) ": " XF[i] " link " XU[i] " once")
			if (cnt != 1)
				note("found " cnt " times in " FN[PF[p]] "; its hrefs:" (seen == "" ? " none" : seen))
		}
	}
	if (listing != "") {
		result(!index(LISTTEXT, t), "listed", what(e) ": listed on the collection's page")
		if (!index(LISTTEXT, t))
			note("the title is not on " listing)
	}
}

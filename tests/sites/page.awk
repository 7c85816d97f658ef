# SPDX-License-Identifier: ISC
# tests/sites/page.awk: checks one built publications page against the
# entries it was made from.  Usage (with common.awk, LC_ALL=C):
#   awk -v label=NAME -f common.awk -f page.awk ENTRIES PAGE.html
# ENTRIES is entries.awk's output for the same bib2pubs options, so the
# entries come in the page's order.  Prints "R status kind text" and
# "D text" lines (see result() and note()).
#
# Where an entry is: its title, found in the page's visible text after
# the previous entry's title; the entry runs from the block its title
# starts in (the last <br>/block tag before the title) to the next
# entry's.  Per entry:
#   title    the title is on the page, in order
#   authors  every author's name is shown, in order, after the title
#   lines    a <br> or a block element separates the title from the
#            first author, and the last author from the venue label
#   owner    each name --me matched is inside <strong> or <b>
#   marks    each author's marks (* equal contribution, # corresponding)
#            follow the name in the visible text
#   escape   no backslash before a mark anywhere in the entry's text
#   links    every link the .bib gives is an href of the entry, once
# Per page: escape (nowhere on the page), rawhtml (no "raw HTML omitted").

FNR == 1 { fileno++ }
fileno == 1 { read_entries(); next }
{ html = html $0 "\n" }

END {
	if (index(html, "raw HTML omitted")) {
		result(1, "rawhtml", label ": no \"raw HTML omitted\" on the page")
		c = html
		nraw = gsub(/raw HTML omitted/, "", c)
		note(nraw " times; the first line with it:")
		split(html, hl, "\n")
		for (i = 1; ; i++)
			if (index(hl[i], "raw HTML omitted")) {
				note("  " excerpt(hl[i]))
				break
			}
	} else {
		result(0, "rawhtml", label ": no \"raw HTML omitted\" on the page")
	}
	tokenize(html)
	check_escape(S, label ": no backslash before * or # anywhere on the page")

	# Find every title, in order.
	from = 1
	for (e = 1; e <= NE; e++) {
		t = norm(ETITLE[e])
		p = index(substr(S, from), t)
		if (t == "" || p == 0) {
			TPOS[e] = 0
			continue
		}
		TPOS[e] = from + p - 1
		TEND[e] = TPOS[e] + length(t) - 1
		from = TEND[e] + 1
	}
	prevtok = 0
	for (e = 1; e <= NE; e++) {
		if (!TPOS[e])
			continue
		k = tok_at(TPOS[e])
		TTOK[e] = k
		while (k - 1 > prevtok && !is_break(k - 1))
			k--
		RFIRST[e] = k
		prevtok = TTOK[e]
	}
	for (e = 1; e <= NE; e++) {
		if (!TPOS[e])
			continue
		RLAST[e] = NT
		RTEND[e] = length(S)
		for (f = e + 1; f <= NE; f++)
			if (TPOS[f]) {
				RLAST[e] = RFIRST[f] - 1
				RTEND[e] = TS[RFIRST[f]] - 1
				break
			}
	}
	for (e = 1; e <= NE; e++)
		check_entry(e)
}

function what(e) {
	return label ": entry " e " (" EKEY[e] ")"
}

function check_escape(text, desc,    p) {
	if (match(text, /\\[*#]/)) {
		result(1, "escape", desc)
		p = RSTART > 60 ? RSTART - 60 : 1
		note("visible text: ..." clip(text, p, RSTART - p + 20) "...")
	} else {
		result(0, "escape", desc)
	}
}

# region_html(K1, K2): the page's markup from token K1 to K2.
function region_html(k1, k2,    k, out) {
	out = ""
	for (k = k1; k <= k2 && k <= NT; k++)
		out = out TOK[k]
	gsub(/\n/, " ", out)
	return out
}

function check_entry(e,    a, na, pos, p, name, nm, ok1, k, k1, k2, first, last, v, vp, seen, i, h, cnt, text, lst) {
	na = NA[e]
	if (!TPOS[e]) {
		result(1, "title", what(e) ": title shown")
		note("not found after the previous entry: " ETITLE[e])
		# Every other check of the entry fails with it.
		result(1, "authors", what(e) ": authors shown, in order")
		result(1, "lines", what(e) ": title and authors on separate lines")
		if (EVENUE[e] != "")
			result(1, "lines", what(e) ": authors and venue on separate lines")
		for (a = 1; a <= na; a++) {
			if (AOTH[e, a])
				continue
			if (AME[e, a])
				result(1, "owner", what(e) ": " AN[e, a] " highlighted")
			if (AMARK[e, a] != "")
				result(1, "marks", what(e) ": " AN[e, a] AMARK[e, a] " shown")
		}
		result(1, "escape", what(e) ": no backslash before a mark")
		expect_links(e)
		for (i = 1; i <= NX; i++)
			result(1, "links", what(e) ": " XF[i] " link " XU[i] " once")
		return
	}
	result(0, "title", what(e) ": title shown")
	text = substr(S, TPOS[e], RTEND[e] - TPOS[e] + 1)

	# Authors, in order, after the title.
	pos = TEND[e] + 1
	first = 0
	last = 0
	lst = ""
	for (a = 1; a <= na; a++) {
		AP[a] = 0
		if (AOTH[e, a])
			continue
		nm = norm(AN[e, a])
		p = index(substr(S, pos, RTEND[e] - pos + 1), nm)
		if (p == 0 || nm == "") {
			lst = lst (lst == "" ? "" : ", ") AN[e, a]
			continue
		}
		AP[a] = pos + p - 1
		AE[a] = AP[a] + length(nm) - 1
		pos = AE[a] + 1
		if (!first)
			first = a
		last = a
	}
	result(lst != "", "authors", what(e) ": authors shown, in order")
	if (lst != "")
		note("not found in order: " lst "; entry text: " excerpt(text))

	# Title, authors and venue apart.
	if (first) {
		k1 = tok_at(TEND[e])
		k2 = tok_at(AP[first])
		ok1 = breaks_between(k1, k2)
		result(!ok1, "lines", what(e) ": title and authors on separate lines")
		if (!ok1)
			note("markup from title to first author: " excerpt(region_html(k1, k2)))
	} else {
		result(1, "lines", what(e) ": title and authors on separate lines")
		note("no author found")
	}
	if (EVENUE[e] != "") {
		v = norm(EVENUE[e])
		vp = 0
		if (last) {
			p = index(substr(S, AE[last] + 1, RTEND[e] - AE[last]), v)
			if (p)
				vp = AE[last] + p
		}
		if (vp) {
			k1 = tok_at(AE[last])
			k2 = tok_at(vp)
			ok1 = breaks_between(k1, k2)
			result(!ok1, "lines", what(e) ": authors and venue on separate lines")
			if (!ok1)
				note("markup from last author to venue: " excerpt(region_html(k1, k2)))
		} else {
			result(1, "lines", what(e) ": authors and venue on separate lines")
			note("venue \"" v "\" not found after the authors; entry text: " excerpt(text))
		}
	}

	# The owner highlighted, marks shown.
	for (a = 1; a <= na; a++) {
		if (AOTH[e, a])
			continue
		if (AME[e, a]) {
			ok1 = AP[a] > 0
			if (ok1) {
				k1 = tok_at(AP[a])
				k2 = tok_at(AE[a])
				for (k = k1; k <= k2; k++)
					if (TT[k] == "T" && SD[k] < 1)
						ok1 = 0
			}
			result(!ok1, "owner", what(e) ": " AN[e, a] " highlighted")
			if (!ok1 && AP[a])
				note("markup around the name: " excerpt(region_html(k1 > 3 ? k1 - 3 : 1, k2 + 3)))
			else if (!ok1)
				note("name not found")
		}
		if (AMARK[e, a] != "") {
			nm = norm(AN[e, a])
			ok1 = AP[a] > 0
			if (ok1) {
				p = substr(S, AE[a] + 1, length(AMARK[e, a]) + 1)
				ok1 = index(p, AMARK[e, a]) == 1 || index(p, " " AMARK[e, a]) == 1
			}
			result(!ok1, "marks", what(e) ": " AN[e, a] AMARK[e, a] " shown")
			if (!ok1 && AP[a])
				note("visible text: " clip(S, AP[a], length(nm) + 12) "...; markup: " excerpt(region_html(tok_at(AP[a]), tok_at(AE[a]) + 4)))
			else if (!ok1)
				note("name not found")
		}
	}
	check_escape(text, what(e) ": no backslash before a mark")

	# Links: each once among the entry's hrefs.
	expect_links(e)
	for (i = 1; i <= NX; i++) {
		cnt = 0
		for (k = RFIRST[e]; k <= RLAST[e]; k++) {
			if (TT[k] != "G")
				continue
			h = href(TOK[k])
			if (h != "" && href_matches(h, i))
				cnt++
		}
		result(cnt != 1, "links", what(e) ": " XF[i] " link " XU[i] " once")
		if (cnt != 1) {
			seen = ""
			for (k = RFIRST[e]; k <= RLAST[e]; k++)
				if (TT[k] == "G" && (h = href(TOK[k])) != "")
					seen = seen " " h
			note("found " cnt " times; the entry's hrefs:" (seen == "" ? " none" : seen))
		}
	}
}

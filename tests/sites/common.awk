# SPDX-License-Identifier: ISC
# tests/sites/common.awk: functions shared by the built-site checks
# (tests/sites.test).  POSIX awk (mawk, gawk, busybox); always run with
# LC_ALL=C, so strings are bytes and UTF-8 is matched byte for byte.
#
#   entities/decode  HTML character references to UTF-8
#   norm             text as a reader sees it: references decoded,
#                    typographic quotes/dashes/ellipsis folded to ASCII,
#                    blanks collapsed -- so a title from bib2pubs' JSON
#                    can be found in the text of a built page
#   tokenize         the <main> element of a page as tokens: tags (TT="G"),
#                    comments ("C") and text ("T"), with the page's
#                    visible text in S and each text token's place in S
#   expect_links     the links an entry's .bib fields give, from the
#                    F lines of entries.awk

function utf8(c) {
	if (c < 128)
		return sprintf("%c", c)
	if (c < 2048)
		return sprintf("%c%c", 192 + int(c / 64), 128 + c % 64)
	if (c < 65536)
		return sprintf("%c%c%c", 224 + int(c / 4096),
		    128 + int(c / 64) % 64, 128 + c % 64)
	return sprintf("%c%c%c%c", 240 + int(c / 262144),
	    128 + int(c / 4096) % 64, 128 + int(c / 64) % 64, 128 + c % 64)
}

function hexval(s,    i, v, d) {
	v = 0
	s = tolower(s)
	for (i = 1; i <= length(s); i++) {
		d = index("0123456789abcdef", substr(s, i, 1))
		if (d == 0)
			return -1
		v = v * 16 + d - 1
	}
	return v
}

function entities_init() {
	ENT["amp"] = "&"; ENT["lt"] = "<"; ENT["gt"] = ">"
	ENT["quot"] = "\""; ENT["apos"] = "'"; ENT["nbsp"] = " "
	ENT["ast"] = "*"; ENT["num"] = "#"; ENT["lowbar"] = "_"
	ENT["ndash"] = utf8(8211); ENT["mdash"] = utf8(8212)
	ENT["lsquo"] = utf8(8216); ENT["rsquo"] = utf8(8217)
	ENT["ldquo"] = utf8(8220); ENT["rdquo"] = utf8(8221)
	ENT["hellip"] = utf8(8230); ENT["dagger"] = utf8(8224)
	ENT["Dagger"] = utf8(8225); ENT["sect"] = utf8(167)
	ENT["para"] = utf8(182); ENT["laquo"] = utf8(171)
	ENT["raquo"] = utf8(187); ENT["copy"] = utf8(169)
	ENT_INIT = 1
}

# decode(S): S with its character references decoded (once: "&amp;lt;"
# gives "&lt;").  Unknown names are left as written.
function decode(s,    out, ref, name, c) {
	if (!ENT_INIT)
		entities_init()
	out = ""
	while (match(s, /&#?[A-Za-z0-9]+;/)) {
		ref = substr(s, RSTART, RLENGTH)
		out = out substr(s, 1, RSTART - 1)
		s = substr(s, RSTART + RLENGTH)
		name = substr(ref, 2, length(ref) - 2)
		if (name ~ /^#[0-9]+$/) {
			c = substr(name, 2) + 0
			out = out utf8(c)
		} else if (name ~ /^#[xX][0-9A-Fa-f]+$/) {
			out = out utf8(hexval(substr(name, 3)))
		} else if (name in ENT) {
			out = out ENT[name]
		} else {
			out = out ref
		}
	}
	return out s
}

# pctdecode(S): %XX escapes of printable ASCII decoded (for comparing
# hrefs with the .bib's values).
function pctdecode(s,    out, v) {
	out = ""
	while (match(s, /%[0-9A-Fa-f][0-9A-Fa-f]/)) {
		v = hexval(substr(s, RSTART + 1, 2))
		out = out substr(s, 1, RSTART - 1)
		if (v >= 32 && v < 127)
			out = out sprintf("%c", v)
		else
			out = out substr(s, RSTART, 3)
		s = substr(s, RSTART + 3)
	}
	return out s
}

# fold(S): typographic punctuation to ASCII and every run of blanks to
# one space (no trimming: token edges keep their blanks).
function fold(s) {
	gsub(/\342\200\230|\342\200\231|\342\200\232/, "'", s)
	gsub(/\342\200\234|\342\200\235|\342\200\236/, "\"", s)
	gsub(/\342\200\223|\342\200\224/, "-", s)
	gsub(/\342\200\246/, "...", s)
	gsub(/\302\240/, " ", s)
	gsub(/[ \t\r\n\f]+/, " ", s)
	return s
}

function trim(s) {
	sub(/^ +/, "", s)
	sub(/ +$/, "", s)
	return s
}

# norm(TEXT): plain text (no tags) as a reader sees it.
function norm(s) {
	return trim(fold(decode(s)))
}

# tokenize(HTML): the inside of <main>...</main> (the whole document if
# there is none) as NT tokens TOK[1..NT] of type TT[] -- "G" a tag, "C" a
# comment, "T" text.  The visible text is S; a text token k holds
# S[TS[k] .. TS[k]+TL[k]-1].  SD[k] is the number of <strong>/<b>
# elements open at token k.
function tokenize(h,    a, b, np, parts, i, p, j, tag, depth, low, raw) {
	a = index(h, "<main")
	if (a) {
		h = substr(h, a)
		b = index(h, "</main>")
		if (b)
			h = substr(h, 1, b - 1)
	}
	NT = 0
	S = ""
	depth = 0
	np = split(h, parts, "<")
	for (i = 1; i <= np; i++) {
		p = parts[i]
		if (i > 1) {
			j = index(p, ">")
			if (j == 0) {
				tag = "<" p
				p = ""
			} else {
				tag = "<" substr(p, 1, j)
				p = substr(p, j + 1)
			}
			NT++
			TOK[NT] = tag
			TT[NT] = (substr(tag, 1, 4) == "<!--") ? "C" : "G"
			TS[NT] = length(S) + 1
			TL[NT] = 0
			low = tolower(tag)
			if (low ~ /^<(strong|b)[ >]/)
				depth++
			else if (low ~ /^<\/(strong|b)[ >]/ && depth > 0)
				depth--
			SD[NT] = depth
		}
		if (p == "")
			continue
		raw = p
		p = fold(decode(p))
		if (substr(S, length(S), 1) == " " && substr(p, 1, 1) == " ")
			p = substr(p, 2)
		if (S == "" )
			sub(/^ /, "", p)
		if (p == "")
			continue
		NT++
		TOK[NT] = raw
		TT[NT] = "T"
		TS[NT] = length(S) + 1
		TL[NT] = length(p)
		SD[NT] = depth
		S = S p
	}
}

# tok_at(OFFSET): the text token holding S[OFFSET].
function tok_at(o,    k) {
	for (k = 1; k <= NT; k++)
		if (TT[k] == "T" && o >= TS[k] && o < TS[k] + TL[k])
			return k
	return 0
}

# is_break(K): token K ends a line for a reader -- a <br> or the start
# or end of a block element.
function is_break(k,    t) {
	if (TT[k] != "G")
		return 0
	t = tolower(TOK[k])
	return t ~ /^<\/?(br|p|div|li|ul|ol|dl|dt|dd|h[1-6]|hr|table|thead|tbody|tr|td|th|blockquote|section|article|header|footer|nav|aside|pre|figure|figcaption|details|summary|main|address)[ \/>]/
}

# breaks_between(K1, K2): a break token strictly between tokens K1 < K2.
function breaks_between(k1, k2,    k) {
	for (k = k1 + 1; k < k2; k++)
		if (is_break(k))
			return 1
	return 0
}

# href(TAG): the href attribute of an <a> tag, decoded ("" if none).
function href(tag,    v, q) {
	if (tolower(tag) !~ /^<a[ \t\r\n]/)
		return ""
	if (!match(tag, /[ \t\r\n][Hh][Rr][Ee][Ff][ \t\r\n]*=[ \t\r\n]*/))
		return ""
	v = substr(tag, RSTART + RLENGTH)
	q = substr(v, 1, 1)
	if (q == "\"" || q == "'") {
		v = substr(v, 2)
		v = substr(v, 1, index(v, q) - 1)
	} else {
		sub(/[ \t\r\n>].*/, "", v)
	}
	return canon(trim(pctdecode(decode(v))))
}

# canon(URL): one spelling for the resolvers' hosts: arXiv and doi.org
# links by http or https, with or without www./dx., compare equal.
function canon(u,    l) {
	l = tolower(u)
	if (l ~ /^https?:\/\/(www\.)?arxiv\.org\//) {
		sub(/^[A-Za-z]+:\/\/([Ww][Ww][Ww]\.)?[A-Za-z.]*\//, "", u)
		return "https://arxiv.org/" u
	}
	if (l ~ /^https?:\/\/(dx\.)?doi\.org\//) {
		sub(/^[A-Za-z]+:\/\/[A-Za-z.]*\//, "", u)
		return "https://doi.org/" u
	}
	return u
}

# expect_links(E): the links entry E's .bib fields give, as NX
# expectations XK[] (kind), XU[] (what an href must be: the URL, or
# for a relative file name the path it must end with) and XF[] (the
# fields that gave it).  Two fields that give the same URL are one
# expectation: the page must show it once.  Fields with a scheme other
# than http/https are not links (bib2pubs drops them).
#
# With -v only="paper code" (the theme's links variable), only those
# are expected: "paper" is the first of url, html, pdf, arXiv and DOI
# that the entry has, as bib2pubs' paper link is.
function expect_links(e,    i, n, f, v, u, kind, lf, ap, paper) {
	NX = 0
	ap = tolower(FV[e, "archiveprefix"] FV[e, "eprinttype"])
	n = split("url html pdf code slides video poster website supp blog arxiv eprint doi", lf, " ")
	paper = 0
	for (i = 1; i <= n; i++) {
		f = lf[i]
		if (!((e, f) in FV))
			continue
		v = trim(FV[e, f])
		if (v == "")
			continue
		if (only != "" && f == "eprint" && ap !~ /arxiv/)
			continue
		if (only != "" && !wanted(f, paper))
			continue
		if (f ~ /^(url|html|pdf|arxiv|eprint|doi)$/)
			paper = 1
		kind = "url"
		if (f == "eprint") {
			if (ap !~ /arxiv/)
				continue
			f = "arxiv"
		}
		if (f == "arxiv" && v !~ /:\/\//) {
			sub(/^[Aa][Rr][Xx][Ii][Vv]:/, "", v)
			v = "https://arxiv.org/abs/" v
		} else if (f == "doi" && v !~ /^[A-Za-z]+:\/\//) {
			sub(/^[Dd][Oo][Ii]:[ ]*/, "", v)
			v = "https://doi.org/" v
		} else if (nows(v) ~ /^[A-Za-z][A-Za-z0-9+.-]*:/) {
			# A scheme, as a browser reads it (blanks removed).
			if (tolower(nows(v)) !~ /^https?:\/\//)
				continue
		} else {
			kind = "file"
			sub(/^(\.\/|\/)+/, "", v)
			v = "/" v
		}
		u = (kind == "url") ? canon(v) : v
		if ((e, kind, u) in XSEEN) {
			XF[XSEEN[e, kind, u]] = XF[XSEEN[e, kind, u]] "=" f
			continue
		}
		NX++
		XK[NX] = kind
		XU[NX] = u
		XF[NX] = f
		XSEEN[e, kind, u] = NX
	}
}

# wanted(F, PAPER): is field F's link one that "only" lists?  PAPER:
# the paper link was taken already.
function wanted(f, paper,    w) {
	w = " " only " "
	if (f == "eprint")
		f = "arxiv"
	if (index(w, " " f " "))
		return 1
	return index(w, " paper ") && !paper && f ~ /^(url|html|pdf|arxiv|doi)$/
}

# nows(S): S without blanks and control characters.
function nows(s) {
	gsub(/[\001-\040\177]+/, "", s)
	return s
}

# href_matches(H, I): href H satisfies expectation I.
function href_matches(h, i,    l) {
	if (XK[i] == "url")
		return h == XU[i]
	l = length(XU[i])
	return length(h) >= l && substr(h, length(h) - l + 1) == XU[i]
}

# read_entries(): in the rule for the entries file (entries.awk's
# output), fill NE, EKEY[], ETITLE[], NA[e], AN[e,a] (name), AME[],
# AMARK[], AOTH[], EVENUE[], FV[e,field].
function read_entries(    n) {
	n = split($0, F, "\t")
	if (F[1] == "E") {
		NE = F[2]
		EKEY[NE] = F[3]
		ETITLE[NE] = F[4]
		NA[NE] = 0
	} else if (F[1] == "A") {
		NA[NE]++
		AN[NE, NA[NE]] = F[3]
		AME[NE, NA[NE]] = F[4]
		AMARK[NE, NA[NE]] = F[5]
		AOTH[NE, NA[NE]] = F[6]
	} else if (F[1] == "V") {
		EVENUE[NE] = F[3]
	} else if (F[1] == "F") {
		FV[NE, F[3]] = F[4]
	}
}

# result(STATUS, KIND, TEXT): one check, for sites.test to count.
function result(st, kind, text) {
	printf "R\t%d\t%s\t%s\n", st ? 1 : 0, kind, text
}

# note(TEXT): a diagnostic line under the last check.
function note(text) {
	gsub(/\n/, " ", text)
	printf "D\t%s\n", text
}

# clip(T, START, LEN): substr() that cuts no UTF-8 character in two.
function clip(t, start, len) {
	t = substr(t, start, len)
	sub(/^[\200-\277]+/, "", t)
	sub(/[\300-\337]$/, "", t)
	sub(/[\340-\357][\200-\277]?$/, "", t)
	sub(/[\360-\367][\200-\277]?[\200-\277]?$/, "", t)
	return t
}

# excerpt(TEXT): TEXT shortened for a diagnostic.
function excerpt(t) {
	return length(t) > 200 ? clip(t, 1, 200) "..." : t
}

#!/bin/sh
# SPDX-License-Identifier: ISC
# tests/hostile/gen.sh: write tests/hostile/corpus.bib from the payload
# table below (tests/hostile/README says what each class covers).
# Usage: sh tests/hostile/gen.sh >tests/hostile/corpus.bib
#
# The table: "= NN NAME" starts payload class NN (one entry, key
# hNN-NAME); then
#   T TEXT   a payload for the text fields (title, author, editor,
#            booktitle, journal, abbr, year, month, note, abstract,
#            award, award_name, annotation, additional_info, location,
#            track, rank and the custom fields publisher ... pages).
#            Each text field gets three of the class's T lines, in
#            turn (the title the first three, the author the next ...);
#            note, abstract and award (Markdown) get all of them, one
#            paragraph each.
#   U TEXT   a payload for the link fields (url, html, pdf, code,
#            slides, video, poster, website, blog, supp, paper, arxiv,
#            eprint, doi, preview): one U line each, in turn.  Without
#            U lines a link field gets https://example.org/ and a T line.
#   K TEXT   the citation key instead of hNN-NAME.
#   F NAME TEXT  one more field (or one that replaces a generated one).
#   C        the text fields get one T line each, in turn, not three.
#   X        a small entry: title, author, year and url, and F fields.
#   R TEXT   a line copied to the output as it is (@string, @proceedings).
# In TEXT: ^^HH is the byte HH (TeX's notation: ^^0a a newline, ^^09 a
# tab, ^^7f DEL); @D (D a digit) becomes NNFFD -- NN the class, FF the
# field's number below, D the payload's -- so alert(10011) is class 10,
# field 01 (title), payload 1; B64(...) is the base64 of its text;
# REP(N,TEXT) is TEXT N times.
# Field numbers: 00 key; 01 title 02 author 03 editor 04 booktitle
# 05 journal 06 abbr 07 year 08 month 09 note 10 abstract 11 award
# 12 award_name 13 annotation 14 additional_info 15 location 16 track
# 17 rank 18 publisher 19 howpublished 20 school 21 series 22 keywords
# 23 x_custom 24 address 25 organization 26 volume 27 pages; 30 url
# 31 html 32 pdf 33 code 34 slides 35 video 36 poster 37 website 38 blog
# 39 supp 40 paper 41 arxiv 42 eprint 43 doi 44 preview; F fields 50
# and on, in their order.
set -u
LC_ALL=C
export LC_ALL

awk '
function init(   i) {
	for (i = 0; i < 256; i++)
		ord[sprintf("%c", i)] = i
	b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	ntext = split("title author editor booktitle journal abbr year month " \
	    "note abstract award award_name annotation additional_info " \
	    "location track rank publisher howpublished school series " \
	    "keywords x_custom address organization volume pages", tname, " ")
	for (i = 1; i <= ntext; i++)
		tnum[i] = i
	nurl = split("url html pdf code slides video poster website blog " \
	    "supp paper arxiv eprint doi preview", uname, " ")
	for (i = 1; i <= nurl; i++)
		unum[i] = 29 + i
	ntypes = split("inproceedings article misc book phdthesis " \
	    "techreport", types, " ")
}
function base64(s,   n, i, a, b, c, out) {
	n = length(s); out = ""
	for (i = 1; i <= n; i += 3) {
		a = ord[substr(s, i, 1)]
		b = i + 1 <= n ? ord[substr(s, i + 1, 1)] : 0
		c = i + 2 <= n ? ord[substr(s, i + 2, 1)] : 0
		out = out substr(b64, int(a / 4) + 1, 1)
		out = out substr(b64, (a % 4) * 16 + int(b / 16) + 1, 1)
		out = out (i + 1 <= n ? substr(b64, (b % 16) * 4 + int(c / 64) + 1, 1) : "=")
		out = out (i + 2 <= n ? substr(b64, c % 64 + 1, 1) : "=")
	}
	return out
}
function hexval(h,   v, i, d) {
	v = 0
	for (i = 1; i <= 2; i++) {
		d = index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
		if (d < 0) { print "gen.sh: bad ^^" h > "/dev/stderr"; exit 2 }
		v = v * 16 + d
	}
	return v
}
# expand(TEXT, FIELD): the payload for field number FIELD.
function expand(s, f,   out, p, d, n, t, k, q) {
	# REP(N,TEXT)
	while ((p = index(s, "REP(")) > 0) {
		q = substr(s, p + 4)
		n = substr(q, 1, index(q, ",") - 1) + 0
		q = substr(q, index(q, ",") + 1)
		t = substr(q, 1, index(q, ")") - 1)
		out = ""
		for (k = 0; k < n; k++)
			out = out t
		s = substr(s, 1, p - 1) out substr(q, index(q, ")") + 1)
	}
	# @D
	out = ""
	while (match(s, /@[0-9]/)) {
		d = substr(s, RSTART + 1, 1)
		out = out substr(s, 1, RSTART - 1) sprintf("%02d%02d%d", cls, f, d)
		s = substr(s, RSTART + 2)
	}
	s = out s
	# ^^HH
	out = ""
	while (match(s, /\^\^[0-9a-fA-F][0-9a-fA-F]/)) {
		out = out substr(s, 1, RSTART - 1) sprintf("%c", hexval(substr(s, RSTART + 2, 2)))
		s = substr(s, RSTART + 4)
	}
	s = out s
	# B64(...), its parentheses balanced
	while ((p = index(s, "B64(")) > 0) {
		q = substr(s, p + 4)
		d = 1
		for (k = 1; k <= length(q); k++) {
			t = substr(q, k, 1)
			if (t == "(") d++
			else if (t == ")" && --d == 0) break
		}
		t = substr(q, 1, k - 1)
		s = substr(s, 1, p - 1) base64(t) substr(q, k + 1)
	}
	return s
}
function balanced(s, what,   i, c, depth, prev) {
	depth = 0; prev = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "{" && prev != "\\") depth++
		else if (c == "}" && prev != "\\") depth--
		if (depth < 0) break
		prev = (prev == "\\" && c == "\\") ? "" : c
	}
	if (depth != 0) {
		printf "gen.sh: class %d: unbalanced braces in %s: %s\n", cls, what, s > "/dev/stderr"
		exit 2
	}
}
function field(name, value) {
	balanced(value, name)
	printf "  %s = {%s},\n", name, value
}
# textval(I): the value of text field I.
function textval(i, f,   v, k, n, j) {
	if (nt == 0) return ""
	if (tname[i] == "note" || tname[i] == "abstract" || tname[i] == "award") {
		v = ""
		for (k = 1; k <= nt; k++)
			v = v (k > 1 ? "^^0a^^0a" : "") T[k]
		return expand(v, f)
	}
	n = cycle ? 1 : (nt < 3 ? nt : 3)
	v = ""
	for (k = 0; k < n; k++) {
		j = (i - 1 + k) % nt + 1
		v = v (k > 0 ? " " : "") T[j]
	}
	return expand(v, f)
}
function flush(   i, v, f, key, typ, x) {
	if (cls == "") return
	key = nk ? expand(K, 0) : sprintf("h%02d-%s", cls, cname)
	typ = types[(cls % ntypes) + 1]
	printf "%% %02d %s\n", cls, cname
	printf "@%s{%s,\n", typ, key
	if (small) {
		if (!("title" in F)) field("title", sprintf("Odd name %02d: %s", cls, cname))
		if (!("author" in F)) field("author", "Owner, Ada and Doe, Jane")
		if (!("year" in F)) field("year", "2020")
		if (!("url" in F)) field("url", sprintf("https://example.org/h%02d/", cls))
	} else {
		for (i = 1; i <= ntext; i++) {
			if (tname[i] in F) continue
			f = tnum[i]
			v = textval(i, f)
			if (tname[i] == "title")
				v = v sprintf(" -- h%02d %s", cls, cname)
			else if (tname[i] == "author")
				v = "{" v "} and Owner, Ada and Mallory, " v
			else if (tname[i] == "editor")
				v = v " and Doe, Jane"
			else if (tname[i] == "year" && cls % 2 == 0)
				v = "2024" v
			field(tname[i], v)
		}
		for (i = 1; i <= nurl; i++) {
			if (uname[i] in F) continue
			f = unum[i]
			if (nu > 0)
				v = expand(U[(i - 1) % nu + 1], f)
			else
				v = expand("https://example.org/h@0/" T[(i - 1) % nt + 1], f)
			field(uname[i], v)
		}
		if (!("archiveprefix" in F)) field("archiveprefix", "arXiv")
		if (!("bibtex_show" in F)) field("bibtex_show", "true")
		if (!("selected" in F)) field("selected", "true")
	}
	for (i = 1; i <= nf; i++)
		field(expand(fname[i], 49 + i), expand(fval[i], 49 + i))
	printf "}\n\n"
	cls = ""
}
BEGIN { init(); cls = "" }
/^#/ || /^$/ { next }
/^= / {
	flush()
	cls = $2 + 0; cname = $3
	nt = nu = nk = nf = cycle = small = 0
	split("", T); split("", U); split("", F)
	next
}
/^T / { T[++nt] = substr($0, 3); next }
/^U / { U[++nu] = substr($0, 3); next }
/^K / { K = substr($0, 3); nk = 1; next }
/^C$/ { cycle = 1; next }
/^X$/ { small = 1; next }
/^F / {
	x = substr($0, 3)
	fname[++nf] = substr(x, 1, index(x, " ") - 1)
	fval[nf] = substr(x, index(x, " ") + 1)
	F[fname[nf]] = 1
	next
}
/^R / { flush(); print expand(substr($0, 3), 0); next }
/^R$/ { flush(); print ""; next }
{ print "gen.sh: bad line: " $0 > "/dev/stderr"; exit 2 }
END { flush() }
' <<'EOF'
# ---------------------------------------------------------------- header
R % tests/hostile/corpus.bib -- written by tests/hostile/gen.sh; edit that, not this.
R % A hostile corpus: every field a theme can show, times every payload
R % class (tests/hostile/README).  alert(NNFFD): class NN, field FF, payload D.
R % tests/browser.sh builds it into both test sites and through -f html and
R % opens every page in Chromium: nothing may run.
R
R @string{evilstr = "<script>alert(99011)</script>"}
R @string{evilurl = {javascript:alert(99301)}}
R @comment{<script>alert(99991)</script> in a comment is not an entry}
R @preamble{"<img src=x onerror=alert(99992)>"}
R

# ------------------------------------------------------------------ tags
= 10 script
T <script>alert(@1)</script>
T <SCRIPT>alert(@2)</SCRIPT>
T <script src="data:,alert(@3)"></script>
T <scr<script>ipt>alert(@4)</script>
U <script>alert(@1)</script>
U https://example.org/<script>alert(@2)</script>

= 11 img-onerror
T <img src=x onerror=alert(@1)>
T <IMG SRC=x OnError="alert(@2)">
T <img src=x onerror=alert(@3)//
T <img/src=x/onerror=alert(@4)>
U <img src=x onerror=alert(@1)>
U https://example.org/<img src=x onerror=alert(@2)>

= 12 svg-onload
T <svg onload=alert(@1)>
T <svg/onload=alert(@2)>
T <svg><script>alert(@3)</script></svg>
T <svg><a xlink:href="javascript:alert(@4)"><text x="9" y="9">x</text></a></svg>
T <svg><animate onbegin=alert(@5) attributeName=x dur=1s></svg>
U <svg onload=alert(@1)>
U https://example.org/<svg/onload=alert(@2)>

= 13 iframe
T <iframe src="javascript:alert(@1)"></iframe>
T <iframe srcdoc="<script>alert(@2)</script>"></iframe>
T <iframe src="data:text/html,<script>alert(@3)</script>"></iframe>
T <iframe onload=alert(@4)></iframe>
U <iframe src=javascript:alert(@1)>
U https://example.org/<iframe srcdoc="<script>alert(@2)</script>">

= 14 other-tags
T <details open ontoggle=alert(@1)>d</details>
T <body onload=alert(@2)>
T <input autofocus onfocus=alert(@3)>
T <object data="javascript:alert(@4)"></object>
T <embed src="javascript:alert(@5)">
T <video><source onerror=alert(@6)></video>
T <form><button formaction=javascript:alert(@7)>b</button></form>
T <marquee onstart=alert(@8)>m</marquee>
T <style>@import "javascript:alert(@9)";</style><span style="background:url(javascript:alert(@9))">s</span>
U <object data=javascript:alert(@1)>
U https://example.org/<details open ontoggle=alert(@2)>

= 15 link-tags
T <a href="javascript:alert(@1)">a</a>
T <a href="data:text/html,<script>alert(@2)</script>">b</a>
T <base href="javascript:alert(@3)//">
T <meta http-equiv="refresh" content="0;url=javascript:alert(@4)">
T <math><a href="javascript:alert(@5)">m</a></math>
T <map><area href="javascript:alert(@6)" shape=default></map>
T <link rel=stylesheet href="javascript:alert(@7)">
T <a href="&#106;avascript:alert(@8)">c</a>
T <a href=" javascript:alert(@9)">d</a>
U <a href=javascript:alert(@1)>a</a>
U https://example.org/<a href="javascript:alert(@2)">b</a>

= 16 context-breakout
T </title><script>alert(@1)</script>
T </textarea><script>alert(@2)</script>
T </pre><img src=x onerror=alert(@3)>
T </style><svg onload=alert(@4)>
T <!--><img src=x onerror=alert(@5)>-->
T <![CDATA[><img src=x onerror=alert(@6)>]]>
T <noscript><p title="</noscript><img src=x onerror=alert(@7)>">
T </details></li></ol></div></span></i></main><img src=x onerror=alert(@8)>
T <math><mtext><table><mglyph><style><img src=x onerror=alert(@9)>
U https://example.org/</title><script>alert(@1)</script>
U https://example.org/--><img src=x onerror=alert(@2)>

# ------------------------------------------------------ attribute quoting
= 17 dq-breakout
T " onmouseover="alert(@1)" x="
T "autofocus onfocus="alert(@2)
T "><img src=x onerror=alert(@3)>
T "/><svg onload=alert(@4)>
T \textbackslash{}"><img src=x onerror=alert(@5)>
U https://example.org/" onmouseover="alert(@1)
U https://example.org/"><img src=x onerror=alert(@2)>
U x"onerror="alert(@3)
U "><svg onload=alert(@4)>
U 10.1000/x"><img src=x onerror=alert(@5)>

= 18 sq-breakout
T ' onmouseover='alert(@1)
T '><img src=x onerror=alert(@2)>
T '/><svg onload=alert(@3)>
T 'autofocus onfocus='alert(@4)
U https://example.org/' onmouseover='alert(@1)
U https://example.org/'><img src=x onerror=alert(@2)>
U '><svg onload=alert(@3)>

= 19 unquoted-and-encoded
T x onmouseover=alert(@1) y
T `><img src=x onerror=alert(@2)>
T &quot;><img src=x onerror=alert(@3)>
T &lt;script&gt;alert(@4)&lt;/script&gt;
T &#60;img src=x onerror=alert(@5)&#62;
T &amp;lt;svg onload=alert(@6)&amp;gt;
T &#x3C;svg onload=alert(@7)&#x3E;
T %3Cscript%3Ealert(@8)%3C/script%3E
U https://example.org/&quot;&gt;&lt;img src=x onerror=alert(@1)&gt;
U https://example.org/%22%3E%3Cimg%20src=x%20onerror=alert(@2)%3E
U x onmouseover=alert(@3)
U https://example.org/`onmouseover=alert(@4)

# ---------------------------------------------------------------- schemes
= 20 javascript-plain
T javascript:alert(@1)
T [a](javascript:alert(@2))
T <javascript:alert(@3)>
T [b](JAVASCRIPT:alert(@4))
T [c]( javascript:alert(@5) )
T [d](javascript\:alert(@6))
U javascript:alert(@1)
U JaVaScRiPt:alert(@2)
U  javascript:alert(@3)
U javascript://%0Aalert(@4)
U javascript:/*--></title></style></textarea></script><svg/onload=alert(@5)>*/
U javascript\:alert(@6)
U javascript:alert(@7)//https://example.org/
U javascript:alert`@8`

= 21 javascript-whitespace
T [a](java^^09script:alert(@1))
T [b](java^^0ascript:alert(@2))
T <java^^09script:alert(@3)>
T ![c](^^09javascript:alert(@4))
U java^^09script:alert(@1)
U java^^0ascript:alert(@2)
U java^^0dscript:alert(@3)
U ^^09javascript:alert(@4)
U javascript^^09:alert(@5)
U ^^0a^^0ajavascript:alert(@6)

= 22 javascript-numeric-entities
T [a](&#106;avascript:alert(@1))
T ![i](&#x6A;avascript:alert(@2))
T [b](javascript&#58;alert(@3))
T <a href="&#106;avascript:alert(@4)">x</a>
T [c](&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(@5))
U &#106;avascript:alert(@1)
U &#x6A;avascript:alert(@2)
U &#X6a;avascript:alert(@3)
U &#0000106;avascript:alert(@4)
U &#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(@5)
U &#x6a&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3a;alert(@6)
U javascript&#58;alert(@7)
U javascript&#x3A;alert(@8)

= 23 javascript-named-entities
T [a](javascript&colon;alert(@1))
T [b](java&Tab;script:alert(@2))
T ![c](java&NewLine;script:alert(@3))
T [d](&Tab;javascript:alert(@4))
U javascript&colon;alert(@1)
U java&Tab;script:alert(@2)
U java&NewLine;script:alert(@3)
U &Tab;javascript:alert(@4)
U javascript&colon;alert&lpar;@5&rpar;
U &NewLine;javascript:alert(@6)
U java&#9;script:alert(@7)
U javascript&amp;colon;alert(@8)

= 24 javascript-percent
T [a](%6Aavascript:alert(@1))
T [b](java%09script:alert(@2))
T ![c](javascript%3Aalert(@3))
T <%6Aavascript:alert(@4)>
U %6Aavascript:alert(@1)
U javascript%3Aalert(@2)
U %6A%61%76%61%73%63%72%69%70%74%3Aalert(@3)
U java%09script:alert(@4)
U java%0Ascript:alert(@5)
U %20javascript:alert(@6)
U %256Aavascript:alert(@7)
U javascript:alert%28@8%29

= 25 data
T [a](data:text/html,<script>alert(@1)</script>)
T ![i](data:image/svg+xml;base64,B64(<svg xmlns="http://www.w3.org/2000/svg" onload="alert(@2)"/>))
T <data:text/html,alert(@3)>
T [b](DATA:text/html;base64,B64(<script>alert(@4)</script>))
U data:text/html,<script>alert(@1)</script>
U data:text/html;base64,B64(<script>alert(@2)</script>)
U DATA:text/html,<svg onload=alert(@3)>
U data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(@4)"/>
U data:text/javascript,alert(@5)
U  data:text/html,<script>alert(@6)</script>
U &#100;ata:text/html,<script>alert(@7)</script>
U %64ata:text/html,<script>alert(@8)</script>

= 26 vbscript
T [a](vbscript:msgbox(@1))
T ![i](vbscript:alert(@2))
T <vbscript:alert(@3)>
T [b](VBScript&colon;alert(@4))
U vbscript:msgbox(@1)
U VBScript:alert(@2)
U vbscript&colon;alert(@3)
U &#118;bscript:alert(@4)
U %76bscript:alert(@5)
U vb^^09script:alert(@6)

= 27 other-schemes
T [a](file:///etc/passwd)
T [b](//evil.example/@2)
T [c](livescript:alert(@3))
T [d](view-source:javascript:alert(@4))
U file:///etc/passwd#@1
U //evil.example/@2
U livescript:alert(@3)
U mocha:alert(@4)
U blob:https://example.org/@5
U jar:https://example.org/x!/@6
U about:blank#@7
U ftp://example.org/@8

# --------------------------------------------------------------- Markdown
= 28 markdown-links
T [a](javascript:alert(@1))
T ![i](javascript:alert(@2))
T [b](<javascript:alert(@3)>)
T [c][r@0]^^0a^^0a[r@0]: javascript:alert(@4)
T ![d][i@0]^^0a^^0a[i@0]: data:text/html,<script>alert(@5)</script>
T [e](https://example.org/ 'x" onmouseover="alert(@6)')
T ![f](<x" onerror="alert(@7)>)
T [g](javascript:alert(@8) "t")
T <https://example.org/"onmouseover="alert(@9)>

= 29 markdown-html-mix
T *<img src=x onerror=alert(@1)>*
T [<img src=x onerror=alert(@2)>](https://example.org/)
T ![<svg onload=alert(@3)>](x.png)
T `<script>alert(@4)</script>`
T ^^0a^^0a    <script>alert(@5)</script>
T ^^0a^^0a<div>^^0a^^0a<img src=x onerror=alert(@6)>^^0a^^0a</div>
T ^^0a^^0a```html^^0a<script>alert(@7)</script>^^0a```
T ^^0a^^0a| a | b |^^0a|---|---|^^0a| <img src=x onerror=alert(@8)> | x |
T note[^f@0]^^0a^^0a[^f@0]: <img src=x onerror=alert(@9)>

= 30 attribute-lists
T para^^0a\{: onmouseover="alert(@1)"\}
T *e*\{: onmouseover="alert(@2)"\}
T [l](https://example.org/)\{: onclick="alert(@3)"\}
T \{::nomarkdown\}<script>alert(@4)</script>\{:/nomarkdown\}
T ^^0a^^0a# h \{onclick="alert(@5)"\}
T ^^0a^^0a## h2 \{#x onmouseover=alert(@6)\}
T \$\$<img src=x onerror=alert(@7)>\$\$
T \{::options parse_block_html="true" /\}<div onclick="alert(@8)">x</div>
T ![i](x.png)\{: onerror="alert(@9)"\}
U https://example.org/\{: onclick="alert(@1)"\}

# ---------------------------------------------------- LaTeX and Unicode
= 31 latex-encoded
T \textless{}script\textgreater{}alert(@1)\textless{}/script\textgreater{}
T \href{javascript:alert(@2)}{h}
T \url{javascript:alert(@3)}
T {\char60}img src=x onerror=alert(@4){\char62}
T \emph{<img src=x onerror=alert(@5)>}
T \textbf{"><svg onload=alert(@6)>}
T \texttt{javascript:alert(@7)}
T \textless{}img src=x onerror=alert(@8)\textgreater{}
T \href{data:text/html,<script>alert(@9)</script>}{d}
U {j}avascript:alert(@1)
U java{}script:alert(@2)
U java\-script:alert(@3)
U \url{javascript:alert(@4)}
U \href{javascript:alert(@5)}{x}
U javascript{:}alert(@6)
U j{a}v{a}script:alert(@7)
U java\relax script:alert(@8)

= 32 unicode-lookalikes
T ＜script＞alert(@1)＜/script＞
T ﹤img src=x onerror=alert(@2)﹥
T 〈svg onload=alert(@3)〉
T ＂＞＜img src=x onerror=alert(@4)＞
T [a](ｊａｖａｓｃｒｉｐｔ：alert(@5))
T [b](java^^e2^^80^^8bscript:alert(@6))
T [c](java^^c2^^adscript:alert(@7))
U ｊａｖａｓｃｒｉｐｔ：alert(@1)
U java^^e2^^80^^8bscript:alert(@2)
U java^^c2^^adscript:alert(@3)
U ^^ef^^bb^^bfjavascript:alert(@4)
U java^^e2^^80^^a8script:alert(@5)
U javascript^^ef^^bc^^9aalert(@6)
U ^^e2^^80^^aejavascript:alert(@7)

# ------------------------------------------------------- site templating
= 33 liquid
T \{\{ site \}\}
T \{\{ site.github \}\}
T \{\% include evil.html \%\}
T \{\% raw \%\}
T \{\% endraw \%\}
T \{\{ "%3Cimg src=x onerror=alert(@1)%3E" | url_decode \}\}
T \{\%- comment -\%\}
T \{\{ page.title \}\}\{\{ content \}\}
T \{\{ 'javascript:alert(@2)' \}\}
U {{ "javascript:alert(@1)" }}
U \{\{ "javascript:alert(@2)" \}\}
U https://example.org/{{ site.url }}/{% raw %}
U {% raw %}javascript:alert(@4){% endraw %}

= 34 hugo-shortcodes
T \{\{< ref "x" >\}\}
T \{\{\% x \%\}\}
T \{\{< highlight html >\}\}<script>alert(@1)</script>\{\{< /highlight >\}\}
T \{\{< param "title" >\}\}
T \{\{</* x */>\}\}
T \{\{< figure src="javascript:alert(@2)" link="javascript:alert(@3)" caption="<img src=x onerror=alert(@4)>" >\}\}
T \{\{< rawhtml >\}\}<script>alert(@5)</script>\{\{< /rawhtml >\}\}
U {{< ref "x" >}}
U \{\{< ref "x" >\}\}
U https://example.org/{{% x %}}

= 35 template-syntax
T \$title\$ \$include(/etc/passwd)\$
T $for(entries)$x$endfor$
T \$if(me)\$\$key.yaml\$\$--
T \{\{ .Site.Title \}\}\{\{ printf "<img src=x onerror=alert(@1)>" | safeHTML \}\}
T \{\{ template "main" . \}\}
U $url$
U https://example.org/$include(/etc/passwd)$

# ------------------------------------------------------- YAML front matter
= 36 yaml-escapes
T "double" and 'single'
T \textbackslash{}" breaks a \textbackslash{} escape
T \textbackslash{}u003cimg src=x onerror=alert(@1)\textbackslash{}u003e
T \textbackslash{}x3csvg onload=alert(@2)\textbackslash{}x3e
T key: value: more
T trailing # comment
T ^^0a---^^0alayout: evil^^0apermalink: /^^0a---^^0a
T &anchor *alias !!str !tag |block >folded
T \{flow: map\} [flow, seq] ? key %YAML @at
U https://example.org/\u003cimg src=x onerror=alert(@1)\u003e
U javascript\u003aalert(@2)
U javascript\x3aalert(@3)
U \x6aavascript:alert(@4)
U https://example.org/"quote'sq\b: c #d
U https://example.org/^^0a---^^0alayout: x

= 37 yaml-leading
C
T - leading dash
T &anchor x
T *alias
T !!binary aGk=
T ? question
T | block
T > folded
T % directive
T @at
T `backtick
T 'single
T "double
T \{a: b\}
T [a, b]
T #comment
T ---
T ...
T : colon
T <<: *x
T ~
T null
T true
T 0x1F
T .inf
U - javascript:alert(@1)
U &a javascript:alert(@2)
U *a
U !!js/function alert(@4)
U "https://example.org/
U 'https://example.org/

= 38 yaml-whitespace
C
T a^^0ab
T a^^0d^^0ab
T a^^0db
T a^^0a^^0ab^^0a^^0a^^0ac
T a^^09b^^09
T a^^0bb
T a^^0cb
T a^^e2^^80^^a8b
T a^^e2^^80^^a9b
T a^^c2^^85b
T ^^0a---^^0a
T trailing   
U https://example.org/^^0a
U https://example.org/a^^e2^^80^^a8b
U https://example.org/a^^c2^^85b
U https://example.org/a^^0d^^0ab

# ------------------------------------------------------------ bytes
= 39 control-bytes
C
T del^^7fdel
T u0080^^c2^^80x
T u009f^^c2^^9fx
T uffff^^ef^^bf^^bfx
T ufffe^^ef^^bf^^bex
T ufdd0^^ef^^b7^^90x
T u1ffff^^f0^^9f^^bf^^bfx
T u10ffff^^f4^^8f^^bf^^bfx
T esc^^1b[31mred
T bel^^07x
T bs^^08x
T soh^^01x
T us^^1fx
T bom^^ef^^bb^^bfx
T pua^^ee^^80^^80x
U ^^01javascript:alert(@1)
U java^^7fscript:alert(@2)
U https://example.org/^^c2^^80
U https://example.org/^^ef^^bf^^bf
U ^^1fjavascript:alert(@5)
U ^^0bjavascript:alert(@6)

= 40 bad-utf8
C
T nul^^00x
T ff^^ffx
T overlong^^c0^^bcscript^^c0^^bealert(@1)^^c0^^bc/script^^c0^^be
T surrogate^^ed^^a0^^80x
T five^^f8^^88^^80^^80^^80x
T cut^^e2^^82
U ^^c0^^bcscript^^c0^^bealert(@1)
U java^^00script:alert(@2)
U ^^ffjavascript:alert(@3)

# --------------------------------------------------------- names, lengths
= 41 long
F title Long title: REP(25,abcdefghij)abc "><img src=x onerror=alert(@1)>
K h41-long-REP(29,kkkkkkkkkk)k
T <img src=x onerror=alert(@1)>
U https://example.org/REP(100,aaaaaaaaaa)"><img src=x onerror=alert(@1)>
U https://example.org/"><svg onload=alert(@2)>
F author REP(40,Evil Eve and )Owner, Ada and {<svg onload=alert(@2)>}

= 42 long-multibyte
F title REP(50,éàü)
K h42-REP(148,ж)
T REP(30,漢字)<img src=x onerror=alert(@1)>
U https://example.org/REP(100,ü)

= 43 same-slug-a
F title Same slug!
T "><img src=x onerror=alert(@1)>

= 44 same-slug-b
F title same slug?
T '><img src=x onerror=alert(@1)>

= 45 empty-slug
F title <>"'&
T <svg onload=alert(@1)>

# ------------------------------------------------- fields with odd names
= 46 shadowing-fields
T "><img src=x onerror=alert(@1)>
U javascript:alert(@1)
F anchor "><svg onload=alert(@1)>
F kind x" onmouseover="alert(@1)
F kind_label "><img src=x onerror=alert(@1)>
F csl_type "]^^0alayout: x
F date 2024-05"><img src=x onerror=alert(@1)>
F venue <script>alert(@1)</script>
F venue_label <img src=x onerror=alert(@1)>
F venue_name <svg onload=alert(@1)>
F venue_line <script>alert(@1)</script>
F notes <img src=x onerror=alert(@1)>
F track_note <img src=x onerror=alert(@1)>
F links javascript:alert(@1)
F bibtex </pre><img src=x onerror=alert(@1)>
F show_bibtex true
F month_name <img src=x onerror=alert(@1)>
F rank_class x" onmouseover="alert(@1)
F doi_id "><img src=x onerror=alert(@1)>
F owner <img src=x onerror=alert(@1)>
F layout evil
F permalink /../../evil/
F lang en" onmouseover="alert(@1)
F intro <img src=x onerror=alert(@1)>
F split_name ../../escaped-by-field.md
F asset_base javascript:alert(@1)//
F label <img src=x onerror=alert(@1)>
F name <img src=x onerror=alert(@1)>
F excerpt <img src=x onerror=alert(@1)>
F citation <img src=x onerror=alert(@1)>
F paperurl javascript:alert(@1)
F slidesurl javascript:alert(@1)
F bibtexurl javascript:alert(@1)
F link javascript:alert(@1)
F external_link javascript:alert(@1)
F url_pdf javascript:alert(@1)
F url_code javascript:alert(@1)
F key "><img src=x onerror=alert(@1)>
F index <img src=x onerror=alert(@1)>

= 47 odd-field-names
T <img src=x onerror=alert(@1)>
F onload alert(@1)
F onmouseover alert(@1)
F style background:url(javascript:alert(@1))
F class x" onmouseover="alert(@1)
F href javascript:alert(@1)
F src javascript:alert(@1)
F author+an 1="><svg onload=alert(@1)>
F title+an <img src=x onerror=alert(@1)>
F x<script>alert`@1`</script> payload in a field name
F onerror alert(@2)

# -------------------------------------------------- authors and macros
= 48 author-names
T <img src=x onerror=alert(@1)>
F author Evil<script>alert(@1)</script>*, Eve and Owner#, Ada and de <img src=x onerror=alert(@2)> la Evil, Eve and Evil, Jr"><svg onload=alert(@3)>, Eve and {"><img src=x onerror=alert(@4)>} and others
F editor Evil, "><svg onload=alert(@1)> and {\relax Ev}il, '><img src=x onerror=alert(@2)>

R @proceedings{h49-parent,
R   title = {<img src=x onerror=alert(49011)> crossref parent},
R   booktitle = {<script>alert(49041)</script> proceedings},
R   editor = {Evil, "><svg onload=alert(49031)>},
R   publisher = {<img src=x onerror=alert(49181)>},
R   url = {javascript:alert(49301)},
R   year = {2019},
R }
R
R @inproceedings{h49-macros,
R   title = evilstr # " and " # {"><img src=x onerror=alert(49012)>} # " -- h49 macros",
R   author = "Owner, Ada and {"}<img src=x onerror=alert(49021)>{"}, Eve",
R   crossref = {h49-parent},
R   url = evilurl,
R   code = "javascript:alert(49331)",
R   note = "[a](javascript:alert(49091))",
R   bibtex_show = {true},
R }
R
R @misc{h50-dup-a,
R   title = {A duplicated work -- h50},
R   author = {Owner, Ada},
R   year = {2021},
R   doi = {10.1000/h50},
R   url = {javascript:alert(50301)},
R   code = {"><img src=x onerror=alert(50331)>},
R   note = {<img src=x onerror=alert(50091)>},
R }
R
R @article{h50-dup-b,
R   title = {A duplicated work -- h50},
R   author = {Owner, Ada},
R   year = {2021},
R   doi = {10.1000/h50},
R   journal = {<script>alert(50052)</script>},
R   pdf = {&#106;avascript:alert(50322)},
R   slides = {javascript:alert(50342)},
R }
R

# --------------------------------------------------------- odd keys
= 51 dot-dot
X
K ..

= 52 traversal
X
K ../../../escaped-by-key

= 53 mid-traversal
X
K a/../../b

= 54 absolute
X
K /tmp/b2p-absolute-key

= 55 hidden
X
K .hidden

= 56 underscore
X
K _index

= 57 key-svg
X
K k'><script>alert`@1`</script>

= 58 key-javascript
X
K javascript:alert`@1`

= 59 key-entity
X
K k&quot;><script>alert`@1`</script>

= 60 key-backslash
X
K k\><b>\u003c

= 61 key-md
X
K index.md

= 62 key-reserved
X
K k|q:*?<>
EOF

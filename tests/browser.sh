#!/bin/sh
# SPDX-License-Identifier: ISC
# tests/browser.sh: load the default HTML page in headless Chromium and
# take screenshots (desktop, light; phone, dark; scripts refused).  The
# theme's filter script runs under the page's Content-Security-Policy
# with no console error, a query hides the other entries, a year
# choice keeps that year's, and with the script refused every entry is
# shown and the filter stays hidden.  Fails when Chromium
# cannot load the page or the screenshot is empty; when any script runs
# in the hostile page (tests/golden/xss.bib): a script there would have
# to change the DOM, and Chromium's dumped DOM must equal the page
# without scripts.  Slow (Chromium starts each time), so it is not part
# of "make check"; .ci/run runs it.  Screenshots are left in $OUT
# (default: a temporary directory) to look at.
# It also builds the two sites of tests/sites.test (tests/sites/README)
# from bib/example.bib and takes full-page screenshots, 1200 px wide, of
# the Jekyll page (site-jekyll.png), the Hugo page (site-hugo.png) and
# the Hugo Blox bundle of zhang2025sageattention2 (site-hugo-bundle.png);
# one SKIP per screenshot when jekyll or hugo is not installed.
# Then the hostile corpus (tests/hostile/README): tests/hostile/corpus.bib
# built into both sites the same way (the academicpages page and its
# --split collection; the -t hugo page and its --split bundles) and
# through -f html (default and fragment).  Each site must build (exit 0,
# no warning or error in its log), publish a page for every entry and
# write nothing outside its --split directory.  Then every built HTML
# page of both sites, and the two -f html pages, is opened in Chromium
# with alert, confirm and prompt hooked and every javascript:, data: or
# vbscript: link clicked; one TAP line per page counts the dialogs that
# fired, the event-handler attributes (on...) in the DOM, the
# javascript:/data:/vbscript: URLs in it and the <script>/<iframe>/
# <frame>/<object>/<embed> elements that are not the page's own.  All
# must be 0.  A failure names the payload (alert(NNFFD): class NN, field
# FF, payload D) and the built HTML around it.  One SKIP per site when
# jekyll or hugo is not installed.
# Usage: BIB2PUBS=src/bib2pubs tests/browser.sh
set -u
TESTS_SRCDIR=$(cd "$(dirname "$0")" && pwd)
: "${BIB2PUBS:=src/bib2pubs}"
CHROMIUM=${CHROMIUM:-chromium}
export TESTS_SRCDIR BIB2PUBS
. "$TESTS_SRCDIR/lib.sh"
OUT=${OUT:-$tmp}
if ! command -v "$CHROMIUM" >/dev/null 2>&1; then
	echo "not ok 1 - chromium is not installed (Debian package: chromium)"
	echo "1..1"
	exit 1
fi

chrome() {	# chrome PROFILE ARGS...: one headless run, bounded in time
	profile=$tmp/profile-$1
	shift
	rm -rf "$profile"
	timeout "${CHROME_TIMEOUT:-120}" "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$profile" "$@" 2>>"$tmp/chromium.log"
}

b2p -f html --me "Zhang, Jintao" "$TESTS_SRCDIR/../bib/example.bib" >"$tmp/example.html"
chrome a --window-size=1000,1400 --screenshot="$OUT/desktop.png" \
    "file://$tmp/example.html" >/dev/null
[ -s "$OUT/desktop.png" ] && [ "$(wc -c <"$OUT/desktop.png")" -gt 20000 ]
ok $? "the example page loads and renders (desktop screenshot $OUT/desktop.png)"
chrome b --force-dark-mode --window-size=390,844 \
    --screenshot="$OUT/phone-dark.png" "file://$tmp/example.html" >/dev/null
[ -s "$OUT/phone-dark.png" ] && [ "$(wc -c <"$OUT/phone-dark.png")" -gt 10000 ]
ok $? "the example page renders on a phone, dark (screenshot $OUT/phone-dark.png)"
chrome c --dump-dom "file://$tmp/example.html" >"$tmp/example.dom"
grep -q 'SpargeAttention' "$tmp/example.dom"
ok $? "the rendered DOM holds the entries"

# The filter script (script = on, the default), under the page's own
# Content-Security-Policy: it runs (its hash matches), the console has
# no error and no refusal; typing a query hides the other entries; with
# scripts off every entry is shown and the filter stays hidden.
b2p -f html --me "Zhang, Jintao" -V bibtex=all "$TESTS_SRCDIR/../bib/example.bib" >"$tmp/filter.html"
total=$(grep -c '<li class="pub ' "$tmp/filter.html")
chrome f --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
    --dump-dom "file://$tmp/filter.html" >"$tmp/filter.dom" 2>"$tmp/filter.console"
grep -q 'class="b2p-q"' "$tmp/filter.dom" &&
    ! grep -q '<div class="b2p-filter"[^>]* hidden' "$tmp/filter.dom"
ok $? "the filter script runs under the page's Content-Security-Policy"
! grep -a 'CONSOLE' "$tmp/filter.console" | grep -aiE 'error|refused|uncaught|violat' >"$tmp/filter.errors"
ok $? "no console error, no CSP refusal with the filter script"
diag <"$tmp/filter.errors"
grep -c 'class="btn b2p-copy"' "$tmp/filter.dom" >"$tmp/filter.copies"
[ "$(cat "$tmp/filter.copies")" -eq "$total" ]
ok $? "every entry with its BibTeX on the page has a Copy BibTeX button ($(cat "$tmp/filter.copies") of $total)"
# The test types into the filter: a copy without the policy (it would
# refuse the test's own script), the test after the theme's script.
sed -e '/http-equiv="Content-Security-Policy"/d' \
    -e 's|</body>|<script>(function(){var q=document.querySelector(".b2p-q"),n=function(){return document.querySelectorAll("li.pub:not([hidden])").length;};var all=n();q.value="sageattention";q.dispatchEvent(new Event("input"));var some=n();var y=document.querySelectorAll(".b2p-select")[0];q.value="";q.dispatchEvent(new Event("input"));y.value="2024";y.dispatchEvent(new Event("change"));document.documentElement.setAttribute("data-test",all+" "+some+" "+n()+" "+window.__errs.length);})()</script></body>|' \
    -e 's|<head>|<head><script>window.__errs=[];addEventListener("error",function(e){window.__errs.push(e.message)});</script>|' \
    "$tmp/filter.html" >"$tmp/filter-test.html"
chrome g --virtual-time-budget=5000 --dump-dom "file://$tmp/filter-test.html" |
    sed -n 's/.*data-test="\([0-9 ]*\)".*/\1/p' | head -n 1 >"$tmp/filter.counts"
read -r f_all f_some f_year f_errs <"$tmp/filter.counts" || true
[ "${f_all:-0}" -eq "$total" ] && [ "${f_some:-0}" -ge 1 ] &&
    [ "${f_some:-0}" -lt "$total" ] && [ "${f_year:-0}" -eq 1 ] &&
    [ "${f_errs:-1}" -eq 0 ]
ok $? "the filter hides entries: 'sageattention' shows ${f_some:-?} of ${f_all:-?}, year 2024 shows ${f_year:-?}; ${f_errs:-?} script errors"
# Scripts off: headless Chromium with --blink-settings=scriptEnabled=false
# writes no DOM and no screenshot (it drives the page by script), so the
# page's own policy refuses the script instead (script-src 'none'), as
# a browser with scripts off, or a server's stricter policy, would.
sed "s/script-src '[^']*'/script-src 'none'/" "$tmp/filter.html" >"$tmp/noscript.html"
grep -q "script-src 'none'" "$tmp/noscript.html" || echo "# the page has no script-src to refuse"
chrome h --dump-dom "file://$tmp/noscript.html" >"$tmp/noscript.dom"
[ "$(grep -c '<li class="pub ' "$tmp/noscript.dom")" -eq "$total" ] &&
    ! grep -q '<li class="pub [^>]* hidden' "$tmp/noscript.dom" &&
    grep -q '<div class="b2p-filter"[^>]* hidden' "$tmp/noscript.dom" &&
    ! grep -q 'class="btn b2p-copy"' "$tmp/noscript.dom"
ok $? "with scripts off every entry is shown ($total) and the filter stays hidden"
chrome i --window-size=1200,900 \
    --screenshot="$OUT/noscript.png" "file://$tmp/noscript.html" >/dev/null
[ -s "$OUT/noscript.png" ] && [ "$(wc -c <"$OUT/noscript.png")" -gt 20000 ]
ok $? "the page renders with scripts off (screenshot $OUT/noscript.png)"

# The hostile page: every theme, every field.  Each payload would write
# to the DOM (alert() in headless mode does nothing visible), so look
# for what it would leave: scripts that ran would add nothing here only
# if none ran -- check the payloads' marks are absent.
for theme in default fragment; do
	b2p -f html -t $theme "$TESTS_SRCDIR/golden/xss.bib" \
	    >"$tmp/xss.html" 2>/dev/null
	sed 's/alert(\([0-9]*\))/document.body.setAttribute("data-ran",\1)/g' \
	    "$tmp/xss.html" >"$tmp/xss-marked.html"
	chrome d --dump-dom "file://$tmp/xss-marked.html" >"$tmp/xss.dom"
	[ -s "$tmp/xss.dom" ] && ! grep -q 'data-ran=' "$tmp/xss.dom"
	ok $? "$theme: no script from a .bib runs in Chromium"
done

# The built sites, as tests/sites.test builds them (bib/example.bib,
# --me "Zhang, Jintao"), screenshot whole.  Headless Chromium shoots the
# window only, so a copy of the page beside it (same base for relative
# links) first reports its height at 1200 px wide; the screenshot's
# window is then that tall.
bib=$TESTS_SRCDIR/../bib/example.bib
me="Zhang, Jintao"
sites=$TESTS_SRCDIR/sites

# page_height PROFILE PAGE: the page's full height in CSS px at 1200 px
# wide (800 when it cannot be measured).
page_height() {
	measure=$(dirname "$2")/.measure-height.html
	sed 's|</body>|<script>document.documentElement.setAttribute("data-full-height",String(Math.ceil(Math.max(document.documentElement.scrollHeight,document.body.scrollHeight))))</script></body>|' \
	    "$2" >"$measure"
	h=$(chrome "$1" --window-size=1200,800 --dump-dom "file://$measure" |
	    sed -n 's/.*data-full-height="\([0-9]*\)".*/\1/p' | head -n 1)
	rm -f "$measure"
	case $h in
	''|*[!0-9]*) h=800 ;;
	esac
	[ "$h" -ge 100 ] || h=100
	echo "$h"
}

# png_width FILE: the width in the PNG's IHDR (nothing if not a PNG).
png_width() {
	sig=$(dd if="$1" bs=8 count=1 2>/dev/null | od -An -tx1 | tr -d ' \n')
	[ "$sig" = 89504e470d0a1a0a ] || return 1
	dd if="$1" bs=1 skip=16 count=4 2>/dev/null | od -An -tu1 |
	    awk '{ printf "%d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'
}

# shot NAME PAGE DESCRIPTION: a full-page screenshot of PAGE (a built
# file) into $OUT/NAME.png, one TAP line.
shot() {
	png=$OUT/$1.png
	rm -f "$png"
	if [ -f "$2" ]; then
		h=$(page_height "$1-h" "$2")
		chrome "$1" --window-size=1200,"$h" --screenshot="$png" \
		    "file://$2" >/dev/null
	else
		echo "# $2 was not built"
	fi
	w=$( [ -s "$png" ] && png_width "$png")
	[ -s "$png" ] && [ "$w" = 1200 ]
	ok $? "$3 (full page, 1200 px wide: $png)"
}

# built LOG STATUS: the log of a step that failed, as diagnostics.
built() {
	[ "$2" -eq 0 ] || { echo "# exit status $2:"; diag <"$1"; }
}

if command -v jekyll >/dev/null 2>&1; then
	src=$tmp/site-jekyll
	dest=$tmp/site-jekyll-out
	cp -R "$sites/jekyll" "$src" && chmod -R u+w "$src"
	st=0
	b2p --me "$me" "$bib" >"$src/_pages/publications.md" \
	    2>>"$tmp/site-jekyll.b2p.log" || st=$?
	b2p --me "$me" --split "$src/_publications" "$bib" \
	    2>>"$tmp/site-jekyll.b2p.log" || st=$?
	built "$tmp/site-jekyll.b2p.log" $st
	st=0
	jekyll build -s "$src" -d "$dest" --disable-disk-cache \
	    >"$tmp/site-jekyll.log" 2>&1 || st=$?
	built "$tmp/site-jekyll.log" $st
	shot site-jekyll "$dest/publications/index.html" \
	    "the Jekyll site's publications page renders"
else
	skip "jekyll is not installed: no screenshot of the Jekyll site (apt-get install jekyll)"
fi

if command -v hugo >/dev/null 2>&1; then
	src=$tmp/site-hugo
	dest=$tmp/site-hugo-out
	cp -R "$sites/hugo" "$src" && chmod -R u+w "$src"
	mkdir -p "$src/content"	# git keeps no empty folder
	st=0
	b2p -t hugo --me "$me" -o "$src/content/publications.md" "$bib" \
	    2>>"$tmp/site-hugo.b2p.log" || st=$?
	b2p -t hugo --me "$me" --split "$src/content/publication" "$bib" \
	    2>>"$tmp/site-hugo.b2p.log" || st=$?
	built "$tmp/site-hugo.b2p.log" $st
	st=0
	hugo -s "$src" -d "$dest" --cacheDir "$tmp/site-hugo-cache" \
	    >"$tmp/site-hugo.log" 2>&1 || st=$?
	built "$tmp/site-hugo.log" $st
	shot site-hugo "$dest/publications/index.html" \
	    "the Hugo site's publications page renders"
	shot site-hugo-bundle "$dest/publication/zhang2025sageattention2/index.html" \
	    "the Hugo Blox bundle of zhang2025sageattention2 renders"
else
	skip "hugo is not installed: no screenshot of the Hugo site (apt-get install hugo)"
	skip "hugo is not installed: no screenshot of the Hugo bundle (apt-get install hugo)"
fi

# ------------------------------------------------------------------------
# The hostile corpus (tests/hostile/README) through both sites and -f
# html, every page opened in Chromium: nothing from the .bib may run.
hostile=$TESTS_SRCDIR/hostile/corpus.bib
hme="Owner, Ada"
hook=$tmp/b2p-hook.js
findings=$tmp/hostile-findings
: >"$findings"

# The hook, loaded first by a copy of each page (a parser-blocking
# <script src> right after the doctype): alert, confirm and prompt
# record instead of opening a dialog, in the page and in every frame
# added to it; after "load", every <a>/<area> whose href is a
# javascript:, data: or vbscript: URL (trimmed, tabs and newlines
# dropped, any case -- as a browser reads it) is clicked, one by one;
# then the DOM is read and a report written into it, which --dump-dom
# prints:  A (a dialog: what, and the element whose event ran it, the
# script, or the link clicked), H (an on... attribute), U (a
# javascript:/data:/vbscript: URL in a URL attribute, a meta refresh or
# a style), S (a script, iframe, frame, object or embed element that is
# not the check's own).  Tabs and newlines in a record are written \t \n.
cat >"$hook" <<'EOF'
(function () {
	"use strict";
	var rep = [], current = "";
	var XLINK = "http://www.w3.org/1999/xlink";
	var URLATTR = { href: 1, src: 1, action: 1, formaction: 1, data: 1,
	    "xlink:href": 1, poster: 1, background: 1, codebase: 1, cite: 1,
	    longdesc: 1, lowsrc: 1, dynsrc: 1, manifest: 1, ping: 1,
	    srcset: 1, imagesrcset: 1, archive: 1, classid: 1, icon: 1 };
	function clip(s, n) {
		s = String(s);
		return s.length > n ? s.slice(0, n) + "..." : s;
	}
	function flat(s) {
		return String(s).replace(/\\/g, "\\\\").replace(/\t/g, "\\t")
		    .replace(/\n/g, "\\n").replace(/\r/g, "\\r");
	}
	function tag(el) {
		var s, i, a;
		if (!el || el.nodeType !== 1)
			return "";
		s = "<" + el.tagName.toLowerCase();
		for (i = 0; i < el.attributes.length; i++) {
			a = el.attributes[i];
			s += " " + a.name + "=\"" +
			    a.value.replace(/&/g, "&amp;").replace(/"/g, "&quot;") + "\"";
		}
		return clip(s + ">", 600);
	}
	function add(kind, what, where) {
		rep.push(kind + "\t" + flat(clip(what, 400)) + "\t" + flat(where));
	}
	function scriptURL(v) {
		v = String(v).replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "")
		    .toLowerCase();
		return /^(javascript|data|vbscript):/.test(v);
	}
	function fired(name, msg, w, frame) {
		var ev, el = null, where;
		try {
			ev = w.event;
			if (ev && ev.target && ev.target.nodeType === 1)
				el = ev.target;
			else if (w.document && w.document.currentScript)
				el = w.document.currentScript;
		} catch (e) { }
		if (el)
			where = (ev ? "on " + ev.type + ": " : "") + tag(el);
		else if (current)
			where = "clicked " + current;
		else if (frame)
			where = "in the frame " + tag(frame);
		else
			where = "(no element: a javascript: URL or a timer)";
		add("A", name + "(" + clip(msg, 200) + ")", where);
	}
	function hook(w, frame) {
		try {
			if (w.__b2pHooked)
				return;
			w.__b2pHooked = true;
			w.alert = function (m) { fired("alert", m, w, frame); };
			w.confirm = function (m) { fired("confirm", m, w, frame); return false; };
			w.prompt = function (m) { fired("prompt", m, w, frame); return null; };
			w.print = function () { fired("print", "", w, frame); };
		} catch (e) { /* a frame of another origin */ }
	}
	function frames(n) {
		var list, i;
		if (n.nodeType !== 1)
			return;
		list = [n].concat(Array.prototype.slice.call(
		    n.querySelectorAll("iframe, frame, object, embed")));
		for (i = 0; i < list.length; i++) {
			if (!/^(IFRAME|FRAME|OBJECT|EMBED)$/.test(list[i].tagName))
				continue;
			(function (f) {
				try { if (f.contentWindow) hook(f.contentWindow, f); } catch (e) { }
				f.addEventListener("load", function () {
					try { if (f.contentWindow) hook(f.contentWindow, f); } catch (e) { }
				});
			})(list[i]);
		}
	}
	hook(window, null);
	new MutationObserver(function (ms) {
		ms.forEach(function (m) {
			Array.prototype.forEach.call(m.addedNodes, frames);
		});
	}).observe(document, { childList: true, subtree: true });

	/* The theme's own filter script (script = on) is the page's: one
	 * <script id="b2p-script">, no src, last in the body. */
	function ours(el) {
		return el.id === "b2p-report" || (el.tagName === "SCRIPT" &&
		    /b2p-hook\.js$/.test(el.getAttribute("src") || "")) ||
		    (el.tagName === "SCRIPT" && el.id === "b2p-script" &&
		    !el.hasAttribute("src") && el.parentNode === document.body &&
		    document.querySelectorAll("script#b2p-script").length === 1);
	}
	function scan(doc, prefix) {
		var els = doc.getElementsByTagName("*"), i, j, el, a, n, v, sub;
		for (i = 0; i < els.length; i++) {
			el = els[i];
			if (ours(el))
				continue;
			for (j = 0; j < el.attributes.length; j++) {
				a = el.attributes[j];
				n = a.name.toLowerCase();
				v = a.value;
				if (n.indexOf("on") === 0)
					add("H", a.name + "=" + v, prefix + tag(el));
				else if (URLATTR[n] && (n === "srcset" || n === "imagesrcset" ?
				    v.split(",").some(scriptURL) : scriptURL(v)))
					add("U", a.name + "=" + v, prefix + tag(el));
				else if (n === "content" && el.tagName === "META" &&
				    /url\s*=\s*['"]?[\u0000-\u0020]*(javascript|data|vbscript):/i.test(v))
					add("U", a.name + "=" + v, prefix + tag(el));
				else if (n === "style" &&
				    /url\s*\(\s*['"]?[\u0000-\u0020]*(javascript|data|vbscript):/i.test(v))
					add("U", a.name + "=" + v, prefix + tag(el));
			}
			if (/^(SCRIPT|IFRAME|FRAME|OBJECT|EMBED)$/.test(el.tagName)) {
				add("S", el.tagName.toLowerCase() + ": " +
				    clip(el.outerHTML, 300), prefix + tag(el));
				sub = null;
				try { sub = el.contentDocument; } catch (e) { }
				if (sub && sub.documentElement)
					scan(sub, prefix + "in " + tag(el) + ": ");
			}
		}
	}
	function clickAll(done) {
		var all = document.querySelectorAll("a, area"), list = [], i, h, k = 0;
		for (i = 0; i < all.length; i++) {
			h = all[i].getAttribute("href");
			if (h === null)
				h = all[i].getAttributeNS(XLINK, "href");
			if (h !== null && scriptURL(h))
				list.push(all[i]);
		}
		(function next() {
			var el;
			if (k >= list.length) {
				setTimeout(function () { current = ""; done(); }, 300);
				return;
			}
			el = list[k++];
			current = tag(el);
			el.removeAttribute("target");
			el.removeAttribute("download");
			try {
				el.dispatchEvent(new MouseEvent("click",
				    { bubbles: true, cancelable: true, view: window }));
			} catch (e) { }
			setTimeout(next, 60);
		})();
	}
	function report() {
		var s = document.createElement("script");
		scan(document, "");
		s.type = "text/x-b2p-report";
		s.id = "b2p-report";
		s.textContent = "\nB2P-BEGIN\n" + rep.join("\n") +
		    (rep.length ? "\n" : "") + "B2P-END\n";
		(document.body || document.documentElement).appendChild(s);
	}
	window.addEventListener("load", function () {
		setTimeout(function () { clickAll(report); }, 100);
	});
})();
EOF

# The payload of an alert(NNFFD) number: its class (the "% NN name"
# comments of the corpus) and field (tests/hostile/gen.sh).
sed -n 's/^% \([0-9][0-9]\) \([^ ]*\)$/\1 \2/p' "$hostile" >"$tmp/hostile-classes"
echo "99 @string/@comment/@preamble" >>"$tmp/hostile-classes"
payload_name() {
	LC_ALL=C awk -v id="$1" '
	BEGIN {
		n = split("title author editor booktitle journal abbr year month " \
		    "note abstract award award_name annotation additional_info " \
		    "location track rank publisher howpublished school series " \
		    "keywords x_custom address organization volume pages", t, " ")
		for (i = 1; i <= n; i++) f[sprintf("%02d", i)] = t[i]
		n = split("url html pdf code slides video poster website blog " \
		    "supp paper arxiv eprint doi preview", u, " ")
		for (i = 1; i <= n; i++) f[sprintf("%02d", 29 + i)] = u[i]
		f["00"] = "key"
	}
	$1 == substr(id, 1, 2) { c = $2 }
	END {
		ff = substr(id, 3, 2)
		printf "class %s %s, field %s %s, payload %s", substr(id, 1, 2),
		    c == "" ? "?" : c, ff,
		    ff in f ? f[ff] : (ff + 0 >= 50 ? "(an odd field: see gen.sh)" : "?"),
		    substr(id, 5, 1)
	}' "$tmp/hostile-classes"
}

# file_url PATH: a file:// URL of PATH, bytes other than letters, digits
# and / . _ ~ - percent-encoded.
file_url() {
	printf '%s' "$1" | LC_ALL=C od -An -v -tu1 | LC_ALL=C awk '
	BEGIN {
		printf "file://"
		for (i = 0; i < 256; i++) {
			c = sprintf("%c", i)
			safe[i] = (c ~ /[A-Za-z0-9\/._~-]/)
			ch[i] = c
		}
	}
	{ for (i = 1; i <= NF; i++) printf "%s", safe[$i] ? ch[$i] : sprintf("%%%02X", $i) }
	END { print "" }'
}

# inject FILE COPY [CSP]: COPY is FILE with the hook loaded first (and a
# Content-Security-Policy if given); a page without a doctype (the
# fragment) gets one and a UTF-8 charset, as the page it is pasted into
# would have.
inject() {
	LC_ALL=C awk -v hook="$(file_url "$hook")" -v csp="${3:-}" '
	BEGIN {
		tag = "<script src=\"" hook "\"></script>"
		if (csp != "")
			tag = "<meta http-equiv=\"Content-Security-Policy\" content=\"" csp "\">" tag
	}
	NR == 1 {
		if (match($0, /^(\357\273\277)?[ \t\r]*<![Dd][Oo][Cc][Tt][Yy][Pp][Ee][^>]*>/)) {
			print substr($0, 1, RLENGTH) tag substr($0, RLENGTH + 1)
			next
		}
		print "<!DOCTYPE html><meta charset=\"utf-8\">" tag
	}
	{ print }
	END { if (NR == 0) print "<!DOCTYPE html>" tag }' "$1" >"$2"
}

# page_run FILE: open FILE in Chromium (a copy beside it, so that its
# relative URLs resolve as on the site); the report in $pc_rep, the
# counts in pc_a (dialogs), pc_h (handlers), pc_u (script URLs), pc_s
# (script and frame elements), and pc_note when the run went wrong.
hpages=0
page_run() {
	hpages=$((hpages + 1))
	pc_copy=$(dirname "$1")/.b2p-check-$hpages.html
	pc_dom=$tmp/hostile-check.dom
	pc_rep=$tmp/hostile-check.rep
	pc_note=
	inject "$1" "$pc_copy"
	CHROME_TIMEOUT=40 chrome hc --virtual-time-budget=30000 --dump-dom \
	    "$(file_url "$pc_copy")" >"$pc_dom"
	pc_st=$?
	if ! grep -aq '^B2P-END$' "$pc_dom"; then
		# No report: Chromium timed out -- a dialog from a frame the
		# hook cannot reach (another origin, such as a data: URL)
		# waits for a click -- or the page navigated away.  Read the
		# DOM again with frames and plugins refused.
		if [ "$pc_st" -eq 124 ]; then
			pc_note="Chromium did not finish (a dialog from a frame the hook cannot reach?); counted again with frames refused"
		else
			pc_note="no report from the page (exit status $pc_st: it navigated away?); counted again with frames refused"
		fi
		inject "$1" "$pc_copy" "frame-src 'none'; child-src 'none'; object-src 'none'"
		CHROME_TIMEOUT=40 chrome hc --virtual-time-budget=30000 \
		    --dump-dom "$(file_url "$pc_copy")" >"$pc_dom"
		grep -aq '^B2P-END$' "$pc_dom" || pc_note="$pc_note (no report either)"
	fi
	rm -f "$pc_copy"
	sed -n '/^B2P-BEGIN$/,/^B2P-END$/p' "$pc_dom" | sed '1d;$d' >"$pc_rep"
	pc_a=$(LC_ALL=C grep -ac '^A	' "$pc_rep")
	pc_h=$(LC_ALL=C grep -ac '^H	' "$pc_rep")
	pc_u=$(LC_ALL=C grep -ac '^U	' "$pc_rep")
	pc_s=$(LC_ALL=C grep -ac '^S	' "$pc_rep")
}

# page_check LABEL FILE: page_run, one TAP line, and for each finding
# the payload, the element as the DOM has it and the built HTML around
# the payload's number.
hchecked=0
page_check() {
	hchecked=$((hchecked + 1))
	pc_label=$1
	page_run "$2"
	pc_ok=0
	[ -z "$pc_note" ] || pc_ok=1
	[ $((pc_a + pc_h + pc_u + pc_s)) -eq 0 ] || pc_ok=1
	ok $pc_ok "$pc_label: $pc_a alerts, $pc_h handlers, $pc_u script URLs, $pc_s script or frame elements"
	[ -z "$pc_note" ] || echo "# $pc_note"
	[ -s "$pc_rep" ] || return 0
	n=0
	while IFS='	' read -r kind what where; do
		printf '%s\t%s\t%s\t%s\n' "$pc_label" "$kind" "$what" "$where" >>"$findings"
		n=$((n + 1))
		[ $n -le 12 ] || continue
		case $kind in
		A) k="fired" ;; H) k="handler" ;; U) k="script URL" ;; *) k="element" ;;
		esac
		echo "# $k: $what"
		echo "#   element: $where"
		id=$(printf '%s\n' "$what $where" | LC_ALL=C grep -o '[1-9][0-9][0-9][0-9][0-9]' | head -n 1)
		if [ -n "$id" ]; then
			echo "#   payload $id: $(payload_name "$id")"
			LC_ALL=C grep -ao ".\{0,90\}$id.\{0,60\}" "$2" | head -n 2 |
			    sed 's/^/#   built HTML: /'
		fi
	done <"$pc_rep"
	[ $n -le 12 ] || echo "# ... and $((n - 12)) more"
}

# site_pages LABEL DEST: page_check every HTML page DEST holds.
site_pages() {
	find "$2" -type f -name '*.html' ! -name '.b2p-check-*' |
	    LC_ALL=C sort >"$tmp/hostile-pages"
	while IFS= read -r page; do
		page_check "$1 ${page#"$2"}" "$page"
	done <"$tmp/hostile-pages"
}

# make_site SITE SRC DEST [--keys FILE]: a copy of tests/sites/SITE at
# SRC with the corpus (or the entries FILE lists) in it -- the page and
# the --split files, as tests/sites.test puts them -- built into DEST.
# Sets mk_b2p (bib2pubs' worst exit status), mk_gen (the generator's)
# and mk_clean (0 when its log holds no warning or error: Jekyll drops
# front matter it cannot read with exit status 0); the log is SRC.log.
make_site() {
	ms_site=$1 ms_src=$2 ms_dest=$3
	shift 3
	rm -rf "$ms_src" "$ms_dest"
	cp -R "$sites/$ms_site" "$ms_src" && chmod -R u+w "$ms_src"
	( cd "$ms_src" && find . -type f | LC_ALL=C sort ) >"$ms_src.before"
	: >"$ms_src.b2p.log"
	mk_b2p=0
	ms_st=0
	case $ms_site in
	jekyll)
		b2p --me "$hme" "$@" -o "$ms_src/_pages/publications.md" \
		    "$hostile" 2>>"$ms_src.b2p.log" || mk_b2p=$?
		b2p --me "$hme" "$@" --split "$ms_src/_publications" \
		    "$hostile" 2>>"$ms_src.b2p.log" || ms_st=$?
		[ $ms_st -le $mk_b2p ] || mk_b2p=$ms_st
		mk_gen=0
		jekyll build -s "$ms_src" -d "$ms_dest" --disable-disk-cache \
		    >"$ms_src.log" 2>&1 || mk_gen=$?
		;;
	hugo)
		mkdir -p "$ms_src/content"	# git keeps no empty folder
		b2p -t hugo --me "$hme" "$@" -o "$ms_src/content/publications.md" \
		    "$hostile" 2>>"$ms_src.b2p.log" || mk_b2p=$?
		b2p -t hugo --me "$hme" "$@" --split "$ms_src/content/publication" \
		    "$hostile" 2>>"$ms_src.b2p.log" || ms_st=$?
		[ $ms_st -le $mk_b2p ] || mk_b2p=$ms_st
		mk_gen=0
		# shellcheck disable=SC2046
		hugo -s "$ms_src" -d "$ms_dest" --cacheDir "$tmp/hostile-hugo-cache" \
		    $( [ -z "${HUGO_ALL:-}" ] || echo --buildFuture --buildDrafts --buildExpired ) \
		    >"$ms_src.log" 2>&1 || mk_gen=$?
		rm -f "$ms_src/.hugo_build.lock"
		;;
	esac
	mk_clean=0
	LC_ALL=C grep -aEiq 'warn|error|exception|conflict|deprecat' "$ms_src.log" && mk_clean=1
	return 0
}

# missing_pages SITE SPLIT-DIR DEST: the --split files that are no built
# page (Jekyll: by their permalink; Hugo: by their bundle's folder), as
# diagnostics.
missing_pages() {
	mp_n=0
	case $1 in
	jekyll)
		for mp_f in "$2"/*.md; do
			[ -f "$mp_f" ] || continue
			mp_p=$(sed -n 's/^permalink: *//p' "$mp_f" | head -n 1)
			# Jekyll makes "/" of ".." in a permalink.
			mp_q=$(printf '%s' "$mp_p" | sed 's#\.\.#/#g')
			[ -f "$3$mp_p/index.html" ] || [ -f "$3$mp_q/index.html" ] && continue
			mp_n=$((mp_n + 1))
			[ $mp_n -le 20 ] && echo "# no page: $(basename "$mp_f" | cut -c1-100) (permalink $(printf '%s' "$mp_p" | cut -c1-100))"
		done
		;;
	hugo)
		for mp_f in "$2"/*/index.md; do
			[ -f "$mp_f" ] || continue
			mp_d=$(basename "$(dirname "$mp_f")")
			mp_l=$(printf '%s' "$mp_d" | tr 'A-Z' 'a-z')
			[ -f "$3/publication/$mp_l/index.html" ] && continue
			mp_n=$((mp_n + 1))
			[ $mp_n -le 20 ] && echo "# no page: $(printf '%s' "$mp_d" | cut -c1-100) ($(grep -a -m1 '^date:' "$mp_f"))"
		done
		;;
	esac
	[ $mp_n -le 20 ] || echo "# ... and $((mp_n - 20)) more"
	return 0
}

# log_errors LOG: the lines of a generator's log that say what went
# wrong (no Ruby backtrace), as diagnostics.
log_errors() {
	LC_ALL=C grep -av '^[[:space:]]*from /' "$1" |
	    LC_ALL=C grep -aEi 'warn|error|exception|conflict|deprecat|too long|invalid|fail' |
	    head -n "${2:-12}" | cut -c1-400 | diag
}

# hostile_site SITE SPLIT-DIR PAGE: build SITE from the corpus, print
# its build lines -- it builds (bib2pubs exit 0 or 1, the corpus having
# input errors; the generator exit 0 and a clean log), every entry is a
# built --split page, --split wrote nothing outside its directory --
# then check every page.  When the site does not build, each entry is
# built alone to name the ones that break it, the site is built again
# without them and those pages are checked (labelled SITE-partial), so
# that one broken entry hides no script elsewhere.
hostile_site() {
	hs_site=$1 hs_split=$2 hs_page=$3
	hs_src=$tmp/hostile-$hs_site
	hs_dest=$tmp/hostile-$hs_site-out
	make_site "$hs_site" "$hs_src" "$hs_dest"
	hs_ok=0
	[ "$mk_b2p" -le 1 ] && [ "$mk_gen" -eq 0 ] && [ "$mk_clean" -eq 0 ] || hs_ok=1
	ok $hs_ok "$hs_site: the site builds from the hostile corpus (bib2pubs exit $mk_b2p, $hs_site exit $mk_gen, $( [ $mk_clean -eq 0 ] && echo 'no warning logged' || echo 'warnings or errors logged'))"
	[ $hs_ok -eq 0 ] || log_errors "$hs_src.log"
	[ "$mk_b2p" -le 1 ] || grep -av ': warning: ' "$hs_src.b2p.log" | head -n 5 | diag
	hs_built=0
	[ -d "$hs_dest" ] && hs_built=$(find "$hs_dest" -type f -name '*.html' \
	    -exec grep -al '<article class="publication">' {} + 2>/dev/null | wc -l)
	hs_built=$((hs_built + 0))
	hs_files=$(find "$hs_src/$hs_split" -type f -name '*.md' 2>/dev/null | wc -l)
	[ "$hostile_n" -gt 0 ] && [ "$hs_built" -eq "$hostile_n" ]
	ok $? "$hs_site: every entry is a built --split page ($hs_built pages from $((hs_files + 0)) .md files in $hs_split, $hostile_n entries)"
	[ $hs_ok -ne 0 ] || missing_pages "$hs_site" "$hs_src/$hs_split" "$hs_dest"
	( cd "$hs_src" && find . -type f | LC_ALL=C sort ) >"$hs_src.after"
	LC_ALL=C comm -13 "$hs_src.before" "$hs_src.after" |
	    LC_ALL=C grep -av "^\./$hs_split/" | LC_ALL=C grep -avxF "./$hs_page" >"$hs_src.outside"
	[ ! -s "$hs_src.outside" ]
	ok $? "$hs_site: --split wrote nothing outside $hs_split"
	head -n 10 "$hs_src.outside" | diag
	if [ $hs_ok -eq 0 ] && [ "$hs_site" = hugo ] && [ "$hs_built" -lt "$hostile_n" ]; then
		# Hugo leaves out a page dated in the future (a year read
		# from digits in a hostile value): build again with every
		# page in, so that their pages are checked too.
		echo "# hugo: the pages below (hugo-all) are of the site built with --buildFuture --buildDrafts --buildExpired"
		HUGO_ALL=1 make_site hugo "$hs_src-all" "$hs_dest-all"
		[ "$mk_gen" -eq 0 ] || log_errors "$hs_src-all.log"
		site_pages "$hs_site-all" "$hs_dest-all"
		return
	fi
	if [ $hs_ok -eq 0 ]; then
		site_pages "$hs_site" "$hs_dest"
		return
	fi
	: >"$tmp/hostile-$hs_site.good"
	hs_bad=0
	while IFS= read -r key; do
		printf '%s\n' "$key" >"$tmp/hostile-one.keys"
		make_site "$hs_site" "$tmp/hostile-one" "$tmp/hostile-one-out" \
		    --keys "$tmp/hostile-one.keys"
		if [ "$mk_gen" -eq 0 ] && [ "$mk_clean" -eq 0 ]; then
			printf '%s\n' "$key" >>"$tmp/hostile-$hs_site.good"
		else
			hs_bad=$((hs_bad + 1))
			echo "# $hs_site: entry $key alone: $hs_site exit $mk_gen:"
			log_errors "$tmp/hostile-one.log" 4
		fi
	done <"$tmp/hostile.keys"
	echo "# $hs_site: $hs_bad entries break the build; the pages below (${hs_site}-partial) are of the site without them"
	[ -s "$tmp/hostile-$hs_site.good" ] || return 0
	make_site "$hs_site" "$hs_src-partial" "$hs_dest-partial" \
	    --keys "$tmp/hostile-$hs_site.good"
	if [ "$mk_gen" -ne 0 ] || [ "$mk_clean" -ne 0 ]; then
		echo "# $hs_site: the site without them does not build either (exit $mk_gen):"
		log_errors "$hs_src-partial.log"
	fi
	[ -d "$hs_dest-partial" ] && site_pages "$hs_site-partial" "$hs_dest-partial"
}

# The entries' keys, from the JSON (its string escapes undone).
b2p -f json -q "$hostile" 2>/dev/null |
    sed -n 's/^    "key": "\(.*\)",$/\1/p' |
    sed 's/\\\\/\\/g; s/\\"/"/g; s/\\\//\//g' >"$tmp/hostile.keys"
hostile_n=$(wc -l <"$tmp/hostile.keys")
hostile_n=$((hostile_n + 0))
echo "# hostile corpus: $hostile_n entries"

# The check sees what it looks for: a page made to hold a handler that
# fires, a javascript: link (a tab in its scheme), a data: link and a
# frame whose script fires must count each.
canary=$tmp/hostile-canary.html
cat >"$canary" <<'EOF2'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>canary</title></head><body>
<img src="x" onerror="alert(1)"><a href="java&#9;script:alert(2)">a</a>
<a href="data:text/html,x">b</a><iframe srcdoc="<script>alert(3)</script>"></iframe>
</body></html>
EOF2
page_run "$canary"
[ -z "$pc_note" ] && [ "$pc_a" -ge 3 ] && [ "$pc_h" -ge 1 ] && [ "$pc_u" -ge 2 ] && [ "$pc_s" -ge 1 ]
ok $? "the check finds what it counts in a page made to hold it ($pc_a alerts, $pc_h handlers, $pc_u script URLs, $pc_s script or frame elements)"
[ -z "$pc_note" ] || echo "# $pc_note"

if command -v jekyll >/dev/null 2>&1; then
	hostile_site jekyll _publications _pages/publications.md
else
	skip "jekyll is not installed: the hostile corpus is not built into the Jekyll site (apt-get install jekyll)"
fi
if command -v hugo >/dev/null 2>&1; then
	hostile_site hugo content/publication content/publications.md
else
	skip "hugo is not installed: the hostile corpus is not built into the Hugo site (apt-get install hugo)"
fi

mkdir -p "$tmp/hostile-html"
for theme in default fragment; do
	page=$tmp/hostile-html/$theme.html
	st=0
	b2p -f html -t $theme --me "$hme" -o "$page" "$hostile" \
	    2>"$tmp/hostile-html-$theme.log" || st=$?
	[ $st -le 1 ] && [ -s "$page" ]
	ok $? "-f html -t $theme: bib2pubs writes the page from the hostile corpus (exit $st)"
	[ $st -le 1 ] || tail -n 5 "$tmp/hostile-html-$theme.log" | diag
	[ -f "$page" ] && page_check "-f html -t $theme" "$page"
done

# Every finding, by payload class and field: the list to fix.
echo "# hostile corpus: $hchecked pages checked in Chromium"
if [ -s "$findings" ]; then
	echo "# findings by payload (kind, class, field; pages):"
	LC_ALL=C awk -F '\t' '{
		id = ""
		if (match($3 " " $4, /[1-9][0-9][0-9][0-9][0-9]/))
			id = substr($3 " " $4, RSTART, RLENGTH)
		key = $2 " " (id == "" ? "?" : substr(id, 1, 4))
		n[key]++
		site = $1
		if (site !~ /^-f/)
			sub(/ .*/, "", site)
		if (!((key, site) in seen)) {
			seen[key, site] = 1
			where[key] = where[key] (where[key] == "" ? "" : ", ") site
		}
	}
	END { for (k in n) printf "%s\t%d\t%s\n", k, n[k], where[k] }' "$findings" |
	    LC_ALL=C sort | while IFS='	' read -r key count where; do
		set -- $key
		case $2 in
		\?) echo "#   $1 (no payload number) x$count in $where" ;;
		*) echo "#   $1 $(payload_name "${2}0" | sed 's/, payload 0$//') x$count in $where" ;;
		esac
	done
fi
finish

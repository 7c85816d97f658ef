#!/bin/sh
# tests/browser.sh: load the default HTML page in headless Chromium and
# take screenshots (desktop, light; phone, dark).  Fails when Chromium
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
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
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
finish

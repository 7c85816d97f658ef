#!/bin/sh
# tests/browser.sh: load the default HTML page in headless Chromium and
# take screenshots (desktop, light; phone, dark).  Fails when Chromium
# cannot load the page or the screenshot is empty; when any script runs
# in the hostile page (tests/golden/xss.bib): a script there would have
# to change the DOM, and Chromium's dumped DOM must equal the page
# without scripts.  Slow (Chromium starts each time), so it is not part
# of "make check"; .ci/run runs it.  Screenshots are left in $OUT
# (default: a temporary directory) to look at.
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
finish

/* bib2pubs default theme: filter the entries, copy an entry's BibTeX.
 * Optional (script = on in theme.conf); the page is whole without it.
 * Reads only the page; writes text, never HTML; no request. */
(function () {
	"use strict";
	var box = document.getElementById("b2p-filter");
	if (!box || !document.querySelectorAll || !box.dataset)
		return;
	var pubs = Array.prototype.slice.call(document.querySelectorAll("li.pub"));
	var d = box.dataset, texts = [];

	function el(tag, props) {
		var e = document.createElement(tag), k;
		for (k in props)
			e[k] = props[k];
		return e;
	}
	/* A <select> of the values one data attribute takes, in page order. */
	function choice(attr, all, labelAttr) {
		var s = el("select", { className: "b2p-select" }), seen = {};
		s.setAttribute("aria-label", all);
		s.appendChild(el("option", { value: "", textContent: all }));
		pubs.forEach(function (li) {
			var v = li.getAttribute(attr);
			if (!v || seen[v])
				return;
			seen[v] = 1;
			s.appendChild(el("option", { value: v, textContent:
			    labelAttr ? li.getAttribute(labelAttr) || v : v }));
		});
		return s.options.length > 2 ? s : null;
	}
	var q = el("input", { type: "search", className: "b2p-q",
	    placeholder: d.filter });
	q.setAttribute("aria-label", d.filter);
	var sel = [["data-year", choice("data-year", d.allYears)],
	    ["data-kind", choice("data-kind", d.allTypes, "data-kind-label")],
	    ["data-rank", choice("data-rank", d.allRanks)]];
	var count = el("output", { className: "b2p-count" });
	count.setAttribute("aria-live", "polite");
	box.appendChild(q);
	sel.forEach(function (p) { if (p[1]) box.appendChild(p[1]); });
	box.appendChild(count);
	pubs.forEach(function (li, i) {
		texts[i] = (li.textContent || "").toLowerCase();
	});

	function apply() {
		var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
		var shown = 0;
		pubs.forEach(function (li, i) {
			var ok = words.every(function (w) {
				return texts[i].indexOf(w) >= 0;
			}) && sel.every(function (p) {
				return !p[1] || !p[1].value ||
				    li.getAttribute(p[0]) === p[1].value;
			});
			li.hidden = !ok;
			shown += ok;
		});
		/* A group with nothing shown loses its heading too. */
		Array.prototype.forEach.call(document.querySelectorAll("ol.pub-list"),
		    function (ol) {
			var any = ol.querySelector("li.pub:not([hidden])") !== null;
			var h = ol.previousElementSibling;
			ol.hidden = !any;
			if (h && h.tagName === "H2")
				h.hidden = !any;
		});
		count.value = count.textContent = shown + " / " + pubs.length;
	}
	q.addEventListener("input", apply);
	sel.forEach(function (p) {
		if (p[1])
			p[1].addEventListener("change", apply);
	});
	box.hidden = false;
	apply();

	/* Copy: each entry whose BibTeX the page holds gets a button. */
	function copy(text, button) {
		function done() {
			var was = button.textContent;
			button.textContent = d.copied;
			setTimeout(function () { button.textContent = was; }, 1500);
		}
		function fallback() {
			var t = el("textarea", { value: text, readOnly: true });
			t.className = "b2p-clip";
			document.body.appendChild(t);
			t.select();
			try { document.execCommand("copy"); done(); } catch (e) { }
			document.body.removeChild(t);
		}
		if (navigator.clipboard && navigator.clipboard.writeText)
			navigator.clipboard.writeText(text).then(done, fallback);
		else
			fallback();
	}
	pubs.forEach(function (li) {
		var pre = li.querySelector(".pub-bibtex pre");
		var links = li.querySelector(".pub-links");
		if (!pre)
			return;
		if (!links) {
			links = el("div", { className: "pub-links" });
			li.insertBefore(links, pre.parentNode);
		}
		var b = el("button", { type: "button", className: "btn b2p-copy",
		    textContent: d.copy });
		b.addEventListener("click", function () {
			copy(pre.textContent, b);
		});
		links.appendChild(b);
	});
})();

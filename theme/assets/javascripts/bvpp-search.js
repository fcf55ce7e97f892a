/* The site's search: a field in the header, results as a list of links under it.
   The index is Pagefind's (generator/publish/search.py builds it over the finished site):
   split into small files, so a search fetches the few pieces its words need, never the whole
   index. Nothing loads until the field is first used; everything comes from this site.
   Without JavaScript the form stays hidden (a search field that cannot search would mislead);
   every page is still reachable by its links. The form carries data-state ("loading",
   "done", "failed") and data-query for the browser tests. */
(function () {
  "use strict";
  var form = document.querySelector("form.bvpp-search");
  if (!form || !("noModule" in HTMLScriptElement.prototype)) return; // no import(): no search
  var input = form.querySelector("input");
  var panel = form.querySelector(".bvpp-search__panel");
  var status = form.querySelector(".bvpp-search__status");
  var list = form.querySelector(".bvpp-search__results");
  var bundle = new URL(form.getAttribute("data-bundle"), document.baseURI);
  var root = new URL("../", bundle); // the bundle sits at the site's root
  var SHOWN = 10;  // result pages listed
  var SECTIONS = 3; // sections listed under each page
  var engine = null;
  var latest = "";

  // In the header, where Material puts its own search; the form is after the header otherwise.
  var header = document.querySelector(".md-header__inner");
  if (header) header.appendChild(form);
  form.hidden = false;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        // noWorker: the worker script is another 41 KB, and a search of this index takes
        // milliseconds on the page itself
        return pagefind.options({ baseUrl: root.pathname, noWorker: true }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  // An excerpt is text with <mark> around the words found. Parsed inert (a <template> runs
  // nothing) and rebuilt from its text and marks alone, so no markup of a page can get through.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var p = document.createElement("p");
    p.className = "bvpp-search__excerpt";
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function link(url, text) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    return a;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "bvpp-search__result";
    var name = (data.meta && data.meta.title) || data.url;
    var title = link(data.url, name);
    title.className = "bvpp-search__page";
    li.appendChild(title);
    li.appendChild(excerpt(data.excerpt || ""));
    // A section of the page itself (its own heading, or a heading named as the page is) would
    // only repeat the link above it.
    var sections = (data.sub_results || []).filter(function (sub) {
      return sub.url !== data.url && sub.url.indexOf("#") > 0 && (sub.title || "").trim() !== name.trim();
    }).slice(0, SECTIONS);
    if (sections.length) {
      var ul = document.createElement("ul");
      ul.className = "bvpp-search__sections";
      sections.forEach(function (sub) {
        var entry = document.createElement("li");
        entry.appendChild(link(sub.url, sub.title));
        ul.appendChild(entry);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function say(text, state, query) {
    status.textContent = text;
    form.setAttribute("data-state", state);
    form.setAttribute("data-query", query);
  }

  function run(query) {
    latest = query;
    if (!query.trim()) {
      list.replaceChildren();
      panel.hidden = true;
      say("", "done", query);
      return;
    }
    panel.hidden = false;
    say("Searching…", "loading", query);
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(normalised(query), {}, 120);
    }).then(function (found) {
      if (found === null || query !== latest) return null; // a newer query replaced this one
      return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
        .then(function (pages) { return { total: found.results.length, pages: titledFirst(pages, query) }; });
    }).then(function (shown) {
      if (!shown || query !== latest) return;
      list.replaceChildren.apply(list, shown.pages.map(item));
      var words = " “" + query.trim() + "”";
      var count = shown.total === 0 ? "No pages match" + words + "."
        : shown.total === 1 ? "1 page matches" + words + "."
        : shown.total > SHOWN ? shown.total + " pages match" + words + "; the first " + SHOWN + " are listed."
        : shown.total + " pages match" + words + ".";
      say(count, "done", query);
    }).catch(function () {
      if (query !== latest) return;
      list.replaceChildren();
      say("Search could not load. Every page can be reached from the menu.", "failed", query);
    });
  }

  // Pagefind ranks by how often and how densely a page uses the words, so a long page that
  // mentions "graffiti" often outranks the outcome titled "Removal of all graffiti". Among the
  // pages listed, those whose title holds every word searched for come first, the shortest
  // such title first (the page most nearly about just that); the rest keep Pagefind's order.
  function titledFirst(pages, query) {
    var words = normalised(query).toLowerCase().split(/\s+/).filter(Boolean);
    function titled(page) {
      var title = ((page.meta && page.meta.title) || "").toLowerCase();
      return words.every(function (word) { return title.indexOf(word) !== -1; }) ? title.length : Infinity;
    }
    return pages.map(function (page, index) { return { page: page, index: index, rank: titled(page) }; })
      .sort(function (a, b) { return a.rank - b.rank || a.index - b.index; })
      .map(function (entry) { return entry.page; });
  }

  // "BV 157", "BV157" and "bvpi157" are how residents write "BVPI 157", which is how the pages
  // write it. Searched as written, "BV" matches every word starting "bv" and "BV157" no word
  // at all; searched as the pages write it, the indicator's page comes first, then the pages
  // that cite it.
  var CODE = /\bbv(?:pi)?\s*(\d+[a-z]?)\b/gi;
  // The commonest words are left out of a query of other words too: each word searched
  // fetches the piece of the index holding it, and the piece holding "and" or "the" lists
  // every page (48 KB at 5,000 outcomes); "health and social care" finds the same pages
  // without it. Alone, or in a "quoted phrase" (Pagefind matches it word for word), such a
  // word is still searched.
  var COMMON = /^(a|an|and|are|as|at|be|by|for|from|in|is|it|its|of|on|or|our|the|this|to|we|with)$/i;
  function normalised(query) {
    var words = query.replace(CODE, "BVPI $1").split(/\s+/).filter(Boolean);
    var kept = query.indexOf('"') !== -1 ? words : words.filter(function (word) { return !COMMON.test(word); });
    return longest(kept.length ? kept : words, MOST_WORDS).join(" ");
  }

  // At most the MOST_WORDS longest words of a long query are searched, in their order: each
  // fetches its own index piece (about 20 KB at 5,000 outcomes), and a priority's title pasted
  // whole fetched ten of them (a 610 KB visit). The longest words are the rarest; a page
  // holding them all still comes first, and nothing the whole query finds is lost.
  var MOST_WORDS = 3;
  function longest(words, most) {
    if (words.length <= most || words.join(" ").indexOf('"') !== -1) return words;
    var ranked = words.map(function (word, at) { return { word: word, at: at }; })
      .sort(function (a, b) { return b.word.length - a.word.length || a.at - b.at; })
      .slice(0, most);
    return ranked.sort(function (a, b) { return a.at - b.at; }).map(function (entry) { return entry.word; });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  function close() { panel.hidden = true; }

  input.addEventListener("input", function () { run(input.value); });
  input.addEventListener("focus", function () {
    load();  // start fetching the engine while the resident types
    if (input.value.trim()) panel.hidden = false;
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault(); // Enter: go to the first result, if there is one
    var first = links()[0];
    if (first && form.getAttribute("data-state") === "done") first.click();
  });
  form.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      if (panel.hidden) return;
      event.preventDefault();
      close();
      input.focus();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
  form.addEventListener("focusout", function (event) {
    if (!event.relatedTarget || !form.contains(event.relatedTarget)) close();
  });
})();

/* Small progressive enhancements. The site works without them. No network use. */
(function () {
  /* Search queries. The theme's search worker adds a wildcard to every typed word, so "a" matches every
     word that starts with a, and "3" every number that starts with 3: small words and numbers then swamp
     the ranking. Before a query reaches the worker, rewrite it (the index is built for this; see mkdocs.yml):
     - typing slips and run-together names are corrected first, from the index's own words
       (search/vocabulary.js): "staic-99r" -> "static-99r", "lscmi" -> "LS/CMI"; a line under the
       search box says "Did you mean ..." whenever the corrected query is the one searched;
     - common small words ("the", "to", "who") are dropped, unless the query has nothing else;
     - numbers and one- or two-letter words must match a whole word, and count for less than other words
       (the index holds a tool's name as one word, "HCR\u201120", in titles too, so "20 working days" is not
       pulled to HCR-20);
       no field names: the theme reads "keys:20" as the words "keys" and "20", and would show "keys" to
       the reader as a missing word;
     - other words match as the start of a word, and (from 5 letters) with one typing slip.
     Lunr syntax the reader types (+, -, ~, ^, *, field:) is left alone. */
  var SEARCH_STOP = ('a an and are as at be by can could did do does for from get got has have how i if in ' +
    'into is it its me my of on or our so than that the their them then there these they this to us was we ' +
    'were what whats when where which who whom whose why will with would you your').split(' ');
  var SEARCH_SPLIT = /[\s\-\/'\u2019]+/;
  var LUNR_SYNTAX = /[+~^*:]|(^|\s)-/;
  function searchQuery(query) {
    if (LUNR_SYNTAX.test(query)) { return query; }
    /* a tool's name such as Static-99R or HCR-20: the index holds it as one word (search_index.py) */
    var glued = query.trim().toLowerCase().replace(/-(?=\d)/g, '\u2011');
    if (vocab && glued !== query.trim().toLowerCase() && vocab.words[glued]) { return '+' + glued; }
    /* an id such as MAPPA-LV-05 or RAS-01: every part must match */
    if (/^\s*[a-z][a-z0-9]*(-[a-z0-9]+)+\s*$/i.test(query) && /\d/.test(query)) {
      return query.trim().toLowerCase().split('-').map(function (w) { return '+' + w; }).join(' ');
    }
    /* a page id typed in capitals, such as PAGE-MAPPA-TIMESCALES: every part must match */
    if (/^\s*[A-Z][A-Z0-9]*(-[A-Z0-9]+)+\s*$/.test(query)) {
      return query.trim().toLowerCase().split('-').map(function (w) { return '+' + w; }).join(' ');
    }
    var words = query.toLowerCase().split(SEARCH_SPLIT).map(function (w) {
      return w.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
    }).filter(Boolean);
    var kept = words.filter(function (w) { return SEARCH_STOP.indexOf(w) < 0; });
    if (!kept.length) { kept = words; }
    var out = [];
    kept.forEach(function (w) {
      if (/^\d+$/.test(w) || w.length <= 2) { out.push(w + '^1'); return; }
      out.push(w + '*^4');
      if (w.length >= 5 && /^[a-z]+$/.test(w)) { out.push(w + '~1^2'); }
    });
    return out.join(' ');
  }

  /* A search that reads only titles and text, and wants every word (Zensical's: its build sets
     window.__plainSearch) gets plain words, no lunr syntax: a reader's phrase or an id from
     data/search.yaml (vocabulary.phrases) becomes the title of the section or page it names, and small
     words are dropped. */
  function plainQuery(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean), best = null, bestN = 0;
    var phrases = (vocab && vocab.phrases) || {};
    for (var i = 0; i < words.length; i++) {
      for (var n = Math.min(6, words.length - i); n > bestN; n--) {
        var title = phrases[words.slice(i, i + n).join(' ')];
        if (title) { best = title; bestN = n; break; }
      }
    }
    /* the longest phrase wins, and its title alone is searched: every other word would have to match too */
    var out = best ? best.toLowerCase().replace(/[^a-z0-9\s\-\/']/g, ' ').split(/\s+/).filter(Boolean) : words;
    var kept = out.filter(function (w, k) { return SEARCH_STOP.indexOf(w.replace(/[^a-z0-9]/g, '')) < 0 && out.indexOf(w) === k; });
    return (kept.length ? kept : out).map(function (w) {  /* "hcr-20" as the index holds it: one word */
      var glued = w.replace(/-(?=\d)/g, '\u2011');
      return vocab && vocab.words[glued] ? glued : w;
    }).join(' ');
  }

  /* Spelling: the index's own words, loaded once, the first time the search box is used. A script, not
     fetched data, so that it loads from file:// too (the offline pack): it sets window.__searchVocabulary. */
  var vocab = null;
  function loadVocabulary() {
    if (vocab !== null) { return; }
    vocab = false;
    var script = document.createElement('script');
    script.src = siteRoot() + 'search/vocabulary.js';
    script.onload = function () {
      var v = window.__searchVocabulary;
      if (v && v.words) { vocab = v; }
    };
    document.head.appendChild(script);
  }
  /* edit distance with swaps of two neighbours, stopping early once it passes the limit */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) { rows[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      var best = limit + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d = Math.min(d, rows[i - 2][j - 2] + 1); }
        rows[i][j] = d;
        if (d < best) { best = d; }
      }
      if (best > limit) { return limit + 1; }
    }
    return rows[a.length][b.length];
  }
  /* shared with docs/assets/search-ranked.js (Zensical's build), which loads before this file and calls it
     only once a reader searches: one copy of the edit distance */
  window.guidanceSearch = { distance: distance };
  function known(word) {
    if (vocab.words[word]) { return true; }
    for (var w in vocab.words) { if (w.lastIndexOf(word, 0) === 0) { return true; } }  /* still being typed */
    return false;
  }
  function closest(word) {
    var limit = word.length >= 8 ? 2 : 1, found = null, foundD = limit + 1, foundN = 0;
    for (var w in vocab.words) {
      var d = distance(word, w, limit);
      if (d < foundD || (d === foundD && d <= limit && vocab.words[w] > foundN)) { found = w; foundD = d; foundN = vocab.words[w]; }
    }
    return foundD <= limit ? found : null;
  }
  /* the query with slips corrected: {show: what the line says, query: what is searched}, or null */
  function squash(text) { return text.toLowerCase().replace(/[^a-z0-9]/g, ''); }
  function corrected(query) {
    if (!vocab || (LUNR_SYNTAX.test(query) && !/^\s*[a-z0-9]+(-[a-z0-9]+)+\s*$/i.test(query))) { return null; }
    var changed = false, searched = [];
    var shown = query.trim().split(/\s+/).map(function (token) {
      /* a name or id run together ("lscmi", "stable2007", "ras01"): searched as the index holds it */
      var name = vocab.joined[squash(token)];
      if (name && name.toLowerCase() !== token.toLowerCase()) {
        changed = true;
        searched.push(vocab.words[squash(token)] ? squash(token) : name);
        return name;
      }
      var fixed = token.split(/([\-\/'\u2019]+)/).map(function (part) {
        var w = part.toLowerCase();
        if (!/^[a-z]{4,}$/.test(w) || SEARCH_STOP.indexOf(w) >= 0 || known(w)) { return part; }
        var fix = closest(w);
        if (fix) { changed = true; return fix; }
        return part;
      }).join('');
      searched.push(fixed);
      return fixed;
    });
    return changed ? { show: shown.join(' '), query: searched.join(' ') } : null;
  }
  /* the line under the search box: "Did you mean ...", shown while the corrected query is the one searched */
  function showCorrection(text) {
    var meta = document.querySelector('.md-search-result__meta');
    if (!meta) { return; }
    var line = document.querySelector('.search-corrected');
    if (!text) { if (line) { line.hidden = true; } return; }
    if (!line) {
      line = document.createElement('p');
      line.className = 'search-corrected';
      line.setAttribute('role', 'status');
      meta.parentNode.insertBefore(line, meta.nextSibling);
    }
    line.textContent = '';
    line.appendChild(document.createTextNode('Did you mean '));
    var strong = document.createElement('strong');
    strong.textContent = text;
    line.appendChild(strong);
    line.appendChild(document.createTextNode('? Showing results for it.'));
    line.hidden = false;
  }
  var lastQuery = { typed: '', used: '' };
  var ranked = null;  /* Zensical's index, ranked by docs/assets/search-ranked.js */
  /* a query narrowed to tags the reader picked: left to the theme's worker, which filters by them */
  function tagged(data) {
    var input = data.filter && data.filter.input;
    return !!(input && input.data && input.data.operands && input.data.operands.length);
  }
  /* hand the tidied query to the theme's search worker (message type 2 is a query) */
  if (window.Worker && Worker.prototype.postMessage) {
    var postToWorker = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && message.type === 2 && typeof message.data === 'string' && !window.__plainSearch) {
        var fix = corrected(message.data);
        showCorrection(fix && fix.show);
        lastQuery = { typed: message.data, used: fix ? fix.show : message.data };
        arguments[0] = { type: message.type, data: searchQuery(fix ? fix.query : message.data) };
      } else if (message && message.type === 0 && window.__plainSearch && window.__rankedSearch && message.data && message.data.items) {
        /* Zensical's index, as it hands it to its worker: ranked here instead (docs/assets/search-ranked.js) */
        ranked = { items: message.data.items, index: null };  /* built on the first query, not on every page load */
      } else if (message && message.type === 2 && ranked && message.data && typeof message.data.input === 'string' && !tagged(message.data)) {
        var worker = this, query = message.data.input, fixed = corrected(query);
        ranked.index = ranked.index || window.__rankedSearch.build(ranked.items);
        var reply = window.__rankedSearch.answer(ranked.index, ranked.items, fixed ? fixed.query : query, message.data.page);
        setTimeout(function () { if (worker.onmessage) { worker.onmessage({ data: { type: 3, data: reply } }); } }, 0);
        return undefined;
      } else if (message && message.type === 2 && window.__plainSearch && message.data && typeof message.data.input === 'string') {
        /* Zensical's query: {input: the typed words, filter, ...} */
        var typed = message.data.input, plainFix = corrected(typed), data = {};
        for (var k in message.data) { data[k] = message.data[k]; }
        data.input = plainQuery(plainFix ? plainFix.show : typed);
        arguments[0] = { type: message.type, data: data };
      }
      return postToWorker.apply(this, arguments);
    };
  }
  /* The theme highlights the words of the query on the page a result opens (?h=...). Its highlighter
     escapes the page's text first and then marks matches anywhere in a word, so a digit or a short word
     in the query could mark the inside of "&#39;" and show it on the page as "&#39;". Keep only the
     words that mean something (three letters or more, not a small word, not a number), as corrected. */
  function highlightWords(query) {
    return query.toLowerCase().split(SEARCH_SPLIT).map(function (w) {
      return w.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
    }).filter(function (w) {
      return w.length >= 3 && /[a-z]/.test(w) && SEARCH_STOP.indexOf(w) < 0 && ['amp', 'quot'].indexOf(w) < 0;
    }).join(' ');
  }
  function tidyResultLinks(root) {
    root.querySelectorAll('a[href*="h="]').forEach(function (a) {
      var url = new URL(a.href, location.href);
      var h = url.searchParams.get('h');
      if (h === null) { return; }
      var words = highlightWords(lastQuery.typed === h ? lastQuery.used : h);
      if (words) { url.searchParams.set('h', words); } else { url.searchParams.delete('h'); }
      if (url.href !== a.href) { a.href = url.href; }
    });
    /* A result opens where it matched: the page's own link goes to its best-scoring section (the
       heading's anchor), unless the top of the page matched best. The theme lists the page first and its
       sections under it, each with its score. */
    root.querySelectorAll('.md-search-result__item').forEach(function (li) {
      var links = li.querySelectorAll('a.md-search-result__link');
      var page = links[0], best = page, top = -1;
      if (!page) { return; }
      links.forEach(function (a) {
        var art = a.querySelector('[data-md-score]');
        var score = art ? parseFloat(art.getAttribute('data-md-score')) : 0;
        if (score > top) { top = score; best = a; }
      });
      if (best !== page && best.href.indexOf('#') > 0 && page.href !== best.href) { page.href = best.href; }
    });
  }
  /* The address of a site path. With a public address (PUBLIC_URL) the page names it; without one, the
     address of the site where the reader is: its origin and folder (location.origin when the site is at
     the root of its host), so a copied link loads the same page from where it was copied. */
  function siteRoot() {
    /* the site root is where the stylesheet lives, one level above assets/ */
    var css = document.querySelector('link[href*="assets/site.css"]');
    return css ? new URL(css.getAttribute('href'), location.href).href.replace(/assets\/site\.css.*$/, '') : location.origin + '/';
  }
  function publicBase() {
    var base = document.querySelector('[data-cite-base]');
    return base && base.getAttribute('data-cite-base');
  }
  function absolute(path) {
    return (publicBase() || siteRoot()) + path;
  }
  /* a link's address as printed: on the public address when the page names one, else where the reader is */
  function printed(full) {
    var root = siteRoot(), pub = publicBase();
    return pub && full.indexOf(root) === 0 ? pub + full.slice(root.length) : full;
  }
  function copy(text, button) {
    var done = function () { var t = button.textContent; button.textContent = 'Copied'; setTimeout(function () { button.textContent = t; }, 1500); };
    if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(text).then(done, function () {}); }
  }
  function init() {
    /* name the search dialog for assistive technology (the theme leaves it unnamed) */
    document.querySelectorAll('.md-search[role="dialog"]').forEach(function (d) {
      if (!d.hasAttribute('aria-label')) { d.setAttribute('aria-label', 'Search this guidance'); }
    });
    /* search: load the words for spelling on first use; keep result links' highlight words safe */
    var box = document.querySelector('.md-search__input');
    if (box) { ['focus', 'input'].forEach(function (e) { box.addEventListener(e, loadVocabulary); }); }
    if (window.__plainSearch) { loadVocabulary(); }  /* its search box is its own component */
    var results = document.querySelector('.md-search-result');
    if (results && window.MutationObserver) {
      new MutationObserver(function () { tidyResultLinks(results); }).observe(results, { childList: true, subtree: true });
    }
    document.querySelectorAll('.cite-text').forEach(function (p) {
      var url = absolute(p.getAttribute('data-cite-path'));
      var span = p.querySelector('.cite-url'); if (span) { span.textContent = url; }
    });
    /* printed pages give every link's full address after its text (the print style sheet shows
       data-print-href): links within the page, links whose text is already the address, and an address
       printed before on the same page are left out */
    var printedBefore = {};
    document.querySelectorAll('.md-content a[href]').forEach(function (a) {
      var h = a.getAttribute('href');
      if (!h || h.charAt(0) === '#' || /^(mailto|tel|javascript):/i.test(h)) { return; }
      if (a.closest('.headerlink, .md-source-file, [data-abs-path], sup') || a.classList.contains('download-link')) { return; }
      /* not printed (breadcrumbs, screen-only links): it must not use up the address the printed link needs;
         the draft notice prints the edition's name, not its address (one printed line) */
      if (a.closest('nav, .md-path, .screen-only, .draft-notice')) { return; }
      /* a handout row prints its permanent link in full: one address for the row, not two */
      var row = a.closest('tr');
      if (row && row.querySelector('[data-abs-path]')) { return; }
      var full = a.href;
      if (full.split('#')[0] === location.href.split('#')[0]) { return; }
      if (a.textContent.replace(/\s/g, '').indexOf(full.replace(/^https?:\/\//, '').replace(/\/$/, '')) >= 0) { return; }
      var shown = printed(full);
      /* the numbered source notes all lead to the Sources page: its address prints after the first only */
      var key = a.closest('.source-notes') ? 'notes:' + shown.split('#')[0] : shown;
      if (printedBefore[key]) { return; }
      printedBefore[key] = true;
      if (key !== shown) { shown = shown.split('#')[0]; }
      a.setAttribute('data-print-href', shown);
    });
    /* a build without a public address (PUBLIC_URL) names paths: show them on the reader's own host */
    document.querySelectorAll('[data-abs-path]').forEach(function (el) {
      var target = el.querySelector('code') || el;
      if (/^https?:/.test(target.textContent)) { return; }
      /* the address, breakable after the folder but never inside the id (a printed hyphen would split it) */
      var url = absolute(el.getAttribute('data-abs-path'));
      var cut = url.lastIndexOf('/', url.length - 2) + 1;
      var id = document.createElement('span');
      id.className = 'nowrap'; id.textContent = url.slice(cut);
      target.textContent = url.slice(0, cut);
      target.appendChild(document.createElement('wbr'));
      target.appendChild(id);
    });
    document.querySelectorAll('button.copy-cite').forEach(function (b) {
      b.addEventListener('click', function () {
        if (b.hasAttribute('data-copy-from')) {
          var p = b.parentElement.querySelector('.cite-text') || document.querySelector('.cite-text');
          copy(p.textContent.trim(), b);
        } else {
          copy(absolute(b.getAttribute('data-cite-path')), b);
        }
      });
    });
    /* abbreviations: reachable by keyboard and touch, title shown on focus by the browser/Material tooltip */
    document.querySelectorAll('.md-typeset abbr[title]').forEach(function (a) {
      if (!a.hasAttribute('tabindex')) { a.setAttribute('tabindex', '0'); }
    });
    /* sortable tables: buttons in headers, sort text content */
    document.querySelectorAll('.sortable-table table').forEach(function (table) {
      var heads = table.querySelectorAll('thead th');
      heads.forEach(function (th, col) {
        var btn = document.createElement('button');
        btn.type = 'button'; btn.textContent = th.textContent; th.textContent = ''; th.appendChild(btn);
        th.setAttribute('aria-sort', 'none');
        btn.addEventListener('click', function () {
          var asc = th.getAttribute('aria-sort') !== 'ascending';
          heads.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
          th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col].textContent.trim().toLowerCase(), y = b.cells[col].textContent.trim().toLowerCase();
            return asc ? x.localeCompare(y) : y.localeCompare(x);
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();

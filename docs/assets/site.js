/* Small progressive enhancements. The site works without them. No network use. */
(function () {
  /* Search queries. The theme's search worker adds a wildcard to every typed word, so "a" matches every
     word that starts with a, and "3" every number that starts with 3: small words and numbers then swamp
     the ranking. Before a query reaches the worker, rewrite it (the index is built for this; see mkdocs.yml):
     - common small words ("the", "to", "who") are dropped, unless the query has nothing else;
     - numbers and one- or two-letter words must match a whole word, and count for less than other words;
     - other words match as the start of a word, and (from 5 letters) with one typing slip.
     Lunr syntax the reader types (+, -, ~, ^, *, field:) is left alone. */
  var SEARCH_STOP = ('a an and are as at be by can could did do does for from get got has have how i if in ' +
    'into is it its me my of on or our so than that the their them then there these they this to us was we ' +
    'were what whats when where which who whom whose why will with would you your').split(' ');
  var SEARCH_SPLIT = /[\s\-\/'\u2019]+/;
  function searchQuery(query) {
    if (/[+~^*:]|(^|\s)-/.test(query)) { return query; }
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
  /* hand the tidied query to the theme's search worker (message type 2 is a query) */
  if (window.Worker && Worker.prototype.postMessage) {
    var postToWorker = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && message.type === 2 && typeof message.data === 'string') {
        arguments[0] = { type: message.type, data: searchQuery(message.data) };
      }
      return postToWorker.apply(this, arguments);
    };
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

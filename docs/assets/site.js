/* Small progressive enhancements. The site works without them. No network use. */
(function () {
  function absolute(path) {
    var base = document.querySelector('[data-cite-base]');
    var b = base && base.getAttribute('data-cite-base');
    if (b) { return b + path; }
    /* the site root is where the stylesheet lives, one level above assets/ */
    var css = document.querySelector('link[href*="assets/site.css"]');
    var root = css ? new URL(css.getAttribute('href'), location.href).href.replace(/assets\/site\.css.*$/, '') : location.origin + '/';
    return root + path;
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

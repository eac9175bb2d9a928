/* Long pages on a phone (issue #25): the answer first, the long sections folded.
   On a screen 600 px wide or less, a page longer than eight screens folds its sections into
   <details> with the section's heading as the summary, so every heading is within reach. The first
   section stays open when it is short (it is the answer). A section made of long subsections (the steps
   of a stage, the bands of each tool) keeps its heading and folds each subsection instead.
   A link to anything inside a folded section opens it. Without JavaScript, or on a wider screen, the
   page is unchanged. The site works without this file. */
(function () {
  var PHONE = '(max-width: 600px)';
  var FOLD_OVER = 8;  /* screens */

  function isHeading(el, level) {
    return el && /^H[1-6]$/.test(el.tagName) && Number(el.tagName[1]) <= level;
  }
  /* the heading and everything after it up to the next heading of the same or a higher level */
  function sectionOf(heading) {
    var level = Number(heading.tagName[1]), els = [], el = heading.nextElementSibling;
    while (el && !isHeading(el, level) && !el.matches('details.page-about, .report-problem, section.source-notes')) {
      els.push(el);
      el = el.nextElementSibling;
    }
    return els;
  }
  function height(heading, els) {
    var last = els.length ? els[els.length - 1] : heading;
    return last.getBoundingClientRect().bottom - heading.getBoundingClientRect().top;
  }
  function fold(heading, els) {
    var details = document.createElement('details');
    details.className = 'phone-fold';
    var summary = document.createElement('summary');
    heading.parentNode.insertBefore(details, heading);
    details.appendChild(summary);
    if (heading.querySelector('a:not(.headerlink), button, input')) {
      /* a summary must not hold a link: it shows the heading's words, and the heading opens the section */
      var label = document.createElement('span');
      label.className = 'phone-fold-label ' + heading.tagName.toLowerCase();
      label.textContent = heading.textContent.replace(/\u00b6/g, '').trim();
      summary.appendChild(label);
      details.appendChild(heading);
    } else {
      summary.appendChild(heading);
    }
    els.forEach(function (el) { details.appendChild(el); });
  }
  function foldContainer(box, screen, keepFirst) {
    var heads = Array.prototype.filter.call(box.children, function (el) { return el.tagName === 'H2'; });
    heads.forEach(function (h2, i) {
      var els = sectionOf(h2);
      var tall = height(h2, els);
      if (keepFirst && i === 0 && tall <= 2 * screen) { return; }  /* the answer first */
      var subs = els.filter(function (el) { return el.tagName === 'H3'; });
      var subTall = subs.length ? subs.map(function (h3) { return height(h3, sectionOf(h3)); }) : [];
      var average = subTall.length ? subTall.reduce(function (a, b) { return a + b; }, 0) / subTall.length : 0;
      if (subs.length >= 2 && tall > 4 * screen && average > screen / 2) {
        subs.forEach(function (h3) { fold(h3, sectionOf(h3)); });
      } else if (els.length) {
        fold(h2, els);
      }
    });
  }
  function openTo(id) {
    if (!id) { return; }
    var target = document.getElementById(decodeURIComponent(id));
    if (!target) { return; }
    var changed = false;
    for (var d = target.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) {
      if (!d.open) { d.open = true; changed = true; }
    }
    if (changed) { target.scrollIntoView(); }
  }
  function init() {
    var art = document.querySelector('article.md-content__inner');
    if (!art || !window.matchMedia || !window.matchMedia(PHONE).matches) { return; }
    var screen = window.innerHeight;
    if (art.getBoundingClientRect().height <= FOLD_OVER * screen) { return; }
    foldContainer(art, screen, true);
    art.querySelectorAll('section.source-notes').forEach(function (s) { foldContainer(s, screen, false); });
    openTo(location.hash.slice(1));
    window.addEventListener('hashchange', function () { openTo(location.hash.slice(1)); });
    /* a same-page link to a folded place (a note number, a step) opens it, even when the hash is unchanged */
    art.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('a[href^="#"]');
      if (a) { openTo(a.getAttribute('href').slice(1)); }
    });
  }
  /* before the page is first shown where possible, so the reader never sees it jump */
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();

/* Ranked search over the theme's own index, for a build whose search worker reads only titles and text and
   wants every word (Zensical's). Loaded in that build only (guidance/site/engine_config.py); docs/assets/site.js
   hands it the index the theme sends to its worker, and answers the theme's queries with its results.

   Each entry of the index is a page or a section. Besides its title, text and breadcrumb (path) it carries
   `keys` (the permanent IDs that live there, a tool's short name run together, the synonyms of
   data/search.yaml), `bestbet` (the best-bet questions) and `boost` (data/search.yaml), written after the
   build by guidance/engines/output/search_index.py. Words are weighed by field (as mkdocs.yml weighs them for
   Material's search) and by how rare they are (BM25); a word matches whole, as the start of a word, by a
   rough stem or with a typing slip, each counting for less; an entry that has more of the reader's words
   ranks higher, and much higher when the query holds one of its best bets, synonyms or ids whole. No word
   must match: a long question still finds the section that has most of it. Two words typed apart that the
   index holds as one match it ("HCR 20" -> HCR-20, "mappa lv 05" -> MAPPA-LV-05), and letters and digits
   typed together are split when the index does not hold them ("level2" -> level 2). The edit distance for a
   typing slip is site.js's (window.guidanceSearch): this file loads first, site.js before any search. */
(function () {
  var FIELDS = { bestbet: 12, keys: 6, title: 5, path: 1.5, text: 1 };
  var WHOLE = { bestbet: 40, keys: 3, title: 1.5 };
  var STOP = ('a an and are as at be by can could did do does for from get got has have how i if in into is it its ' +
    'me my of on or our so than that the their them then there these they this to us was we were what whats when ' +
    'where which who whom whose why will with would you your').split(' ');
  var SPLIT = /[\s\-\/'\u2019,.;:!?()[\]{}"\u201c\u201d<>=_`|&+*~^]+/;
  var ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ', '#39': "'", apos: "'" };

  function plain(html) {
    return html.replace(/<[^>]+>/g, ' ').replace(/&(#?\w+);/g, function (m, e) { return ENTITIES[e] || ' '; });
  }
  function norm(text) {
    return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\u2011/g, '');
  }
  function tokens(text) {
    return norm(text).split(SPLIT).map(function (w) { return w.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''); }).filter(Boolean);
  }
  /* an id or name written with hyphens or slashes, run together as a reader may type it ("mappalv05") */
  function joinedNames(text) {
    return norm(text).split(/\s+/).filter(function (w) { return /[\-\/]/.test(w); }).map(function (w) {
      return w.replace(/[^a-z0-9]/g, '');
    });
  }
  /* a rough stem, so that "leave" finds "leaving" and "cite" finds "citation": common endings cut off */
  var ENDINGS = ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ers', 'er', 'ied', 'ies', 'ed', 'es', 'ly', 's', 'e'];
  function stem(word) {
    if (word.length <= 4 || /\d/.test(word)) { return word; }
    for (var i = 0; i < ENDINGS.length; i++) {
      var end = ENDINGS[i];
      if (word.length - end.length >= 3 && word.slice(-end.length) === end) { return word.slice(0, -end.length); }
    }
    return word;
  }

  /* a phrase as it is matched: the stems of its words other than small words (all of them if it has no other) */
  function content(words) {
    var kept = words.filter(function (w) { return STOP.indexOf(w) < 0; });
    return (kept.length ? kept : words).map(stem);
  }
  /* the readers' phrases and ids of an entry ('|' keeps them apart), each as matched */
  function phraseList(text) {
    return (text || '').split('|').map(function (p) { return content(tokens(p)); }).filter(function (p) { return p.length; })
      .concat(joinedNames(text || '').map(function (w) { return [w]; }));
  }
  /* how many of the query's words the longest phrase of the list covers, the phrase found in the query as written */
  function phraseCover(list, query) {
    var best = 0;
    list.forEach(function (p) {
      if (p.length <= best) { return; }
      for (var i = 0; i + p.length <= query.length; i++) {
        var k = 0;
        while (k < p.length && query[i + k] === p[k]) { k++; }
        if (k === p.length) { best = p.length; return; }
      }
    });
    return best;
  }

  /* the index: per entry and field, each word's count; per word, how many entries hold it */
  function build(items) {
    var docs = [], df = {}, lengths = {}, f;
    for (f in FIELDS) { lengths[f] = 0; }
    items.forEach(function (item) {
      /* a page ahead of a section of another page that has the same words (agency pages repeat stage titles) */
      var boost = (typeof item.boost === 'number' ? item.boost : 1) * (item.level === 1 ? 1.2 : 1);
      var doc = { boost: boost, fields: {}, seen: {},
        phrases: { bestbet: phraseList(item.bestbet), keys: phraseList(item.keys) } };
      var source = { bestbet: item.bestbet || '', keys: item.keys || '', title: plain(item.title || ''),
        path: (item.path || []).join(' '), text: plain(item.text || '') };
      for (var field in FIELDS) {
        var counts = {}, n = 0;
        var words = tokens(source[field]);
        if (field === 'keys' || field === 'title') { words = words.concat(joinedNames(source[field])); }
        words.forEach(function (w) { counts[w] = (counts[w] || 0) + 1; n++; });
        doc.fields[field] = { counts: counts, length: n };
        lengths[field] += n;
        for (var w in counts) { if (!doc.seen[w]) { doc.seen[w] = true; df[w] = (df[w] || 0) + 1; } }
      }
      docs.push(doc);
    });
    for (f in FIELDS) { lengths[f] = lengths[f] / Math.max(1, docs.length) || 1; }
    var terms = Object.keys(df).sort(), stems = {};
    terms.forEach(function (t) { var st = stem(t); (stems[st] = stems[st] || []).push(t); });
    return { docs: docs, df: df, terms: terms, stems: stems, average: lengths };
  }

  /* the index's words a typed word stands for, each with how well it matches (1 whole, less for the start of
     a longer word or a slip). Numbers and one- or two-letter words match only whole. */
  function expand(index, word) {
    var out = {}, distance = window.guidanceSearch.distance;
    if (index.df[word]) { out[word] = 1; }
    if (/^\d+$/.test(word) || word.length <= 2) { return out; }
    var lo = 0, hi = index.terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (index.terms[mid] < word) { lo = mid + 1; } else { hi = mid; } }
    for (var i = lo; i < index.terms.length && index.terms[i].lastIndexOf(word, 0) === 0; i++) {
      if (index.terms[i] !== word) { out[index.terms[i]] = Math.max(0.5, 0.85 - 0.03 * (index.terms[i].length - word.length)); }
    }
    (index.stems[stem(word)] || []).forEach(function (t) { if (out[t] === undefined) { out[t] = 0.8; } });
    if (!out[word] && word.length >= 4 && /^[a-z]+$/.test(word)) {  /* a slip: only for a word the index lacks */
      var limit = word.length >= 8 ? 2 : 1;
      index.terms.forEach(function (t) {
        if (out[t] === undefined && distance(word, t, limit) <= limit) { out[t] = 0.45; }
      });
    }
    return out;
  }

  function idf(index, term) {
    var n = index.docs.length, df = index.df[term] || 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /* how well one entry answers one typed word: its best match over the word's forms and the fields */
  function wordScore(index, doc, forms, where) {
    var best = 0;
    for (var term in forms) {
      if (!doc.seen[term]) { continue; }
      var rare = idf(index, term) * forms[term];
      for (var field in FIELDS) {
        var f = doc.fields[field], tf = f.counts[term];
        if (!tf) { continue; }
        where[field] = true;
        var b = field === 'text' ? 0.75 : 0.3;
        var sat = tf * 2.2 / (tf + 1.2 * (1 - b + b * f.length / index.average[field]));
        var s = rare * FIELDS[field] * sat;
        if (s > best) { best = s; }
      }
    }
    return best;
  }

  /* a word the index does not hold, typed with letters and digits run together ("level2", "hcr20v3"): its parts */
  function parts(index, word) {
    if (index.df[word] || !/[a-z]\d|\d[a-z]/.test(word) || Object.keys(expand(index, word)).length) { return [word]; }
    return word.replace(/([a-z])(?=\d)|(\d)(?=[a-z])/g, '$1$2 ').split(' ');
  }

  /* the reader's words: small words dropped (unless nothing else is left); each word's forms, and the two
     neighbours run together as a form of both */
  function queryWords(index, query) {
    var all = [];
    tokens(query).forEach(function (w) { all = all.concat(parts(index, w)); });
    var words = all.filter(function (w) { return STOP.indexOf(w) < 0; });
    if (!words.length) { words = all; }
    var forms = words.map(function (w) { return expand(index, w); });
    for (var i = 0; i + 1 < words.length; i++) {
      var joined = expand(index, words[i] + words[i + 1]);
      for (var t in joined) {
        if (!forms[i][t]) { forms[i][t] = joined[t]; }
        if (!forms[i + 1][t]) { forms[i + 1][t] = joined[t]; }
      }
    }
    /* run-together forms too, so that "mappalv05" meets the id MAPPA-LV-05 */
    var stems = content(all);
    return { words: words, forms: forms, stems: stems, joined: [stems.join('')] };
  }

  /* entries in order: the sum of the words' scores, times the share of the words found (squared), times the
     entry's boost */
  function rank(index, query) {
    var q = queryWords(index, query), out = [];
    if (!q.words.length) { return { order: [], words: [] }; }
    index.docs.forEach(function (doc, id) {
      var sum = 0, found = 0, all = { bestbet: 0, keys: 0, title: 0 };
      q.forms.forEach(function (forms) {
        var where = {}, s = wordScore(index, doc, forms, where);
        if (s > 0) { sum += s; found++; }
        for (var f in all) { if (where[f]) { all[f]++; } }
      });
      if (!found) { return; }
      /* the reader typed an editor's best bet, or a reader's phrase or id of this place (data/search.yaml): the
         more of the query it covers, the more it counts; every word in the title counts a little */
      var whole = all.title === q.words.length ? WHOLE.title : 1;
      ['bestbet', 'keys'].forEach(function (f) {
        var k = Math.max(phraseCover(doc.phrases[f], q.stems), q.stems.length > 1 ? phraseCover(doc.phrases[f], q.joined) * q.stems.length : 0);
        var share = Math.min(1, k / q.stems.length);
        if (share) { whole = Math.max(whole, 1 + (WHOLE[f] - 1) * share * share); }
      });
      out.push({ id: id, score: sum * Math.pow(found / q.words.length, 2) * whole * doc.boost });
    });
    out.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    var words = [];
    q.forms.forEach(function (forms) { for (var t in forms) { if (t.length >= 3 && words.indexOf(t) < 0) { words.push(t); } } });
    return { order: out, words: words.slice(0, 60) };  /* the words to mark: a short prefix may stand for hundreds */
  }

  /* where the matched words sit in a field's HTML (outside tags), for the theme to mark them */
  function ranges(html, words) {
    var out = [];
    if (!html || !words.length) { return out; }
    var pattern = new RegExp('(^|[^a-z0-9])(' + words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }).join('|') + ')', 'gi');
    html.replace(/(<[^>]*>)|([^<]+)/g, function (m, tag, text, offset) {
      if (!text) { return m; }
      var found;
      pattern.lastIndex = 0;
      while ((found = pattern.exec(text)) !== null) {
        var start = offset + found.index + found[1].length;
        out.push({ start: start, end: start + found[2].length, value: found[2].length });
        if (out.length >= 20) { break; }
      }
      return m;
    });
    return out;
  }

  /* a reply shaped as the theme's worker shapes it: the entries of one page of results, each with the
     places to mark in its title and text */
  function answer(index, items, query, page) {
    var ranked = rank(index, query), size = (page && page.size) || 10, from = (page && page.from) || 0;
    var total = ranked.order.length;
    var shown = ranked.order.slice(from, from + size).map(function (r) {
      return { id: r.id, matches: ['title', 'text'].map(function (field, k) {
        return { id: (r.id << 2) | k, field: field, score: r.score,
          value: { highlight: { ranges: ranges(items[r.id][field], ranked.words) } } };
      }) };
    });
    var id = (page && page.id) || Date.now();
    return { items: shown, query: { values: [] }, aggregations: [{ type: 'term', data: { field: 'tags', value: [] } }],
      pagination: { total: total, prev: from - size >= 0 ? { id: id, size: size, from: from - size } : undefined,
        next: from + size < total ? { id: id, size: size, from: from + size } : undefined } };
  }

  window.__rankedSearch = { build: build, answer: answer, rank: rank };
})();

// irbook: the few things a page does with JavaScript on. Every page works without it:
// this file sends the root page to the browser's language, keeps the place when the
// language changes, opens the phone menu, switches light/dark, filters the event index,
// runs the search, and adds copy buttons. No inline script anywhere (the pages' CSP
// forbids it).
(function () {
  'use strict';
  var body = document.body;
  var page = body.getAttribute('data-page');
  var params = new URLSearchParams(location.search);

  // The root chooser: a page of a book with many languages links here with
  // ?to=<page>.html, so that each choice opens that page in its language.
  var choices = document.querySelectorAll('[data-lang-choice]');
  var to = params.get('to');
  if (page === 'chooser' && to && /^[A-Za-z0-9][A-Za-z0-9._-]*\.html$/.test(to)) {
    for (var c = 0; c < choices.length; c++) {
      choices[c].href = choices[c].getAttribute('data-lang-choice') + '/' + to + location.hash.replace(/^#languages$/, '');
    }
  }
  // Go to the first language the browser prefers that the book has. Links from other
  // pages carry #languages, so a reader who asked to choose stays.
  if (page === 'chooser' && !location.hash) {
    var prefs = navigator.languages || [navigator.language || ''];
    outer: for (var i = 0; i < prefs.length; i++) {
      var want = String(prefs[i]).toLowerCase();
      for (var j = 0; j < choices.length; j++) {
        var code = choices[j].getAttribute('data-lang-choice').toLowerCase();
        if (want === code || want.split('-')[0] === code) {
          location.replace(choices[j].href);
          break outer;
        }
      }
    }
  }

  // The language switcher keeps the reader's place: the anchor follows the link (to the
  // chooser as ?at=, which hands it on to the language chosen).
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-keep-hash]');
    if (!a || !location.hash) return;
    var base = a.getAttribute('data-href') || a.getAttribute('href');
    a.setAttribute('data-href', base);
    a.setAttribute('href', base.indexOf('?to=') !== -1
      ? base.split('#')[0] + '&at=' + encodeURIComponent(location.hash.slice(1)) + '#languages'
      : base.split('#')[0] + location.hash);
  });
  var at = params.get('at');
  if (page === 'chooser' && to && at && /^[A-Za-z0-9:._-]+$/.test(at)) {
    for (var k = 0; k < choices.length; k++) choices[k].href += '#' + at;
  }

  // Light, dark or the system's: the button says the current choice; a click moves on.
  var themeButton = document.getElementById('theme-toggle');
  if (themeButton) {
    var labels = (body.getAttribute('data-theme-labels') || 'System|Light|Dark').split('|');
    var order = ['system', 'light', 'dark'];
    var current = document.documentElement.getAttribute('data-theme') || 'system';
    var show = function () {
      var label = labels[order.indexOf(current)];
      // A symbol on the button (it must fit a phone's header), the words for
      // screen readers and as a tooltip.
      themeButton.textContent = ['◐', '☀', '☾'][order.indexOf(current)];
      themeButton.setAttribute('aria-label', label);
      themeButton.title = label;
    };
    themeButton.addEventListener('click', function () {
      current = order[(order.indexOf(current) + 1) % order.length];
      if (current === 'system') document.documentElement.removeAttribute('data-theme');
      else document.documentElement.setAttribute('data-theme', current);
      try {
        if (current === 'system') localStorage.removeItem('irbook-theme');
        else localStorage.setItem('irbook-theme', current);
      } catch (e) { /* not remembered, still applied */ }
      show();
    });
    show();
    themeButton.hidden = false;
  }

  // Phones: the header folds its navigation and the playbook's contents into a menu.
  var menuButton = document.getElementById('menu-toggle');
  var menu = document.getElementById('site-menu');
  if (menuButton && menu) {
    var toc = document.querySelector('main .toc');
    var setOpen = function (open) {
      menuButton.setAttribute('aria-expanded', open ? 'true' : 'false');
      body.classList.toggle('menu-open', open);
      var copy = menu.querySelector('.toc');
      if (open && toc && !copy) {
        copy = toc.cloneNode(true);
        var ids = copy.querySelectorAll('[id]');
        for (var n = 0; n < ids.length; n++) ids[n].removeAttribute('id');
        copy.removeAttribute('aria-labelledby');
        copy.setAttribute('aria-label', toc.querySelector('.toc-title').textContent);
        menu.appendChild(copy);
      }
    };
    menuButton.addEventListener('click', function () {
      setOpen(menuButton.getAttribute('aria-expanded') !== 'true');
    });
    menu.addEventListener('click', function (e) {
      if (e.target.closest('a')) setOpen(false);
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && body.classList.contains('menu-open')) {
        setOpen(false);
        menuButton.focus();
      }
    });
    menuButton.hidden = false;
  }

  // The event index: show the filter box, and hide the rows that do not match every
  // word of the query. The query stays in the URL (?q=), so a filtered view is a link.
  var input = document.getElementById('event-filter');
  if (input) {
    var box = document.getElementById('event-filter-box');
    var none = document.getElementById('event-no-match');
    var rows = document.querySelectorAll('#event-index tbody tr');
    var apply = function () {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      for (var r = 0; r < rows.length; r++) {
        var key = rows[r].getAttribute('data-key');
        var hit = words.every(function (w) { return key.indexOf(w) !== -1; });
        rows[r].hidden = !hit;
        if (hit) shown++;
      }
      none.hidden = shown !== 0;
    };
    var remember = function () {
      var url = new URL(location.href);
      if (input.value.trim()) url.searchParams.set('q', input.value.trim());
      else url.searchParams.delete('q');
      try { history.replaceState(null, '', url.href); } catch (e) { /* file:// may refuse */ }
    };
    box.hidden = false;
    if (params.get('q')) input.value = params.get('q');
    input.addEventListener('input', function () { apply(); remember(); });
    apply();
  }

  // Copy buttons next to names a responder pastes elsewhere (event names, endpoints,
  // IAM actions, queries). Only where the Clipboard API is there to do it.
  if (navigator.clipboard && navigator.clipboard.writeText) {
    var copyLabel = body.getAttribute('data-copy-label') || 'Copy';
    var copiedLabel = body.getAttribute('data-copied-label') || 'Copied';
    var targets = document.querySelectorAll('[data-copy]');
    for (var m = 0; m < targets.length; m++) {
      (function (el) {
        var text = el.getAttribute('data-copy') || el.textContent;
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'copy';
        button.textContent = copyLabel;
        button.setAttribute('aria-label', copyLabel + ' ' + (el.getAttribute('data-copy') || ''));
        button.addEventListener('click', function () {
          navigator.clipboard.writeText(text).then(function () {
            button.textContent = copiedLabel;
            setTimeout(function () { button.textContent = copyLabel; }, 1500);
          }, function () { /* refused (permissions): nothing to undo */ });
        });
        // A code block gets its button above it, where the reader starts.
        if (el.parentElement && el.parentElement.tagName === 'PRE') {
          el.parentElement.insertAdjacentElement('beforebegin', button);
        } else {
          el.insertAdjacentElement('afterend', button);
        }
      })(targets[m]);
    }
  }

  // Full-text search. The language's index is a script (search-index.js), so that it
  // loads from disk as well as from a server; it is fetched on first use, not with
  // every page. See src/render/search.rs for how it is made and matched.
  var search = document.getElementById('search-input');
  var results = document.getElementById('search-results');
  var indexUrl = body.getAttribute('data-search-index');
  if (search && results && indexUrl) {
    var waiting = null;
    var load = function (then) {
      if (window.irbookSearchIndex) return then();
      if (waiting) { waiting.push(then); return; }
      waiting = [then];
      var s = document.createElement('script');
      s.src = indexUrl;
      s.onload = function () {
        var all = waiting;
        waiting = null;
        all.forEach(function (f) { f(); });
      };
      document.head.appendChild(s);
    };
    var run = function () {
      load(function () {
        var found = searchIndex(window.irbookSearchIndex, search.value, 20);
        results.textContent = '';
        if (!search.value.trim()) { results.hidden = true; return; }
        var list = document.createElement('ol');
        found.forEach(function (doc) {
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = doc.href;
          var title = document.createElement('span');
          title.className = 'result-title';
          title.textContent = doc.title;
          var where = document.createElement('span');
          where.className = 'result-where';
          where.textContent = doc.where;
          a.appendChild(title);
          a.appendChild(where);
          li.appendChild(a);
          list.appendChild(li);
        });
        if (!found.length) {
          var p = document.createElement('p');
          p.textContent = results.getAttribute('data-none') || '—';
          results.appendChild(p);
        } else {
          results.appendChild(list);
        }
        results.hidden = false;
      });
    };
    search.disabled = false;
    search.addEventListener('focus', function () { load(function () {}); });
    search.addEventListener('input', run);
    search.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { search.value = ''; results.hidden = true; }
      if (e.key === 'Enter') {
        var first = results.querySelector('a');
        if (first) first.click();
      }
    });
    results.addEventListener('click', function (e) {
      if (e.target.closest('a')) results.hidden = true;
    });
    document.addEventListener('keydown', function (e) {
      var tag = (document.activeElement && document.activeElement.tagName) || '';
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey &&
          tag !== 'INPUT' && tag !== 'TEXTAREA' && tag !== 'SELECT') {
        e.preventDefault();
        search.focus();
      }
    });
  }

  // The index (src/render/search.rs): `terms` sorted, `postings[i]` the documents of
  // `terms[i]` as text (see `postings` below), `docs[d]` = [title, playbook number,
  // anchor], `playbooks[p]` = [title, page].
  // Terms are lower-case, without accents; prose words are stemmed at build time by
  // the language's Snowball stemmer, identifiers kept whole and split at capitals. A
  // query word matches a term equal to it, the longest term that begins it (its stem:
  // "supprimerons" finds "supprim"), and, while being typed, terms it begins.
  function fold(word) {
    return word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  function lowerBound(terms, word) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  // A posting list's text (src/render/search.rs, `encode_postings`): each document
  // number as its distance from the previous one, in base 32 with digits from DIGITS,
  // lowest five bits first, every digit but a number's last from the upper half.
  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  function postings(index, t) {
    var text = index.postings[t], docs = [], value = 0, shift = 0, previous = 0;
    for (var c = 0; c < text.length; c++) {
      var digit = DIGITS.indexOf(text.charAt(c));
      if (digit >= 32) {
        value += (digit - 32) * Math.pow(2, shift);
        shift += 5;
      } else {
        previous += value + digit * Math.pow(2, shift);
        docs.push(previous);
        value = 0;
        shift = 0;
      }
    }
    return docs;
  }
  function searchIndex(index, query, limit) {
    var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!words.length) return [];
    var scores = null;
    words.forEach(function (word, w) {
      var hits = {};
      var add = function (t, weight) {
        postings(index, t).forEach(function (d) { hits[d] = Math.max(hits[d] || 0, weight); });
      };
      var at = lowerBound(index.terms, word);
      var exact = index.terms[at] === word;
      if (exact) add(at, 3);
      for (var len = word.length - 1; !exact && len >= 3; len--) {
        var stem = lowerBound(index.terms, word.slice(0, len));
        if (index.terms[stem] === word.slice(0, len)) { add(stem, 2); break; }
      }
      if (w === words.length - 1 && word.length >= 3) {
        for (var t = at, n = 0; t < index.terms.length && n < 50 && index.terms[t].indexOf(word) === 0; t++, n++) {
          add(t, 1);
        }
      }
      if (scores === null) { scores = hits; return; }
      var both = {};
      Object.keys(scores).forEach(function (d) { if (d in hits) both[d] = scores[d] + hits[d]; });
      scores = both;
    });
    // A word in the result's own title (an event's name, a section's heading) ranks it first.
    Object.keys(scores).forEach(function (d) {
      var title = fold(index.docs[d][0]);
      words.forEach(function (word) { if (title.indexOf(word) !== -1) scores[d] += 2; });
    });
    return Object.keys(scores)
      .map(Number)
      .sort(function (a, b) { return scores[b] - scores[a] || a - b; })
      .slice(0, limit)
      .map(function (d) {
        var doc = index.docs[d], playbook = index.playbooks[doc[1]];
        return {
          title: doc[0],
          where: playbook[0],
          href: playbook[1] + (doc[2] ? '#' + doc[2] : '')
        };
      });
  }
})();

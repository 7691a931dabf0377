// irbook: the few things a page does with JavaScript on. Every page works without it:
// this file only sends the root page to the browser's language, filters the event
// index, and adds copy buttons. No inline script anywhere (the pages' CSP forbids it).
(function () {
  'use strict';
  var body = document.body;
  var page = body.getAttribute('data-page');

  // The root chooser: go to the first language the browser prefers that the book has.
  // Links from other pages carry #languages, so a reader who asked to choose stays.
  if (page === 'chooser' && !location.hash) {
    var choices = document.querySelectorAll('[data-lang-choice]');
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

  // The event index: show the filter box, and hide the rows that do not match.
  var input = document.getElementById('event-filter');
  if (input) {
    var box = document.getElementById('event-filter-box');
    var none = document.getElementById('event-no-match');
    var rows = document.querySelectorAll('#event-index tbody tr');
    var apply = function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      for (var k = 0; k < rows.length; k++) {
        var hit = !q || rows[k].getAttribute('data-key').indexOf(q) !== -1;
        rows[k].hidden = !hit;
        if (hit) shown++;
      }
      none.hidden = shown !== 0;
    };
    box.hidden = false;
    var fromUrl = new URLSearchParams(location.search).get('q');
    if (fromUrl) input.value = fromUrl;
    input.addEventListener('input', apply);
    apply();
  }

  // Copy buttons next to names a responder pastes elsewhere (event names, endpoints,
  // IAM actions). Only where the Clipboard API is there to do it.
  if (navigator.clipboard && navigator.clipboard.writeText) {
    var copyLabel = body.getAttribute('data-copy-label') || 'Copy';
    var copiedLabel = body.getAttribute('data-copied-label') || 'Copied';
    var targets = document.querySelectorAll('[data-copy]');
    for (var n = 0; n < targets.length; n++) {
      (function (el) {
        var text = el.getAttribute('data-copy');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'copy';
        button.textContent = copyLabel;
        button.setAttribute('aria-label', copyLabel + ' ' + text);
        button.addEventListener('click', function () {
          navigator.clipboard.writeText(text).then(function () {
            button.textContent = copiedLabel;
            setTimeout(function () { button.textContent = copyLabel; }, 1500);
          }, function () { /* refused (permissions): nothing to undo */ });
        });
        el.insertAdjacentElement('afterend', button);
      })(targets[n]);
    }
  }
})();

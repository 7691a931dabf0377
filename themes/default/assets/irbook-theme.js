// irbook: the reader's light/dark choice, applied before the page is drawn (this file
// loads without `defer` so that a dark page never flashes white). "system" (no choice
// stored) follows the device. irbook.js draws the button that changes it.
(function () {
  'use strict';
  try {
    var choice = localStorage.getItem('irbook-theme');
    if (choice === 'light' || choice === 'dark') {
      document.documentElement.setAttribute('data-theme', choice);
    }
  } catch (e) { /* storage refused (private mode, file:// policy): follow the system */ }
  document.documentElement.className += ' js';
})();

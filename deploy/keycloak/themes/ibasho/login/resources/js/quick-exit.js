// Quick exit on the login pages, as in the app: the link opens the neutral site; with JavaScript the page is hidden
// first and the neutral site replaces this page in the tab's history, and Esc twice does the same.
(function () {
  'use strict';
  var link = document.getElementById('quick-exit');
  if (!link) {
    return;
  }
  var lastEsc = 0;
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    try { document.documentElement.style.display = 'none'; } catch (e) { /* ignore */ }
    try { document.title = ''; } catch (e) { /* ignore */ }
    window.location.replace(link.href);
  }
  link.addEventListener('click', leave);
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') {
      return;
    }
    var now = Date.now();
    if (now - lastEsc < 1000) {
      leave(event);
    }
    lastEsc = now;
  });
}());

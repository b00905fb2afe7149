// Quick exit: leave for a neutral site at once, without leaving this page behind in the tab's history.
(function () {
  'use strict';
  var button = document.getElementById('quick-exit');
  var neutralUrl = button ? button.href : 'https://tenki.jp/';
  var lastEsc = 0;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    // Hide everything first: the page must not stay readable while the neutral site loads.
    try { document.documentElement.style.display = 'none'; } catch (e) { /* ignore */ }
    try { document.title = ''; } catch (e) { /* ignore */ }
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try { window.localStorage.clear(); } catch (e) { /* storage may be disabled */ }
    // replace(): the neutral site takes this page's place in history, so Back does not return here.
    window.location.replace(neutralUrl);
  }

  if (button) {
    button.addEventListener('click', leave);
  }
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

  // The gateway knows the configured neutral site; until it answers, the link's own href is used.
  fetch('/shell-config.json', { credentials: 'same-origin', cache: 'no-store' })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (config) {
      if (config && typeof config.quickExitUrl === 'string' && /^https?:\/\//.test(config.quickExitUrl)) {
        neutralUrl = config.quickExitUrl;
        if (button) {
          button.href = neutralUrl;
        }
      }
    })
    .catch(function () { /* keep the default */ });
}());

// Quick exit: leave for a neutral site at once, and end the session on the way (the gateway ends Keycloak's too).
// Without this script the button is a plain link to /app/exit, which does the same on the server.
(function () {
  'use strict';
  var button = document.getElementById('quick-exit');
  var neutralUrl = (button && button.getAttribute('data-neutral')) || 'https://tenki.jp/';
  if (!/^https?:\/\//.test(neutralUrl)) {
    neutralUrl = 'https://tenki.jp/';
  }
  var lastEsc = 0;
  var leaving = false;

  function hide() {
    try { document.documentElement.classList.add('leaving'); } catch (e) { /* ignore */ }
    try { document.title = ''; } catch (e) { /* ignore */ }
  }

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    if (leaving) {
      return;
    }
    leaving = true;
    hide();
    // The app keeps nothing in storage; clearing is for anything a browser extension or older version left.
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try { window.localStorage.clear(); } catch (e) { /* storage may be disabled */ }
    var sent = false;
    try { sent = navigator.sendBeacon && navigator.sendBeacon('/app/exit', ''); } catch (e) { sent = false; }
    if (!sent) {
      // No beacon: the link itself ends the session on the server, then goes to the neutral site.
      window.location.replace('/app/exit');
      return;
    }
    // replace(): the neutral site takes this page's place in history, so Back does not return here.
    window.location.replace(neutralUrl);
  }

  // Set for 12 hours by the quick exit and by the signed-out page (ibasho_exited: its earlier name, still honoured).
  function exitedRecently() {
    return document.cookie.split(';').some(function (c) {
      var cookie = c.trim();
      return cookie.indexOf('ibasho_v=') === 0 || cookie.indexOf('ibasho_exited=') === 0;
    });
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

  // Back after a quick exit or a sign-out: never show a page of the app again; a page restored from the back/forward cache is reloaded
  // (it may show what was on the screen before).
  function backAfterExit() {
    var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType('navigation') : [];
    return entries.length > 0 && entries[0].type === 'back_forward' && exitedRecently();
  }
  if (backAfterExit()) {
    hide();
    window.location.replace(neutralUrl);
  }
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) {
      return;
    }
    hide();
    if (exitedRecently()) {
      window.location.replace(neutralUrl);
    } else {
      window.location.reload();
    }
  });
}());

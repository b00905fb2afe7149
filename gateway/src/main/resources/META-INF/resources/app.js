// Lists upcoming public sessions. Text only (textContent): nothing from the API is ever parsed as HTML.
(function () {
  'use strict';
  var list = document.getElementById('sessions');
  var status = document.getElementById('sessions-status');
  var dateFormat = new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit'
  });
  var timeFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
  var kinds = { cafe: 'カフェ', workshop: '講座' };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function render(sessions) {
    list.textContent = '';
    var upcoming = sessions.filter(function (s) { return new Date(s.endsAt) > new Date(); })
      .sort(function (a, b) { return new Date(a.startsAt) - new Date(b.startsAt); });
    if (upcoming.length === 0) {
      status.textContent = '今は予定された開催はありません。 / No sessions planned right now.';
      return;
    }
    status.textContent = '';
    upcoming.forEach(function (s) {
      var item = element('li', 'session');
      item.appendChild(element('p', 'kind', kinds[s.kind] || s.kind || ''));
      item.appendChild(element('h3', 'title', s.titleJa || s.titleEn || ''));
      if (s.titleEn && s.titleJa) {
        item.appendChild(element('p', 'title-en', s.titleEn));
      }
      var when = dateFormat.format(new Date(s.startsAt)) + ' – ' + timeFormat.format(new Date(s.endsAt));
      item.appendChild(element('p', 'when', when));
      if (typeof s.capacity === 'number') {
        item.appendChild(element('p', 'capacity', '定員 ' + s.capacity + '名'));
      }
      list.appendChild(item);
    });
  }

  fetch('/api/events/sessions', { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (sessions) { render(Array.isArray(sessions) ? sessions : []); })
    .catch(function () {
      status.textContent = '開催予定を読み込めませんでした。しばらくしてからもう一度お試しください。 / Sessions could not be loaded; please try again later.';
    });

  // Signed in? The gateway keeps the tokens in an HttpOnly cookie; the page only learns the CSRF token, which it sends
  // as X-CSRF-Token with every state-changing request (and as the logout form's csrf field).
  fetch('/session.json', { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
    .then(function (response) { return response.ok ? response.json() : { signedIn: false }; })
    .then(function (session) {
      if (!session.signedIn) {
        return;
      }
      window.ibashoCsrfToken = session.csrfToken;
      document.getElementById('login').hidden = true;
      var logout = document.getElementById('logout');
      logout.querySelector('input[name="csrf"]').value = session.csrfToken;
      logout.hidden = false;
    })
    .catch(function () { /* stay signed out in the page; nothing to show */ });
}());

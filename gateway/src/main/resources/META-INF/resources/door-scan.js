// The door's camera: frames go to the gateway, which reads the check-in QR code in them (nothing is kept); the code
// found is put into the booking-code form and sent, the same check-in as typing it. Without a camera or JavaScript
// the typed code works alone.
(function () {
  'use strict';
  var section = document.getElementById('scan');
  var form = document.getElementById('check-in');
  if (!section || !form || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.fetch) {
    return;
  }
  section.hidden = false;
  var start = document.getElementById('scan-start');
  var video = document.getElementById('scan-video');
  var status = document.getElementById('scan-status');
  var input = document.getElementById('code');
  var url = section.getAttribute('data-scan-url');
  var csrf = form.querySelector('input[name="csrf"]').value;
  var ja = document.documentElement.lang !== 'en';

  function say(ja_, en) {
    status.textContent = ja ? ja_ : en;
  }

  function begin() {
    start.disabled = true;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        say('読み取り中…', 'Reading…');
        read(stream);
      })
      .catch(function () {
        start.disabled = false;
        say('カメラを使えません。予約コードを入力してください。', 'The camera is not available; type the code instead.');
      });
  }

  start.addEventListener('click', begin);
  // Back from a sign-in renewed in the middle of reading (see below): the camera goes on by itself, as she left it.
  var resumed = window.location.hash === '#camera';
  if (resumed) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    begin();
  }

  function read(stream) {
    var canvas = document.createElement('canvas');
    var busy = false;
    var timer;
    function stop() {
      clearInterval(timer);
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    timer = setInterval(function () {
      if (busy || !video.videoWidth) {
        return;
      }
      var width = Math.min(640, video.videoWidth);
      var height = Math.round(video.videoHeight * width / video.videoWidth);
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d').drawImage(video, 0, 0, width, height);
      busy = true;
      canvas.toBlob(function (frame) {
        // A frame lost on a weak mobile connection must not stop the reading: after 8 s the next frame goes.
        var abort = window.AbortController ? new AbortController() : null;
        var lost = abort ? setTimeout(function () { abort.abort(); }, 8000) : null;
        fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          redirect: 'manual',
          headers: { 'Content-Type': 'image/jpeg', 'X-CSRF-Token': csrf },
          body: frame,
          signal: abort ? abort.signal : undefined
        }).then(function (response) {
          clearTimeout(lost);
          // Her sign-in ended (401, or a redirect a fetch cannot follow across origins) or the page's form token is
          // stale (403): through Keycloak's sign-in (her password again, as after any ended session) or a reload,
          // back to this page, where the camera goes on by itself.
          var ended = response.type === 'opaqueredirect' || response.status === 401;
          if (ended || response.status === 403) {
            stop();
            if (resumed) { // once only: a second refusal is no stale page, and going round again would not end
              start.disabled = false;
              say('読み取れませんでした。予約コードを入力してください。', 'Could not read; type the code instead.');
              return null;
            }
            say('サインインを確かめています…', 'Checking your sign-in…');
            if (ended) {
              var here = window.location.pathname + window.location.search;
              window.location.assign('/app/signin?next=' + encodeURIComponent(here + '#camera'));
            } else {
              window.location.hash = 'camera';
              window.location.reload();
            }
            return null;
          }
          return response.ok ? response.json() : null;
        }).then(function (found) {
          busy = false;
          if (found && found.code) {
            stop();
            input.value = found.code;
            form.submit();
          }
        }).catch(function () {
          clearTimeout(lost);
          busy = false;
        });
      }, 'image/jpeg', 0.85);
    }, 400);
  }
})();

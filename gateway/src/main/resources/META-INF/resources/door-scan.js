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

  start.addEventListener('click', function () {
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
  });

  function read(stream) {
    var canvas = document.createElement('canvas');
    var busy = false;
    var timer = setInterval(function () {
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
        fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'image/jpeg', 'X-CSRF-Token': csrf },
          body: frame
        }).then(function (response) {
          return response.ok ? response.json() : null;
        }).then(function (found) {
          busy = false;
          if (found && found.code) {
            clearInterval(timer);
            stream.getTracks().forEach(function (track) { track.stop(); });
            input.value = found.code;
            form.submit();
          }
        }).catch(function () {
          busy = false;
        });
      }, 'image/jpeg', 0.85);
    }, 400);
  }
})();

// Sends a large evidence file (body-camera video) in pieces before the form is submitted. The server
// keeps the bytes it has received; after a dropped connection or a closed page the same file resumes
// from there. Without JavaScript the form still posts the file in one piece, up to the normal limit.
(function () {
  "use strict";
  var PIECE = 4 * 1024 * 1024;
  var ONE_PIECE_LIMIT = 8 * 1024 * 1024;

  function csrfToken(form) {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  function fileId(file) {
    return "fazhi-upload:" + file.name + ":" + file.size + ":" + file.lastModified;
  }

  function request(method, url, form, body, headers) {
    var allHeaders = Object.assign({ "X-CSRFToken": csrfToken(form) }, headers || {});
    return fetch(url, { method: method, body: body, headers: allHeaders, credentials: "same-origin" }).then(
      function (response) {
        return response.json().then(function (data) {
          return { status: response.status, data: data };
        });
      }
    );
  }

  function start(form, file) {
    var saved = localStorage.getItem(fileId(file));
    var pieceUrl = function (key) { return form.dataset.pieceUrl.replace("KEY", key); };
    var begin = saved
      ? request("GET", pieceUrl(saved), form).then(function (answer) {
          return answer.status === 200 ? { key: saved, received: answer.data.received_bytes } : null;
        })
      : Promise.resolve(null);
    return begin.then(function (resumed) {
      if (resumed) return resumed;
      var body = JSON.stringify({ name: file.name, size: file.size });
      return request("POST", form.dataset.startUrl, form, body, { "Content-Type": "application/json" }).then(
        function (answer) {
          if (answer.status !== 201) throw new Error(answer.data.message || answer.data.detail || "无法开始上传");
          localStorage.setItem(fileId(file), answer.data.key);
          return { key: answer.data.key, received: 0 };
        }
      );
    });
  }

  function send(form, file, state, show) {
    if (state.received >= file.size) return Promise.resolve(state.key);
    var piece = file.slice(state.received, Math.min(file.size, state.received + PIECE));
    var url = form.dataset.pieceUrl.replace("KEY", state.key) + "?offset=" + state.received;
    return request("PUT", url, form, piece, { "Content-Type": "application/octet-stream" }).then(function (answer) {
      if (answer.status === 200 || answer.status === 409) {
        state.received = answer.data.received_bytes;
        show(state.received / file.size);
        return send(form, file, state, show);
      }
      throw new Error(answer.data.message || "上传中断");
    });
  }

  document.querySelectorAll("form[data-resumable-upload]").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    var keyField = form.querySelector("input[name=upload_key]");
    var bar = form.querySelector("[data-upload-progress]");
    var status = form.querySelector("[data-upload-status]");
    form.addEventListener("submit", function (event) {
      var file = input && input.files[0];
      if (!file || file.size <= ONE_PIECE_LIMIT || keyField.value) return;
      event.preventDefault();
      form.querySelector("button[type=submit]").disabled = true;
      bar.classList.remove("d-none");
      var show = function (fraction) {
        bar.firstElementChild.style.width = Math.floor(fraction * 100) + "%";
        status.textContent = "已上传 " + Math.floor(fraction * 100) + "%";
      };
      start(form, file)
        .then(function (state) { show(state.received / file.size); return send(form, file, state, show); })
        .then(function (key) {
          localStorage.removeItem(fileId(file));
          keyField.value = key;
          input.value = "";
          form.submit();
        })
        .catch(function (error) {
          status.textContent = error.message + "。再次点击“保存”将从中断处继续上传。";
          form.querySelector("button[type=submit]").disabled = false;
        });
    });
  });
})();

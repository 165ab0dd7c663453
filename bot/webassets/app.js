// Gongyou web chat: post forms with fetch and append the replies; poll for
// follow-ups. Without this script every form still works as a plain post.
(function () {
  "use strict";
  var chat = document.getElementById("chat");
  if (!chat || !window.fetch || !window.FormData) return;
  var busy = false;

  function setCSRF(token) {
    if (!token) return;
    var ins = document.querySelectorAll('input[name="csrf"]');
    for (var i = 0; i < ins.length; i++) ins[i].value = token;
  }
  function dropOldButtons() {
    var forms = chat.querySelectorAll("form.b");
    for (var i = 0; i < forms.length; i++) forms[i].parentNode.removeChild(forms[i]);
  }
  function note(text) {
    var p = document.createElement("p");
    p.className = "note";
    p.textContent = text;
    chat.appendChild(p);
    setTimeout(function () { if (p.parentNode) p.parentNode.removeChild(p); }, 4000);
  }
  function apply(data) {
    if (data.reset) { chat.innerHTML = ""; }
    if (data.html) {
      dropOldButtons();
      chat.insertAdjacentHTML("beforeend", data.html);
      setCSRF(data.csrf);
      document.getElementById("end").scrollIntoView({ block: "end" });
    } else {
      setCSRF(data.csrf);
    }
    if (data.last) chat.setAttribute("data-after", String(data.last));
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || form.method.toLowerCase() !== "post" || !/\/send$/.test(form.action)) return;
    e.preventDefault();
    if (busy) return;
    var fd = new FormData(form);
    if (e.submitter && e.submitter.name) fd.append(e.submitter.name, e.submitter.value);
    fd.append("after", chat.getAttribute("data-after") || "0");
    var text = form.querySelector("textarea");
    if (text && !text.value.trim() && !(e.submitter && e.submitter.name)) return;
    busy = true;
    var buttons = document.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    fetch(form.action, {
      method: "POST", body: new URLSearchParams(fd), credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      if (r.status === 429) { note(document.documentElement.lang === "en" ? "Too fast, please wait a moment." : "发得太快了，请稍等一下。"); return null; }
      if (!r.ok) { window.location.reload(); return null; }
      return r.json();
    }).then(function (data) {
      if (!data) return;
      if (text) text.value = "";
      apply(data);
    }).catch(function () {
      note(document.documentElement.lang === "en" ? "No connection. Please try again." : "网络不通，请再试一次。");
    }).then(function () {
      busy = false;
      var bs = document.querySelectorAll("button");
      for (var j = 0; j < bs.length; j++) bs[j].disabled = false;
    });
  });

  // Enter sends on a keyboard; Shift+Enter is a new line (a pasted offer keeps its lines).
  var ta = document.getElementById("text");
  if (ta) ta.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && window.matchMedia("(pointer:fine)").matches) {
      e.preventDefault();
      var f = document.getElementById("composer");
      if (f.requestSubmit) f.requestSubmit(); else f.submit();
    }
  });

  function poll() {
    if (busy || document.visibilityState === "hidden") return;
    var url = chat.getAttribute("data-poll") + "?after=" + encodeURIComponent(chat.getAttribute("data-after") || "0");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && data.html && !busy) apply(data); })
      .catch(function () {});
  }
  setInterval(poll, 15000);
  document.addEventListener("visibilitychange", poll);
  var end = document.getElementById("end");
  if (end && chat.children.length > 2) end.scrollIntoView({ block: "end" });
})();

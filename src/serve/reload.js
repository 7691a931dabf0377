// irbook serve: live reload and build-error overlay. Served only by the preview (never
// written to book/), loaded with <script src> so that the pages' CSP (script-src 'self',
// no inline scripts) holds. Diagnostics are shown with textContent only: whatever they
// contain, they cannot become markup.
(function () {
  "use strict";
  var OVERLAY_ID = "irbook-build-error";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
  }

  function showOverlay(status) {
    removeOverlay();
    var lang = (document.documentElement.lang || "en").toLowerCase();
    var messages = status.messages || {};
    var heading =
      messages[lang] || messages[lang.split("-")[0]] || messages.en ||
      "The last change broke the build; the page shows the last good version.";

    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    // CSSOM properties, not a style attribute: allowed under style-src 'self'.
    Object.assign(box.style, {
      position: "fixed", left: "0", right: "0", bottom: "0", maxHeight: "60vh",
      overflow: "auto", zIndex: "2147483647", margin: "0", padding: "1rem",
      background: "#2b0b0b", color: "#ffe9e9", borderTop: "4px solid #e5484d",
      font: "14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      boxShadow: "0 -4px 16px rgba(0,0,0,.4)"
    });

    var title = document.createElement("p");
    title.textContent = heading;
    Object.assign(title.style, { margin: "0 0 .5rem", fontWeight: "bold" });

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    Object.assign(close.style, {
      float: "right", font: "inherit", fontSize: "1.25rem", lineHeight: "1",
      background: "transparent", color: "inherit", border: "0", cursor: "pointer"
    });
    close.addEventListener("click", removeOverlay);

    var pre = document.createElement("pre");
    pre.textContent = status.diagnostics || "";
    // The theme styles every <pre> (a light code background in light mode): undo it, or
    // the overlay's light text lands on a light box. Lines are not wrapped: a wrapped
    // snippet puts its carets under the wrong characters (phones scroll the block instead).
    Object.assign(pre.style, {
      margin: "0", whiteSpace: "pre", font: "inherit", padding: "0",
      background: "transparent", color: "inherit", border: "0", overflowX: "auto"
    });

    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(pre);
    (document.body || document.documentElement).appendChild(box);
  }

  function checkStatus() {
    return fetch("/__irbook/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (status) {
        if (status.ok) {
          removeOverlay();
        } else {
          showOverlay(status);
        }
      })
      .catch(function () { /* the server is restarting: the stream will reconnect */ });
  }

  // The name of the file this page shows, as the server lists changed files.
  function shownFile() {
    var path = window.location.pathname.replace(/^\//, "");
    try {
      path = decodeURIComponent(path);
    } catch (e) { /* keep it as it is */ }
    if (path === "" || path.charAt(path.length - 1) === "/") {
      path += "index.html";
    }
    return path;
  }

  // A rebuild lists the files it changed ("*": too many to list): only the pages that
  // show one reload. A "not found" page reloads on any change: it may exist now.
  function concernsThisPage(data) {
    if (data === "*" || document.querySelector('meta[name="irbook-missing"]')) {
      return true;
    }
    var changed;
    try {
      changed = JSON.parse(data);
    } catch (e) {
      return true;
    }
    return !Array.isArray(changed) || changed.indexOf(shownFile()) !== -1;
  }

  if (typeof EventSource === "undefined") {
    return;
  }
  var events = new EventSource("/__irbook/events");
  events.addEventListener("reload", function (event) {
    if (concernsThisPage(event.data)) {
      window.location.reload();
    } else {
      checkStatus();
    }
  });
  events.addEventListener("broken", checkStatus);
  // After a reconnection the build may have changed while we were away.
  events.addEventListener("open", checkStatus);
})();

/* Documents page: upload each chosen or dropped file at once, with a progress bar per file.
 *
 * Without this script the page is a plain multipart form (one "Upload" button for every file
 * chosen). With it, each file goes in its own request to the same URL, so each gets its own
 * <progress>; the server answers with the updated checklist cards, which htmx then polls
 * while the checks run. No inline script or style: the page's CSP forbids both.
 */
(function () {
  "use strict";

  var form = document.getElementById("upload-form");
  var list = document.getElementById("upload-progress");
  if (!form || !list || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  document.documentElement.classList.add("js-uploads");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");

  function text(tag, className, value) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = value;
    return node;
  }

  function progressRow(file, label) {
    var row = document.createElement("li");
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    var percent = text("span", "doc-progress-percent", "0%");
    row.appendChild(text("span", "doc-progress-name", file.name + " → " + label));
    row.appendChild(percent);
    row.appendChild(bar);
    list.appendChild(row);
    return { row: row, bar: bar, percent: percent };
  }

  function replaceCards(items) {
    Object.keys(items).forEach(function (key) {
      var current = document.getElementById("item-" + key);
      var holder = document.createElement("template");
      holder.innerHTML = items[key].trim();
      var fresh = holder.content.firstElementChild;
      if (current && fresh) {
        current.replaceWith(fresh);
        if (window.htmx) {
          window.htmx.process(fresh);
        }
        allowMany(fresh);
      }
    });
    document.body.dispatchEvent(new CustomEvent("documents-changed", { bubbles: true }));
  }

  function send(zone, file) {
    var requirement = zone.dataset.requirement;
    var side = zone.dataset.side || "";
    var slot = requirement + "__" + side;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf ? csrf.value : "");
    data.append("file__" + slot, file, file.name);
    var expiry = zone.querySelector(".doc-expiry-input");
    if (expiry && expiry.value) {
      data.append("expires_on__" + slot, expiry.value);
    }
    var ui = progressRow(file, zone.dataset.label || requirement);
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("HX-Request", "true");
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        var value = Math.round((event.loaded / event.total) * 100);
        ui.bar.value = value;
        ui.percent.textContent = value + "%";
      }
    });
    request.addEventListener("load", function () {
      var answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (error) {
        answer = {};
      }
      if (request.status === 200 && answer.items) {
        ui.bar.value = 100;
        ui.percent.textContent = "100%";
        ui.row.appendChild(text("span", "doc-progress-done", list.dataset.done || "✓"));
        replaceCards(answer.items);
      } else {
        ui.row.appendChild(
          text("span", "doc-progress-error", answer.message || list.dataset.failed || "✗")
        );
      }
    });
    request.addEventListener("error", function () {
      ui.row.appendChild(text("span", "doc-progress-error", list.dataset.failed || "✗"));
    });
    request.send(data);
  }

  /* Several files dropped on one card fill its sides in order, starting at the drop. */
  function sendMany(zone, files) {
    var card = zone.closest(".doc-item");
    var zones = card ? Array.prototype.slice.call(card.querySelectorAll(".doc-drop")) : [zone];
    var start = Math.max(zones.indexOf(zone), 0);
    Array.prototype.forEach.call(files, function (file, index) {
      var target = zones[start + index];
      if (target) {
        send(target, file);
      } else {
        var ui = progressRow(file, zone.dataset.label || "");
        ui.row.appendChild(text("span", "doc-progress-error", list.dataset.extra || "✗"));
      }
    });
  }

  /* Drags are delegated from the document: cards swapped in later (by htmx polling or by an
   * upload's answer) take drops without binding anything again. */
  function zoneOf(event) {
    return event.target instanceof Element ? event.target.closest(".doc-drop") : null;
  }

  function fileChosen(event) {
    var input = event.currentTarget;
    var zone = input.closest(".doc-drop");
    if (zone && input.files.length) {
      sendMany(zone, input.files);
      input.value = "";
    }
  }

  /* Bound on each input rather than delegated: a card is replaced whenever its checks
   * report (polling) or an upload answers, and a file chosen in a card that was replaced
   * meanwhile fires "change" on a detached input, which never reaches the document. */
  function allowMany(root) {
    root.querySelectorAll(".doc-drop input[type=file]").forEach(function (input) {
      input.multiple = true; /* extra files go to the card's next sides */
      if (!input.dataset.uploads) {
        input.dataset.uploads = "bound";
        input.addEventListener("change", fileChosen);
      }
    });
  }

  document.addEventListener("dragover", function (event) {
    var zone = zoneOf(event);
    if (zone) {
      event.preventDefault();
      zone.classList.add("doc-drop-over");
    }
  });
  document.addEventListener("dragleave", function (event) {
    var zone = zoneOf(event);
    if (zone) {
      zone.classList.remove("doc-drop-over");
    }
  });
  document.addEventListener("drop", function (event) {
    var zone = zoneOf(event);
    if (zone) {
      event.preventDefault();
      zone.classList.remove("doc-drop-over");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        sendMany(zone, event.dataTransfer.files);
      }
    }
  });
  document.body.addEventListener("htmx:load", function (event) {
    allowMany(event.target);
  });
  allowMany(document);
})();

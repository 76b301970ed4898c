// The workbench's own script: drag and drop on the board and the priority list (SortableJS),
// each drop sent to the server through htmx, which answers with the re-checked board.
(function () {
  "use strict";
  function boardMoves(root) {
    root.querySelectorAll("ul.cards").forEach(function (list) {
      if (list._sortable) { return; }
      list._sortable = Sortable.create(list, {
        // The students without a team are dragged out of their column, never into it.
        group: list.classList.contains("unplaced") ? { name: "teams", put: false } : "teams",
        animation: 120,
        // Mouse events rather than native drag and drop: same on every browser, scriptable.
        forceFallback: true,
        filter: "button",
        preventOnFilter: false,
        onEnd: function (evt) {
          var card = evt.item;
          var to = evt.to.getAttribute("data-team");
          var from = evt.from.getAttribute("data-team");
          if (to === from) { return; }
          // The answer holds only what changed (the two columns, the rules, the priorities),
          // each piece swapped in place by its id (out of band).
          var started = performance.now();
          // A refused move (a tab that missed a change, the server stopped) swaps nothing:
          // the card goes back where it was, so that the board shows what the server holds
          // (before, it stayed in the team it was dropped on, a move that never happened).
          var back = function () {
            if (card.isConnected && card.parentNode === evt.to) {
              evt.from.insertBefore(card, evt.from.children[evt.oldIndex] || null);
            }
          };
          htmx.ajax("POST", "/move", {
            target: "#board",
            swap: "none",
            values: { student: card.getAttribute("data-student"), team: to }
          }).then(function () {
            back();  // a move done replaced both columns: the dropped card is gone
            // Read by the browser tests: milliseconds from the drop to the board shown.
            window.matcherLastMove = performance.now() - started;
          }, back);
        }
      });
    });
    root.querySelectorAll("ol.priorities").forEach(function (list) {
      if (list._sortable) { return; }
      list._sortable = Sortable.create(list, {
        animation: 120,
        forceFallback: true,
        // A new order is checked at once, as a changed field is.
        onEnd: function () { htmx.trigger(list.closest("form"), "priorities-sorted"); }
      });
    });
  }
  // A priority list without a mouse: up and down arrows on a priority's box move it up or
  // down the list (checked at once, as a drop is); the box keeps the focus.
  document.addEventListener("keydown", function (evt) {
    var box = evt.target;
    if (evt.key !== "ArrowUp" && evt.key !== "ArrowDown") { return; }
    if (!box.matches || !box.matches("ol.priorities > li > input[type=checkbox]")) { return; }
    var item = box.parentElement;
    var other = evt.key === "ArrowUp" ? item.previousElementSibling : item.nextElementSibling;
    evt.preventDefault();
    if (!other) { return; }
    item.parentElement.insertBefore(item, evt.key === "ArrowUp" ? other : other.nextElementSibling);
    box.focus();
    htmx.trigger(item.closest("form"), "priorities-sorted");
  });
  // The board without a mouse: a card has the focus (Tab); left and right arrows move the
  // student to the previous or next team (checked as a drop is), Enter or Space shows why
  // they are there. The card keeps the focus in its new team. Presses quicker than the
  // answers add up: each move is sent once the one before is answered, from the team the
  // moves queued lead to (before, three quick presses moved one team, not three).
  var moves = Promise.resolve();
  var heading = {};
  document.addEventListener("keydown", function (evt) {
    var card = evt.target;
    if (!card.matches || !card.matches("li.card[data-student]")) { return; }
    if (evt.key === "Enter" || evt.key === " ") {
      evt.preventDefault();
      card.click();
      return;
    }
    if (evt.key !== "ArrowLeft" && evt.key !== "ArrowRight") { return; }
    // The teams only: a card without a team goes right into the first (index -1 + 1).
    var lists = Array.prototype.slice.call(
      document.querySelectorAll("ul.cards[data-team]:not(.unplaced)"));
    var student = card.getAttribute("data-student");
    var from = heading[student]
      ? document.querySelector('ul.cards[data-team="' + CSS.escape(heading[student]) + '"]')
      : card.closest("ul.cards");
    var to = lists[lists.indexOf(from) + (evt.key === "ArrowRight" ? 1 : -1)];
    if (!to) { return; }
    evt.preventDefault();
    var team = to.getAttribute("data-team");
    heading[student] = team;
    moves = moves.then(function () {
      var started = performance.now();
      return htmx.ajax("POST", "/move", {
        target: "#board",
        swap: "none",
        values: { student: student, team: team }
      }).then(function () {
        window.matcherLastMove = performance.now() - started;
        var moved = document.querySelector('li.card[data-student="' + CSS.escape(student) + '"]');
        if (moved) { moved.focus(); }
      });
    }).catch(function () { return null; }).then(function () {
      if (heading[student] === team) { delete heading[student]; }
    });
  });
  // Keyboard use: htmx gives the focus back to the button of the same id after a swap
  // (the board's toolbar, a lock); a toolbar button disabled by its own press (the last
  // undo) hands it to the first toolbar button still enabled (redo), not to the page.
  // A button that disables itself while it works (re-optimise) has lost the focus by the
  // time the answer comes: it gets it back when enabled again (it went to Undo; probe s25).
  var fromToolbar = false, pressedId = null;
  document.addEventListener("htmx:beforeRequest", function (evt) {
    fromToolbar = !!(evt.detail.elt && evt.detail.elt.closest && evt.detail.elt.closest("#board-toolbar"));
    pressedId = fromToolbar ? evt.detail.elt.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!fromToolbar || (document.activeElement && document.activeElement !== document.body)) { return; }
    fromToolbar = false;
    var again = pressedId && document.getElementById(pressedId);
    var next = again && !again.disabled ? again : document.querySelector("#board-toolbar button:not([disabled])");
    if (next) { next.focus(); }
  });
  // The language switched reloads the page: the why panel shows again the student it
  // showed, now in the other language (this tab only).
  document.addEventListener("htmx:beforeRequest", function (evt) {
    var path = evt.detail.requestConfig && evt.detail.requestConfig.path;
    var shown = document.querySelector("#explain [data-explained]");
    if (path && path.indexOf("/lang/") === 0 && shown) {
      sessionStorage.setItem("matcher-explained", shown.getAttribute("data-explained"));
    }
  });
  // The language switched reloads the page: settings typed but not applied stay typed, in
  // the order given to the priorities, and are checked again beside their fields (probe
  // s33: they were dropped without a word). The time limit's decimal mark follows the
  // language (7,5 in French, 7.5 in English).
  var settingsOrder = {};
  function settingsForm() { return document.querySelector("form[data-role=settings]"); }
  function priorityOrders(form) {
    var orders = {};
    form.querySelectorAll("ol.priorities[data-role]").forEach(function (list) {
      orders[list.getAttribute("data-role")] = Array.prototype.map.call(
        list.querySelectorAll("li[data-priority-name]"),
        function (item) { return item.getAttribute("data-priority-name"); });
    });
    return orders;
  }
  function typedSettings(form) {
    var fields = [], changed = false, seen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "button" || el.type === "file") { return; }
      var nth = seen[el.name] = (seen[el.name] || 0) + 1;
      if (el.type === "checkbox") {
        changed = changed || el.checked !== el.defaultChecked;
        fields.push({ name: el.name, value: el.value, checked: el.checked });
      } else {
        changed = changed || el.value !== el.defaultValue;
        fields.push({ name: el.name, nth: nth, value: el.value });
      }
    });
    var orders = priorityOrders(form);
    changed = changed || JSON.stringify(orders) !== JSON.stringify(settingsOrder);
    return changed ? { fields: fields, orders: orders } : null;
  }
  function typedAgain() {
    var kept = sessionStorage.getItem("matcher-settings-typed");
    sessionStorage.removeItem("matcher-settings-typed");
    var form = settingsForm();
    if (!kept || !form) { return; }
    var typed = JSON.parse(kept);
    Object.keys(typed.orders).forEach(function (role) {
      var list = form.querySelector('ol.priorities[data-role="' + role + '"]');
      if (!list) { return; }
      typed.orders[role].forEach(function (name) {
        var item = list.querySelector('li[data-priority-name="' + CSS.escape(name) + '"]');
        if (item) { list.appendChild(item); }
      });
    });
    var french = document.documentElement.lang === "fr";
    typed.fields.forEach(function (field) {
      var named = form.querySelectorAll('[name="' + CSS.escape(field.name) + '"]');
      if (field.checked !== undefined) {
        Array.prototype.forEach.call(named, function (el) {
          if (el.value === field.value) { el.checked = field.checked; }
        });
        return;
      }
      var el = named[field.nth - 1];
      if (!el) { return; }
      var value = field.value;
      if (field.name === "time_limit") {
        value = french ? value.replace(".", ",") : value.replace(",", ".");
      }
      el.value = value;
    });
    htmx.trigger(form, "change");
    // Said beside Apply: typed, not applied.
    var said = document.getElementById("settings-said");
    if (said && form.getAttribute("data-typed-kept")) {
      said.innerHTML = "";
      var note = document.createElement("p");
      note.className = "note"; note.setAttribute("data-role", "settings-typed-kept");
      note.textContent = form.getAttribute("data-typed-kept");
      said.appendChild(note);
    }
  }
  document.addEventListener("htmx:beforeRequest", function (evt) {
    var path = evt.detail.requestConfig && evt.detail.requestConfig.path;
    var form = settingsForm();
    if (path && path.indexOf("/lang/") === 0 && form) {
      var typed = typedSettings(form);
      if (typed) { sessionStorage.setItem("matcher-settings-typed", JSON.stringify(typed)); }
    }
  });
  // A solve pressed while settings typed are not applied would run under the ones before,
  // the typed values then drawn away (probe s35c: a count of 4 typed, the run selected 5
  // without a word): not sent; said beside the button pressed.
  var SOLVES = /^\/(run|assign|reoptimise|plan)$/;
  document.addEventListener("htmx:beforeRequest", function (evt) {
    var path = evt.detail.requestConfig && evt.detail.requestConfig.path;
    var form = settingsForm();
    var elt = evt.detail.elt;
    if (!path || !SOLVES.test(path) || !form || !elt || !typedSettings(form)) { return; }
    evt.preventDefault();
    document.querySelectorAll('[data-role="typed-not-applied"]').forEach(function (el) { el.remove(); });
    var note = document.createElement("p");
    note.className = "error"; note.setAttribute("role", "alert");
    note.setAttribute("data-role", "typed-not-applied");
    note.textContent = form.getAttribute("data-typed-not-applied");
    elt.insertAdjacentElement("afterend", note);
  });
  function explainAgain() {
    var student = sessionStorage.getItem("matcher-explained");
    sessionStorage.removeItem("matcher-explained");
    if (student && document.querySelector('li.card[data-student="' + CSS.escape(student) + '"]')) {
      htmx.ajax("GET", "/explain?student=" + encodeURIComponent(student), { target: "#explain" });
    }
  }
  // A reload of the page (the run's board ready, the language switched) keeps the focus
  // on the control that had it, when it has an id: pressed with the keyboard, Run left
  // the focus at the top of the page once its board came (Tab then went through the menu,
  // the files and every setting again), and a screen reader heard nothing of the end.
  window.addEventListener("pagehide", function () {
    var had = document.activeElement;
    var id = had && had !== document.body && (had.getAttribute("data-focus-after") || had.id);
    var sel = id ? "#" + CSS.escape(id) : controlSelector(had);
    if (sel) { sessionStorage.setItem("matcher-focus", sel); }
  });
  // A control pressed whose part of the page is drawn again (Apply, a proposal forced in or
  // out, Open the saved result, Upload, Plan again) gets the focus back, or the first
  // control still enabled of its row (probe s35c: the focus fell to the top of the page).
  function controlSelector(elt) {
    if (!elt || elt === document.body || !elt.matches || !elt.matches("button")) { return null; }
    if (elt.id) { return "#" + CSS.escape(elt.id); }
    var action = elt.getAttribute("data-action");
    if (!action) { return null; }
    var vals = elt.getAttribute("hx-vals");
    var row = vals ? '[hx-vals="' + CSS.escape(vals) + '"]' : "";
    return '[data-action="' + CSS.escape(action) + '"]' + row + "\n" + row;
  }
  function focusControl(sel) {
    var parts = sel.split("\n");
    var again = document.querySelector(parts[0]);
    if ((!again || again.disabled) && parts[1]) {
      again = document.querySelector("button" + parts[1] + ":not([disabled])");
    }
    if (again && !again.disabled) { again.focus(); }
  }
  var pressedControl = null;
  document.addEventListener("htmx:beforeRequest", function () {
    pressedControl = controlSelector(document.activeElement) || pressedControl;
  });
  document.addEventListener("htmx:afterSettle", function () {
    var sel = pressedControl;
    pressedControl = null;
    if (!sel || (document.activeElement && document.activeElement !== document.body)) { return; }
    focusControl(sel);
  });
  // A button gone with its answer (a what-if accepted or discarded) hands the focus to the
  // control it names (``data-focus-after``), not to the top of the page.
  var focusAfter = null;
  document.addEventListener("htmx:beforeRequest", function (evt) {
    var elt = evt.detail.elt;
    if (elt && elt.getAttribute && elt.getAttribute("data-focus-after")) {
      focusAfter = elt.getAttribute("data-focus-after");
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    var next = focusAfter && document.getElementById(focusAfter);
    if (!next) { return; }
    focusAfter = null;
    if (!document.activeElement || document.activeElement === document.body) { next.focus(); }
  });
  function focusAgain() {
    var sel = sessionStorage.getItem("matcher-focus");
    sessionStorage.removeItem("matcher-focus");
    if (sel) { focusControl(sel); }
  }
  // A page the browser kept in its back/forward cache shows a board that may be gone (and
  // would still speak as this tab): it is asked again from the server.
  window.addEventListener("pageshow", function (evt) {
    if (evt.persisted) { window.location.reload(); }
  });
  // Each settings field read with the problem said beside it, and marked invalid while
  // there is one (probe s36c: a screen reader did not read it on focus).
  function fieldProblems() {
    var form = settingsForm();
    if (!form) { return; }
    form.querySelectorAll("[data-problem-for]").forEach(function (said) {
      var name = said.getAttribute("data-problem-for");
      form.querySelectorAll('[name="' + name + '"]').forEach(function (field) {
        field.setAttribute("aria-describedby", said.id);
        if (said.textContent.trim()) { field.setAttribute("aria-invalid", "true"); }
        else { field.removeAttribute("aria-invalid"); }
      });
    });
  }
  document.addEventListener("htmx:afterSettle", fieldProblems);
  document.addEventListener("DOMContentLoaded", function () {
    var form = settingsForm();
    settingsOrder = form ? priorityOrders(form) : {};
    boardMoves(document); explainAgain(); typedAgain(); focusAgain(); fieldProblems();
  });
  document.addEventListener("htmx:load", function (evt) {
    boardMoves(evt.detail.elt);
    // The settings form drawn again (applied, another cohort): its order as drawn.
    var form = settingsForm();
    if (form && evt.detail.elt.contains && evt.detail.elt.contains(form)) {
      settingsOrder = priorityOrders(form);
    }
  });
  // Two tabs on one workbench: every request says which board revision this page shows
  // and which tab it is; the server refuses to act on a board this page does not show.
  var tab = Math.random().toString(36).slice(2);
  document.addEventListener("htmx:configRequest", function (evt) {
    evt.detail.headers["X-Matcher-Tab"] = tab;
    // The language this page speaks: switched in another tab, the server has this one
    // reloaded whole rather than swap in parts in the other language (probe s34d).
    evt.detail.headers["X-Matcher-Lang"] = document.documentElement.lang || "";
    evt.detail.headers["X-Matcher-Board"] = document.body.getAttribute("data-board") || "0";
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    var seen = evt.detail.xhr && evt.detail.xhr.getResponseHeader("X-Matcher-Board");
    if (seen) { document.body.setAttribute("data-board", seen); }
  });
  // Refused requests (413 upload too large, 403, a stale request) show their sentence at
  // the top of the window (wherever the page is scrolled) and are announced (role alert),
  // until the next request that succeeds.
  function refused(text) {
    var box = document.getElementById("error-box");
    if (!box) {
      box = document.createElement("p");
      box.id = "error-box"; box.className = "error refused"; box.setAttribute("data-role", "error");
      box.setAttribute("role", "alert");
      document.querySelector("main").before(box);
    }
    box.textContent = text.replace(/<[^>]*>/g, " ").trim();
    // Below the header while it is in sight (its language buttons stay usable), else at
    // the top of the window.
    var header = document.querySelector("header");
    var below = header ? header.getBoundingClientRect().bottom : 0;
    box.style.top = Math.max(8, below + 8) + "px";
  }
  document.addEventListener("htmx:responseError", function (evt) {
    refused(evt.detail.xhr.responseText || String(evt.detail.xhr.status));
    // An upload refused as too large: the problems an earlier file of that form had are
    // not this one's (the server forgot them too).
    var target = evt.detail.target;
    if (evt.detail.xhr.status === 413 && target && target.querySelectorAll) {
      target.querySelectorAll('[data-role="problems"], #open [data-role="message"]')
        .forEach(function (el) { el.remove(); });
    }
  });
  // No answer at all (the server stopped: Ctrl-C, its terminal closed): said in the page's
  // language, which the page carries for that (before, a press did nothing, silently).
  document.addEventListener("htmx:sendError", function () {
    refused(document.body.getAttribute("data-unreachable") || "");
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    var box = document.getElementById("error-box");
    if (box && evt.detail.successful) { box.remove(); }
    // A what-if refused is said once: another request done elsewhere on the page (a move,
    // undo, save) takes it off, as the server forgets it (probe s31a: it stayed in red).
    // Not the page's own requests (the progress every 400 ms), the settings form's live
    // check or the language (probe s31d: a refusal gone 56 ms after it came): as the
    // server's _NOT_ACTIONS.
    var panel = document.getElementById("whatif-panel");
    var path = (evt.detail.pathInfo && evt.detail.pathInfo.requestPath) || "";
    var verb = ((evt.detail.requestConfig && evt.detail.requestConfig.verb) || "get").toLowerCase();
    var acted = !/^\/(whatif|settings\/check|lang\/|progress|static)/.test(path) &&
      (verb !== "get" || /^\/explain[/?]/.test(path));
    if (panel && evt.detail.successful && acted) {
      panel.querySelectorAll('[data-role="message"]').forEach(function (el) { el.remove(); });
    }
  });
})();

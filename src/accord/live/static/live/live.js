// The live screen: follows a session's events over its websocket and keeps
// the page current. The protocol is docs/live-events.md; `apply` below is the
// same reducer as accord/live/state.py (the tests hold the Python one to the
// server's rendering, the browser test this one to the pages).
(function () {
  "use strict";

  var root = document.querySelector("[data-live]");
  if (!root) return;

  function json(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var state = json("live-state");
  var me = json("live-me");
  var t = json("live-strings");
  var view = root.getAttribute("data-view");
  var lang = document.documentElement.lang || "en";
  var socket = null;
  var retries = 0;
  var syncing = false;
  var pending = {};
  var counter = 0;
  var clock = null;

  // The reducer ------------------------------------------------------------

  function Gap(have, got) {
    this.have = have;
    this.got = got;
  }

  function without(rows, id) {
    return rows.filter(function (row) { return row.id !== id; });
  }

  function byRequest(a, b) {
    var d = Date.parse(a.requested_at) - Date.parse(b.requested_at);
    return d !== 0 ? d : a.id - b.id;
  }

  // Apply one event to `s` in place; false when it was already applied.
  function apply(s, ev) {
    if (ev.seq <= s.seq) return false;
    if (ev.seq !== s.seq + 1) throw new Gap(s.seq, ev.seq);
    s.seq = ev.seq;
    var d = ev.data;
    switch (ev.type) {
      case "focus.set":
        s.focus = d.uid;
        break;
      case "text.edited":
      case "text.refreshed":
        if (d.language === s.language) {
          s.provisions.forEach(function (p) {
            if (p.uid === d.uid) {
              p.heading = d.heading; p.text = d.text; p.display = d.display;
              p.revision = d.revision; p.redline = d.redline;
            }
          });
        }
        break;
      case "pen.requested":
        s.pen_requests = without(s.pen_requests, d.request.id).concat([d.request]).sort(byRequest);
        break;
      case "pen.request_withdrawn":
      case "pen.request_declined":
        s.pen_requests = without(s.pen_requests, d.request);
        break;
      case "pen.granted":
        s.pen = d.holder;
        s.pen_requests = without(s.pen_requests, d.request);
        break;
      case "pen.released":
      case "pen.revoked":
        s.pen = null;
        break;
      case "floor.requested":
        s.floor = without(s.floor, d.entry.id).concat([d.entry]).sort(byRequest);
        break;
      case "floor.withdrawn":
      case "floor.ended":
        s.floor = without(s.floor, d.entry);
        break;
      case "floor.given":
        s.floor = without(s.floor, d.previous);
        s.floor.forEach(function (e) { if (e.id === d.entry) e.status = "speaking"; });
        break;
      case "presence.joined":
        s.presence = without(s.presence, d.connection.id).concat([d.connection])
          .sort(function (a, b) { return a.id - b.id; });
        break;
      case "presence.left":
        s.presence = without(s.presence, d.connection);
        break;
      case "session.closed":
        s.status = "closed"; s.pen = null; s.pen_requests = []; s.floor = []; s.presence = [];
        break;
    }
    return true;
  }

  // Small DOM helpers ---------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function pick(names) {
    if (!names) return "";
    return names[lang] || names[lang.split("-")[0]] || names.en ||
      Object.keys(names).map(function (k) { return names[k]; }).filter(Boolean)[0] || "";
  }

  function time(iso) {
    try {
      return new Intl.DateTimeFormat(lang, {
        hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: me.time_zone
      }).format(new Date(iso));
    } catch (e) {
      return iso.slice(11, 19);
    }
  }

  function where(delegation, venue) {
    var parts = [];
    if (delegation) parts.push(delegation.code);
    if (venue) parts.push(pick(venue.city));
    return el("span", "live-where", parts.length ? " · " + parts.join(" · ") : "");
  }

  function button(label, action, extra, secondary) {
    var b = el("button", "button button--small" + (secondary ? " button--secondary" : ""), label);
    b.type = "button";
    b.setAttribute("data-action", action);
    Object.keys(extra || {}).forEach(function (k) { b.setAttribute("data-" + k, extra[k]); });
    return b;
  }

  function replace(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (child) { if (child) node.appendChild(child); });
  }

  function message(text) {
    var box = document.getElementById("live-message");
    if (!box) return;
    box.textContent = text || "";
    box.hidden = !text;
  }

  // Rendering -----------------------------------------------------------------

  function mine() {
    return !!state.pen && state.pen.user.user === me.user;
  }

  function live() {
    return state.status === "open" && view === "participant";
  }

  function renderProvision(p) {
    var item = document.getElementById("prov-" + p.uid);
    if (!item) return;
    item.querySelector(".live-prov__heading").textContent = p.heading;
    var text = item.querySelector(".live-prov__text");
    replace(text, p.redline.map(function (segment) {
      if (segment[0] === "insert") return el("ins", null, segment[1]);
      if (segment[0] === "delete") return el("del", null, segment[1]);
      return document.createTextNode(segment[1]);
    }));
  }

  function renderFocus(scroll) {
    var focused = null;
    state.provisions.forEach(function (p) {
      var item = document.getElementById("prov-" + p.uid);
      if (!item) return;
      var on = p.uid === state.focus;
      item.classList.toggle("is-focus", on);
      if (on) focused = item;
      var tools = item.querySelector("[data-tools]");
      if (tools) {
        var may = live() && !on && (me.runs || mine());
        replace(tools, may ? [button(t.focus, "focus", { uid: p.uid }, true)] : []);
      }
    });
    root.classList.toggle("has-focus", !!state.focus);
    if (scroll && focused && view === "projector") focused.scrollIntoView({ block: "center" });
  }

  function renderPen() {
    var box = document.getElementById("live-pen");
    if (!box) return;
    var pen = state.pen;
    var holder = el("p", "live-pen__holder");
    if (pen) {
      holder.appendChild(el("strong", null, pen.user.name));
      holder.appendChild(document.createTextNode(" " + t.holds_pen));
      holder.appendChild(where(pen.delegation, pen.venue));
    } else {
      holder.appendChild(el("span", "muted", t.nobody_pen));
    }
    var list = el("ol", "live-list live-requests");
    state.pen_requests.forEach(function (r) {
      var item = el("li");
      item.appendChild(el("span", "live-who", r.user.name));
      item.appendChild(where(r.delegation, r.venue));
      item.appendChild(document.createTextNode(" "));
      var when = el("time", "live-time", time(r.requested_at));
      when.setAttribute("datetime", r.requested_at);
      item.appendChild(when);
      if (live() && me.runs) {
        item.appendChild(button(t.grant, "pen.grant", { request: r.id }));
        item.appendChild(button(t.decline, "pen.decline", { request: r.id }, true));
      }
      list.appendChild(item);
    });
    replace(box, [holder, list, state.pen_requests.length ? null : el("p", "muted small live-empty", t.no_requests)]);

    var actions = document.getElementById("live-pen-actions");
    if (!actions) return;
    var asked = state.pen_requests.some(function (r) { return r.user.user === me.user; });
    var buttons = [];
    if (live()) {
      if (mine()) buttons.push(button(t.release_pen, "pen.release", null, true));
      else if (asked) buttons.push(button(t.withdraw_pen, "pen.withdraw", null, true));
      else if (me.may_ask_pen) buttons.push(button(t.ask_pen, "pen.request"));
      if (me.runs && !mine()) buttons.push(button(t.take_pen, "pen.take", null, true));
      if (me.runs && pen && !mine()) buttons.push(button(t.revoke, "pen.revoke", null, true));
    }
    replace(actions, buttons);
  }

  function renderFloor() {
    var box = document.getElementById("live-floor");
    if (!box) return;
    var list = el("ol", "live-list live-queue");
    var waitingFirst = null;
    state.floor.forEach(function (e) {
      var item = el("li", "live-queue__entry" + (e.status === "speaking" ? " is-speaking" : ""));
      item.appendChild(el("span", "live-code", e.delegation.code));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "live-who", pick(e.delegation.names)));
      item.appendChild(where(null, e.venue));
      item.appendChild(document.createTextNode(" "));
      var when = el("time", "live-time", time(e.requested_at));
      when.setAttribute("datetime", e.requested_at);
      item.appendChild(when);
      if (e.status === "speaking") {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(el("strong", "live-speaking", t.speaking));
      } else if (waitingFirst === null) {
        waitingFirst = e;
      }
      if (live() && me.runs && e.status === "waiting") {
        item.appendChild(button(t.give_floor, "floor.give", { entry: e.id }));
      }
      list.appendChild(item);
    });
    replace(box, [list, state.floor.length ? null : el("p", "muted small live-empty", t.queue_empty)]);

    var actions = document.getElementById("live-floor-actions");
    if (!actions) return;
    var ours = state.floor.filter(function (e) { return me.delegations.indexOf(e.delegation.id) !== -1; });
    var speaking = state.floor.filter(function (e) { return e.status === "speaking"; })[0];
    var buttons = [];
    if (live()) {
      var waiting = ours.filter(function (e) { return e.status === "waiting"; })[0];
      if (waiting) buttons.push(button(t.withdraw_floor, "floor.withdraw", { entry: waiting.id }, true));
      else if (me.may_ask_floor && !ours.length) buttons.push(button(t.ask_floor, "floor.request"));
      if (speaking && (me.runs || me.delegations.indexOf(speaking.delegation.id) !== -1)) {
        buttons.push(button(t.end_floor, "floor.end", null, true));
      }
    }
    replace(actions, buttons);
  }

  function renderPresence() {
    var box = document.getElementById("live-presence");
    if (!box) return;
    var venues = {};
    state.presence.forEach(function (c) {
      var place = c.venue ? pick(c.venue.city) : t.no_venue;
      var who = c.delegation ? c.delegation.code : t.officers;  // codes are ASCII, never the label
      venues[place] = venues[place] || {};
      var names = venues[place][who] = venues[place][who] || [];
      if (names.indexOf(c.user.name) === -1) names.push(c.user.name);
    });
    var places = Object.keys(venues).sort();
    if (!places.length) {
      replace(box, [el("p", "muted small live-empty", t.nobody_connected)]);
      return;
    }
    var dl = el("dl", "live-presence");
    places.forEach(function (place) {
      dl.appendChild(el("dt", null, place));
      var dd = el("dd");
      var ul = el("ul", "plain-list");
      Object.keys(venues[place]).sort().forEach(function (who) {
        var li = el("li");
        li.appendChild(el("span", who === t.officers ? "live-role" : "live-code", who));
        li.appendChild(document.createTextNode(" " + venues[place][who].join(", ")));
        ul.appendChild(li);
      });
      dd.appendChild(ul);
      dl.appendChild(dd);
    });
    replace(box, [dl]);
  }

  function status(which, text) {
    var node = document.getElementById("live-connection");
    if (!node) return;
    node.setAttribute("data-state", which);
    node.textContent = text || t[which] || which;
  }

  // The pen-holder's editor -------------------------------------------------------

  var editor = { uid: null, revision: null, dirty: false, busy: false, timer: null };
  var box = document.getElementById("live-editor");
  var area = document.getElementById("live-editor-text");
  var heading = document.getElementById("live-editor-heading");
  var note = document.getElementById("live-editor-status");

  function focused() {
    return state.provisions.filter(function (p) { return p.uid === state.focus; })[0] || null;
  }

  function renderEditor() {
    if (!box) return;
    var p = focused();
    if (!live() || !mine() || !p) {
      box.hidden = true;
      editor.uid = null;
      return;
    }
    box.hidden = false;
    document.getElementById("live-editor-target").textContent =
      document.querySelector("#prov-" + p.uid + " .live-prov__num").textContent;
    if (editor.uid !== p.uid || (!editor.dirty && !editor.busy && p.revision !== editor.revision)) {
      editor.uid = p.uid;
      editor.revision = p.revision;
      editor.dirty = false;
      area.value = p.text;
      heading.value = p.heading;
    } else if (!editor.dirty && !editor.busy && area.value !== p.text) {
      // Stored in canonical notation (with identities): keep the caret where it was from the end.
      var fromEnd = area.value.length - area.selectionStart;
      area.value = p.text;
      var at = Math.max(0, area.value.length - fromEnd);
      if (document.activeElement === area) area.setSelectionRange(at, at);
    }
  }

  function sendEdit() {
    clearTimeout(editor.timer);
    if (editor.busy || !editor.dirty || !editor.uid) return;
    editor.busy = true;
    editor.dirty = false;
    note.textContent = t.saving;
    command({
      action: "edit", uid: editor.uid, text: area.value, heading: heading.value, revision: editor.revision
    }, function (reply) {
      editor.busy = false;
      if (reply.ok) {
        editor.revision = reply.revision;
        note.textContent = t.saved;
        if (editor.dirty) schedule();
        else renderEditor();
      } else if (reply.error.code === "conflict" && reply.error.current) {
        var current = reply.error.current;
        editor.revision = current.revision;
        editor.dirty = false;
        area.value = current.text;
        heading.value = current.heading;
        note.textContent = t.conflict;
      } else {
        note.textContent = reply.error.message;
      }
    });
  }

  function schedule() {
    clearTimeout(editor.timer);
    editor.timer = setTimeout(sendEdit, 400);
  }

  if (box) {
    area.addEventListener("input", function () { editor.dirty = true; schedule(); });
    heading.addEventListener("input", function () { editor.dirty = true; schedule(); });
    document.getElementById("live-editor-apply").addEventListener("click", function () {
      editor.dirty = true;
      sendEdit();
    });
  }

  // Rendering everything, or what events changed ----------------------------------

  function render(changed, scroll) {
    state.provisions.forEach(function (p) {
      if (!changed || changed[p.uid]) renderProvision(p);
    });
    renderFocus(scroll);
    renderPen();
    renderFloor();
    renderPresence();
    renderEditor();
    if (state.status === "closed") status("closed");
  }

  function applyAll(list) {
    var changed = {};
    var focusMoved = false;
    list.slice().sort(function (a, b) { return a.seq - b.seq; }).some(function (ev) {
      try {
        if (apply(state, ev)) {
          if (ev.data && ev.data.uid && ev.type.indexOf("text.") === 0) changed[ev.data.uid] = true;
          if (ev.type === "focus.set") focusMoved = true;
        }
        return false;
      } catch (gap) {
        if (!(gap instanceof Gap)) throw gap;
        sync();
        return true;
      }
    });
    render(changed, focusMoved);
  }

  // The connection ---------------------------------------------------------------

  function send(body) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(body));
  }

  function command(body, done) {
    counter += 1;
    body.ref = "c" + counter;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      if (done) done({ type: "reply", ref: body.ref, ok: false, error: { code: "offline", message: t.reconnecting } });
      return;
    }
    if (done) pending[body.ref] = done;
    send(body);
  }

  function sync() {
    if (syncing) return;
    syncing = true;
    send({ action: "sync", after: state.seq });
  }

  function receive(msg) {
    if (msg.type === "snapshot") {
      syncing = false;
      state = msg.state;
      render(null, true);
    } else if (msg.type === "catchup") {
      syncing = false;
      applyAll(msg.events);
    } else if (msg.type === "reply") {
      var done = pending[msg.ref];
      delete pending[msg.ref];
      if (done) done(msg);
      else if (!msg.ok) message(msg.error.message);
      else message("");
    } else if (msg.type === "pong") {
      if (msg.seq > state.seq) sync();
    } else if (typeof msg.seq === "number") {
      applyAll([msg]);
    }
  }

  function connect() {
    if (state.status !== "open") return;
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var url = scheme + location.host + root.getAttribute("data-socket") + "?after=" + state.seq +
      (me.venue ? "&venue=" + me.venue : "");
    status(retries ? "reconnecting" : "connecting");
    socket = new WebSocket(url);
    socket.addEventListener("open", function () {
      retries = 0;
      syncing = false;
      status("connected");
    });
    socket.addEventListener("message", function (event) {
      receive(JSON.parse(event.data));
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      pending = {};
      editor.busy = false;
      if (event.code === 4000 || state.status === "closed") {
        state.status = "closed";
        render(null, false);
        return;
      }
      retries += 1;
      status("reconnecting");
      setTimeout(connect, Math.min(15000, 500 * Math.pow(2, Math.min(retries, 5))));
    });
  }

  // Buttons ------------------------------------------------------------------------

  root.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action]");
    if (!target || !root.contains(target)) return;
    var action = target.getAttribute("data-action");
    var body = { action: action };
    if (target.hasAttribute("data-uid")) body.uid = target.getAttribute("data-uid");
    if (target.hasAttribute("data-request")) body.request = Number(target.getAttribute("data-request"));
    if (target.hasAttribute("data-entry")) body.entry = Number(target.getAttribute("data-entry"));
    target.disabled = true;
    command(body, function (reply) {
      target.disabled = false;
      message(reply.ok ? "" : reply.error.message);
    });
  });

  render(null, true);
  connect();
  clock = setInterval(function () { send({ action: "ping" }); }, 25000);
  window.addEventListener("pagehide", function () { clearInterval(clock); });
})();

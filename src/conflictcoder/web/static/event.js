// One event: the record, each source's article with its evidence sentence marked at the stored
// offsets (as text nodes, never HTML), the merge history, and the review controls.
"use strict";
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var id = decodeURIComponent(location.pathname.replace(/^\/event\//, ""));
  var EDITABLE = ["event_type", "sub_event_type", "event_date", "location", "admin1", "iso3", "country",
                  "latitude", "longitude", "actor1", "actor2", "fatalities", "notes"];
  $("token").value = sessionStorage.getItem("cc-token") || "";
  $("reviewer").value = sessionStorage.getItem("cc-reviewer") || "analyst";

  function row(table, k, v) {
    var tr = CC.el("tr"); tr.appendChild(CC.el("th", k));
    tr.appendChild(CC.el("td", v == null ? "" : (typeof v === "object" ? JSON.stringify(v) : v)));
    table.appendChild(tr);
  }
  // the article with [start, end) marked: three text nodes, the middle inside <mark>
  function article(text, start, end) {
    var pre = CC.el("pre", null, "article");
    if (text == null) { pre.textContent = "(the text of this document is not stored)"; return pre; }
    var ok = Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length;
    if (!ok) { pre.textContent = text; return pre; }
    pre.appendChild(document.createTextNode(text.slice(0, start)));
    pre.appendChild(CC.el("mark", text.slice(start, end), "evidence"));
    pre.appendChild(document.createTextNode(text.slice(end)));
    return pre;
  }
  function show(d) {
    var e = d.event, body = document.querySelector("#record tbody");
    if (e.event_id !== id) history.replaceState(null, "", "/event/" + encodeURIComponent(e.event_id));
    id = e.event_id;
    document.title = "conflictcoder: " + e.event_id;
    $("title").textContent = e.event_id + ": " + e.sub_event_type + ", " + (e.location || "?") + ", " + (e.event_date || "undated");
    $("status").textContent = d.review_status || "not reviewed";
    $("status").className = "status " + (d.review_status || "");
    body.textContent = "";
    Object.keys(e).filter(function (k) { return k !== "sources"; }).forEach(function (k) { row(body, k, e[k]); });
    var box = $("sources"); box.textContent = "";
    d.sources.forEach(function (s) {
      var div = CC.el("div", null, "source");
      div.appendChild(CC.el("h3", (s.source || "unknown outlet") + " · " + s.doc_id + " · " + (s.published || "undated")));
      if (s.url) div.appendChild(CC.el("div", s.url, "url"));  // shown as text, never a link
      div.appendChild(CC.el("p", "Evidence: " + s.sentence));
      if (new Set(d.sources.map(function (x) { return x.doc_id; })).size > 1) {
        var b = CC.el("button", "Split this source out", "split"); b.type = "button"; b.dataset.doc = s.doc_id;
        b.addEventListener("click", function () { send("split", {doc_id: s.doc_id}); });
        div.appendChild(b);
      }
      div.appendChild(article(d.texts[s.doc_id], s.start, s.end));
      box.appendChild(div);
    });
    var log = $("log"); log.textContent = "";
    d.history.log.forEach(function (x) {
      var li = CC.el("li", x.at + " " + x.action + " ");
      li.appendChild(CC.eventLink(x.event_id));
      if (x.other_id) { li.appendChild(document.createTextNode(" ")); li.appendChild(CC.eventLink(x.other_id)); }
      if (x.doc_id) li.appendChild(document.createTextNode(" from " + x.doc_id));
      log.appendChild(li);
    });
    var al = $("aliases"); al.textContent = d.history.aliases.length ? "Also known as: " : "";
    d.history.aliases.forEach(function (a) { al.appendChild(CC.eventLink(a)); al.appendChild(document.createTextNode(" ")); });
    var rv = $("reviews"); rv.textContent = "";
    (d.history.reviews || []).forEach(function (r) {
      var edits = Object.keys(r.fields).map(function (k) { return k + "=" + r.fields[k]; }).join(", ");
      rv.appendChild(CC.el("li", r.at + " " + r.action + " by " + r.reviewer + (edits ? ": " + edits : "")));
    });
    var ef = $("edit-fields"); ef.textContent = "";
    EDITABLE.forEach(function (k) {
      var l = CC.el("label", k), i = CC.el("input"); i.name = k; i.value = e[k] == null ? "" : e[k]; i.dataset.was = i.value;
      l.appendChild(i); ef.appendChild(l);
    });
    document.body.dataset.ready = String(Date.now());
  }
  function load() { return CC.getJSON("/events/" + encodeURIComponent(id)).then(show).catch(function (err) { $("title").textContent = "error: " + err.message; }); }
  function send(action, fields) {
    sessionStorage.setItem("cc-token", $("token").value);
    sessionStorage.setItem("cc-reviewer", $("reviewer").value);
    return fetch("/events/" + encodeURIComponent(id) + "/review", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Authorization": "Bearer " + $("token").value},
      body: JSON.stringify({action: action, fields: fields || {}, reviewer: $("reviewer").value || "analyst"})
    }).then(function (r) { return r.json().then(function (b) {
      if (!r.ok) throw new Error((b.error && b.error.message) || r.status);
      $("review-message").textContent = "saved: " + action;
      if (action === "merge") id = b.event_id;  // this event now resolves to the one it joined
      return load();
    }); }).catch(function (err) { $("review-message").textContent = "not saved: " + err.message; });
  }
  $("accept").addEventListener("click", function () { send("accept"); });
  $("reject").addEventListener("click", function () { send("reject"); });
  $("clear").addEventListener("click", function () { send("clear"); });
  $("merge").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var into = $("merge-into").value.trim();
    if (into) send("merge", {into: into});
  });
  $("edit").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var fields = {};
    document.querySelectorAll("#edit-fields input").forEach(function (i) { if (i.value !== i.dataset.was) fields[i.name] = i.value === "" ? null : i.value; });
    if (Object.keys(fields).length) send("edit", fields);
  });
  load();
})();

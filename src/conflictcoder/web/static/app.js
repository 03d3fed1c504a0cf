// The dashboard: filters kept in the URL, a map of server-side cells, a weekly timeline whose
// selection filters the map, and a sortable table of the events in view.
"use strict";
(function () {
  var FIELDS = ["country", "since", "until", "type", "sub_type", "actor", "min_fatalities", "min_confidence"];
  var SUB_TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Protests": ["Excessive force against protesters", "Protest with intervention", "Peaceful protest"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"]
  };
  var params = new URLSearchParams(location.search);
  var sort = params.get("sort") || "-event_date";
  var $ = function (id) { return document.getElementById(id); };

  CC.TYPES.forEach(function (t) { var o = CC.el("option", t); o.value = t; $("type").appendChild(o); });
  function fillSubTypes() {
    var sel = $("sub_type"), keep = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    var types = $("type").value ? [$("type").value] : CC.TYPES;
    types.forEach(function (t) { SUB_TYPES[t].forEach(function (s) { var o = CC.el("option", s); o.value = s; sel.appendChild(o); }); });
    sel.value = keep;
  }
  FIELDS.forEach(function (f) { if (params.get(f)) $(f).value = params.get(f); });
  fillSubTypes();
  if (params.get("sub_type")) $("sub_type").value = params.get("sub_type");
  $("type").addEventListener("change", fillSubTypes);

  function query(extra, without) {
    var q = new URLSearchParams();
    FIELDS.forEach(function (f) { if ($(f).value && (!without || without.indexOf(f) < 0)) q.set(f, $(f).value); });
    Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
    return q;
  }
  function toURL() {
    var q = query(sort !== "-event_date" ? {sort: sort} : {});
    var z = map.getZoom(), c = map.getCenter();
    q.set("view", [z, c.lat.toFixed(3), c.lng.toFixed(3)].join(","));
    history.replaceState(null, "", "/?" + q.toString());
  }

  // -- the map: country outlines, then the server's cells for this zoom ----------------------------
  var view = (params.get("view") || "").split(",").map(Number);
  var map = L.map("map", {worldCopyJump: true, minZoom: 1, maxZoom: 12, preferCanvas: false})
    .setView(view.length === 3 && !view.some(isNaN) ? [view[1], view[2]] : [15, 20], view.length === 3 && !view.some(isNaN) ? view[0] : 2);
  var outlines = CC.getJSON("/static/vendor/countries.geojson").then(function (geo) {
    L.geoJSON(geo, {style: {color: "#78909c", weight: 0.6, fillColor: "#f5f5f0", fillOpacity: 1}, interactive: false}).addTo(map).bringToBack();
  });
  var cells = L.layerGroup().addTo(map);
  var legend = $("legend");
  CC.TYPES.forEach(function (t) { var s = CC.el("span"); var i = CC.el("i"); i.style.background = CC.colour(t); s.appendChild(i); s.appendChild(document.createTextNode(t)); legend.appendChild(s); });

  function drawCells(data) {
    cells.clearLayers();
    data.cells.forEach(function (c) {
      var r = c.n > 1 ? Math.min(30, 8 + 4 * Math.log2(c.n)) : Math.min(25, 5 + 2.5 * Math.sqrt(c.fatalities));
      var m = L.circleMarker([c.lat, c.lon], {radius: r, color: "#263238", weight: c.n > 1 ? 2 : 1, fillColor: CC.colour(c.event_type),
                                              fillOpacity: 0.75, className: c.event_id ? "event-point" : "event-cell"});
      m.bindTooltip(c.n > 1 ? c.n + " events, " + c.fatalities + " killed (mostly " + c.event_type + ")"
                            : c.event_type + ", " + c.fatalities + " killed", {sticky: true});
      m.on("click", function () {
        if (c.event_id) location.href = "/event/" + encodeURIComponent(c.event_id);
        else map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, 12));
      });
      cells.addLayer(m);
    });
  }
  function bboxOf() {
    var b = map.getBounds(), w = Math.max(-180, b.getWest()), e = Math.min(180, b.getEast());
    var s = Math.max(-90, b.getSouth()), n = Math.min(90, b.getNorth());
    if (e - w >= 359) return null;
    return [w, s, e, n].map(function (x) { return x.toFixed(4); }).join(",");
  }

  // -- the table of events in view -----------------------------------------------------------------
  function drawTable() {
    var extra = {limit: 200, sort: sort}, bb = bboxOf();
    if (bb) extra.bbox = bb;
    return CC.getJSON("/events?" + query(extra).toString()).then(function (page) {
      var body = document.querySelector("#events tbody");
      body.textContent = "";
      page.items.forEach(function (e) {
        var tr = CC.el("tr"), td = CC.el("td");
        td.appendChild(CC.eventLink(e.event_date || "undated")).href = "/event/" + encodeURIComponent(e.event_id);
        tr.appendChild(td);
        [e.event_type, e.sub_event_type, e.actor1, e.actor2, e.location, e.iso3, e.fatalities,
         e.confidence == null ? "" : Number(e.confidence).toFixed(2)].forEach(function (v) { tr.appendChild(CC.el("td", v == null ? "" : v)); });
        tr.dataset.eventId = e.event_id;
        body.appendChild(tr);
      });
      $("summary").textContent = page.items.length + (page.next ? "+" : "") + " events in view";
    });
  }
  document.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var k = th.dataset.sort; sort = sort === "-" + k ? k : "-" + k; toURL(); drawTable();
    });
  });

  // -- the timeline: bars of events per week, a line of fatalities; drag to select a span ----------
  var canvas = $("timeline"), weeks = [], drag = null;
  function drawTimeline() {
    var ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    if (!weeks.length) return;
    var maxN = Math.max.apply(null, weeks.map(function (w) { return w.events; })) || 1;
    var maxF = Math.max.apply(null, weeks.map(function (w) { return w.fatalities; })) || 1;
    var bw = W / weeks.length, since = $("since").value, until = $("until").value;
    weeks.forEach(function (w, i) {
      var inSpan = (!since || w.end >= since) && (!until || w.week <= until);
      ctx.fillStyle = inSpan ? "#546e7a" : "#cfd8dc";
      var h = (H - 14) * w.events / maxN;
      ctx.fillRect(i * bw, H - 12 - h, Math.max(1, bw - 1), h);
    });
    ctx.strokeStyle = "#c62828"; ctx.beginPath();
    weeks.forEach(function (w, i) { var y = H - 12 - (H - 14) * w.fatalities / maxF; if (i) ctx.lineTo(i * bw + bw / 2, y); else ctx.moveTo(bw / 2, y); });
    ctx.stroke();
    ctx.fillStyle = "#37474f"; ctx.font = "10px sans-serif";
    ctx.fillText(weeks[0].week, 2, H - 2); ctx.fillText(weeks[weeks.length - 1].week, W - 60, H - 2);
    if (drag) { ctx.fillStyle = "rgba(25,118,210,0.2)"; ctx.fillRect(Math.min(drag.a, drag.b), 0, Math.abs(drag.b - drag.a), H); }
  }
  function weekAt(ev) {
    var r = canvas.getBoundingClientRect(), x = (ev.clientX - r.left) * canvas.width / r.width;
    return {x: x, i: Math.max(0, Math.min(weeks.length - 1, Math.floor(x / (canvas.width / weeks.length))))};
  }
  canvas.addEventListener("mousedown", function (ev) { if (weeks.length) { var p = weekAt(ev); drag = {a: p.x, b: p.x, i: p.i}; } });
  canvas.addEventListener("mousemove", function (ev) { if (drag) { drag.b = weekAt(ev).x; drawTimeline(); } });
  window.addEventListener("mouseup", function (ev) {
    if (!drag) return;
    var j = weekAt(ev).i, lo = Math.min(drag.i, j), hi = Math.max(drag.i, j);
    drag = null;
    $("since").value = weeks[lo].week; $("until").value = weeks[hi].end;
    refresh();
  });
  function loadTimeline() {
    return CC.getJSON("/timeline?" + query({}, ["since", "until"]).toString()).then(function (d) {
      weeks = d.weeks.map(function (w) {
        var end = new Date(w.week + "T00:00:00Z"); end.setUTCDate(end.getUTCDate() + 6);
        return {week: w.week, end: end.toISOString().slice(0, 10), events: w.events, fatalities: w.fatalities};
      });
      drawTimeline();
    });
  }

  function loadMap() {
    return CC.getJSON("/map?" + query({zoom: map.getZoom()}).toString()).then(drawCells);
  }
  function refresh() {
    toURL();
    return Promise.all([loadMap(), drawTable(), loadTimeline()]).then(function () {
      document.body.dataset.ready = String(Date.now());
      // first paint (benchmarks/dashboard.py): outlines, cells, timeline and table drawn, then one frame
      if (!document.body.dataset.firstPaint) outlines.then(function () {
        requestAnimationFrame(function () { setTimeout(function () {
          if (!document.body.dataset.firstPaint) document.body.dataset.firstPaint = performance.now().toFixed(1);
        }, 0); });
      });
    }).catch(function (e) { $("summary").textContent = "error: " + e.message; });
  }
  map.on("moveend", function () { toURL(); loadMap(); drawTable(); });
  $("filters").addEventListener("submit", function (ev) { ev.preventDefault(); refresh(); });
  $("reset").addEventListener("click", function () { FIELDS.forEach(function (f) { $(f).value = ""; }); fillSubTypes(); refresh(); });
  refresh();
})();

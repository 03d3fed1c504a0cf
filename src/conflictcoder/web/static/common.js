// Shared by the dashboard's pages. Every piece of data goes into the page as text
// (textContent, createTextNode), never as HTML: article text is hostile input.
"use strict";
var CC = {
  TYPES: ["Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
          "Strategic developments"],
  COLOURS: {"Battles": "#d32f2f", "Violence against civilians": "#7b1fa2", "Explosions/Remote violence": "#f57c00",
            "Riots": "#fbc02d", "Protests": "#1976d2", "Strategic developments": "#455a64"},
  colour: function (t) { return CC.COLOURS[t] || "#9e9e9e"; },
  el: function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  },
  // a link inside this site only: /event/ID, the id encoded, never a scheme taken from data
  eventLink: function (id) {
    var a = CC.el("a", id);
    a.href = "/event/" + encodeURIComponent(id);
    return a;
  },
  getJSON: function (url) {
    return fetch(url, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) return r.json().then(function (b) { throw new Error((b.error && b.error.message) || r.status); });
      return r.json();
    });
  }
};

/* contentlint report: sorting, filtering, highlighting and opening articles.

   The page arrives in its unfiltered state (counts and status rendered by the
   server), so nothing runs at load but the opening of a linked article. Each
   article's body is inside a <noscript>, which a browser with scripting reads
   as raw text: it costs a scan, not a DOM, until the article is opened and
   this script turns it into elements. The filters count from the JSON index
   of findings (#findings-index), so they never need the bodies either. A report
   of 1,000 articles therefore opens and filters about as fast as one of 50. */
(function () {
  "use strict";
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var RANK = { error: 0, warning: 1, info: 2 };
  var INDEX = null;

  function index() {
    if (INDEX === null) { INDEX = JSON.parse(document.getElementById("findings-index").textContent); }
    return INDEX;
  }

  function checked(kind) {
    return $$('input[data-filter="' + kind + '"]').filter(function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }

  function state() {
    return {
      severity: checked("severity"),
      category: checked("category"),
      rule: document.getElementById("rule-filter").value,
      verdict: document.getElementById("verdict-filter").value,
      search: document.getElementById("search").value.trim().toLowerCase()
    };
  }

  function findingFilterActive(s) {
    return s.rule !== "" || $$('input[data-filter="severity"], input[data-filter="category"]')
      .some(function (i) { return !i.checked; });
  }

  function matches(el, s) {
    return s.severity.indexOf(el.dataset.severity) >= 0 && s.category.indexOf(el.dataset.category) >= 0 &&
      (s.rule === "" || el.dataset.rule === s.rule);
  }

  /* The notes and highlights of one opened article, under the filters. */
  function refresh(doc, s) {
    var visible = {};
    $$(".note", doc).forEach(function (el) {
      var ok = matches(el, s);
      el.hidden = !ok;
      if (ok) { visible[el.dataset.f] = el.dataset.severity; }
    });
    $$("mark.hl", doc).forEach(function (m) {
      var worst = null;
      m.dataset.f.split(" ").forEach(function (id) {
        var sev = visible[id];
        if (sev && (worst === null || RANK[sev] < RANK[worst])) { worst = sev; }
      });
      m.classList.remove("s-error", "s-warning", "s-info");
      m.classList.toggle("off", worst === null);
      if (worst) { m.classList.add("s-" + worst); }
    });
  }

  function apply() {
    var s = state();
    var data = index();
    var sevOk = data.severities.map(function (sev) { return s.severity.indexOf(sev) >= 0; });
    var ruleOk = data.rules.map(function (r) {
      return s.category.indexOf(data.categories[r[1]]) >= 0 && (s.rule === "" || r[0] === s.rule);
    });
    var filtering = findingFilterActive(s);
    var articles = 0, shownArticles = 0, findings = 0, shownFindings = 0;
    $$("#articles tbody tr").forEach(function (tr) {
      var list = data.docs[tr.dataset.doc] || [];
      var shown = 0;
      for (var i = 0; i < list.length; i++) { if (sevOk[list[i][0]] && ruleOk[list[i][1]]) { shown += 1; } }
      var cell = tr.querySelector(".match");
      cell.textContent = shown;
      cell.dataset.v = shown;
      var ok = (s.verdict === "" || tr.dataset.verdict === s.verdict) &&
        (s.search === "" || tr.dataset.search.indexOf(s.search) >= 0) && (!filtering || shown > 0);
      tr.hidden = !ok;
      document.getElementById(tr.dataset.doc).hidden = !ok;
      articles += 1;
      findings += list.length;
      if (ok) { shownArticles += 1; shownFindings += shown; }
    });
    $$("article.doc.ready").forEach(function (doc) { refresh(doc, s); });
    $$(".card[data-set-verdict]").forEach(function (c) {
      var v = c.dataset.setVerdict;
      c.classList.toggle("active", v === "all" ? false : v === s.verdict);
    });
    var status = document.getElementById("status");
    // Same sentence as html.status_text().
    status.textContent = "Showing " + shownFindings + " of " + findings + " problem" + (findings === 1 ? "" : "s") +
      " in " + shownArticles + " of " + articles + " article" + (articles === 1 ? "" : "s") + ".";
    status.dataset.shownFindings = shownFindings;
    status.dataset.shownArticles = shownArticles;
  }

  /* Turn an article's <noscript> body into elements (once), under the filters `s` (default: current). */
  function materialize(details, s) {
    var body = details.querySelector("noscript.body");
    if (!body) { return; }
    var holder = document.createElement("div");
    holder.className = "body";
    holder.innerHTML = body.textContent;
    body.parentNode.replaceChild(holder, body);
    var doc = details.closest("article.doc");
    doc.classList.add("ready");
    refresh(doc, s || state());
  }

  /* Open many articles a batch at a time, so the page stays responsive while a
     thousand of them are built; document.body.dataset.expanded is "done" at the end. */
  var BATCH = 50;
  function expandAll(list) {
    var s = state(), i = 0, token = {};
    expandAll.current = token;
    document.body.dataset.expanded = "working";
    (function step() {
      if (expandAll.current !== token) { return; }  // "Collapse all" or a new "Expand all" took over
      var end = Math.min(i + BATCH, list.length);
      for (; i < end; i++) { materialize(list[i], s); list[i].open = true; }
      if (i < list.length) { setTimeout(step, 0); } else { document.body.dataset.expanded = "done"; }
    }());
  }

  function open(details) {
    materialize(details);
    details.open = true;
  }

  function sortBy(th) {
    var table = th.closest("table");
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.dataset.sort === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    $$("th[aria-sort]", table).forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].dataset.v, y = b.cells[index].dataset.v;
      var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return ascending ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function only(kind, value) {
    $$('input[data-filter="' + kind + '"]').forEach(function (i) { i.checked = i.value === value; });
  }

  function reset() {
    $$('input[type="checkbox"][data-filter]').forEach(function (i) { i.checked = true; });
    document.getElementById("rule-filter").value = "";
    document.getElementById("verdict-filter").value = "";
    document.getElementById("search").value = "";
  }

  function reveal() {
    var target = document.getElementById("filters");
    if (target) { target.scrollIntoView({ block: "start" }); }
  }

  /* The article holding an id: "a3" or a line of it, "a3-L12". */
  function articleFor(id) {
    var match = /^(a\d+)(-L\d+)?$/.exec(id || "");
    var doc = match && document.getElementById(match[1]);
    return doc && doc.tagName === "ARTICLE" ? doc : null;
  }

  function goTo(id) {
    var doc = articleFor(id);
    if (!doc) { return false; }
    open(doc.querySelector("details"));
    var target = document.getElementById(id) || doc;
    target.scrollIntoView({ block: "start" });
    return true;
  }

  document.addEventListener("change", function (ev) { if (ev.target.dataset.filter) { apply(); } });
  document.addEventListener("input", function (ev) { if (ev.target.id === "search") { apply(); } });
  // Opening an article by its summary (mouse or keyboard): the toggle event comes after.
  document.addEventListener("toggle", function (ev) {
    if (ev.target.tagName === "DETAILS" && ev.target.open) { materialize(ev.target); }
  }, true);
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var th = t.closest("th[data-sort]");
    if (th) { sortBy(th); return; }
    if (t.id === "reset") { reset(); apply(); return; }
    if (t.id === "expand") { expandAll($$("article.doc:not([hidden]) > details")); return; }
    if (t.id === "collapse") {
      expandAll.current = null;
      $$("article.doc > details[open]").forEach(function (d) { d.open = false; });
      document.body.dataset.expanded = "";
      return;
    }
    var card = t.closest("[data-set-verdict]");
    if (card) {
      var v = card.dataset.setVerdict;
      var select = document.getElementById("verdict-filter");
      select.value = (v === "all" || select.value === v) ? "" : v;
      apply(); reveal(); return;
    }
    var cat = t.closest("[data-set-category]");
    if (cat && Number(cat.dataset.categoryTotal) > 0) { only("category", cat.dataset.setCategory); apply(); reveal(); return; }
    var rule = t.closest("[data-set-rule]");
    if (rule) { document.getElementById("rule-filter").value = rule.dataset.setRule; apply(); reveal(); return; }
    var link = t.closest('a[href^="#"]');
    if (link) {
      var id = link.getAttribute("href").slice(1);
      if (goTo(id)) { ev.preventDefault(); history.replaceState(null, "", "#" + id); }
    }
  });
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches("[role=button]")) { ev.preventDefault(); ev.target.click(); }
  });
  function focus(ev, on) {
    var el = ev.target.closest && ev.target.closest(".note, mark.hl");
    if (!el) { return; }
    var doc = el.closest("article.doc") || document;
    el.dataset.f.split(" ").forEach(function (id) {
      $$('[data-f~="' + id + '"]', doc).forEach(function (x) { x.classList.toggle("focus", on); });
    });
  }
  document.addEventListener("mouseover", function (ev) { focus(ev, true); });
  document.addEventListener("mouseout", function (ev) { focus(ev, false); });
  // Printing shows every article in full.
  window.addEventListener("beforeprint", function () {
    var s = state();
    $$("article.doc > details").forEach(function (d) { materialize(d, s); });
  });
  // A link to an article or a line (report.html#a3-L12) opens the article it is in.
  window.addEventListener("hashchange", function () { goTo(decodeURIComponent(location.hash.slice(1))); });
  goTo(decodeURIComponent(location.hash.slice(1)));
}());

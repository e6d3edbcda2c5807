/* contentlint report: sorting, filtering and highlighting. Everything shown is
   already in the page; this script only hides, shows and reorders it. The page
   arrives in its unfiltered state (counts and status rendered by the server),
   so nothing runs at load but the opening of a linked article: a report of
   1,000 articles opens as fast as the browser can parse it. */
(function () {
  "use strict";
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var RANK = { error: 0, warning: 1, info: 2 };

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

  function apply() {
    var s = state();
    var visible = {};
    $$(".note").forEach(function (el) {
      var ok = matches(el, s);
      el.hidden = !ok;
      if (ok) { visible[el.dataset.f] = el.dataset.severity; }
    });
    $$("mark.hl").forEach(function (m) {
      var worst = null;
      m.dataset.f.split(" ").forEach(function (id) {
        var sev = visible[id];
        if (sev && (worst === null || RANK[sev] < RANK[worst])) { worst = sev; }
      });
      m.classList.remove("s-error", "s-warning", "s-info");
      m.classList.toggle("off", worst === null);
      if (worst) { m.classList.add("s-" + worst); }
    });
    var filtering = findingFilterActive(s);
    var articles = 0, shownArticles = 0, findings = 0, shownFindings = 0;
    $$("#articles tbody tr").forEach(function (tr) {
      var doc = document.getElementById(tr.dataset.doc);
      var notes = $$(".note", doc);
      var shown = notes.filter(function (n) { return !n.hidden; }).length;
      var cell = tr.querySelector(".match");
      cell.textContent = shown;
      cell.dataset.v = shown;
      var ok = (s.verdict === "" || tr.dataset.verdict === s.verdict) &&
        (s.search === "" || tr.dataset.search.indexOf(s.search) >= 0) && (!filtering || shown > 0);
      tr.hidden = !ok;
      doc.hidden = !ok;
      articles += 1;
      findings += notes.length;
      if (ok) { shownArticles += 1; shownFindings += shown; }
    });
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

  document.addEventListener("change", function (ev) { if (ev.target.dataset.filter) { apply(); } });
  document.addEventListener("input", function (ev) { if (ev.target.id === "search") { apply(); } });
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var th = t.closest("th[data-sort]");
    if (th) { sortBy(th); return; }
    if (t.id === "reset") { reset(); apply(); return; }
    if (t.id === "expand" || t.id === "collapse") {
      $$("article.doc:not([hidden]) > details").forEach(function (d) { d.open = t.id === "expand"; });
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
      var target = document.getElementById(link.getAttribute("href").slice(1));
      var details = target && target.closest("details");
      if (details) { details.open = true; }
      if (target && target.tagName === "ARTICLE") { target.querySelector("details").open = true; }
    }
  });
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches("[role=button]")) { ev.preventDefault(); ev.target.click(); }
  });
  function focus(ev, on) {
    var el = ev.target.closest && ev.target.closest(".note, mark.hl");
    if (!el) { return; }
    el.dataset.f.split(" ").forEach(function (id) {
      $$('[data-f~="' + id + '"]').forEach(function (x) { x.classList.toggle("focus", on); });
    });
  }
  document.addEventListener("mouseover", function (ev) { focus(ev, true); });
  document.addEventListener("mouseout", function (ev) { focus(ev, false); });
  // A link to an article or a line (report.html#a3-L12) opens the article it is in.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var details = target.tagName === "ARTICLE" ? target.querySelector("details") : target.closest("details");
    if (details && !details.open) { details.open = true; target.scrollIntoView({ block: "start" }); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
}());

/* techpick site: tick technologies, then see them side by side.
 *
 * On Find and on the role pages each technology gets a checkbox; the ticked
 * ones (2 to 5, kept for the browser tab) open compare/?ids=a,b,c. That page
 * reads compare.json, which `techpick site build` writes with the values
 * `techpick compare` prints (compare.site_data): the page only lays them out,
 * the rows where the technologies differ first. Catalog text reaches the page
 * through textContent only.
 */
(function () {
  "use strict";

  const KEY = "techpick.compare";
  const MAX = 5;
  const SCRIPT = document.currentScript ? document.currentScript.src : location.href;
  const DATA_URL = new URL("../compare.json", SCRIPT);
  const PAGE_URL = new URL("../compare/", SCRIPT);
  const TECH_URL = new URL("../tech/", SCRIPT);
  const MARK = { native: "●", extension: "◑", partial: "◔" };

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function chosen() {
    try {
      const ids = JSON.parse(sessionStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function save(ids) {
    try { sessionStorage.setItem(KEY, JSON.stringify(ids)); } catch (e) { /* private mode: the bar still works */ }
    showBar(ids);
  }

  function compareUrl(ids) {
    const url = new URL(PAGE_URL);
    url.searchParams.set("ids", ids.join(","));
    return url.href;
  }

  /* ---- ticking, on Find and the role pages -------------------------------- */
  function checkbox(id, name) {
    const input = el("input", { type: "checkbox", class: "tp-pick", "aria-label": "Compare " + name });
    input.dataset.id = id;
    input.checked = chosen().includes(id);
    input.addEventListener("change", function () {
      let ids = chosen().filter(function (x) { return x !== id; });
      if (input.checked) {
        if (ids.length >= MAX) { input.checked = false; showBar(ids, "Compare at most " + MAX + " at once."); return; }
        ids.push(id);
      }
      save(ids);
    });
    return input;
  }

  function techId(href) {
    const path = new URL(href, location.href).pathname;
    const base = TECH_URL.pathname;
    if (!path.startsWith(base)) return null;
    const id = path.slice(base.length).replace(/\/(index\.html)?$/, "");
    return /^[a-z0-9][a-z0-9.+-]*$/.test(id) ? id : null;
  }

  function decorate(root) {
    for (const card of root.querySelectorAll("li.tp-card[data-id] > h3")) {
      if (card.querySelector("input.tp-pick")) continue;
      const id = card.parentElement.dataset.id;
      card.prepend(checkbox(id, card.textContent.trim()));
    }
    if (!/\/roles\//.test(location.pathname)) return;
    for (const link of root.querySelectorAll("article table td:first-child > a[href]")) {
      const cell = link.parentElement;
      const id = techId(link.href);
      if (!id || cell.querySelector("input.tp-pick")) continue;
      cell.prepend(checkbox(id, link.textContent.trim()));
    }
  }

  function showBar(ids, message) {
    let bar = document.getElementById("tp-compare-bar");
    if (!bar) {
      bar = el("div", { id: "tp-compare-bar", class: "tp-compare-bar", role: "status" });
      document.body.append(bar);
    }
    bar.replaceChildren();
    bar.hidden = ids.length === 0 && !message;
    if (message) bar.append(el("span", { text: message + " " }));
    if (ids.length === 1) bar.append(el("span", { text: "Tick one more to compare. " }));
    if (ids.length >= 2) bar.append(el("a", { class: "md-button md-button--primary", href: compareUrl(ids),
                                             text: "Compare " + ids.length }));
    if (ids.length) {
      const clear = el("button", { type: "button", class: "md-button", text: "Clear" });
      clear.addEventListener("click", function () {
        for (const box of document.querySelectorAll("input.tp-pick")) box.checked = false;
        save([]);
      });
      bar.append(clear);
    }
    // room under the page as tall as the bar, so that scrolled to the end it covers no card or row
    document.body.style.paddingBottom = bar.hidden ? "" : (bar.offsetHeight + 16) + "px";
  }

  /* ---- the compare page --------------------------------------------------- */
  function differs(values) {
    return new Set(values).size > 1;
  }

  function renderCompare(root, data) {
    const asked = (new URLSearchParams(location.search).get("ids") || "").split(",").map(function (s) {
      return s.trim();
    }).filter(Boolean);
    const ids = asked.filter(function (id, i) { return data.technologies[id] && asked.indexOf(id) === i; });
    const unknown = asked.filter(function (id) { return !data.technologies[id]; });
    root.replaceChildren();
    if (unknown.length) root.append(el("p", { class: "tp-warning", text: "Not in the catalog: " + unknown.join(", ") + "." }));
    if (ids.length < 2) {
      root.append(el("p", { text: "Name two to five technologies: tick them on Find or a role page." }));
      return;
    }
    const techs = ids.slice(0, MAX).map(function (id) { return Object.assign({ id: id }, data.technologies[id]); });
    try { sessionStorage.setItem(KEY, JSON.stringify(techs.map(function (t) { return t.id; }))); } catch (e) { /* */ }
    const rows = data.dimensions.map(function (dimension, i) {
      return { label: dimension, values: techs.map(function (t) { return t.values[i]; }) };
    });
    const caps = Array.from(new Set([].concat.apply([], techs.map(function (t) { return Object.keys(t.capabilities); }))))
      .sort().map(function (cap) {
        return { label: cap, values: techs.map(function (t) { return t.capabilities[cap] || "–"; }), cap: true };
      });
    const ordered = rows.filter(function (r) { return differs(r.values); })
      .concat(caps.filter(function (r) { return differs(r.values); }));
    const same = rows.filter(function (r) { return !differs(r.values); })
      .concat(caps.filter(function (r) { return !differs(r.values); }));

    function cell(row, value) {
      if (!row.cap || !MARK[value]) return el("td", { text: value });
      return el("td", {}, [el("span", { class: "tp-level tp-level--" + value, title: value, text: MARK[value] }),
        document.createTextNode(" " + value)]);
    }
    const head = el("tr", {}, [el("th", { scope: "col", text: "" })].concat(techs.map(function (t) {
      const link = el("a", { href: new URL(t.id + "/", TECH_URL).href, text: t.name });
      return el("th", { scope: "col" }, [link, t.state === "active" ? null :
        el("span", { class: "tp-badge tp-badge--" + t.state, text: t.state })]);
    })));
    const body = el("tbody");
    function section(title, list) {
      if (!list.length) return;
      body.append(el("tr", { class: "tp-compare-section" }, [el("th", { scope: "rowgroup", colspan: String(techs.length + 1), text: title })]));
      for (const row of list) {
        body.append(el("tr", { class: differs(row.values) ? "tp-differs" : "" },
          [el("th", { scope: "row", text: row.label })].concat(row.values.map(function (v) { return cell(row, v); }))));
      }
    }
    section("Where they differ", ordered);
    section("The same for all", same);
    const table = el("table", { class: "tp-compare-table" }, [el("thead", {}, [head]), body]);
    root.append(el("p", { text: "Shareable link: " }, [el("a", { href: location.href, text: "this page" })]));
    root.append(el("div", { class: "tp-compare-scroll" }, [table]));

    const cards = el("div", { class: "tp-compare-cards" }, techs.map(function (t, i) {
      const list = el("dl");
      for (const row of ordered.concat(same)) {
        list.append(el("dt", { text: row.label }), el("dd", { text: row.values[i] }));
      }
      return el("section", { class: "tp-compare-card" }, [el("h2", {}, [el("a", { href: new URL(t.id + "/", TECH_URL).href, text: t.name })]), list]);
    }));
    root.append(cards);
  }

  function start() {
    const root = document.getElementById("tp-compare");
    if (root) {
      fetch(DATA_URL).then(function (r) {
        if (!r.ok) throw new Error("compare.json: HTTP " + r.status);
        return r.json();
      }).then(function (data) { renderCompare(root, data); }).catch(function (e) {
        root.replaceChildren(el("p", { class: "tp-warning", text: "Could not load the comparison: " + e.message }));
      });
      return;
    }
    const find = document.getElementById("tp-find");
    if (!find && !/\/roles\//.test(location.pathname)) return;
    decorate(document);
    if (find) new MutationObserver(function () { decorate(find); }).observe(find, { childList: true, subtree: true });
    showBar(chosen());
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* techpick site: tables a reader can sort, and that say when they scroll.
 *
 * Every table inside a `tp-wide` box (role pages, the capability matrix;
 * src/techpick/site_tables.py) gets a sort button in each column heading:
 * a first press sorts ascending, the next reverses, and the heading carries
 * aria-sort. A cell that holds <data value="..."> sorts by that number (a
 * latency, a volume, a place on a judgement scale); other cells sort by
 * their words, numbers inside words in numeric order. Cells without a
 * value ("–") stay last either way. When the table is wider than its box,
 * a hint under the heading says so, on a phone too. On the capability
 * matrix a form hides the rows outside a role or area and the columns whose
 * capability lacks the typed words (the choice is kept in the address).
 * Nothing here reads catalog text into markup: rows move or hide, never
 * rebuilt.
 */
(function () {
  "use strict";

  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

  function valueOf(cell) {
    const data = cell && cell.querySelector("data[value]");
    if (!data) return null;
    const number = Number(data.value);
    return Number.isFinite(number) ? number : null;
  }

  function wordsOf(cell) {
    const words = cell ? cell.textContent.trim() : "";
    return words === "–" || words === "" ? null : words;
  }

  function compareCells(a, b) {
    const va = valueOf(a), vb = valueOf(b);
    if (va !== null && vb !== null) return va - vb;
    if (va !== null || vb !== null) return null;  // one has a value, the other none: decided by the caller
    const wa = wordsOf(a), wb = wordsOf(b);
    if (wa !== null && wb !== null) return collator.compare(wa, wb);
    return wa === null && wb === null ? 0 : null;
  }

  function missing(cell) {
    return valueOf(cell) === null && wordsOf(cell) === null;
  }

  function sortTable(table, column, direction) {
    const body = table.tBodies[0];
    if (!body) return;
    const rows = Array.from(body.rows);
    rows.forEach(function (row, i) { if (row.dataset.tpOrder === undefined) row.dataset.tpOrder = String(i); });
    const sign = direction === "ascending" ? 1 : -1;
    rows.sort(function (ra, rb) {
      const a = ra.cells[column], b = rb.cells[column];
      const ma = missing(a), mb = missing(b);
      if (ma !== mb) return ma ? 1 : -1;  // empty cells last, whichever the direction
      let order = compareCells(a, b);
      if (order === null) order = valueOf(a) !== null ? -1 : 1;  // a value before plain words
      return sign * order || Number(ra.dataset.tpOrder) - Number(rb.dataset.tpOrder);
    });
    body.append.apply(body, rows);
  }

  function label(th) {
    return th.textContent.trim() || "this column";
  }

  function makeSortable(table) {
    if (table.dataset.tpSortable) return;
    table.dataset.tpSortable = "1";
    const head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    Array.from(head.cells).forEach(function (th, column) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "tp-sort";
      const arrow = document.createElement("span");
      arrow.className = "tp-sort__arrow";
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = "↕";
      if (th.querySelector("a")) {
        // a heading that links (a capability) keeps its link; the button sits beside it
        button.setAttribute("aria-label", "Sort by " + label(th));
        button.append(arrow);
        th.append(button);
      } else {
        button.append.apply(button, Array.from(th.childNodes));
        button.append(arrow);
        th.append(button);
      }
      button.addEventListener("click", function () {
        const direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        for (const other of head.cells) {
          other.removeAttribute("aria-sort");
          const mark = other.querySelector(".tp-sort__arrow");
          if (mark) mark.textContent = "↕";
        }
        th.setAttribute("aria-sort", direction);
        arrow.textContent = direction === "ascending" ? "▲" : "▼";
        sortTable(table, column, direction);
      });
    });
  }

  /* ---- the scroll hint ---------------------------------------------------- */
  function watchWidth(box, table) {
    let hint = box.querySelector(":scope > .tp-scroll-hint");
    if (!hint) {
      hint = document.createElement("p");
      hint.className = "tp-scroll-hint";
      hint.hidden = true;
      box.prepend(hint);
    }
    function update() {
      const hidden = table.scrollWidth - table.clientWidth;
      const wide = hidden > 1;
      hint.hidden = !wide;
      box.classList.toggle("tp-wide--scrolls", wide);
      box.classList.toggle("tp-wide--more", wide && table.scrollLeft < hidden - 1);
      if (wide) {
        const columns = table.tHead ? table.tHead.rows[0].cells.length : 0;
        hint.textContent = "Wider than the page: scroll the table sideways to see all " + columns +
          " columns →";
      }
    }
    table.addEventListener("scroll", update, { passive: true });
    if (window.ResizeObserver) new ResizeObserver(update).observe(table);
    window.addEventListener("resize", update);
    update();
  }

  /* ---- the capability matrix: rows by role or area, columns by words ---------- */
  function matrixFilter(box) {
    const form = document.getElementById("tp-matrix-filter");
    const count = document.getElementById("tp-matrix-count");
    const table = box.querySelector("table");
    if (!form || !table || form.dataset.tpWired) return;
    form.dataset.tpWired = "1";
    const role = form.elements.role, cap = form.elements.cap;
    const params = new URLSearchParams(location.hash.slice(1));
    role.value = params.get("role") || "";
    if (role.selectedIndex < 0) role.value = "";
    cap.value = params.get("cap") || "";
    const heads = Array.from(table.tHead.rows[0].cells).slice(1);
    const meanings = heads.map(function (th) {
      return (th.dataset.cap + " " + th.dataset.cap.replace(/-/g, " ") + " " + (th.title || "")).toLowerCase();
    });

    function render() {
      const words = cap.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const columns = meanings.map(function (text) {
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      });
      const [kind, name] = role.value.split(":");
      const body = Array.from(table.tBodies[0].rows);
      const shownRows = body.filter(function (row) {
        let show = !kind || (kind === "area" ? row.dataset.area === name
          : row.dataset.roles.split(" ").indexOf(name) >= 0);
        if (show && words.length) {
          show = columns.some(function (on, i) { return on && row.cells[i + 1].childElementCount > 0; });
        }
        row.hidden = !show;
        return show;
      });
      if (kind) {  // within a role or area, only the capabilities one of its technologies offers
        columns.forEach(function (on, i) {
          columns[i] = on && shownRows.some(function (row) { return row.cells[i + 1].childElementCount > 0; });
        });
      }
      const rows = shownRows.length;
      for (const row of body) columns.forEach(function (on, i) { row.cells[i + 1].hidden = !on; });
      heads.forEach(function (th, i) { th.hidden = !columns[i]; });
      const shown = columns.filter(Boolean).length;
      count.textContent = rows + " technologies × " + shown + " capabilities";
      const hash = new URLSearchParams();
      if (role.value) hash.set("role", role.value);
      if (cap.value.trim()) hash.set("cap", cap.value.trim());
      history.replaceState(null, "", hash.toString() ? "#" + hash : location.pathname + location.search);
      table.dispatchEvent(new Event("scroll"));  // the scroll hint follows the new width
    }

    role.addEventListener("change", render);
    cap.addEventListener("input", render);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    render();
  }

  function start() {
    // a radar wider than a phone opens on its centre, where the adopt ring is
    for (const radar of document.querySelectorAll(".tp-radar")) {
      radar.scrollLeft = (radar.scrollWidth - radar.clientWidth) / 2;
    }
    for (const box of document.querySelectorAll(".tp-wide")) {
      const table = box.querySelector("table");
      if (!table) continue;
      makeSortable(table);
      watchWidth(box, table);
      if (box.id === "tp-matrix") matrixFilter(box);
    }
  }

  window.techpickTables = { sortTable: sortTable };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

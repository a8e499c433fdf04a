/* techpick site: the Find page.
 *
 * Find filters index.json, which `techpick site build` writes from the
 * catalog's graph (src/techpick/sitegen.py, index_data), by plain facts:
 * role, data model, licence, hosting, cloud and status. It ranks nothing:
 * ranking is the Recommend page's, which runs techpick's own Python engine
 * (recommend.mjs). Catalog text only ever reaches the page through
 * textContent or DOM properties, never innerHTML, so markup in the catalog
 * shows as text.
 */
(function () {
  "use strict";

  const SCRIPT = document.currentScript ? document.currentScript.src : location.href;
  const INDEX_URL = new URL("../index.json", SCRIPT);
  let indexPromise = null;

  function loadIndex() {
    if (!indexPromise) {
      indexPromise = fetch(INDEX_URL).then(function (r) {
        if (!r.ok) throw new Error("index.json: HTTP " + r.status);
        return r.json();
      });
    }
    return indexPromise;
  }

  /* ---- DOM helpers: text only ------------------------------------------ */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function words(value) {
    const text = String(value).replace(/-/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function techLink(tech) {
    const a = el("a", { text: tech.name });
    a.href = new URL(tech.url, INDEX_URL).href;
    return a;
  }

  function badge(tech) {
    if (tech.state === "active") return null;
    return el("span", { class: "tp-badge tp-badge--" + tech.state, text: tech.state });
  }

  function field(label, control) {
    return el("label", { class: "tp-field" }, [el("span", { text: label }), control]);
  }

  function select(name, options, value) {
    const node = el("select", { name: name });
    for (const option of options) {
      if (option.group) {
        const group = el("optgroup", { label: option.group });
        for (const inner of option.options) group.appendChild(el("option", { value: inner.value, text: inner.label }));
        node.appendChild(group);
      } else {
        node.appendChild(el("option", { value: option.value, text: option.label }));
      }
    }
    node.value = value || "";
    return node;
  }

  function roleOptions(vocab, anyLabel) {
    const options = [{ value: "", label: anyLabel }];
    for (const area of Object.keys(vocab.areas)) {
      const roles = Object.keys(vocab.roles).filter(function (r) { return vocab.roles[r].area === area; });
      options.push({ group: words(area), options: roles.map(function (r) { return { value: r, label: words(r) }; }) });
    }
    return options;
  }

  function firstSentence(text) {
    const match = /^.*?[.!?](\s|$)/.exec(text);
    return match ? match[0].trim() : text;
  }

  /* ---- Find ------------------------------------------------------------ */
  const FILTERS = ["q", "role", "data_model", "license", "hosting", "cloud", "status"];

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    const state = {};
    for (const key of FILTERS) state[key] = params.get(key) || "";
    return state;
  }

  function writeHash(state) {
    const params = new URLSearchParams();
    for (const key of FILTERS) if (state[key]) params.set(key, state[key]);
    const hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  function matches(tech, state) {
    if (state.role && tech.roles.indexOf(state.role) < 0) return false;
    if (state.data_model && tech.data_models.indexOf(state.data_model) < 0) return false;
    if (state.license === "open-source" && !tech.open_source) return false;
    if (state.license === "permissive" && !tech.permissive) return false;
    if (state.hosting === "self-hosted" && !tech.self_hosted) return false;
    if (state.hosting === "managed" && tech.clouds.length === 0) return false;
    if (state.hosting === "embedded" && !tech.embedded) return false;
    if (state.cloud && tech.clouds.indexOf(state.cloud) < 0) return false;
    if (state.status === "active" && tech.state !== "active") return false;
    if (state.status === "current" && (tech.state === "retired" || tech.state === "archived")) return false;
    if (state.q) {
      const hay = [tech.id, tech.name].concat(tech.aliases, tech.description).join(" ").toLowerCase();
      for (const word of state.q.toLowerCase().split(/\s+/)) if (word && hay.indexOf(word) < 0) return false;
    }
    return true;
  }

  function card(tech) {
    const meta = [tech.roles.map(words).join(", ")];
    if (tech.data_models.length) meta.push(tech.data_models.join(", "));
    const hosting = [];
    if (tech.self_hosted) hosting.push("self-hosted");
    if (tech.embedded) hosting.push("embedded");
    if (tech.clouds.length) hosting.push("managed on " + tech.clouds.join(", "));
    return el("li", { class: "tp-card", dataset: { id: tech.id } }, [
      el("h3", {}, [techLink(tech), badge(tech)]),
      el("p", { class: "tp-meta", text: meta.join(" · ") }),
      el("p", { class: "tp-meta", text: tech.license + (tech.open_source ? " (open source)" : "") + " · " + hosting.join(", ") }),
      el("p", { text: firstSentence(tech.description) }),
    ]);
  }

  function initFind(root, index) {
    const vocab = index.vocabulary;
    const state = readHash();
    const controls = {
      q: el("input", { name: "q", type: "search", placeholder: "name or word" }),
      role: select("role", roleOptions(vocab, "any role"), state.role),
      data_model: select("data_model", [{ value: "", label: "any data model" }].concat(
        Object.keys(vocab.data_models).map(function (m) { return { value: m, label: words(m) }; })), state.data_model),
      license: select("license", [{ value: "", label: "any licence" }, { value: "open-source", label: "open source" },
        { value: "permissive", label: "permissive open source" }], state.license),
      hosting: select("hosting", [{ value: "", label: "any hosting" }, { value: "self-hosted", label: "self-hosted" },
        { value: "managed", label: "managed service" }, { value: "embedded", label: "embedded library" }], state.hosting),
      cloud: select("cloud", [{ value: "", label: "any cloud" }].concat(
        Object.keys(vocab.clouds).map(function (c) { return { value: c, label: vocab.clouds[c] }; })), state.cloud),
      status: select("status", [{ value: "", label: "any status" },
        { value: "current", label: "hide retired and archived" }, { value: "active", label: "actively developed only" }],
        state.status),
    };
    controls.q.value = state.q;
    const labels = { q: "Text", role: "Role", data_model: "Data model", license: "Licence", hosting: "Hosting",
      cloud: "Managed on cloud", status: "Status" };
    const form = el("form", { class: "tp-controls", onsubmit: function (e) { e.preventDefault(); } },
      FILTERS.map(function (key) { return field(labels[key], controls[key]); }));
    const count = el("p", { class: "tp-count", id: "tp-find-count", "aria-live": "polite" });
    const list = el("ul", { class: "tp-results", id: "tp-find-results" });
    const reset = el("a", { class: "tp-reset", href: "#", text: "clear all", onclick: function (e) {
      e.preventDefault();
      for (const key of FILTERS) controls[key].value = "";
      render();
    } });

    function render() {
      const current = {};
      for (const key of FILTERS) current[key] = controls[key].value.trim();
      writeHash(current);
      const found = index.technologies.filter(function (t) { return matches(t, current); });
      list.replaceChildren.apply(list, found.map(card));
      count.replaceChildren(found.length + " of " + index.technologies.length + " technologies", reset);
    }

    for (const key of FILTERS) controls[key].addEventListener(key === "q" ? "input" : "change", render);
    root.replaceChildren(form, count, list);
    render();
  }
  /* ---- start ----------------------------------------------------------- */
  function start() {
    const find = document.getElementById("tp-find");
    if (!find) return;
    loadIndex().then(function (index) {
      initFind(find, index);
    }).catch(function (err) {
      find.replaceChildren(el("p", { class: "tp-fail", text: "Could not load the catalog index: " + err.message }));
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* techpick site: the Find and Recommend pages.
 *
 * Both read index.json, which `techpick site build` writes from the catalog.
 * Catalog text only ever reaches the page through textContent or DOM
 * properties, never innerHTML, so markup in the catalog shows as text.
 * The ranking on the Recommend page mirrors src/techpick/recommend.py
 * (hard requirements exactly; the soft terms without stacks and radar).
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

  /* ---- units, as in src/techpick/units.py ------------------------------ */
  const LATENCY = { us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, min: 60, h: 3600, d: 86400 };
  const VOLUME = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };
  const COUNT = { "": 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 };
  const PER = { s: 1, min: 60, h: 3600, d: 86400 };
  const NUMBER = "([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)";

  function parseLatency(text) {
    const m = new RegExp("^" + NUMBER + "\\s*([a-zµ]+)$").exec(text.trim());
    if (!m || !(m[2] in LATENCY)) throw new Error("a number and a unit (us, ms, s, min, h, d), e.g. 5ms");
    return parseFloat(m[1]) * LATENCY[m[2]];
  }
  function parseVolume(text) {
    const m = new RegExp("^" + NUMBER + "\\s*([A-Za-z]+)$").exec(text.trim());
    if (!m || !(m[2].toUpperCase() in VOLUME)) throw new Error("a number and a unit (B, KB, MB, GB, TB, PB), e.g. 3TB");
    return parseFloat(m[1]) * VOLUME[m[2].toUpperCase()];
  }
  function parseThroughput(text) {
    const m = new RegExp("^" + NUMBER + "\\s*([kKMG]?)\\s*/\\s*([a-z]+)$").exec(text.trim());
    if (!m || !(m[3] in PER)) throw new Error("a count (k, M, G allowed) per s, min, h or d, e.g. 20k/s");
    return parseFloat(m[1]) * COUNT[m[2]] / PER[m[3]];
  }
  function short(n) {
    return n >= 1000 ? n.toFixed(0) : String(Number(n.toPrecision(3)));
  }
  function fmtLatency(s) {
    for (const [unit, size] of [["d", 86400], ["h", 3600], ["min", 60], ["s", 1], ["ms", 1e-3]])
      if (s >= size) return short(s / size) + unit;
    return short(s / 1e-6) + "us";
  }
  function fmtVolume(b) {
    for (const unit of ["PB", "TB", "GB", "MB", "KB"]) if (b >= VOLUME[unit]) return short(b / VOLUME[unit]) + unit;
    return short(b) + "B";
  }
  function fmtThroughput(ps) {
    const usable = [["s", 1], ["min", 60], ["h", 3600], ["d", 86400]]
      .map(function (u) { return [u[0], ps * u[1]]; }).filter(function (u) { return u[1] >= 1; });
    const whole = usable.filter(function (u) { return Math.abs(u[1] - Math.round(u[1])) <= 1e-6 * u[1]; });
    const pick = (whole.length ? whole : usable.length ? usable : [["d", ps * 86400]])[0];
    for (const [suffix, scale] of [["G", 1e9], ["M", 1e6], ["k", 1e3]])
      if (pick[1] >= scale) return short(pick[1] / scale) + suffix + "/" + pick[0];
    return short(pick[1]) + "/" + pick[0];
  }

  /* ---- ranking, as in src/techpick/recommend.py ------------------------ */
  const LEVEL_VALUE = { native: 1.0, extension: 0.7, partial: 0.55 };
  const SECOND_PICK_GAP = 0.2;
  const SKILL_FAMILIES = { java: "jvm", scala: "jvm", kotlin: "jvm", clojure: "jvm", groovy: "jvm",
    typescript: "javascript", node: "javascript", elixir: "erlang", "c++": "cpp", "c#": "dotnet" };

  function decades(a, b) { return Math.abs(Math.log10(Math.max(a, 1e-12) / Math.max(b, 1e-12))); }
  function round(x, digits) { const f = Math.pow(10, digits); return Math.round(x * f) / f; }
  function skillSet(values) {
    const out = new Set();
    for (const v of values) { out.add(v); out.add(SKILL_FAMILIES[v] || v); }
    return out;
  }

  function hardFailures(t, need, rules, ctx) {
    const caps = t.capabilities;
    const fails = [];
    if (need.data_model && t.data_models.indexOf(need.data_model) < 0)
      fails.push("does not hold " + need.data_model + " data (its models: " + (t.data_models.join(", ") || "none") + ")");
    const missing = Array.from(new Set(need.access.concat(need.features))).filter(function (c) { return !(c in caps); }).sort();
    if (missing.length) fails.push("lacks " + missing.join(", "));
    if (rules.license === "open-source" && !t.open_source) fails.push("not open source (licence " + t.license + ")");
    if (rules.license === "permissive" && !t.permissive) fails.push("licence " + t.license + " is not permissive");
    const clouds = t.clouds;
    const hosting = rules.hosting || "any";
    if (hosting === "self-hosted" && !t.self_hosted) fails.push("cannot be self-hosted (managed service only)");
    if (hosting === "managed" && !clouds.length) fails.push("no managed offer");
    if (rules.cloud) {
      const onCloud = clouds.indexOf(rules.cloud) >= 0;
      if (hosting === "managed" || need.role === "cloud") {
        if (!onCloud) fails.push("no managed offer on " + rules.cloud);
      } else if (!onCloud && !t.self_hosted) fails.push("not available on " + rules.cloud);
    }
    if (need.embedded && !t.embedded) fails.push("cannot run inside the application process");
    if (need.persistence && t.durability === "none") fails.push("keeps data in memory only; it is lost on restart");
    if (need.consistency === "strong" && t.consistency === "eventual") fails.push("only eventually consistent");
    if (need.availability === "high" && t.high_availability === "none") fails.push("no replication with automatic failover");
    if (need.volume !== null) {
      if (t.volume_max === null) fails.push("holds no data of its own");
      else if (need.volume > t.volume_max)
        fails.push(fmtVolume(need.volume) + " is beyond its ceiling of " + fmtVolume(t.volume_max));
    }
    if (need.throughput !== null && t.throughput_max !== null && need.throughput > t.throughput_max)
      fails.push(fmtThroughput(need.throughput) + " is beyond its ceiling of " + fmtThroughput(t.throughput_max));
    if (need.latency !== null && t.latency_p99 !== null && need.latency < t.latency_p99)
      fails.push("p99 " + fmtLatency(need.latency) + " is faster than its best of " + fmtLatency(t.latency_p99));
    if ((t.state === "retired" || t.state === "archived") && !ctx.existing.has(t.id)) {
      fails.push(t.state + (t.state_since ? " since " + t.state_since : "") + ", not for new work" +
        (t.successor ? "; use " + t.successor + " instead" : ""));
    }
    return fails;
  }

  function sizeFit(value, low, high, what, fmt) {
    if (value === null || low === null || high === null) return [0, null, null];
    if (value >= low && value <= high)
      return [0, what + " " + fmt(value) + " sits in its sweet spot (" + fmt(low) + "-" + fmt(high) + ")", null];
    if (value < low)
      return [-Math.min(0.5, 0.06 * decades(low, value)), null,
        "built for " + fmt(low) + " and more; " + fmt(value) + " of " + what + " does not need it"];
    return [-Math.min(0.5, 0.1 * decades(value, high)), null,
      what + " " + fmt(value) + " is above its sweet spot (" + fmt(high) + "): expect tuning"];
  }

  function teamWeight(size) {
    if (!size) return 1.0;
    for (const [limit, weight] of [[2, 2.0], [5, 1.4], [10, 1.0], [30, 0.7]]) if (size <= limit) return weight;
    return 0.5;
  }

  function broughtIn(byId, id, existing) {
    const seen = new Set([id]);
    const brought = [];
    const stack = [id];
    while (stack.length) {
      const current = byId[stack.pop()];
      for (const group of current ? current.requires : []) {
        if (group.some(function (o) { return existing.has(o); })) continue;
        const pick = group.slice().sort(function (a, b) {
          return (byId[a].complexity - byId[b].complexity) || (a < b ? -1 : a > b ? 1 : 0);
        })[0];
        if (!seen.has(pick)) { seen.add(pick); brought.push(pick); stack.push(pick); }
      }
    }
    return brought.sort();
  }

  function softTerms(byId, t, need, rules, ctx) {
    const caps = t.capabilities;
    const terms = [], reasons = [], trade = [];
    const hosting = rules.hosting || "any";
    const asked = Array.from(new Set(need.access.concat(need.features)));
    if (asked.length) {
      const values = asked.map(function (c) { return LEVEL_VALUE[caps[c]]; });
      const shortfall = round(0.3 * (values.reduce(function (a, b) { return a + b; }, 0) / values.length - 1), 4);
      if (shortfall) terms.push(["required capabilities only partly served", shortfall]);
      const native = asked.filter(function (c) { return caps[c] === "native"; });
      if (native.length) reasons.push("serves " + native.join(", ") + " natively");
      for (const c of asked) if (caps[c] !== "native") {
        const note = t.capability_notes[c];
        trade.push(c + " is " + caps[c] + (note ? ": " + note : ""));
      }
    }
    if (need.prefer.length) {
      const got = need.prefer.filter(function (c) { return c in caps; });
      const value = got.reduce(function (a, c) { return a + LEVEL_VALUE[caps[c]]; }, 0) / need.prefer.length;
      terms.push(["preferred capabilities", round(0.15 * value, 4)]);
      if (got.length) reasons.push("also offers " + got.join(", "));
      const missing = need.prefer.filter(function (c) { return !(c in caps); });
      if (missing.length) trade.push("no " + missing.join(", "));
    }
    if (t.roles.length && t.roles[0] !== need.role) terms.push([need.role + " is not its main role", -0.05]);
    if (need.data_model && t.data_models.length && t.data_models[0] !== need.data_model)
      terms.push([need.data_model + " is not its main data model", -0.05]);
    for (const [value, low, high, what, fmt] of [
      [need.volume, t.volume_low, t.volume_high, "volume", fmtVolume],
      [need.throughput, t.throughput_low, t.throughput_high, "throughput", fmtThroughput]]) {
      const [score, reason, tradeoff] = sizeFit(value, low, high, what, fmt);
      if (score) terms.push([what + " outside its sweet spot", round(score, 4)]);
      if (reason) reasons.push(reason);
      if (tradeoff) trade.push(tradeoff);
    }
    if (need.latency !== null && t.latency_p99 !== null) {
      reasons.push("p99 target " + fmtLatency(need.latency) + " is within its best of " + fmtLatency(t.latency_p99));
      if (decades(need.latency, t.latency_p99) < 0.3) terms.push(["little latency headroom", -0.03]);
    }
    if (need.availability === "high") {
      if (t.high_availability === "native") reasons.push("replicates with automatic failover");
      else {
        terms.push(["high availability is " + t.high_availability, -0.06]);
        trade.push("high availability is " + t.high_availability + (t.availability_note ? ": " + t.availability_note : ""));
      }
    }
    if (need.consistency === "strong" && t.consistency === "tunable") {
      terms.push(["strong consistency only per operation", -0.04]);
      trade.push("strong consistency only with quorum reads and writes");
    }
    if (need.persistence === false && t.durability === "none") terms.push(["no durability to pay for", 0.02]);
    if (need.embedded && t.embedded) reasons.push("runs inside the application process: no server to operate");

    const managed = hosting === "managed" || !t.self_hosted;
    const complexity = managed && t.managed_complexity ? t.managed_complexity : t.complexity;
    const brought = broughtIn(byId, t.id, ctx.existing);
    const extra = brought.reduce(function (a, b) { return a + byId[b].complexity; }, 0);
    const weight = teamWeight(ctx.teamSize);
    if (complexity > 1) terms.push(["operational complexity " + complexity + "/5", round(-0.05 * (complexity - 1) * weight, 4)]);
    if (brought.length) {
      terms.push(["brings " + brought.join(", "), round(-0.03 * extra * weight, 4)]);
      trade.push("brings " + brought.map(function (b) { return byId[b].name; }).join(", ") + " to run as well");
    }
    if (complexity >= 3) trade.push("operational complexity " + complexity + "/5: " + t.complexity_reason);
    else if (complexity <= 2) reasons.push("simple to operate (" + complexity + "/5)");

    if (ctx.existing.has(t.id)) {
      terms.push(["already run by the team", 0.15]);
      reasons.push("already run by the team: no new component");
    }
    const linked = Array.from(new Set(t.integrates_with.filter(function (i) { return ctx.existing.has(i); })
      .concat([].concat.apply([], t.requires).filter(function (i) { return ctx.existing.has(i); })))).sort();
    if (linked.length) {
      terms.push(["works with " + linked.join(", "), round(Math.min(0.12, 0.035 * linked.length), 4)]);
      reasons.push("works with what you run: " + linked.join(", "));
    }
    if (ctx.skills.size && t.skills.length) {
      const mine = skillSet(t.skills);
      const overlap = Array.from(mine).filter(function (s) { return ctx.skills.has(s); }).sort();
      if (overlap.length) {
        terms.push(["team knows " + overlap.join(", "), 0.04]);
        reasons.push("fits the team's skills (" + overlap.join(", ") + ")");
      } else {
        terms.push(["team lacks " + t.skills.join(", "), -0.04]);
        trade.push("the team would need " + t.skills.join(", ") + " skills");
      }
    }
    if (t.adoption !== "common") terms.push(["adoption " + t.adoption, { widespread: 0.03, niche: -0.04 }[t.adoption]]);
    if (["maintenance", "deprecated", "retired", "archived"].indexOf(t.state) >= 0) {
      terms.push(["status " + t.state, { maintenance: -0.08, deprecated: -0.2 }[t.state] || -0.3]);
      trade.push("project is " + t.state + (t.state_since ? " since " + t.state_since : "") +
        (t.successor ? "; successor: " + t.successor : ""));
    }
    if (rules.cloud) {
      if (t.first_party_clouds.indexOf(rules.cloud) >= 0) {
        terms.push(["native service of " + rules.cloud, 0.03]);
        reasons.push(rules.cloud + "'s own managed service");
      } else if (t.clouds.indexOf(rules.cloud) >= 0 && hosting === "managed") {
        reasons.push("managed on " + rules.cloud);
      }
    } else if (!t.self_hosted && t.clouds.length === 1) {
      terms.push(["ties you to " + t.clouds[0], -0.05]);
      trade.push("only available on " + t.clouds[0] + ": a lock-in");
    }
    if (rules.license && rules.license !== "any") reasons.push("licence " + t.license + " meets " + rules.license);
    return [terms, reasons, trade];
  }

  /** Every technology of the role, best first: the ones that pass ahead of the ones that fail. */
  function rank(index, need, rules, ctx) {
    const byId = {};
    for (const t of index.technologies) byId[t.id] = t;
    const out = [];
    for (const t of index.technologies) {
      if (t.roles.indexOf(need.role) < 0) continue;
      const cand = { tech: t, failures: hardFailures(t, need, rules, ctx), terms: [], reasons: [], tradeoffs: [] };
      if (!cand.failures.length) {
        [cand.terms, cand.reasons, cand.tradeoffs] = softTerms(byId, t, need, rules, ctx);
        const sum = cand.terms.reduce(function (a, term) { return a + term[1]; }, 0);
        cand.score = round(Math.max(0, Math.min(1, 0.75 + sum)), 2);
      } else {
        cand.score = round(Math.max(0, 0.5 - 0.1 * cand.failures.length), 2);
      }
      out.push(cand);
    }
    out.sort(function (a, b) {
      return (!!a.failures.length - !!b.failures.length) || (b.score - a.score) ||
        (a.failures.length - b.failures.length) || (a.tech.id < b.tech.id ? -1 : 1);
    });
    return out;
  }

  /* ---- Recommend ------------------------------------------------------- */
  const CAP_CHOICES = [{ value: "", label: "–" }, { value: "access", label: "required" },
    { value: "prefer", label: "nice to have" }];

  function initRecommend(root, index) {
    const vocab = index.vocabulary;
    const role = select("role", roleOptions(vocab, "choose a role"), "messaging");
    const dataModel = select("data_model", [{ value: "", label: "any" }], "");
    const inputs = {
      latency: el("input", { name: "latency", placeholder: "e.g. 10ms" }),
      volume: el("input", { name: "volume", placeholder: "e.g. 200GB" }),
      throughput: el("input", { name: "throughput", placeholder: "e.g. 2k/s" }),
    };
    const hints = { latency: el("span", { class: "tp-hint" }), volume: el("span", { class: "tp-hint" }),
      throughput: el("span", { class: "tp-hint" }) };
    const consistency = select("consistency", [{ value: "", label: "any" }, { value: "strong", label: "strong" },
      { value: "eventual", label: "eventual is fine" }], "");
    const availability = select("availability", [{ value: "", label: "standard" }, { value: "high", label: "high" }], "");
    const license = select("license", [{ value: "", label: "any" }, { value: "open-source", label: "open source" },
      { value: "permissive", label: "permissive" }], "");
    const hosting = select("hosting", [{ value: "", label: "any" }, { value: "self-hosted", label: "self-hosted" },
      { value: "managed", label: "managed" }], "");
    const cloud = select("cloud", [{ value: "", label: "any" }].concat(
      Object.keys(vocab.clouds).map(function (c) { return { value: c, label: vocab.clouds[c] }; })), "");
    const teamSize = el("input", { name: "team_size", type: "number", min: "1", placeholder: "people" });
    const skills = el("input", { name: "skills", placeholder: "python, sql" });
    const existing = el("input", { name: "existing", placeholder: "postgresql, kafka" });
    const caps = el("div", { class: "tp-caps", id: "tp-rec-caps" });
    const results = el("div", { id: "tp-rec-results" });
    const yaml = el("pre", { id: "tp-rec-yaml" });

    function capabilityControls() {
      const members = index.technologies.filter(function (t) { return t.roles.indexOf(role.value) >= 0; });
      const offered = new Set();
      const models = new Set();
      for (const t of members) {
        Object.keys(t.capabilities).forEach(function (c) { offered.add(c); });
        t.data_models.forEach(function (m) { models.add(m); });
      }
      const model = dataModel.value;
      dataModel.replaceChildren.apply(dataModel, [el("option", { value: "", text: "any" })].concat(
        Array.from(models).sort().map(function (m) { return el("option", { value: m, text: words(m) }); })));
      dataModel.value = models.has(model) ? model : "";
      const list = Array.from(offered).sort(function (a, b) {
        const ka = vocab.capabilities[a] ? vocab.capabilities[a].kind : "", kb = vocab.capabilities[b] ? vocab.capabilities[b].kind : "";
        return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : 1;
      });
      caps.replaceChildren.apply(caps, list.map(function (c) {
        const control = select("cap:" + c, CAP_CHOICES, "");
        control.addEventListener("change", update);
        const label = el("label", { title: vocab.capabilities[c] ? vocab.capabilities[c].meaning : "" },
          [el("span", { text: c }), control]);
        return label;
      }));
    }

    function quantity(name, parse) {
      const raw = inputs[name].value.trim();
      inputs[name].classList.remove("tp-invalid");
      hints[name].textContent = "";
      if (!raw) return null;
      try { return parse(raw); } catch (err) {
        inputs[name].classList.add("tp-invalid");
        hints[name].textContent = "expected " + err.message;
        return null;
      }
    }

    function list(text) {
      return text.split(/[\s,]+/).map(function (s) { return s.trim().toLowerCase(); }).filter(Boolean);
    }

    function update() {
      const need = { role: role.value, data_model: dataModel.value || null, access: [], features: [], prefer: [],
        latency: quantity("latency", parseLatency), volume: quantity("volume", parseVolume),
        throughput: quantity("throughput", parseThroughput), consistency: consistency.value || null,
        availability: availability.value || null, embedded: null, persistence: null };
      for (const control of caps.querySelectorAll("select")) {
        const cap = control.name.slice(4);
        if (control.value === "access") need.access.push(cap);
        if (control.value === "prefer") need.prefer.push(cap);
      }
      const rules = { license: license.value || null, hosting: hosting.value || null, cloud: cloud.value || null };
      const known = new Set(index.technologies.map(function (t) { return t.id; }));
      const ctx = { existing: new Set(list(existing.value).filter(function (i) { return known.has(i); })),
        skills: skillSet(list(skills.value)), teamSize: parseInt(teamSize.value, 10) || null };
      if (!list(skills.value).length) ctx.skills = new Set();
      showResults(rank(index, need, rules, ctx));
      showYaml(need, rules, ctx, list(skills.value));
    }

    function showResults(ranked) {
      const passing = ranked.filter(function (c) { return !c.failures.length; });
      const picks = passing.slice(0, 1);
      if (passing.length > 1 && passing[0].score - passing[1].score <= SECOND_PICK_GAP) picks.push(passing[1]);
      const items = [];
      items.push(el("p", { class: "tp-count", id: "tp-rec-count",
        text: passing.length + " of " + ranked.length + " " + words(role.value).toLowerCase() +
          " technologies meet every hard requirement" }));
      const ul = el("ul", { class: "tp-results", id: "tp-rec-list" });
      ranked.forEach(function (cand) {
        const t = cand.tech;
        const pick = picks.indexOf(cand) >= 0;
        const lines = [];
        if (cand.failures.length) {
          cand.failures.forEach(function (f) { lines.push(el("li", { class: "tp-fail", text: f })); });
        } else {
          cand.reasons.forEach(function (r) { lines.push(el("li", { class: "tp-plus", text: "+ " + r })); });
          cand.tradeoffs.forEach(function (r) { lines.push(el("li", { class: "tp-minus", text: "− " + r })); });
        }
        ul.appendChild(el("li", { class: "tp-card" + (cand.failures.length ? " tp-card--out" : ""),
          dataset: { id: t.id, passes: cand.failures.length ? "no" : "yes" } }, [
          el("span", { class: "tp-score", text: cand.score.toFixed(2) }),
          el("h3", {}, [pick ? (picks[0] === cand ? "Pick: " : "Or: ") : "", techLink(t), badge(t)]),
          el("ul", {}, lines),
        ]));
      });
      items.push(ul);
      results.replaceChildren.apply(results, items);
    }

    function showYaml(need, rules, ctx, skillList) {
      const lines = ["version: 1"];
      const constraints = Object.keys(rules).filter(function (k) { return rules[k]; });
      if (constraints.length) {
        lines.push("constraints:");
        constraints.forEach(function (k) { lines.push("  " + k + ": " + rules[k]); });
      }
      if (ctx.existing.size || skillList.length || ctx.teamSize) {
        lines.push("context:");
        if (ctx.existing.size) lines.push("  existing: [" + Array.from(ctx.existing).join(", ") + "]");
        if (skillList.length) lines.push("  skills: [" + skillList.map(function (s) { return JSON.stringify(s); }).join(", ") + "]");
        if (ctx.teamSize) lines.push("  team_size: " + ctx.teamSize);
      }
      lines.push("needs:", "  - id: my-need", "    role: " + need.role);
      if (need.data_model) lines.push("    data_model: " + need.data_model);
      if (need.access.length) lines.push("    access: [" + need.access.join(", ") + "]");
      if (need.prefer.length) lines.push("    prefer: [" + need.prefer.join(", ") + "]");
      for (const key of ["latency", "volume", "throughput"]) if (need[key] !== null) lines.push("    " + key + ": " + inputs[key].value.trim());
      if (need.consistency) lines.push("    consistency: " + need.consistency);
      if (need.availability) lines.push("    availability: " + need.availability);
      yaml.textContent = lines.join("\n") + "\n";
    }

    role.addEventListener("change", function () { capabilityControls(); update(); });
    for (const control of [dataModel, consistency, availability, license, hosting, cloud])
      control.addEventListener("change", update);
    for (const control of [inputs.latency, inputs.volume, inputs.throughput, teamSize, skills, existing])
      control.addEventListener("input", update);

    const form = el("form", { class: "tp-controls", id: "tp-rec-form", onsubmit: function (e) { e.preventDefault(); } }, [
      field("Role", role), field("Data model", dataModel),
      el("label", { class: "tp-field" }, [el("span", { text: "Latency p99" }), inputs.latency, hints.latency]),
      el("label", { class: "tp-field" }, [el("span", { text: "Volume" }), inputs.volume, hints.volume]),
      el("label", { class: "tp-field" }, [el("span", { text: "Throughput" }), inputs.throughput, hints.throughput]),
      field("Consistency", consistency), field("Availability", availability), field("Licence", license),
      field("Hosting", hosting), field("Cloud", cloud), field("Team size", teamSize), field("Skills", skills),
      field("Already running (ids)", existing),
    ]);
    root.replaceChildren(form, el("p", { class: "tp-section", text: "Capabilities" }), caps,
      el("p", { class: "tp-section", text: "Ranking" }), results,
      el("p", { class: "tp-section", text: "As a requirements file" }), yaml);
    capabilityControls();
    update();
  }

  /* ---- start ----------------------------------------------------------- */
  function start() {
    const find = document.getElementById("tp-find");
    const recommend = document.getElementById("tp-recommend");
    if (!find && !recommend) return;
    loadIndex().then(function (index) {
      if (find) initFind(find, index);
      if (recommend) initRecommend(recommend, index);
    }).catch(function (err) {
      for (const root of [find, recommend]) if (root)
        root.replaceChildren(el("p", { class: "tp-fail", text: "Could not load the catalog index: " + err.message }));
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

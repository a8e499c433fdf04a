/* techpick site: the Find and Recommend pages, and the engine they rank with.
 *
 * Both pages read index.json, which `techpick site build` writes from the
 * catalog's graph (src/techpick/sitegen.py, index_data). Catalog text only
 * ever reaches the page through textContent or DOM properties,
 * never innerHTML, so markup in the catalog shows as text.
 *
 * The engine below is a port of src/techpick/recommend.py for a requirements
 * file of one need: the same hard requirements, the same score terms in the
 * same order, and Python's own rounding and number formats, so that the page
 * gives the picks, order, scores, reasons, warnings and stack that
 * `techpick recommend` gives for the same file. tests/test_site_recommend.py
 * runs it under Node.js against the library. Left out: reuse of one block
 * across the needs of a multi-need file, and a team's radar.
 *
 * Loaded with `require` (Node.js), the file exports the engine and touches no
 * DOM; in the browser it starts the pages.
 */
(function () {
  "use strict";

  /* ---- Python's rounding and number formats, exactly -------------------- */
  // A double is an exact binary fraction, mantissa * 2^exponent. Python rounds
  // that exact value half to even in round(x, n), f"{x:.2f}" and f"{x:.3g}";
  // JavaScript's toFixed rounds halves up. BigInt keeps the arithmetic exact.
  function binary(x) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(x));
    const bits = view.getBigUint64(0);
    const biased = Number(bits >> 52n);
    let mantissa = bits & ((1n << 52n) - 1n);
    if (biased) mantissa |= 1n << 52n;
    return [mantissa, (biased || 1) - 1075];
  }

  /** |x| * 10^digits, rounded half to even, as a BigInt (digits may be negative). */
  function scaled(x, digits) {
    const [mantissa, exponent] = binary(x);
    let num = mantissa, den = 1n;
    if (digits >= 0) num *= 10n ** BigInt(digits); else den *= 10n ** BigInt(-digits);
    if (exponent >= 0) num <<= BigInt(exponent); else den <<= BigInt(-exponent);
    const q = num / den, twice = 2n * (num - q * den);
    return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
  }

  /** Python's f"{x:.{digits}f}". */
  function fixed(x, digits) {
    const s = scaled(x, digits).toString().padStart(digits + 1, "0");
    const sign = x < 0 || Object.is(x, -0) ? "-" : "";
    return sign + (digits ? s.slice(0, -digits) + "." + s.slice(-digits) : s);
  }

  /** Python's round(x, digits) for a float. */
  function pyRound(x, digits) {
    return Number(fixed(x, digits));
  }

  /** units._short: f"{x:.3g}", or f"{x:.0f}" where that would take an exponent. */
  function short(x) {
    if (x === 0) return "0";
    const [mantissa, exponent] = binary(x);
    const width = exponent >= 0 ? (mantissa << BigInt(exponent)).toString().length
      : (mantissa * 5n ** BigInt(-exponent)).toString().length + exponent;
    let e = width - 1;  // the decimal exponent of x
    if (e < 3 && scaled(x, 2 - e) >= 1000n) e += 1;  // rounding to 3 digits carried (999.7 -> 1.00e3)
    if (e < -4 || e >= 3) return fixed(x, 0);
    const s = fixed(x, 2 - e);
    return s.indexOf(".") < 0 ? s : s.replace(/0+$/, "").replace(/\.$/, "");
  }

  /* ---- units, as in src/techpick/units.py ------------------------------ */
  const LATENCY = { us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, min: 60, h: 3600, d: 86400 };
  const VOLUME = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };
  const COUNT = { "": 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 };
  const PER = { s: 1, min: 60, h: 3600, d: 86400 };
  const NUMBER = "([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)";
  const LATENCY_FORM = "a number and a unit (us, ms, s, min, h, d), e.g. 500us, 5ms, 2s, 15min";
  const VOLUME_FORM = "a number and a unit (B, KB, MB, GB, TB, PB), e.g. 200MB, 3TB, 1.5PB";
  const THROUGHPUT_FORM = "a count (k, M, G allowed) per s, min, h or d, e.g. 500/s, 20k/s, 1M/min, 3G/d";

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function parseLatency(text) {
    const m = new RegExp("^" + NUMBER + "\\s*([a-zµ]+)$").exec(String(text).trim());
    if (!m || !has(LATENCY, m[2])) throw new Error(LATENCY_FORM);
    return parseFloat(m[1]) * LATENCY[m[2]];
  }
  function parseVolume(text) {
    const m = new RegExp("^" + NUMBER + "\\s*([A-Za-z]+)$").exec(String(text).trim());
    if (!m || !has(VOLUME, m[2].toUpperCase())) throw new Error(VOLUME_FORM);
    return parseFloat(m[1]) * VOLUME[m[2].toUpperCase()];
  }
  function parseThroughput(text) {
    const m = new RegExp("^" + NUMBER + "\\s*([kKMG]?)\\s*/\\s*([a-z]+)$").exec(String(text).trim());
    if (!m || !has(PER, m[3])) throw new Error(THROUGHPUT_FORM);
    return parseFloat(m[1]) * COUNT[m[2]] / PER[m[3]];
  }
  function formatLatency(seconds) {
    for (const [unit, size] of [["d", 86400], ["h", 3600], ["min", 60], ["s", 1], ["ms", 1e-3]])
      if (seconds >= size) return short(seconds / size) + unit;
    return short(seconds / 1e-6) + "us";
  }
  function formatVolume(size) {
    for (const unit of ["PB", "TB", "GB", "MB", "KB"])
      if (size >= VOLUME[unit]) return short(size / VOLUME[unit]) + unit;
    return short(size) + "B";
  }
  function formatThroughput(perSecond) {
    const usable = [["s", 1], ["min", 60], ["h", 3600], ["d", 86400]]
      .map(function (u) { return [u[0], perSecond * u[1]]; }).filter(function (u) { return u[1] >= 1; });
    const whole = usable.filter(function (u) { return Math.abs(u[1] - Math.round(u[1])) <= 1e-6 * u[1]; });
    const [unit, count] = (whole.length ? whole : usable.length ? usable : [["d", perSecond * 86400]])[0];
    for (const [suffix, scale] of [["G", 1e9], ["M", 1e6], ["k", 1e3]])
      if (count >= scale) return short(count / scale) + suffix + "/" + unit;
    return short(count) + "/" + unit;
  }

  /* ---- the engine, as in src/techpick/recommend.py --------------------- */
  const LEVEL_VALUE = { native: 1.0, extension: 0.7, partial: 0.55 };
  const PREFER_EACH = 0.05;
  const PREFER_CAP = 0.25;
  const PREFER_VALUE = { native: 1.0, extension: 0.6, partial: 0.4 };
  const VM_RUNTIMES = { jvm: ["jvm"], python: ["python"], javascript: ["javascript"], dotnet: ["dotnet"],
    erlang: ["erlang"], ruby: ["ruby"] };
  const LANGUAGE_SKILLS = ["python", "jvm", "java", "scala", "kotlin", "go", "rust", "c", "cpp", "javascript", "erlang",
    "ruby", "dotnet", "r"];
  const SECOND_PICK_GAP = 0.2;
  const CONSIDERED = 4;
  const SKILL_FAMILIES = { java: "jvm", scala: "jvm", kotlin: "jvm", clojure: "jvm", groovy: "jvm",
    typescript: "javascript", node: "javascript", elixir: "erlang", "c++": "cpp", "c#": "dotnet" };
  const ADOPTION = { widespread: 0.03, niche: -0.04 };
  const STATUS_PENALTY = { maintenance: -0.08, deprecated: -0.2 };

  function decades(a, b) { return Math.abs(Math.log10(Math.max(a, 1e-12) / Math.max(b, 1e-12))); }
  function unique(values) { return Array.from(new Set(values)); }
  function sorted(values) { return Array.from(values).sort(); }
  function join(values) { return values.join(", "); }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function sum(values) { return values.reduce(function (a, b) { return a + b; }, 0); }

  function skillSet(values) {
    const out = new Set();
    for (const v of values) { out.add(v); out.add(has(SKILL_FAMILIES, v) ? SKILL_FAMILIES[v] : v); }
    return out;
  }

  /** The index read the way graph.py's readers read the graph; built once per index. */
  const graphs = new WeakMap();
  function graphOf(index) {
    if (graphs.has(index)) return graphs.get(index);
    const byId = new Map(), aliases = new Map(), roles = new Map();
    for (const t of index.technologies) byId.set(t.id, t);
    for (const t of index.technologies) {
      for (const alias of t.aliases) if (!aliases.has(alias)) aliases.set(alias, t.id);
      for (const role of t.roles) { if (!roles.has(role)) roles.set(role, []); roles.get(role).push(t.id); }
    }
    for (const ids of roles.values()) ids.sort();
    const g = {
      size: index.technologies.length, digest: index.digest, byId: byId,
      tech: function (id) { return byId.get(id); },
      resolve: function (name) { return byId.has(name) ? name : aliases.has(name) ? aliases.get(name) : null; },
      withRole: function (role) { return roles.get(role) || []; },
      implied: function (role) {
        return has(index.vocabulary.roles, role) ? index.vocabulary.roles[role].implies || [] : [];
      },
    };
    graphs.set(index, g);
    return g;
  }

  /** graph.brought_in: what a block transitively requires that the team does not run yet. */
  function broughtIn(g, id, existing, allowed) {
    const seen = new Set([id]);
    const brought = [];
    const stack = [id];
    while (stack.length) {
      const current = g.tech(stack.pop());
      for (const group of current ? current.requires : []) {
        if (group.some(function (o) { return existing.has(o); })) continue;
        const fitting = group.filter(function (o) { return !allowed || allowed(o); });
        const pick = (fitting.length ? fitting : group)[0];
        if (!seen.has(pick)) { seen.add(pick); brought.push(pick); stack.push(pick); }
      }
    }
    return sorted(brought);
  }

  function hostingOf(rules) { return rules.hosting || "any"; }

  function constraintFailures(g, id, rules, role) {
    const t = g.tech(id);
    const fails = [];
    if (rules.exclude.indexOf(id) >= 0) fails.push("excluded by the requirements");
    if (rules.license === "open-source" && !t.open_source) fails.push("not open source (licence " + t.license + ")");
    if (rules.license === "permissive" && !t.permissive) fails.push("licence " + t.license + " is not permissive");
    const clouds = new Set(t.offers.map(function (o) { return o.cloud; }));
    const hosting = hostingOf(rules);
    if (hosting === "self-hosted" && !t.self_hosted) fails.push("cannot be self-hosted (managed service only)");
    if (hosting === "managed" && !clouds.size) fails.push("no managed offer");
    if (rules.cloud) {
      const onCloud = clouds.has(rules.cloud);
      if (hosting === "managed" || role === "cloud") {
        if (!onCloud) fails.push("no managed offer on " + rules.cloud);
      } else if (!onCloud && !t.self_hosted) fails.push("not available on " + rules.cloud);
    }
    return fails;
  }

  function allowedBy(g, rules, role) {
    return function (id) { return !constraintFailures(g, id, rules, role).length; };
  }

  function hardFailures(g, id, need, rules, ctx) {
    const t = g.tech(id);
    const caps = t.capabilities;
    const fails = constraintFailures(g, id, rules, need.role);
    if (need.data_model && t.data_models.indexOf(need.data_model) < 0)
      fails.push("does not hold " + need.data_model + " data (its models: " + (join(t.data_models) || "none") + ")");
    const missing = need.access.concat(need.features).filter(function (c) { return !has(caps, c); });
    if (missing.length) fails.push("lacks " + join(sorted(unique(missing))));
    if (need.embedded && !t.embedded) fails.push("cannot run inside the application process");
    if (need.persistence && t.durability === "none") fails.push("keeps data in memory only; it is lost on restart");
    if (need.regions && need.regions > 1) {
      const geo = has(caps, "geo-replication") ? caps["geo-replication"] : null;
      if (!geo) fails.push("cannot serve writes in " + need.regions + " regions");
      else if (geo.level === "partial")
        fails.push("replicates across regions but cannot serve writes in " + need.regions +
          (geo.note ? " (" + geo.note + ")" : ""));
    }
    if (need.consistency === "strong" && t.consistency === "eventual") fails.push("only eventually consistent");
    if (need.availability === "high" && t.high_availability === "none")
      fails.push("no replication with automatic failover");
    if (need.volume !== null) {
      if (t.volume_max === null) fails.push("holds no data of its own");
      else if (need.volume > t.volume_max)
        fails.push(formatVolume(need.volume) + " is beyond its ceiling of " + formatVolume(t.volume_max));
    }
    if (need.throughput !== null && t.throughput_max !== null && need.throughput > t.throughput_max)
      fails.push(formatThroughput(need.throughput) + " is beyond its ceiling of " + formatThroughput(t.throughput_max));
    if (need.latency !== null && t.latency_p99 !== null && need.latency < t.latency_p99)
      fails.push("p99 " + formatLatency(need.latency) + " is faster than its best of " + formatLatency(t.latency_p99));
    if (need.concurrency && t.concurrency_max && need.concurrency > t.concurrency_max)
      fails.push(need.concurrency + " concurrent clients exceed the " + t.concurrency_max + " it serves well");
    if ((t.state === "retired" || t.state === "archived") && !ctx.existing.has(id)) {
      fails.push(t.state + (t.state_since ? " since " + t.state_since : "") + ", not for new work" +
        (t.successor ? "; use " + t.successor + " instead" : ""));
    }
    return fails;
  }

  function sizeFit(value, low, high, what, fmt) {
    if (value === null || low === null || high === null) return [0, null, null];
    if (low <= value && value <= high)
      return [0, what + " " + fmt(value) + " sits in its sweet spot (" + fmt(low) + "-" + fmt(high) + ")", null];
    if (value < low)
      return [-Math.min(0.5, 0.06 * decades(low, value)), null,
        "built for " + fmt(low) + " and more; " + fmt(value) + " of " + what + " does not need it"];
    return [-Math.min(0.5, 0.1 * decades(value, high)), null,
      what + " " + fmt(value) + " is above its sweet spot (" + fmt(high) + "): expect tuning"];
  }

  function teamWeight(size) {
    if (size === null) return 1.0;
    for (const [limit, weight] of [[2, 2.0], [5, 1.4], [10, 1.0], [30, 0.7]]) if (size <= limit) return weight;
    return 0.5;
  }

  function softTerms(g, id, need, rules, ctx) {
    const t = g.tech(id);
    const caps = t.capabilities;
    const terms = [], reasons = [], trade = [];
    const hosting = hostingOf(rules);
    function term(key, label, value) { terms.push({ key: key, label: label, value: value }); }

    // capabilities the need asks for, by how well they are served; a partial or
    // extension capability provided through something the team runs counts in full
    function served(cap) {
      const running = caps[cap].via.filter(function (v) { return ctx.existing.has(v); });
      return [running.length ? "native" : caps[cap].level, running];
    }

    const asked = unique(need.access.concat(need.features));
    if (asked.length) {
      const values = asked.map(function (c) { return LEVEL_VALUE[served(c)[0]]; });
      const shortfall = pyRound(0.3 * (sum(values) / values.length - 1), 4);
      if (shortfall) term("capabilities", "required capabilities only partly served", shortfall);
      const native = asked.filter(function (c) { return caps[c].level === "native"; });
      if (native.length) reasons.push("serves " + join(native) + " natively");
      for (const c of asked) {
        const cap = caps[c];
        const running = served(c)[1];
        if (running.length) reasons.push("serves " + c + " through " + join(running) + ", which the team runs");
        else if (cap.level !== "native")
          trade.push(c + " is " + cap.level + (cap.note ? ": " + cap.note : "") +
            (cap.via.length && !cap.note ? " (via " + join(cap.via) + ")" : ""));
      }
    }
    for (const cap of g.implied(need.role)) {
      if (asked.indexOf(cap) >= 0) continue;
      const level = has(caps, cap) ? served(cap)[0] : null;
      const shortfall = pyRound(-0.1 * (1 - (level ? LEVEL_VALUE[level] : 0.0)), 4);
      if (shortfall) {
        term("implied:" + cap, need.role + " usually means " + cap, shortfall);
        const note = has(caps, cap) ? caps[cap].note : null;
        trade.push(level ? cap + " is " + level + (note ? ": " + note : "") : "no " + cap + " of its own");
      }
    }
    if (need.prefer.length) {
      const got = need.prefer.filter(function (c) { return has(caps, c); });
      const values = got.map(function (c) { return PREFER_VALUE[served(c)[0]]; });
      const value = Math.min(PREFER_CAP, PREFER_EACH * sum(values));
      if (value) term("prefer", "preferred capabilities", pyRound(value, 4));
      if (got.length) reasons.push("also offers " + join(got));
      const missing = need.prefer.filter(function (c) { return !has(caps, c); });
      if (missing.length) trade.push("no " + join(missing));
    }

    // role and data model: the block's main purpose or a side line?
    if (t.roles.length && t.roles[0] !== need.role) term("role", need.role + " is not its main role", -0.05);
    if (need.data_model && t.data_models.length && t.data_models[0] !== need.data_model)
      term("data-model", need.data_model + " is not its main data model", -0.1);

    // size: volume, throughput, latency
    for (const [value, low, high, what, fmt] of [
      [need.volume, t.volume_low, t.volume_high, "volume", formatVolume],
      [need.throughput, t.throughput_low, t.throughput_high, "throughput", formatThroughput]]) {
      const [score, reason, tradeoff] = sizeFit(value, low, high, what, fmt);
      if (score) term(what, what + " outside its sweet spot", pyRound(score, 4));
      if (reason) reasons.push(reason);
      if (tradeoff) trade.push(tradeoff);
    }
    if (need.latency !== null && t.latency_p99 !== null) {
      reasons.push("meets the p99 target of " + formatLatency(need.latency) +
        " (its best: " + formatLatency(t.latency_p99) + ")");
      if (decades(need.latency, t.latency_p99) < 0.3) term("latency", "little latency headroom", -0.03);
    }

    // quality of service asked for but only partly offered
    if (need.availability === "high") {
      const ha = t.high_availability;
      if (ha === "native") reasons.push("replicates with automatic failover");
      else {
        term("availability", "high availability is " + ha, -0.06);
        trade.push("high availability is " + ha + (t.availability_note ? ": " + t.availability_note : ""));
      }
    }
    if (need.consistency === "strong" && t.consistency === "tunable") {
      term("consistency", "strong consistency only per operation", -0.04);
      trade.push("strong consistency only with quorum reads and writes");
    }
    if (need.persistence === false && t.durability === "none") term("durability", "no durability to pay for", 0.02);
    if (need.embedded && t.embedded) {
      reasons.push("runs inside the application process: no server to operate");
      const family = has(VM_RUNTIMES, t.runtime) ? VM_RUNTIMES[t.runtime] : null;
      if (family && ctx.skills.size && !family.some(function (f) { return ctx.skills.has(f); })) {
        term("runtime", "embeds only in " + t.runtime + " programs", -0.15);
        trade.push("embeds only in " + t.runtime + " programs; the team works in " + join(sorted(ctx.skills)));
      }
    }

    // operational weight, against the team that will carry it
    const managed = hosting === "managed" || !t.self_hosted;
    const complexity = managed && t.managed_complexity ? t.managed_complexity : t.complexity;
    // a managed offer runs its own dependencies; what the team runs already has its own in place
    const running = managed || ctx.existing.has(id);
    const brought = running ? [] : broughtIn(g, id, ctx.existing, allowedBy(g, rules, need.role));
    const parts = t.has_parts;  // a bundle's complexity already covers its parts
    const extras = brought.filter(function (b) { return parts.indexOf(b) < 0; });
    const name = function (b) { return g.tech(b).name; };
    const weight = teamWeight(ctx.teamSize) * (ctx.existing.has(id) ? 0.5 : 1.0);  // a burden already carried
    if (complexity > 1)
      term("complexity", "operational complexity " + complexity + "/5", pyRound(-0.05 * (complexity - 1) * weight, 4));
    if (extras.length) {
      const extra = sum(extras.map(function (b) { return g.tech(b).complexity; }));
      term("brings", "brings " + join(extras), pyRound(-0.03 * extra * weight, 4));
      trade.push("brings " + join(extras.map(name)) + " to run as well");
    }
    const bundled = brought.filter(function (b) { return parts.indexOf(b) >= 0; });
    if (bundled.length) trade.push("runs as several parts: " + join(bundled.map(name)));
    if (complexity >= 3) trade.push("operational complexity " + complexity + "/5: " + t.complexity_reason);
    else if (complexity <= 2) reasons.push("simple to operate (" + complexity + "/5)");

    // the team and what it already runs
    if (ctx.existing.has(id)) {
      term("existing", "already run by the team", 0.15);
      reasons.push("already run by the team: no new component");
    }
    const partners = t.integrates_with.filter(function (i) { return ctx.existing.has(i); });
    const requiresExisting = [].concat.apply([], t.requires).filter(function (i) { return ctx.existing.has(i); });
    const requiredBy = Array.from(ctx.existing).filter(function (i) {
      const other = g.tech(i);
      return other && other.requires.some(function (group) { return group.indexOf(id) >= 0; });
    });
    const linked = sorted(unique(partners.concat(requiresExisting, requiredBy)));
    if (linked.length) {
      term("integration", "works with " + join(linked), pyRound(Math.min(0.12, 0.035 * linked.length), 4));
      reasons.push("works with what you run: " + join(linked));
    }
    if (ctx.skills.size && t.skills.length) {
      const overlap = sorted(Array.from(skillSet(t.skills)).filter(function (s) { return ctx.skills.has(s); }));
      const languages = sorted(unique(t.skills.filter(function (s) { return LANGUAGE_SKILLS.indexOf(s) >= 0; })));
      if (overlap.length) {
        term("skills", "team knows " + join(overlap), 0.04);
        reasons.push("fits the team's skills (" + join(overlap) + ")");
      } else if (languages.length) {
        term("skills", "team lacks " + join(languages), -0.04);
        trade.push("the team would need " + join(languages) + " skills");
      }
    }

    // maturity and lock-in
    if (t.adoption !== "common") term("adoption", "adoption " + t.adoption, ADOPTION[t.adoption]);
    if (["maintenance", "deprecated", "retired", "archived"].indexOf(t.state) >= 0) {
      term("status", "status " + t.state, has(STATUS_PENALTY, t.state) ? STATUS_PENALTY[t.state] : -0.3);
      trade.push("project is " + t.state + (t.state_since ? " since " + t.state_since : "") +
        (t.successor ? "; successor: " + t.successor : ""));
    }
    if (rules.cloud) {
      const first = t.offers.filter(function (o) { return o.cloud === rules.cloud && o.first_party; });
      const any = t.offers.filter(function (o) { return o.cloud === rules.cloud; });
      if (first.length) {
        term("cloud", "native service of " + rules.cloud, 0.03);
        reasons.push(rules.cloud + "'s own managed service (" + first[0].service + ")");
      } else if (any.length && hosting === "managed") {
        reasons.push("managed on " + rules.cloud + " as " + any[0].service);
      }
    } else if (!t.self_hosted) {
      const only = sorted(unique(t.offers.map(function (o) { return o.cloud; })));
      const used = sorted(ctx.clouds);
      if (used.length && !only.some(function (cloud) { return ctx.clouds.has(cloud); })) {
        term("lock-in", "not offered on " + join(used) + ", the cloud you use", -0.2);
        trade.push("only on " + join(only) + ", not on " + join(used));
      } else if (!used.length && only.length === 1) {
        term("lock-in", "only on " + only[0] + ", and no cloud was stated", -0.15);
        trade.push("only available on " + only[0] + ": fits only if you run there, and ties you to it");
      }
    }
    if (rules.license && rules.license !== "any") reasons.push("licence " + t.license + " meets " + rules.license);
    return [terms, reasons, trade];
  }

  function ecosystem(g, id) {
    const t = g.tech(id);
    return t.integrates_with.length + unique(t.offers.map(function (o) { return o.service; })).length;
  }

  /** recommend.evaluate: every candidate for the need, best first (passing ones ahead of failing). */
  function evaluate(g, need, rules, ctx) {
    const out = [];
    for (const id of g.withRole(need.role)) {
      const t = g.tech(id);
      const cand = { id: id, name: t.name, score: 0, failures: hardFailures(g, id, need, rules, ctx),
        reasons: [], tradeoffs: [], terms: [] };
      if (!cand.failures.length) {
        [cand.terms, cand.reasons, cand.tradeoffs] = softTerms(g, id, need, rules, ctx);
        const total = sum(cand.terms.map(function (term) { return term.value; }));
        cand.score = pyRound(Math.max(0.0, Math.min(1.0, 0.75 + total)), 2);
      } else {
        cand.score = pyRound(Math.max(0.0, 0.5 - 0.1 * cand.failures.length), 2);
      }
      out.push(cand);
    }
    // ties go to the block with the larger ecosystem (integrations and managed offers), then by id
    out.sort(function (a, b) {
      return (Number(a.failures.length > 0) - Number(b.failures.length > 0)) || (b.score - a.score) ||
        (a.failures.length - b.failures.length) || (ecosystem(g, b.id) - ecosystem(g, a.id)) || cmp(a.id, b.id);
    });
    return out;
  }

  function choose(g, ranked) {
    const passing = ranked.filter(function (c) { return !c.failures.length; });
    const picks = passing.slice(0, 1);
    if (passing.length > 1 && passing[0].score - passing[1].score <= SECOND_PICK_GAP) picks.push(passing[1]);
    const rest = ranked.filter(function (c) { return picks.indexOf(c) < 0; });
    // the named alternatives of the winner come first among the rejected
    const alternatives = picks.length ? g.tech(picks[0].id).alternative_to : [];
    const key = function (c) { return [alternatives.indexOf(c.id) < 0 ? 1 : 0, c.failures.length ? 1 : 0, -c.score]; };
    rest.sort(function (a, b) {
      const ka = key(a), kb = key(b);
      return (ka[0] - kb[0]) || (ka[1] - kb[1]) || (ka[2] - kb[2]) || cmp(a.id, b.id);
    });
    return [picks, rest.slice(0, CONSIDERED)];
  }

  /** recommend.why_not: the failed requirements, or the terms on which it lost to the pick. */
  function whyNot(cand, best) {
    if (cand.failures.length) return cand.failures.slice();
    if (!best) return ["scored lower"];
    const mine = new Map(), theirs = new Map();
    for (const t of cand.terms) mine.set(t.key, t);
    for (const t of best.terms) theirs.set(t.key, t);
    const losses = [];
    for (const key of sorted(unique(Array.from(mine.keys()).concat(Array.from(theirs.keys()))))) {
      const delta = (mine.has(key) ? mine.get(key).value : 0.0) - (theirs.has(key) ? theirs.get(key).value : 0.0);
      if (delta < -0.005) {
        const label = mine.has(key) && mine.get(key).value < 0 ? mine.get(key).label
          : best.name + " has: " + theirs.get(key).label;
        losses.push([delta, label]);
      }
    }
    losses.sort(function (a, b) { return (a[0] - b[0]) || cmp(a[1], b[1]); });
    const text = losses.slice(0, 3).map(function (l) { return l[1]; });
    return ["scored " + fixed(cand.score, 2) + " against " + fixed(best.score, 2) + ": " +
      (text.length ? text : ["close, but scored lower"]).join("; ")];
  }

  function stackOf(g, need, rules, ctx, picks) {
    if (!picks.length) return [[], []];
    const pick = picks[0].id;
    const components = [pick];
    const notes = [];
    const managed = hostingOf(rules) === "managed" || !g.tech(pick).self_hosted;
    if (!managed && !ctx.existing.has(pick)) {  // their dependencies are in place already
      const running = new Set(Array.from(ctx.existing).concat(components));
      for (const extra of broughtIn(g, pick, running, allowedBy(g, rules, need.role))) {
        if (components.indexOf(extra) < 0) {
          components.push(extra);
          notes.push(pick + " requires " + extra);
        }
      }
    }
    const reused = sorted(components.filter(function (c) { return ctx.existing.has(c); }));
    if (reused.length) notes.push("reuses what the team runs: " + join(reused));
    const fresh = components.filter(function (c) { return !ctx.existing.has(c); });
    if (fresh.length) notes.push("new components to operate: " + join(fresh));
    return [components, notes];
  }

  function warningsOf(g, need, rules, ctx, fileExclude, picks, ranked) {
    const warnings = [];
    if (!picks.length) {
      let detail = ranked.length ? "; closest: " + ranked[0].id + " (" + ranked[0].failures.join("; ") + ")" : "";
      if (!ranked.length) detail = "; the catalog has no technology with role " + need.role;
      warnings.push(need.id + ": nothing satisfies the hard requirements" + detail);
    }
    if (need.latency !== null && need.volume !== null && need.latency < 1e-3 && need.volume > 1e13)
      warnings.push(need.id + ": sub-millisecond p99 over " + formatVolume(need.volume) + " is a contradiction " +
        "for most stores; check which operation must be that fast");
    if (need.embedded && need.volume !== null && need.volume > 1e13)
      warnings.push(need.id + ": an embedded block holding " + formatVolume(need.volume) +
        " outgrows one application process");
    if (need.embedded && need.availability === "high")
      warnings.push(need.id + ": an embedded block is as available as the one process it runs in");
    if (need.regions && need.regions > 1 && need.consistency === "strong" && need.latency !== null &&
        need.latency < 0.05)
      warnings.push(need.id + ": strong consistency across " + need.regions + " regions waits for cross-region " +
        "round trips (tens of ms); a p99 of " + formatLatency(need.latency) + " for writes is unlikely");
    if (need.volume !== null && need.volume >= 1e15 && ctx.teamSize !== null && ctx.teamSize <= 3)
      warnings.push(need.id + ": " + formatVolume(need.volume) + " is a lot for a team of " + ctx.teamSize +
        "; a managed service or a smaller scope may be wiser");
    if (need.regions && need.regions > 1 && need.consistency === "strong" && ctx.teamSize !== null && ctx.teamSize <= 3)
      warnings.push(need.id + ": strong consistency across " + need.regions + " regions is hard to run " +
        "for a team of " + ctx.teamSize + "; consider one write region");
    if (rules.hosting === "managed" && need.embedded)
      warnings.push(need.id + ": hosting 'managed' and embedded: true contradict each other");
    for (const id of sorted(ctx.existing)) {
      const t = g.tech(id);
      if (t && ["retired", "archived", "deprecated"].indexOf(t.state) >= 0)
        warnings.push(id + " (already run) is " + t.state + (t.successor ? "; plan a move to " + t.successor : ""));
    }
    for (const id of sorted(unique(fileExclude.filter(function (i) { return ctx.existing.has(i); }))))
      warnings.push(id + " is both excluded and already run by the team");
    return warnings;
  }

  /** A requirements file's parts as the engine reads them: quantities in base units, aliases as ids. */
  function readFile(g, file) {
    if (!file.needs || file.needs.length !== 1) throw new Error("the browser ranks one need at a time");
    const raw = file.needs[0];
    const ids = function (names) {
      return unique((names || []).map(function (n) { return g.resolve(n) || n; }));
    };
    const merged = Object.assign({}, file.constraints || {}, raw.constraints || {});
    const rules = { license: merged.license || null, hosting: merged.hosting || null, cloud: merged.cloud || null,
      exclude: ids(((file.constraints || {}).exclude || []).concat((raw.constraints || {}).exclude || [])) };
    const context = file.context || {};
    const ctx = { existing: new Set(ids(context.existing)),
      skills: skillSet((context.skills || []).map(function (s) { return String(s).trim().toLowerCase(); })),
      teamSize: context.team_size == null ? null : context.team_size, clouds: new Set() };
    // the clouds the team already uses: those of a cloud it runs
    for (const id of ctx.existing) {
      const t = g.tech(id);
      if (t && t.roles.indexOf("cloud") >= 0) t.offers.forEach(function (o) { ctx.clouds.add(o.cloud); });
    }
    const value = function (key) { return raw[key] == null ? null : raw[key]; };
    const quantity = function (key, parse) { return raw[key] == null ? null : parse(raw[key]); };
    const need = { id: raw.id, role: raw.role, data_model: value("data_model"),
      access: raw.access || [], features: raw.features || [], prefer: raw.prefer || [],
      latency: quantity("latency", parseLatency), volume: quantity("volume", parseVolume),
      throughput: quantity("throughput", parseThroughput), consistency: value("consistency"),
      availability: value("availability"), embedded: value("embedded"), persistence: value("persistence"),
      regions: value("regions"), concurrency: value("concurrency") };
    const fileExclude = ids((file.constraints || {}).exclude);
    return [need, rules, ctx, fileExclude];
  }

  function explain(terms) {
    return terms.map(function (t) { return { term: t.label, value: t.value }; });
  }

  /**
   * A requirements file of one need (the object its YAML reads as) -> the
   * recommendation in the shape of `techpick recommend --format json --explain`,
   * plus every candidate of the role, best first, under `needs[0].ranked`
   * (its failures, score terms, why-not, and `pick`: 0, 1 or -1).
   */
  function recommend(index, file) {
    const g = graphOf(index);
    const [need, rules, ctx, fileExclude] = readFile(g, file);
    const ranked = evaluate(g, need, rules, ctx);
    const [picks, considered] = choose(g, ranked);
    const best = picks.length ? picks[0] : null;
    const [components, notes] = stackOf(g, need, rules, ctx, picks);
    return {
      version: 1,
      catalog: { technologies: g.size, digest: g.digest },
      needs: [{
        id: need.id, role: need.role,
        picks: picks.map(function (c) {
          return { id: c.id, name: c.name, score: c.score, reasons: c.reasons, tradeoffs: c.tradeoffs,
            explain: explain(c.terms) };
        }),
        considered: considered.map(function (c) {
          const item = { id: c.id, score: c.score, why_not: whyNot(c, best) };
          if (!c.failures.length) item.explain = explain(c.terms);
          return item;
        }),
        ranked: ranked.map(function (c) {
          return { id: c.id, name: c.name, score: c.score, failures: c.failures, reasons: c.reasons,
            tradeoffs: c.tradeoffs, terms: c.terms, why_not: picks.indexOf(c) >= 0 ? [] : whyNot(c, best),
            pick: picks.indexOf(c) };
        }),
      }],
      stack: { components: components, notes: notes },
      warnings: warningsOf(g, need, rules, ctx, fileExclude, picks, ranked),
    };
  }

  const engine = {
    recommend: recommend, parseLatency: parseLatency, parseVolume: parseVolume, parseThroughput: parseThroughput,
    formatLatency: formatLatency, formatVolume: formatVolume, formatThroughput: formatThroughput,
    pyRound: pyRound, fixed: fixed, short: short,
    LATENCY_FORM: LATENCY_FORM, VOLUME_FORM: VOLUME_FORM, THROUGHPUT_FORM: THROUGHPUT_FORM,
  };
  if (typeof module === "object" && module !== null && module.exports) {
    module.exports = engine;  // Node.js: the engine alone, for tests/test_site_recommend.py
    return;
  }

  /* ---- the pages: DOM from here on --------------------------------------- */
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
  /* ---- Recommend ------------------------------------------------------- */
  const CAP_CHOICES = [{ value: "", label: "–" }, { value: "required", label: "required" },
    { value: "prefer", label: "nice to have" }];
  const YAML_WORDS = /^(y|n|yes|no|on|off|true|false|null)$/i;

  /** A scalar for the YAML preview: ids and quantities as they are, anything else JSON-quoted (JSON is YAML). */
  function yamlScalar(value) {
    if (typeof value !== "string") return String(value);
    const plain = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) && !/^[0-9]+$/.test(value) && !YAML_WORDS.test(value);
    const quantity = /^([0-9]+(\.[0-9]+)?|\.[0-9]+) ?[kKMG]?(\/[a-z]+|[A-Za-zµ]+)$/.test(value);
    return plain || quantity ? value : JSON.stringify(value);
  }

  function yamlOf(value, indent) {
    const pad = " ".repeat(indent);
    const lines = [];
    for (const [key, item] of Object.entries(value)) {
      if (Array.isArray(item) && item.length && typeof item[0] === "object") {
        lines.push(pad + key + ":");
        for (const entry of item) {
          const inner = yamlOf(entry, indent + 4);
          lines.push(pad + "  - " + inner[0].trimStart(), ...inner.slice(1));
        }
      } else if (Array.isArray(item)) {
        lines.push(pad + key + ": [" + item.map(yamlScalar).join(", ") + "]");
      } else if (item !== null && typeof item === "object") {
        lines.push(pad + key + ":", ...yamlOf(item, indent + 2));
      } else {
        lines.push(pad + key + ": " + yamlScalar(item));
      }
    }
    return lines;
  }

  function initRecommend(root, index) {
    const vocab = index.vocabulary;
    const known = new Set();
    for (const t of index.technologies) { known.add(t.id); t.aliases.forEach(function (a) { known.add(a); }); }
    const hints = {};
    function hinted(name, control) {
      hints[name] = el("span", { class: "tp-hint" });
      return el("label", { class: "tp-field" }, [el("span", { text: labels[name] }), control, hints[name]]);
    }
    const c = {
      role: select("role", roleOptions(vocab, "choose a role"), "messaging"),
      data_model: select("data_model", [{ value: "", label: "any" }], ""),
      latency: el("input", { name: "latency", placeholder: "e.g. 10ms", title: engine.LATENCY_FORM }),
      volume: el("input", { name: "volume", placeholder: "e.g. 200GB", title: engine.VOLUME_FORM }),
      throughput: el("input", { name: "throughput", placeholder: "e.g. 2k/s", title: engine.THROUGHPUT_FORM }),
      concurrency: el("input", { name: "concurrency", type: "number", min: "1", placeholder: "clients" }),
      consistency: select("consistency", [{ value: "", label: "any" }, { value: "strong", label: "strong" },
        { value: "eventual", label: "eventual is fine" }], ""),
      availability: select("availability", [{ value: "", label: "standard" }, { value: "high", label: "high" }], ""),
      embedded: select("embedded", [{ value: "", label: "not required" },
        { value: "true", label: "in the process" }], ""),
      persistence: select("persistence", [{ value: "", label: "not stated" },
        { value: "true", label: "must survive a restart" }, { value: "false", label: "may be lost (a cache)" }], ""),
      regions: el("input", { name: "regions", type: "number", min: "1", placeholder: "write regions" }),
      license: select("license", [{ value: "", label: "any" }, { value: "open-source", label: "open source" },
        { value: "permissive", label: "permissive" }], ""),
      hosting: select("hosting", [{ value: "", label: "any" }, { value: "self-hosted", label: "self-hosted" },
        { value: "managed", label: "managed" }], ""),
      cloud: select("cloud", [{ value: "", label: "any" }].concat(
        Object.keys(vocab.clouds).map(function (k) { return { value: k, label: vocab.clouds[k] }; })), ""),
      exclude: el("input", { name: "exclude", placeholder: "ids never to pick" }),
      existing: el("input", { name: "existing", placeholder: "postgresql, kafka" }),
      skills: el("input", { name: "skills", placeholder: "python, sql" }),
      team_size: el("input", { name: "team_size", type: "number", min: "1", placeholder: "people" }),
    };
    const labels = { role: "Role", data_model: "Data model", latency: "Latency p99", volume: "Volume",
      throughput: "Throughput", concurrency: "Concurrency", consistency: "Consistency", availability: "Availability",
      embedded: "Embedded", persistence: "Persistence", regions: "Regions", license: "Licence", hosting: "Hosting",
      cloud: "Cloud", exclude: "Exclude (ids)", existing: "Already running (ids)", skills: "Skills",
      team_size: "Team size" };
    const caps = el("div", { class: "tp-caps", id: "tp-rec-caps" });
    const results = el("div", { id: "tp-rec-results" });
    const yaml = el("pre", { id: "tp-rec-yaml" });

    function capabilityControls() {
      const members = index.technologies.filter(function (t) { return t.roles.indexOf(c.role.value) >= 0; });
      const offered = new Set();
      const models = new Set();
      for (const t of members) {
        Object.keys(t.capabilities).forEach(function (cap) { offered.add(cap); });
        t.data_models.forEach(function (m) { models.add(m); });
      }
      const model = c.data_model.value;
      c.data_model.replaceChildren.apply(c.data_model, [el("option", { value: "", text: "any" })].concat(
        Array.from(models).sort().map(function (m) { return el("option", { value: m, text: words(m) }); })));
      c.data_model.value = models.has(model) ? model : "";
      const kind = function (cap) { return has(vocab.capabilities, cap) ? vocab.capabilities[cap].kind : ""; };
      const list = Array.from(offered).sort(function (a, b) { return cmp(kind(a), kind(b)) || cmp(a, b); });
      caps.replaceChildren.apply(caps, list.map(function (cap) {
        const control = select("cap:" + cap, CAP_CHOICES, "");
        control.addEventListener("change", update);
        return el("label", { title: has(vocab.capabilities, cap) ? vocab.capabilities[cap].meaning : "" },
          [el("span", { text: cap }), control]);
      }));
    }

    function names(text) {
      return text.split(/[\s,]+/).map(function (s) { return s.trim().toLowerCase(); }).filter(Boolean);
    }

    /** The text of a field, checked; a wrong value is marked and left out. */
    function checked(name, check) {
      const raw = c[name].value.trim();
      c[name].classList.remove("tp-invalid");
      if (hints[name]) hints[name].textContent = "";
      if (!raw) return null;
      const problem = check(raw);
      if (!problem) return raw;
      c[name].classList.add("tp-invalid");
      if (hints[name]) hints[name].textContent = problem;
      return null;
    }
    function quantity(parse) {
      return function (raw) { try { parse(raw); return ""; } catch (err) { return "expected " + err.message; } };
    }
    function count(low, high) {
      return function (raw) {
        return /^[0-9]+$/.test(raw) && +raw >= low && +raw <= high ? "" : "expected a whole number from " + low;
      };
    }
    function ids(raw) {
      const unknown = names(raw).filter(function (n) { return !known.has(n); });
      return unknown.length ? "not in the catalog: " + unknown.join(", ") : "";
    }

    /** The requirements file the form states: what the engine ranks and the preview shows. */
    function request() {
      const need = { id: "my-need", role: c.role.value };
      if (c.data_model.value) need.data_model = c.data_model.value;
      const access = [], features = [], prefer = [];
      for (const control of caps.querySelectorAll("select")) {
        const cap = control.name.slice(4);
        if (control.value === "required") (vocab.capabilities[cap].kind === "access" ? access : features).push(cap);
        if (control.value === "prefer") prefer.push(cap);
      }
      if (access.length) need.access = access;
      if (features.length) need.features = features;
      if (prefer.length) need.prefer = prefer;
      for (const [name, parse] of [["latency", engine.parseLatency], ["volume", engine.parseVolume],
        ["throughput", engine.parseThroughput]]) {
        const value = checked(name, quantity(parse));
        if (value !== null) need[name] = value;
      }
      const concurrency = checked("concurrency", count(1, 1e12));
      if (concurrency !== null) need.concurrency = +concurrency;
      if (c.consistency.value) need.consistency = c.consistency.value;
      if (c.availability.value) need.availability = c.availability.value;
      if (c.embedded.value) need.embedded = true;
      if (c.persistence.value) need.persistence = c.persistence.value === "true";
      const regions = checked("regions", count(1, 1000));
      if (regions !== null) need.regions = +regions;

      const file = { version: 1 };
      const constraints = {};
      for (const key of ["license", "hosting", "cloud"]) if (c[key].value) constraints[key] = c[key].value;
      checked("exclude", ids);
      const exclude = names(c.exclude.value).filter(function (n) { return known.has(n); });
      if (exclude.length) constraints.exclude = exclude;
      if (Object.keys(constraints).length) file.constraints = constraints;
      const context = {};
      checked("existing", ids);
      const existing = names(c.existing.value).filter(function (n) { return known.has(n); });
      if (existing.length) context.existing = existing;
      const skills = names(c.skills.value);
      if (skills.length) context.skills = skills;
      const team = checked("team_size", count(1, 100000));
      if (team !== null) context.team_size = +team;
      if (Object.keys(context).length) file.context = context;
      file.needs = [need];
      return file;
    }

    function update() {
      const file = request();
      yaml.textContent = yamlOf(file, 0).join("\n") + "\n";
      if (!file.needs[0].role) {
        results.replaceChildren(el("p", { class: "tp-count", id: "tp-rec-count", text: "Choose a role." }));
        return;
      }
      showResults(engine.recommend(index, file));
    }

    function showResults(rec) {
      const result = rec.needs[0];
      const passing = result.ranked.filter(function (cand) { return !cand.failures.length; });
      const items = [el("p", { class: "tp-count", id: "tp-rec-count",
        text: passing.length + " of " + result.ranked.length + " " + words(result.role).toLowerCase() +
          " technologies meet every hard requirement" })];
      if (rec.warnings.length) {
        items.push(el("ul", { id: "tp-rec-warnings" }, rec.warnings.map(function (w) {
          return el("li", { class: "tp-fail", text: w });
        })));
      }
      const byId = {};
      for (const t of index.technologies) byId[t.id] = t;
      const ul = el("ul", { class: "tp-results", id: "tp-rec-list" });
      for (const cand of result.ranked) {
        const t = byId[cand.id];
        const lines = [];
        if (cand.failures.length) {
          cand.failures.forEach(function (f) { lines.push(el("li", { class: "tp-fail", text: f })); });
        } else {
          if (cand.pick < 0)
            cand.why_not.forEach(function (w) { lines.push(el("li", { class: "tp-meta", text: w })); });
          cand.reasons.forEach(function (r) { lines.push(el("li", { class: "tp-plus", text: "+ " + r })); });
          cand.tradeoffs.forEach(function (r) { lines.push(el("li", { class: "tp-minus", text: "− " + r })); });
        }
        const label = cand.pick === 0 ? "Pick: " : cand.pick === 1 ? "Or: " : "";
        ul.appendChild(el("li", { class: "tp-card" + (cand.failures.length ? " tp-card--out" : ""),
          dataset: { id: cand.id, passes: cand.failures.length ? "no" : "yes", score: engine.fixed(cand.score, 2) } }, [
          el("span", { class: "tp-score", text: engine.fixed(cand.score, 2) }),
          el("h3", {}, [label, techLink(t), badge(t)]),
          el("ul", {}, lines),
        ]));
      }
      items.push(ul);
      if (rec.stack.components.length) {
        items.push(el("p", { class: "tp-section", text: "What you would run" }));
        items.push(el("ul", { id: "tp-rec-stack" },
          rec.stack.notes.map(function (n) { return el("li", { text: n }); })));
      }
      results.replaceChildren.apply(results, items);
    }

    c.role.addEventListener("change", function () { capabilityControls(); update(); });
    for (const name of Object.keys(c)) {
      if (name === "role") continue;
      c[name].addEventListener(c[name].tagName === "SELECT" ? "change" : "input", update);
    }
    const groups = [
      ["The need", ["role", "data_model", "latency", "volume", "throughput", "concurrency", "consistency",
        "availability", "embedded", "persistence", "regions"]],
      ["Constraints", ["license", "hosting", "cloud", "exclude"]],
      ["The team", ["existing", "skills", "team_size"]],
    ];
    const forms = [];
    for (const [title, fields] of groups) {
      forms.push(el("p", { class: "tp-section", text: title }));
      forms.push(el("form", { class: "tp-controls", onsubmit: function (e) { e.preventDefault(); } },
        fields.map(function (name) { return hinted(name, c[name]); })));
    }
    forms[1].id = "tp-rec-form";
    root.replaceChildren.apply(root, forms.concat([
      el("p", { class: "tp-section", text: "Capabilities" }), caps,
      el("p", { class: "tp-section", text: "Ranking" }), results,
      el("p", { class: "tp-section", text: "As a requirements file" }), yaml]));
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

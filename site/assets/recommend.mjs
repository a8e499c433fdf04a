/* techpick site: the Recommend page.
 *
 * A whole requirements file (pasted, uploaded, edited, or written by the short
 * form) goes to a Web Worker that runs techpick's own Python engine under
 * Pyodide (engine-worker.mjs, engine.mjs). The answers are the command line's
 * own: the text report of `techpick recommend [--explain]`, its JSON, and the
 * review of `techpick review`; a file the loader refuses shows the CLI's error.
 * This page only lays out what came back; it decides nothing. Every piece of
 * text reaches the page through textContent, never innerHTML.
 */

const INDEX_URL = new URL("../index.json", import.meta.url);
const SITE_ROOT = new URL("../", import.meta.url).href.replace(/\/$/, "");

const EXAMPLE = `# A requirements file: paste your own, upload one, or use the short form below.
version: 1
name: Internal booking service for a team of two
context:
  skills: [python]
  team_size: 2
needs:
  - id: bookings
    role: storage
    data_model: relational
    access: [transactions, joins]
    volume: 500MB
    throughput: 5/s
  - id: reminders
    role: messaging
    access: [work-queue]
    throughput: 1/s
`;

/* ---- DOM helpers: text only ---------------------------------------------- */
function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function field(label, control) {
  return el("label", { class: "tp-field" }, [el("span", { text: label }), control]);
}

function select(name, options) {
  const node = el("select", { name });
  for (const [value, label] of options) node.appendChild(el("option", { value, text: label }));
  return node;
}

function words(value) {
  const text = String(value).replace(/-/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/* ---- the short form: it writes a requirements file, nothing more ---------- */
const YAML_WORDS = /^(y|n|yes|no|on|off|true|false|null|~)$/i;

/** A scalar for YAML: ids and quantities as they are, anything else JSON-quoted (JSON is YAML). */
function scalar(value) {
  const plain = /^[a-z0-9]+([-.][a-z0-9]+)*$/i.test(value) && !/^[0-9.]+$/.test(value) && !YAML_WORDS.test(value);
  const quantity = /^[0-9.]+ ?[kKMG]?(\/[a-z]+|[A-Za-zµ]+)$/.test(value);
  return plain || quantity ? value : JSON.stringify(value);
}

function list(text) {
  return text.split(",").map((w) => w.trim()).filter(Boolean);
}

function fileFromForm(values) {
  const lines = ["version: 1"];
  if (values.name) lines.push("name: " + scalar(values.name));
  const constraints = ["license", "hosting"].filter((k) => values[k]);
  if (constraints.length) lines.push("constraints:", ...constraints.map((k) => `  ${k}: ${values[k]}`));
  const context = [];
  if (list(values.existing).length) context.push(`  existing: [${list(values.existing).map(scalar).join(", ")}]`);
  if (list(values.skills).length) context.push(`  skills: [${list(values.skills).map(scalar).join(", ")}]`);
  const people = String(values.team_size || "").trim();  // a whole number stays a number; anything else is quoted
  if (people) context.push("  team_size: " + (/^[0-9]+$/.test(people) ? people : scalar(people)));
  if (context.length) lines.push("context:", ...context);
  lines.push("needs:", "  - id: " + scalar(values.id || "my-need"), "    role: " + scalar(values.role));
  for (const key of ["data_model", "latency", "volume", "throughput", "availability"]) {
    if (values[key]) lines.push(`    ${key}: ${scalar(values[key])}`);
  }
  if (list(values.access).length) lines.push(`    access: [${list(values.access).map(scalar).join(", ")}]`);
  return lines.join("\n") + "\n";
}

function shortForm(vocab, write) {
  const c = {
    name: el("input", { name: "name", placeholder: "what you are building" }),
    id: el("input", { name: "id", placeholder: "my-need", value: "my-need" }),
    role: select("role", Object.keys(vocab.roles).map((r) => [r, words(r)])),
    data_model: select("data_model", [["", "any"], ...Object.keys(vocab.data_models).map((m) => [m, words(m)])]),
    access: el("input", { name: "access", placeholder: "transactions, joins" }),
    latency: el("input", { name: "latency", placeholder: "e.g. 10ms" }),
    volume: el("input", { name: "volume", placeholder: "e.g. 200GB" }),
    throughput: el("input", { name: "throughput", placeholder: "e.g. 2k/s" }),
    availability: select("availability", [["", "standard"], ["high", "high"]]),
    license: select("license", [["", "any"], ["open-source", "open source"], ["permissive", "permissive"]]),
    hosting: select("hosting", [["", "any"], ["self-hosted", "self-hosted"], ["managed", "managed"]]),
    existing: el("input", { name: "existing", placeholder: "postgresql, kafka" }),
    skills: el("input", { name: "skills", placeholder: "python, sql" }),
    team_size: el("input", { name: "team_size", type: "number", min: "1", placeholder: "people" }),
  };
  c.role.value = vocab.roles.storage ? "storage" : c.role.value;
  const labels = { name: "Project", id: "Need id", role: "Role", data_model: "Data model",
    access: "Must do (capabilities)", latency: "Latency p99", volume: "Volume", throughput: "Throughput",
    availability: "Availability", license: "Licence", hosting: "Hosting", existing: "Already running (ids)",
    skills: "Skills", team_size: "Team size" };
  const button = el("button", { type: "submit", class: "md-button", id: "tp-rec-write", text: "Write the file" });
  const form = el("form", { class: "tp-controls", id: "tp-rec-form" },
    [...Object.keys(c).map((key) => field(labels[key], c[key])), button]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = {};
    for (const [key, control] of Object.entries(c)) values[key] = control.value.trim();
    write(fileFromForm(values));
  });
  return el("details", { class: "tp-rec-short" }, [
    el("summary", { text: "Or write a file of one need with a short form" }), form]);
}

/* ---- the answers, laid out ------------------------------------------------ */
function download(id, name, type, body) {
  const link = el("a", { id, class: "md-button", download: name, text: "Download " + name });
  if (body === undefined) {  // the review comes a moment after the answer (it runs the engine at 10x and 100x)
    link.dataset.ready = "0";
    link.setAttribute("aria-disabled", "true");
  } else {
    link.href = URL.createObjectURL(new Blob([body], { type }));
    link.dataset.ready = "1";
  }
  return link;
}

function reviewArrived(out, id, review) {
  const link = out.querySelector("#tp-rec-review");
  if (!link || link.dataset.run !== String(id)) return;  // an older file's review
  if (review.error) {
    link.replaceWith(el("span", { class: "tp-fail", text: review.error }));
    return;
  }
  link.href = URL.createObjectURL(new Blob([review.review], { type: "text/markdown" }));
  link.removeAttribute("aria-disabled");
  link.textContent = "Download review.md";
  link.dataset.ready = "1";
}

/** A click on the review before it came: ask for it now; the link works once it is there. */
function wantReview(out, worker) {
  out.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("#tp-rec-review");
    if (!link || link.dataset.ready === "1") return;
    event.preventDefault();
    link.textContent = "Preparing review.md…";
    worker.postMessage({ reviewNow: true, id: Number(link.dataset.run) });
  });
}

function needCard(need) {
  const picks = (need.picks || []).map((pick, i) => el("li", { class: "tp-pick", "data-id": pick.id }, [
    el("strong", { text: (i === 0 ? "Pick: " : "Also fits: ") + (pick.name || pick.id) }),
    ` [${pick.id}] score ${pick.score}`,
    el("ul", {}, [
      ...(pick.reasons || []).map((r) => el("li", { class: "tp-plus", text: "+ " + r })),
      ...(pick.tradeoffs || []).map((t) => el("li", { class: "tp-minus", text: "− " + t }))]),
  ]));
  const considered = (need.considered || []).map((c) => el("li", { "data-id": c.id },
    [el("strong", { text: c.id }), ` ${c.score}: ` + (c.why_not || []).join("; ")]));
  return el("li", { class: "tp-card tp-need", "data-need": need.id }, [
    el("h3", { text: `${need.id} (${need.role})` }),
    picks.length ? el("ul", { class: "tp-picks" }, picks) : el("p", { class: "tp-fail", text: "Nothing fits." }),
    considered.length ? el("p", { class: "tp-meta", text: "Why not the others" }) : null,
    considered.length ? el("ul", { class: "tp-considered" }, considered) : null,
  ]);
}

function showAnswer(out, answer, id) {
  if (answer.error) {
    out.replaceChildren(
      el("p", { class: "tp-fail", text: "The file was refused, as `techpick recommend` would refuse it:" }),
      el("pre", { id: "tp-rec-error", class: "tp-fail", text: answer.error }));
    return;
  }
  const data = JSON.parse(answer.json);
  const stack = data.stack || {};
  const review = download("tp-rec-review", "review.md", "text/markdown", answer.review);
  review.dataset.run = String(id);
  out.replaceChildren(
    el("div", { class: "tp-downloads" }, [
      review, download("tp-rec-json", "recommendation.json", "application/json", answer.json)]),
    el("h2", { text: "Picks per need" }),
    el("ul", { class: "tp-results tp-needs", id: "tp-rec-needs" }, (data.needs || []).map(needCard)),
    el("h2", { text: "The stack" }),
    el("p", { id: "tp-rec-stack", text: (stack.components || []).join(", ") || "–" }),
    el("ul", { id: "tp-rec-notes" }, (stack.notes || []).map((n) => el("li", { text: n }))),
    el("h2", { text: "Warnings" }),
    el("ul", { id: "tp-rec-warnings" }, (data.warnings || []).map((w) => el("li", { text: w }))),
    (data.warnings || []).length ? null : el("p", { text: "None." }),
    el("h2", { text: "The full report, as the command line prints it" }),
    el("pre", { id: "tp-rec-report", text: answer.text }));
}

/* ---- the page ------------------------------------------------------------- */
async function start(root) {
  const status = el("p", { id: "tp-rec-status", class: "tp-status", "aria-live": "polite",
    "data-state": "loading", text: "Starting Python in your browser…" });
  const file = el("textarea", { id: "tp-rec-file", name: "reqs", rows: "18", spellcheck: "false",
    "aria-label": "The requirements file" });
  file.value = EXAMPLE;
  let fileName = "reqs.yaml";
  const nameLabel = el("code", { id: "tp-rec-name", text: fileName });
  const upload = el("input", { type: "file", id: "tp-rec-upload", accept: ".yaml,.yml,text/yaml",
    "aria-label": "Upload a requirements file" });
  upload.addEventListener("change", async () => {
    const chosen = upload.files && upload.files[0];
    if (!chosen) return;
    file.value = await chosen.text();
    fileName = chosen.name;
    nameLabel.textContent = fileName;
  });
  const explain = el("input", { type: "checkbox", id: "tp-rec-explain" });
  const run = el("button", { type: "button", id: "tp-rec-run", class: "md-button md-button--primary",
    text: "Recommend" });
  const out = el("div", { id: "tp-rec-out", "aria-live": "polite" });
  const form = el("div", { class: "tp-rec-input" }, [
    el("p", {}, ["File ", nameLabel, " · upload one: ", upload]),
    file,
    el("p", {}, [el("label", {}, [explain, " Explain every score term (--explain)"]), " ", run]),
  ]);
  root.replaceChildren(status, form, out);

  let vocab = null;
  fetch(INDEX_URL).then((r) => r.json()).then((index) => {
    vocab = index.vocabulary;
    form.after(shortForm(vocab, (text) => {
      file.value = text;
      fileName = "reqs.yaml";
      nameLabel.textContent = fileName;
      file.focus();
    }));
  }).catch(() => {});

  const started = performance.now();
  status.dataset.workerAt = (started / 1000).toFixed(3);  // seconds since the page was opened
  const worker = new Worker(new URL("./engine-worker.mjs", import.meta.url), { type: "module" });
  wantReview(out, worker);
  let next = 0;
  const waiting = new Map();
  worker.onmessage = (event) => {
    const message = event.data;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (message.progress) {
      status.textContent = `${message.progress}… (${seconds} s)`;
      status.dataset.steps = (status.dataset.steps || "") + `${seconds} s ${message.progress}\n`;
    }
    if (message.ready) {
      status.dataset.state = "ready";
      status.dataset.image = message.image ? "1" : "0";  // Python restored from the build's start-up image
      status.dataset.steps = (status.dataset.steps || "") + `${seconds} s ready\n`;
      status.textContent = `Python is ready: techpick runs in your browser (started in ${seconds} s).`;
    }
    if (message.failed) {
      status.dataset.state = message.missing ? "missing" : "failed";
      status.replaceChildren(message.missing
        ? "This copy of the site was built without the in-browser engine. Save the file and run: "
        : "Python could not start in this browser (" + message.failed + "). Save the file and run: ",
      el("code", { text: "techpick recommend --req reqs.yaml" }));
      run.disabled = true;
      for (const resolve of waiting.values()) resolve(null);
    }
    if (message.review !== undefined) reviewArrived(out, message.id, message.review);
    if (message.answer !== undefined && waiting.has(message.id)) {
      waiting.get(message.id)(message.answer);
      waiting.delete(message.id);
    }
  };

  run.addEventListener("click", async () => {
    const id = next++;
    const asked = performance.now();
    run.disabled = true;
    out.dataset.state = "running";
    const answer = await new Promise((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage({ id, name: fileName, text: file.value, explain: explain.checked,
        date: new Date().toISOString().slice(0, 10), siteUrl: SITE_ROOT });
    });
    run.disabled = status.dataset.state === "missing" || status.dataset.state === "failed";
    if (!answer) return;
    showAnswer(out, answer, id);
    out.dataset.state = answer.error ? "refused" : "done";
    out.dataset.run = String(id + 1);
    out.dataset.seconds = ((performance.now() - asked) / 1000).toFixed(3);
    out.dataset.at = (performance.now() / 1000).toFixed(3);  // seconds since the page was opened
  });
}

const root = document.getElementById("tp-recommend");
if (root) start(root);

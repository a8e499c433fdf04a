/* techpick's own Python engine, started under Pyodide from the site's engine/ folder.
 *
 * `techpick site build` writes engine/engine.json (what to load, in order),
 * engine/pyodide/ (the runtime), engine/wheels/ (pydantic, networkx, PyYAML,
 * techpick) and engine/catalog.json (the validated catalog). Nothing comes
 * from outside the site. The Recommend page's worker (engine-worker.mjs) uses
 * this module, and so does the Node.js test that holds the page's answers
 * equal to the command line's (tests/test_browser_engine.py); all the logic
 * is techpick.browser in Python.
 */

/** The bytes at a URL: fetched in a browser, read from disk for a file: URL (Node.js). */
async function readBytes(url) {
  if (url.protocol === "file:") {
    const fs = await import("node:fs/promises");
    return new Uint8Array(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** What Pyodide accepts as a location: a URL in a browser, a path on disk under Node.js. */
function location(url) {
  return url.protocol === "file:" ? decodeURIComponent(url.pathname) : url.href;
}

/**
 * Start Python, install techpick and read the catalog; `progress(step)` hears each step.
 * Resolves to { run(request) } where request is {name, text, explain, date, siteUrl} and the
 * answer is {json, text, review} as the CLI prints them, or {error} as it prints it on stderr.
 * Rejects with an error whose `missing` is true when the site was built without the engine.
 */
export async function startEngine(engineURL, progress = () => {}) {
  const base = new URL(engineURL);
  let manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(await readBytes(new URL("engine.json", base))));
  } catch (err) {
    const missing = new Error("this site was built without the in-browser engine (" + err.message + ")");
    missing.missing = true;
    throw missing;
  }
  progress("Starting Python (Pyodide)");
  const runtime = new URL(manifest.pyodide, base);
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  const pyodide = await loadPyodide({ indexURL: location(runtime), stdout: () => {}, stderr: () => {} });
  progress("Installing techpick, pydantic, networkx and PyYAML");
  await pyodide.loadPackage(manifest.wheels.map((wheel) => location(new URL(wheel, base))),
    { messageCallback: () => {}, errorCallback: () => {} });
  progress("Reading the catalog");
  pyodide.FS.mkdirTree("/techpick/files");
  pyodide.FS.writeFile("/techpick/catalog.json", await readBytes(new URL(manifest.catalog, base)));
  pyodide.FS.chdir("/techpick/files");
  progress("Building the capability graph");
  const engine = pyodide.runPython(
    "from pathlib import Path\n" +
    "from techpick.browser import Engine\n" +
    "Engine(Path('/techpick/catalog.json').read_bytes())");
  return {
    digest: manifest.digest,
    run(request) {
      const answer = engine.run(request.name || "reqs.yaml", request.text, Boolean(request.explain),
        request.date || "1970-01-01", request.siteUrl || "site");
      try {
        return answer.toJs({ dict_converter: Object.fromEntries });
      } finally {
        answer.destroy();
      }
    },
  };
}

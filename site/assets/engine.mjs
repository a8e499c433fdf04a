/* techpick's own Python engine, started under Pyodide from the site's engine/ folder.
 *
 * `techpick site build` writes engine/engine.json (what to load, in order),
 * engine/pyodide/ (the runtime), engine/wheels/ (pydantic, networkx, PyYAML,
 * techpick), engine/catalog.json (the validated catalog) and engine/snapshot/
 * (the start-up image of techpick.snapshot: Python's memory with all of that
 * loaded, the packages' files and pydantic-core's compiled module). The image
 * is tried first; Pyodide refuses one made by another build of itself, and
 * then, as on any failure to restore it, Python starts from the wheels.
 * Nothing comes from outside the site. The Recommend page's worker (engine-worker.mjs) uses
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
 * Resolves to { run(request), answer(request), review(request), image } where request is
 * {name, text, explain, date, siteUrl} and run's answer is {json, text, review} as the CLI prints
 * them (answer: json and text, review: the review), or {error} as it prints it on stderr;
 * `image` says whether Python came from the build's start-up image (engine.json's snapshot).
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
  const runtime = new URL(manifest.pyodide, base);
  if (manifest.snapshot) {
    try {
      return await fromImage(manifest, base, runtime, progress);
    } catch (err) {
      progress("The start-up image cannot be used here (" + String((err && err.message) || err).split("\n")[0] +
        "); starting Python the usual way");
    }
  }
  return fromScratch(manifest, base, runtime, progress);
}

/** Python restored from the build's start-up image: techpick imported, the catalog read, the graph built. */
async function fromImage(manifest, base, runtime, progress) {
  const image = manifest.snapshot;
  progress("Loading Python's start-up image");
  if (image.imageFormat !== "sparse-1") throw new Error(`an image in the unknown format ${image.imageFormat}`);
  const bytes = readBytes(new URL(image.image, base)).then(dense);
  const packages = readBytes(new URL(image.packages, base));
  bytes.catch(() => {});
  packages.catch(() => {});
  const libraries = Object.fromEntries(image.dynlibs.map((lib) => [lib.path, location(new URL(lib.file, base))]));
  const [{ loadPyodide }, { default: create }] = await Promise.all([
    import(new URL("pyodide.mjs", runtime).href), import(new URL("pyodide.asm.mjs", runtime).href)]);
  let size = 0;
  const restore = compileWhileLoading(new URL("pyodide.asm.wasm", runtime));
  let pyodide;
  try {
    pyodide = await loadPyodide({
      indexURL: location(runtime), stdout: () => {}, stderr: () => {},
      _loadSnapshot: bytes.then((data) => { size = data.length; progress("Restoring Python"); return data; }),
      async createPyodideModule(settings) {
        // the compiled extension modules load before Python, where the image expects them (snapshot.mjs)
        settings.dynamicLibraries = Object.keys(libraries);
        const locate = settings.locateFile;
        settings.locateFile = (name) => libraries[name] ?? locate(name);
        const module = await create(settings);
        if (size > module.HEAP8.length && !module._emscripten_resize_heap(size)) {
          throw new Error(`cannot grow the memory to ${size} bytes`);
        }
        return module;
      },
    });
  } finally {
    restore();
  }
  progress("Python restored");
  pyodide.FS.writeFile(image.packagesPath, await packages);
  pyodide.FS.mkdirTree("/techpick/files");
  pyodide.FS.chdir("/techpick/files");
  const engine = pyodide.globals.get("engine");
  if (!engine || engine.catalog.digest !== manifest.digest) throw new Error("the image holds another catalog");
  return wrap(engine, manifest, true);
}

/**
 * Compile Python's WebAssembly while the image downloads, not after: Pyodide fetches it at once but
 * compiles it only once the image is in. Returns the function that puts fetch and
 * WebAssembly.instantiateStreaming back. A no-op outside a browser.
 */
function compileWhileLoading(wasmURL) {
  if (wasmURL.protocol === "file:" || typeof WebAssembly.compileStreaming !== "function") return () => {};
  const fetch0 = globalThis.fetch;
  const instantiate0 = WebAssembly.instantiateStreaming;
  let compiled = null;
  globalThis.fetch = (url, init) => {
    const response = fetch0(url, init);
    if (String(url) === wasmURL.href && !compiled) compiled = WebAssembly.compileStreaming(response);
    return response;
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if (!compiled) return instantiate0(source, imports);
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return () => {
    globalThis.fetch = fetch0;
    WebAssembly.instantiateStreaming = instantiate0;
  };
}

/** The whole image from its sparse form (techpick.snapshot.sparse): the runs of zeros left out come back. */
function dense(data) {
  const words = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const size = words.getUint32(0, true);
  const count = words.getUint32(4, true);
  const image = new Uint8Array(size);
  let at = 8 + 8 * count;
  for (let i = 0; i < count; i++) {
    const offset = words.getUint32(8 + 8 * i, true);
    const length = words.getUint32(12 + 8 * i, true);
    image.set(data.subarray(at, at + length), offset);
    at += length;
  }
  if (at !== data.length) throw new Error("the start-up image is damaged");
  return image;
}

/** Python started from nothing: install the wheels, import techpick, read the catalog, build the graph. */
async function fromScratch(manifest, base, runtime, progress) {
  progress("Starting Python (Pyodide)");
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
  return wrap(engine, manifest, false);
}

/** The engine's calls for JavaScript: every answer comes back as plain objects and strings. */
function wrap(engine, manifest, image) {
  const call = (method, ...args) => {
    const answer = engine[method](...args);
    try {
      return answer.toJs({ dict_converter: Object.fromEntries });
    } finally {
      answer.destroy();
    }
  };
  const name = (request) => request.name || "reqs.yaml";
  return {
    digest: manifest.digest,
    image,
    /** {json, text, review} or {error}: everything at once. */
    run: (request) => call("run", name(request), request.text, Boolean(request.explain),
      request.date || "1970-01-01", request.siteUrl || "site"),
    /** {json, text} or {error}: what the page shows first. */
    answer: (request) => call("answer", name(request), request.text, Boolean(request.explain)),
    /** {review} or {error}: asked for once the answer is shown. */
    review: (request) => call("review", name(request), request.text, request.date || "1970-01-01",
      request.siteUrl || "site"),
    /** The review in pieces: step() gives null after each run of the engine, then {review} or {error};
     *  close() drops a review nobody waits for any more. */
    reviewSteps: (request) => {
      const steps = engine.review_steps(name(request), request.text, request.date || "1970-01-01",
        request.siteUrl || "site");
      return {
        step() {
          const next = steps.next();
          if (next.done) throw new Error("the review has no more steps");
          if (next.value === undefined || next.value === null) return null;
          try {
            return next.value.toJs({ dict_converter: Object.fromEntries });
          } finally {
            next.value.destroy();
          }
        },
        close: () => steps.destroy(),
      };
    },
  };
}

// Makes the Recommend page's start-up image at site build time: Pyodide's
// memory once Python has started, imported techpick, pydantic, networkx and
// PyYAML, read the catalog, built the graph and answered a few warm-up files.
// The page restores it (site/assets/engine.mjs) instead of doing all of that.
// Run by techpick.snapshot under Node.js, in the pinned Pyodide itself:
//   node snapshot.mjs SPEC.json
// SPEC: {pyodide, out, packages, packagesPath, extract: [wheel], dynlibs: [{path, file}],
//        catalog, warm: [{name, text, explain}]}
// Compiled extension modules (pydantic-core) are loaded as "dynamic libraries"
// before Python starts, at the same addresses in this process and in the page,
// so their code and data in the image stay valid. The clock and the random
// source are fixed while the image is made, so the same inputs give the same bytes.
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const EPOCH = Date.UTC(2020, 0, 1);
Date.now = () => EPOCH;
performance.now = () => 0;
let seed = 0x2545f491;
nodeCrypto.randomFillSync = (view) => {  // what Pyodide reads under Node.js for os.urandom and random
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  return view;
};

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
function fail(err) {  // one readable line, never Pyodide's minified source
  console.error(String((err && err.message) || err).split("\n").slice(-6).join("\n").slice(0, 2000));
  process.exit(1);
}

const indexURL = path.resolve(spec.pyodide) + "/";
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const create = (await import(indexURL + "pyodide.asm.mjs")).default;
const libraries = Object.fromEntries(spec.dynlibs.map((lib) => [lib.path, path.resolve(lib.file)]));
const pyodide = await loadPyodide({
  indexURL, _makeSnapshot: true, env: { PYTHONHASHSEED: "0" }, stdout: () => {}, stderr: (line) => console.error(line),
  async createPyodideModule(settings) {
    settings.dynamicLibraries = Object.keys(libraries);
    const locate = settings.locateFile;
    settings.locateFile = (name) => libraries[name] ?? locate(name);
    return create(settings);
  },
});
pyodide.FS.writeFile(spec.packagesPath, readFileSync(spec.packages));
for (const wheel of spec.extract) pyodide.FS.writeFile("/tmp/" + path.basename(wheel), readFileSync(wheel));
pyodide.FS.writeFile("/tmp/catalog.json", readFileSync(spec.catalog));
pyodide.FS.writeFile("/tmp/warm.json", JSON.stringify(spec.warm));
pyodide.FS.mkdirTree("/techpick/files");
pyodide.FS.chdir("/techpick/files");
pyodide.runPython(`
def _start():
    import importlib, json, os, site, sys, zipfile
    for name in ${JSON.stringify(spec.extract.map((w) => path.basename(w)))}:
        with zipfile.ZipFile("/tmp/" + name) as wheel:
            wheel.extractall(site.getsitepackages()[0])
        os.remove("/tmp/" + name)
    sys.path.append(${JSON.stringify(spec.packagesPath)})
    importlib.invalidate_caches()  # the fixed clock hides the new files from the finders' caches
    from techpick.browser import Engine
    with open("/tmp/catalog.json", "rb") as raw:
        engine = Engine(raw.read())
    os.remove("/tmp/catalog.json")
    with open("/tmp/warm.json", encoding="utf-8") as raw:
        for request in json.load(raw):
            engine.run(request["name"], request["text"], request["explain"], "1970-01-01", "site")
    os.remove("/tmp/warm.json")
    loaded = {getattr(module, "__file__", None) for module in list(sys.modules.values())}
    missing = [lib for lib in ${JSON.stringify(Object.keys(libraries))} if lib not in loaded]
    assert not missing, f"the image expects these libraries to be imported: {missing}"
    return engine

engine = _start()
del _start
import gc
gc.collect()
gc.freeze()  # all of the above lives as long as the page: later collections need not scan it
`);
writeFileSync(spec.out, pyodide.makeMemorySnapshot());

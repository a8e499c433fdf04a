// Adds CPython bytecode for Pyodide's Python to wheels, so the Recommend page
// imports them without compiling every module first (a second or more of its
// start-up). Run by techpick.runtime at site build time, under Node.js, in the
// pinned Pyodide itself: the bytecode must come from Pyodide's exact Python.
//   node pycompile.mjs PYODIDE_DIR OUT_DIR WHEEL...
// writes OUT_DIR/<same name> for every wheel: the same files, plus
// __pycache__/<module>.<cache tag>.pyc as unchecked-hash pycs (used whatever
// the files' times, like Python's own SOURCE_DATE_EPOCH builds).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [pyodideDir, outDir, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/", stdout: () => {}, stderr: () => {} });
pyodide.runPython(`
import importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def add_bytecode(source, target):
    tag = sys.implementation.cache_tag
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, data)
            if not info.filename.endswith(".py") or ".dist-info/" in info.filename or "/tests/" in info.filename:
                continue
            try:
                code = compile(data, info.filename, "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                continue  # a file the package never imports; Python compiles it if it ever does
            folder, _, name = info.filename.rpartition("/")
            pyc = zipfile.ZipInfo(f"{folder}/__pycache__/{name[:-3]}.{tag}.pyc".lstrip("/"), (1980, 1, 1, 0, 0, 0))
            pyc.external_attr = 0o644 << 16
            new.writestr(pyc, _code_to_hash_pyc(code, importlib.util.source_hash(data), False),
                         zipfile.ZIP_DEFLATED)
`);
const addBytecode = pyodide.globals.get("add_bytecode");
for (const wheel of wheels) {
  const name = path.basename(wheel);
  pyodide.FS.writeFile("/tmp/in-" + name, readFileSync(wheel));
  addBytecode("/tmp/in-" + name, "/tmp/out-" + name);
  writeFileSync(path.join(outDir, name), pyodide.FS.readFile("/tmp/out-" + name));
}

// Runs techpick's in-browser engine under Node.js, from a built site: the same
// site/assets/engine.mjs the Recommend page's worker uses, on the same files.
//   node tests/engine_runner.mjs BUILT_SITE  < [{name, text, explain, date, siteUrl}, ...]
// prints {image, steps, answers: [{json, text, review} | {error}, ...]} as JSON: image says whether
// Python came from the build's start-up image, steps are the progress messages.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const site = path.resolve(process.argv[2]);
const { startEngine } = await import(pathToFileURL(path.join(site, "assets", "engine.mjs")).href);
const requests = JSON.parse(readFileSync(0, "utf8"));
const steps = [];
const engine = await startEngine(pathToFileURL(path.join(site, "engine") + "/"), (step) => steps.push(step));
const answers = requests.map((request) => engine.run(request));
process.stdout.write(JSON.stringify({ image: engine.image, steps, answers }));

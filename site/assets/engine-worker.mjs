/* The Recommend page's Web Worker: techpick's Python engine off the page's thread.
 *
 * Messages out: {progress: step}, {ready: true}, {failed: message, missing: bool},
 * and {id, answer} for every {id, name, text, explain, date, siteUrl} that comes in.
 */
import { startEngine } from "./engine.mjs";

const started = performance.now();
const engine = startEngine(new URL("../engine/", import.meta.url), (step) => postMessage({ progress: step }));
engine.then(
  () => postMessage({ ready: true, seconds: (performance.now() - started) / 1000 }),
  (err) => postMessage({ failed: String((err && err.message) || err), missing: Boolean(err && err.missing) }));

self.onmessage = async (event) => {
  const request = event.data;
  try {
    const answer = (await engine).run(request);
    postMessage({ id: request.id, answer });
  } catch (err) {
    postMessage({ id: request.id, answer: { error: "techpick: internal error in the page: " + String(err) } });
  }
};

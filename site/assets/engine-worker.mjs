/* The Recommend page's Web Worker: techpick's Python engine off the page's thread.
 *
 * Messages out: {progress: step}, {ready: true, image}, {failed: message, missing: bool},
 * and for every {id, name, text, explain, date, siteUrl} that comes in, {id, answer} (the report
 * and the JSON, or the error) and then, unless a newer file came in meanwhile, {id, review}.
 */
import { startEngine } from "./engine.mjs";

const started = performance.now();
const engine = startEngine(new URL("../engine/", import.meta.url), (step) => postMessage({ progress: step }));
engine.then(
  (ready) => postMessage({ ready: true, image: ready.image, seconds: (performance.now() - started) / 1000 }),
  (err) => postMessage({ failed: String((err && err.message) || err), missing: Boolean(err && err.missing) }));

const REVIEW_DELAY_MS = 250;
let latest = null;
self.onmessage = async (event) => {
  const request = event.data;
  latest = request.id;
  let ready;
  try {
    ready = await engine;
    const answer = ready.answer(request);
    postMessage({ id: request.id, answer });
    if (answer.error) return;
  } catch (err) {
    postMessage({ id: request.id, answer: { error: "techpick: internal error in the page: " + String(err) } });
    return;
  }
  // The review waits a moment: a file sent meanwhile supersedes it and goes first.
  await new Promise((resolve) => setTimeout(resolve, REVIEW_DELAY_MS));
  if (latest !== request.id) return;
  try {
    postMessage({ id: request.id, review: ready.review(request) });
  } catch (err) {
    postMessage({ id: request.id, review: { error: "techpick: internal error in the page: " + String(err) } });
  }
};

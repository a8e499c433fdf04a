/* The Recommend page's Web Worker: techpick's Python engine off the page's thread.
 *
 * Messages out: {progress: step}, {ready: true, image}, {failed: message, missing: bool},
 * and for every {id, name, text, explain, date, siteUrl} that comes in, {id, answer} (the report
 * and the JSON, or the error) and then {id, review}, once the page is idle or when {id, reviewNow}
 * comes in; a newer file drops the older file's review.
 */
import { startEngine } from "./engine.mjs";

const started = performance.now();
const engine = startEngine(new URL("../engine/", import.meta.url), (step) => postMessage({ progress: step }));
engine.then(
  (ready) => postMessage({ ready: true, image: ready.image, seconds: (performance.now() - started) / 1000 }),
  (err) => postMessage({ failed: String((err && err.message) || err), missing: Boolean(err && err.missing) }));

const REVIEW_IDLE_MS = 1000;
let pending = null;  // the latest file whose review is not sent yet

/** The review of a file, once: it costs more than the answer (the engine runs again at 10x and 100x). */
function sendReview(ready, request) {
  if (pending !== request) return;  // sent already, or a newer file came in
  pending = null;
  try {
    postMessage({ id: request.id, review: ready.review(request) });
  } catch (err) {
    postMessage({ id: request.id, review: { error: "techpick: internal error in the page: " + String(err) } });
  }
}

self.onmessage = async (event) => {
  const request = event.data;
  let ready;
  try {
    ready = await engine;
  } catch (err) {
    const error = "techpick: internal error in the page: " + String(err);
    if (!request.reviewNow) postMessage({ id: request.id, answer: { error } });
    return;
  }
  if (request.reviewNow) {  // the reader asked for the review: now, not when idle
    if (pending && pending.id === request.id) sendReview(ready, pending);
    return;
  }
  pending = null;
  let answer;
  try {
    answer = ready.answer(request);
  } catch (err) {
    answer = { error: "techpick: internal error in the page: " + String(err) };
  }
  postMessage({ id: request.id, answer });
  if (answer.error) return;
  // The review waits until the page has been idle a moment, so that a file sent right after this one
  // is answered first; the page asks for it at once when the reader wants to download it.
  pending = request;
  setTimeout(() => sendReview(ready, request), REVIEW_IDLE_MS);
};

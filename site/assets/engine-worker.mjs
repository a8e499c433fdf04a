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

/** The review of a file, once: it costs more than the answer (the engine runs again at 10x and 100x),
 *  so it is made one engine run per task, and a newer file that comes in between is answered first
 *  (a file waits for one run at most, never for a whole review). */
function sendReview(ready, request) {
  if (pending !== request || request.steps) return;  // sent or under way already, or a newer file came in
  request.steps = ready.reviewSteps(request);
  const step = () => {
    if (pending !== request) {  // a newer file came in: this review is not wanted any more
      request.steps.close();
      return;
    }
    let piece;
    try {
      piece = request.steps.step();
    } catch (err) {
      piece = { error: "techpick: internal error in the page: " + String(err) };
    }
    if (piece === null) {
      setTimeout(step, 0);
      return;
    }
    pending = null;
    request.steps.close();
    postMessage({ id: request.id, review: piece });
  };
  step();
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

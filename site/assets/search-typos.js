/* techpick site: typo tolerance for Material's search, like `techpick search`.
 *
 * `techpick site build` puts this file in front of Material's search worker
 * (sitebuild.tune_search), so its listener sees each message first. When the
 * index arrives it collects every word of the pages; on a query it replaces a
 * word the index does not know (no word starts with it, none shares its
 * stem) by the nearest word of a title or tag: one edit away for words of 4
 * to 7 letters, two for longer ones ("elastcsearch" -> elasticsearch,
 * "сообщенй" -> сообщений), then gives Material a Russian word by its stem
 * and any other word also as an exact, boosted term (see rewrite). Ranking
 * stays Material's: the build weighs names, roles, data models and
 * capabilities as tags.
 */
(function () {
  "use strict";

  const SETUP = 0;
  const QUERY = 2;
  const EXACT = 10;     // weight of a word matched exactly rather than as a prefix
  const SPLIT = /[\s\-]+/;
  let known = null;     // every word of the index
  let nearby = null;    // words of titles and tags: what a typo may become
  let stems = null;     // stems of every word, filled on the first query

  function wordsOf(value) {
    return String(value || "").toLowerCase().replace(/<[^>]*>/g, " ").split(SPLIT)
      .map(function (w) { return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}+#]+$/gu, ""); })
      .filter(Boolean);
  }

  function stem(word) {
    const lunr = self.lunr;
    const language = /[а-яё]/.test(word) ? "ru" : "en";
    const stemmer = language === "ru" ? lunr && lunr.ru && lunr.ru.stemmer : lunr && lunr.stemmer;
    return stemmer ? String(stemmer(new lunr.Token(word.replace(/ё/g, "е")))) : word;
  }

  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let previous = Array.from({ length: b.length + 1 }, function (_, j) { return j; });
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        best = Math.min(best, row[j]);
      }
      if (best > limit) return limit + 1;
      previous = row;
    }
    return previous[b.length];
  }

  function isKnown(word) {
    if (known.has(word)) return true;
    if (!stems) stems = new Set(Array.from(known, stem));
    if (stems.has(stem(word))) return true;
    for (const other of known) if (other.startsWith(word)) return true;
    return false;
  }

  function nearest(word) {
    const limit = word.length >= 8 ? 2 : 1;
    let found = word;
    let closest = limit + 1;
    for (const other of nearby) {
      const d = distance(word, other, limit);
      if (d < closest || (d === closest && other < found)) { found = other; closest = d; }
    }
    return closest <= limit ? found : word;
  }

  /* One query word as Material should search it: a Russian word by its stem
   * (the index keeps words as written and Material matches prefixes, so
   * "колоночн" finds колоночная and колоночные), any other word as itself;
   * a word the index knows also once more exactly, boosted, so "redis" ranks
   * Redis above RedisGraph. */
  function rewrite(word) {
    const exact = known.has(word) ? word + "^" + EXACT + " " : "";
    if (/[а-яё]/.test(word)) return exact + stem(word);
    if (exact) return exact + word;
    if (/[^s]s$/.test(word) && known.has(word.slice(0, -1))) return word.slice(0, -1);
    return word;
  }

  function correct(query) {
    return String(query).split(/(\s+)/).map(function (part) {
      const word = part.toLowerCase();
      if (!/^[\p{L}\p{N}]+$/u.test(word)) return part;
      if (word.length < 4 || isKnown(word)) return rewrite(word);
      return rewrite(nearest(word));
    }).join("");
  }

  self.addEventListener("message", function (event) {
    const message = event.data;
    if (!message) return;
    if (message.type === SETUP) {
      known = new Set();
      nearby = new Set();
      for (const doc of message.data.docs || []) {
        for (const w of wordsOf(doc.text)) known.add(w);
        for (const w of wordsOf(doc.title).concat(wordsOf((doc.tags || []).join(" ")))) {
          known.add(w);
          nearby.add(w);
        }
      }
      stems = null;
    } else if (message.type === QUERY && known && typeof message.data === "string") {
      message.data = correct(message.data);
    }
  });
})();

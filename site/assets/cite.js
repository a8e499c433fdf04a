/* techpick site: the "Cite it" card on a technology page links to the site it is read on.
 *
 * The build cannot know the site's address, so the card (src/techpick/site_exports.py,
 * citation_card) is written for https://YOUR-SITE/; this puts in the address of the
 * site this script is served from, so the copy button copies a working link.
 */
(function () {
  "use strict";

  const SCRIPT = document.currentScript ? document.currentScript.src : location.href;
  const SITE = new URL("../", SCRIPT).href;

  function start() {
    for (const code of document.querySelectorAll(".tp-cite code")) {
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        node.nodeValue = node.nodeValue.split("https://YOUR-SITE/").join(SITE);
      }
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

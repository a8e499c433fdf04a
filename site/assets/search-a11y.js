/* techpick site: Material's search dialog, named and announced.
 *
 * The theme's dialog has no accessible name and its result count changes
 * silently; a screen reader hears "Search the site" when it opens and "3
 * matching documents" as the reader types. Attributes only: the theme keeps
 * drawing the dialog and writing the count.
 */
(function () {
  "use strict";
  const dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog) dialog.setAttribute("aria-label", "Search the site");
  const count = document.querySelector(".md-search-result__meta");
  if (count) {
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
  }
})();

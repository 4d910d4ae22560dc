// The search page on a phone: results first. Without this file everything still works
// (the filter panel is a <details>, "Show results" submits the form); with it:
// - a wide screen opens the panel (portal.css shows it there anyway where browsers can);
// - after "Show results" or a new search, the panel closes on a phone and the focus goes to
//   the result count, so the parent sees and hears where the results are. Ticking a box
//   never moves the focus (WCAG 3.2.2); the count is announced by #result-status instead.
(function () {
  "use strict";
  const WIDE = window.matchMedia("(min-width: 56rem)");
  let showResults = false;

  function panel() {
    return document.getElementById("filter-panel");
  }

  function openOnWideScreens() {
    const details = panel();
    if (details && WIDE.matches) details.open = true;
  }

  document.addEventListener("DOMContentLoaded", openOnWideScreens);
  WIDE.addEventListener("change", openOnWideScreens);

  document.addEventListener("submit", function (event) {
    if (event.target.id === "search-form") showResults = true;
  }, true);

  document.addEventListener("htmx:afterSettle", function () {
    if (!showResults) return;
    showResults = false;
    const details = panel();
    if (details && !WIDE.matches) details.open = false;
    const heading = document.getElementById("results-title");
    if (heading) {
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }
  });
})();

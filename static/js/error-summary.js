// Moves focus to the error summary after a failed submit, so a screen reader reads it
// first and a keyboard user starts there. Without JS the summary is simply first in the form.
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();

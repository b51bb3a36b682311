// Progressive enhancement of the negotiation pages; every form works without it.
(function () {
  "use strict";

  // The proposal form: show only the fields the chosen operation uses.
  function syncOperation(form) {
    var select = form.querySelector("select[name=operation]");
    if (!select) return;
    form.querySelectorAll("[data-operations]").forEach(function (row) {
      var ops = row.getAttribute("data-operations").split(" ");
      row.hidden = ops.indexOf(select.value) === -1;
    });
  }

  function init(root) {
    root.querySelectorAll("form.proposal-form").forEach(function (form) {
      syncOperation(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "operation") syncOperation(form);
      });
    });
    // Selects that change what is shown submit their form at once.
    root.querySelectorAll("select.js-autosubmit").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();

/* "Who will be able to read this" in Wagtail's page editor.
 *
 * Posts the audience fields of the form being edited to the site's audience preview
 * (/zielgruppe/vorschau/) whenever one of them changes, and shows the answer below
 * the fields. Pages without audience fields are left alone. */
(function () {
  "use strict";
  var script = document.currentScript;
  var FIELDS = ["audience_scope", "audience_organisations", "audience_working_groups", "audience_advisory_board"];

  function init() {
    var scope = document.querySelector('input[name="audience_scope"]');
    if (!scope || !scope.form) return;
    var form = scope.form;
    var url = script && script.dataset.previewUrl ? script.dataset.previewUrl : "/zielgruppe/vorschau/";
    var board = form.querySelector('[name="audience_advisory_board"]');
    var anchor = (board || scope).closest("[data-field-wrapper], .w-field__wrapper, .w-field") || (board || scope).parentNode;
    var panel = document.createElement("div");
    panel.className = "abhnetz-audience-preview";
    panel.setAttribute("data-testid", "admin-audience-preview");
    panel.setAttribute("aria-live", "polite");
    anchor.parentNode.insertBefore(panel, anchor.nextSibling);

    var pending = null;
    function refresh() {
      var data = new FormData();
      var token = form.querySelector('[name="csrfmiddlewaretoken"]');
      FIELDS.forEach(function (name) {
        form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
          if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
          data.append(name, input.value);
        });
      });
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
        signal: pending.signal,
      })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { panel.innerHTML = html; })
        .catch(function () { /* aborted by a newer change */ });
    }

    form.addEventListener("change", function (event) {
      if (event.target && FIELDS.indexOf(event.target.name) !== -1) refresh();
    });
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

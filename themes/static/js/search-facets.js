/* The search filters sit in a <details>, closed so that on a phone the first
 * result shows in the first screen; on a wide screen they open beside the results. */
(function () {
  "use strict";
  var facets = document.querySelector("details.facets");
  if (!facets || !window.matchMedia) return;
  if (window.matchMedia("(min-width: 701px)").matches) facets.open = true;
})();

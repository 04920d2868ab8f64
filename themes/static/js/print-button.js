// "打印本指南": a script file rather than an inline handler, so that the
// Content-Security-Policy can forbid inline script on every public page.
document.querySelectorAll("[data-print-page]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print();
  });
});

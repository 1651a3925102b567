// Small progressive enhancements; everything works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Keep htmx from injecting inline styles, which the strict CSP would block.
  if (window.htmx) {
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
  }
});

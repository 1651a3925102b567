// Small progressive enhancements; everything works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Keep htmx from injecting inline styles, which the strict CSP would block.
  if (window.htmx) {
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
  }
  // Print buttons (guides, minutes, the decisions register): hidden without this file.
  for (const button of document.querySelectorAll("[data-print-button]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // The print stylesheet writes out link targets; give site-relative links their full
  // address, so a printed page still says where a link goes.
  for (const link of document.querySelectorAll("main a[href]")) {
    const href = link.getAttribute("href");
    if (href && !href.startsWith("#") && !href.startsWith("mailto:") && link.href !== link.textContent.trim()) {
      link.dataset.printHref = link.href;
    }
  }
});

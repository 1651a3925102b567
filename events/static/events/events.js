// The events' progressive enhancements, loaded by the events' templates (a file of this
// site: the strict CSP allows no inline script). Everything works without this file.
(() => {
  "use strict";

  // A form sent back with errors: the keyboard goes on at the first field to correct,
  // where its error stands and is read with it, not at the top of the page.
  function focusFirstError() {
    for (const form of document.querySelectorAll("form[data-focus-error]")) {
      const field = form.querySelector(
        '[aria-invalid="true"], .kern-fieldset--error input, .kern-form-check--error input'
      );
      if (!field) continue;
      const checked =
        field.type === "radio" &&
        form.querySelector(`input[type=radio][name="${CSS.escape(field.name)}"]:checked`);
      (checked || field).focus();
      return;
    }
  }

  // The month table as a WAI-ARIA grid: one Tab stop (roving tabindex), arrow keys move
  // by day and week, Home/End to the week's start and end, PageUp/PageDown to the
  // previous/next month; Enter moves into a day's events, Tab cycles through them and
  // Escape returns to the day. Without this file it stays a table of links.
  const GRID_FOCUS_KEY = "events.monthGridFocus";

  function monthGrid(table) {
    const rows = [...table.tBodies[0].rows];
    const cells = rows.map((row) => [...row.cells]);
    table.setAttribute("role", "grid");
    for (const row of cells) {
      for (const cell of row) {
        cell.tabIndex = -1;
        for (const link of cell.querySelectorAll("a")) link.tabIndex = -1;
      }
    }
    const today = table.dataset.today;
    const flat = cells.flat();
    let current =
      flat.find((cell) => cell.dataset.date === today && cell.dataset.inMonth === "true") ||
      flat.find((cell) => cell.dataset.inMonth === "true") ||
      flat[0];
    current.tabIndex = 0;

    function moveTo(cell) {
      if (!cell) return;
      current.tabIndex = -1;
      current = cell;
      current.tabIndex = 0;
      current.focus();
    }

    function position(cell) {
      for (let r = 0; r < cells.length; r++) {
        const c = cells[r].indexOf(cell);
        if (c !== -1) return [r, c];
      }
      return [0, 0];
    }

    function followMonthLink(selector) {
      const link = document.querySelector(selector);
      if (!link) return;
      sessionStorage.setItem(GRID_FOCUS_KEY, "1");
      window.location.assign(link.href);
    }

    table.addEventListener("keydown", (event) => {
      if (event.altKey || event.metaKey) return;
      const cell = event.target.closest("td");
      if (!cell || !table.contains(cell)) return;
      const inLink = event.target !== cell;
      const [r, c] = position(cell);
      const lastRow = cells.length - 1;
      const lastCol = cells[r].length - 1;
      let target = null;
      switch (event.key) {
        case "ArrowRight":
          target = c < lastCol ? cells[r][c + 1] : cells[r + 1] && cells[r + 1][0];
          break;
        case "ArrowLeft":
          target = c > 0 ? cells[r][c - 1] : cells[r - 1] && cells[r - 1][cells[r - 1].length - 1];
          break;
        case "ArrowDown":
          target = r < lastRow ? cells[r + 1][c] : null;
          break;
        case "ArrowUp":
          target = r > 0 ? cells[r - 1][c] : null;
          break;
        case "Home":
          target = event.ctrlKey ? cells[0][0] : cells[r][0];
          break;
        case "End":
          target = event.ctrlKey ? cells[lastRow][cells[lastRow].length - 1] : cells[r][lastCol];
          break;
        case "PageUp":
          event.preventDefault();
          followMonthLink("[data-month-previous]");
          return;
        case "PageDown":
          event.preventDefault();
          followMonthLink("[data-month-next]");
          return;
        case "Enter":
        case "F2": {
          if (inLink) return; // Enter on an event's link follows it
          const first = cell.querySelector("a");
          if (first) {
            event.preventDefault();
            first.focus();
          }
          return;
        }
        case "Escape":
          if (inLink) {
            event.preventDefault();
            cell.focus();
          }
          return;
        case "Tab": {
          if (!inLink) return; // Tab leaves the grid
          const links = [...cell.querySelectorAll("a")];
          const at = links.indexOf(event.target);
          event.preventDefault();
          links[(at + (event.shiftKey ? links.length - 1 : 1)) % links.length].focus();
          return;
        }
        default:
          return;
      }
      event.preventDefault();
      moveTo(target);
    });

    // a day reached otherwise (a click, a link's focus) becomes the grid's Tab stop
    table.addEventListener("focusin", (event) => {
      const cell = event.target.closest("td");
      if (cell && cell !== current && table.contains(cell)) {
        current.tabIndex = -1;
        current = cell;
        current.tabIndex = 0;
      }
    });

    // arriving by PageUp/PageDown: the keyboard stays in the grid
    if (sessionStorage.getItem(GRID_FOCUS_KEY)) {
      sessionStorage.removeItem(GRID_FOCUS_KEY);
      current.focus();
    }
  }

  function start() {
    focusFirstError();
    for (const table of document.querySelectorAll("table[data-month-grid]")) monthGrid(table);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

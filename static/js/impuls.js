/* IMPULS: the portal's few behaviours beyond htmx. A file of its own (the
   Content-Security-Policy allows no inline script), loaded with `defer` by base.html.
   Everything works without it; it only helps with focus and the keyboard. */
(function () {
  "use strict";

  // After a failed submit the error summary takes focus, so that keyboard and screen
  // reader users land on it; its links lead to the fields (partials/form.html).
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (!summary) {
      return;
    }
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
  }

  // Escape closes an open menu (<details class="menu">) and gives the focus back to
  // its button when the focus was inside.
  function closeMenus(event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      var hadFocus = menu.contains(document.activeElement);
      menu.removeAttribute("open");
      if (hadFocus) {
        menu.querySelector("summary").focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
  document.addEventListener("keydown", closeMenus);
})();

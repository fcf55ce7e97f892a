/* Keyboard access to the navigation drawer on narrow screens (and at high zoom).
   Material's menu button is a <label> for a hidden checkbox: a mouse can use it, a keyboard
   cannot reach it. Make it a button; move focus into the drawer when it opens; Escape closes
   it and returns focus to the button. Without JavaScript the label still works for a mouse. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Menu");
  button.setAttribute("aria-controls", "bvpp-drawer");
  drawer.id = drawer.id || "bvpp-drawer";
  function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
  sync();
  toggle.addEventListener("change", sync);
  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    toggle.checked = !toggle.checked;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    if (toggle.checked) {
      var first = drawer.querySelector("a[href], label[tabindex]");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      button.focus();
    }
  });
})();

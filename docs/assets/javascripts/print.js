// Open every collapsed block before printing, so that paper and PDF show all the
// content, and close again afterwards the ones that were closed.
(() => {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")];
    opened.forEach((details) => details.setAttribute("open", ""));
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => details.removeAttribute("open"));
    opened = [];
  });
})();

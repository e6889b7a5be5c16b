// The course's one global script. Material swaps pages in without reloading them
// (instant navigation), so per-page work runs from Material's `document$` stream.
(() => {
  // The accent-insensitive highlighter (search-es.js) only matters on a page opened from
  // a search result (`?h=` in the address): load it then, not on every page.
  const highlighter = new URL("search-es.js", document.currentScript.src).href;
  const loadOnce = (src) => {
    if (!document.querySelector(`script[src="${src}"]`)) {
      const script = document.createElement("script");
      script.src = src;
      document.body.append(script);
    }
  };
  const highlightSearch = () => {
    if (new URL(location.href).searchParams.has("h")) loadOnce(highlighter);
  };
  // The self-check questions' script (self-check.js), only on a page that has questions.
  const selfCheck = new URL("self-check.js", document.currentScript.src).href;
  const loadSelfCheck = () => {
    if (document.querySelector(".course-self-check[data-self-check]")) loadOnce(selfCheck);
  };

  // Wide tables scroll sideways inside Material's wrapper: make each wrapper reachable
  // and scrollable with the keyboard, and name it for screen readers.
  // Each generated table sits in a figure with a numbered caption: the caption names the
  // table. Wide tables scroll sideways inside Material's wrapper: make each wrapper
  // reachable and scrollable with the keyboard, named like its table.
  const namedTables = () => {
    const names = new Map();
    for (const table of document.querySelectorAll(".md-typeset table")) {
      const caption = table.closest("figure")?.querySelector(":scope > figcaption");
      if (caption && !table.hasAttribute("aria-labelledby")) {
        caption.id ||= `${table.closest("figure").id || "tabla"}-caption`;
        table.setAttribute("aria-labelledby", caption.id);
      }
      const wrapper = table.closest(".md-typeset__scrollwrap");
      if (!wrapper || wrapper.hasAttribute("tabindex")) continue;
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      if (caption) {
        wrapper.setAttribute("aria-labelledby", caption.id);
      } else {
        const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
        let name = `Tabla: ${headers.filter(Boolean).join(", ")}`;
        const seen = (names.get(name) || 0) + 1;
        names.set(name, seen);
        if (seen > 1) name += ` (${seen})`;
        wrapper.setAttribute("aria-label", name);
      }
    }
  };

  // Material labels each navigation section by its toggle, which holds only an icon when
  // the section has an index page: name the section after its title instead.
  const namedSections = () => {
    for (const nav of document.querySelectorAll("nav.md-nav[aria-labelledby]")) {
      const label = document.getElementById(nav.getAttribute("aria-labelledby"));
      const title = nav.querySelector(":scope > .md-nav__title");
      if (label && !label.textContent.trim() && title) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", title.textContent.trim());
      }
    }
  };
  // Two headings with the same text give two table-of-contents landmarks with the same
  // name: number the repeats so that each landmark can be told apart.
  const uniqueLandmarks = () => {
    const seen = new Map();
    for (const nav of document.querySelectorAll(".md-sidebar nav[aria-label]")) {
      const name = nav.getAttribute("aria-label");
      const count = (seen.get(name) || 0) + 1;
      seen.set(name, count);
      if (count > 1) nav.setAttribute("aria-label", `${name} (${count})`);
    }
  };
  // A link to a heading far down a long page: the browser scrolls to it while the tables
  // above it still hold an estimated height (content-visibility, course.css), then those
  // near the heading render at their real height. Browsers with scroll anchoring keep the
  // heading in place; in the others (no `overflow-anchor`), scroll back to it for about a
  // second, until the reader scrolls. Only after following a link (or opening the address):
  // going back or forward, the reader expects the position they left, not the heading.
  const anchoring = CSS.supports("overflow-anchor", "auto");
  let linkFollowed = performance.getEntriesByType("navigation")[0]?.type === "navigate";
  addEventListener(
    "click",
    (event) => {
      if (event.target.closest?.("a[href*='#']")) linkFollowed = true;
    },
    { capture: true },
  );
  let holding = new AbortController();
  const holdLinkedHeading = () => {
    const wanted = linkFollowed && !anchoring;
    linkFollowed = false;
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return; // a malformed address: nothing to hold, and the page's other work goes on
    }
    if (!wanted || !id || !document.getElementById(id)) return;
    holding.abort();
    const readerScrolls = (holding = new AbortController());
    for (const type of ["wheel", "touchstart", "keydown", "pointerdown"]) {
      addEventListener(type, () => readerScrolls.abort(), {
        passive: true,
        signal: readerScrolls.signal,
      });
    }
    let frames = 60;
    const hold = () => {
      if (readerScrolls.signal.aborted) return;
      if (frames-- <= 0) return readerScrolls.abort();
      // Looked up again each time: instant navigation may swap the page's content.
      const target = document.getElementById(id);
      if (target) {
        const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
        const drift = target.getBoundingClientRect().top - margin;
        if (Math.abs(drift) > 2) scrollBy(0, drift);
      }
      requestAnimationFrame(hold);
    };
    requestAnimationFrame(hold);
  };
  addEventListener("hashchange", holdLinkedHeading);

  const onEveryPage = () => {
    holdLinkedHeading();
    highlightSearch();
    loadSelfCheck();
    namedTables();
    namedSections();
    uniqueLandmarks();
  };
  if (typeof document$ !== "undefined") {
    document$.subscribe(onEveryPage);
  } else {
    document.addEventListener("DOMContentLoaded", onEveryPage);
  }

  // Open every collapsed block before printing, so that paper and PDF show all the
  // content, and close again afterwards the ones that were closed.
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

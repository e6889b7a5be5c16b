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
  // and figures above it still hold an estimated height (content-visibility, course.css),
  // then they render at their real height, as late as a second or more afterwards on a busy
  // phone. Scroll anchoring does not keep the heading in place either (Chromium anchors to
  // whatever element is at the top of the screen, and the heading moved 40 px), nor does
  // Material, which may draw the page again and scroll back to where it was. So: keep the
  // heading where the link put it, frame by frame, until the reader scrolls or the content
  // has kept its size for QUIET_MS. Only after following a link
  // (or opening the address): going back or forward, the reader expects the position they
  // left, not the heading.
  const QUIET_MS = 3000;
  let linkFollowed = performance.getEntriesByType("navigation")[0]?.type === "navigate";
  addEventListener(
    "click",
    (event) => {
      if (event.target.closest?.("a[href*='#']")) linkFollowed = true;
    },
    { capture: true },
  );
  let holding = { id: "", margin: 0, stop: new AbortController() };
  const holdLinkedHeading = () => {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      // a malformed address: nothing to hold, and the page's other work goes on
    }
    // Material's instant navigation may answer the link by drawing the same page again,
    // with every block back at its estimated height: keep holding on the new content.
    const continued = !linkFollowed && !holding.stop.signal.aborted && holding.id === id;
    const wanted = linkFollowed || continued;
    linkFollowed = false;
    holding.stop.abort();
    const article = document.querySelector("article");
    const heading = document.getElementById(id);
    if (!wanted || !id || !heading || !article) return;
    // Material's scroll margin (room for the fixed header) applies to `:target` only: not
    // yet while a page opened from an address loads, nor on a page drawn again. Measured
    // whenever the heading is the target; until then, the header's height.
    const header = document.querySelector(".md-header")?.offsetHeight || 0;
    const hold = new AbortController();
    holding = { id, margin: continued ? holding.margin : header, stop: hold };
    const current = holding;
    for (const type of ["wheel", "touchstart", "keydown", "pointerdown", "beforeprint"]) {
      addEventListener(type, () => hold.abort(), { passive: true, signal: hold.signal });
    }
    let quiet = setTimeout(() => hold.abort(), QUIET_MS);
    const align = () => {
      if (hold.signal.aborted) return;
      // Looked up again each time: instant navigation may swap the page's content.
      const target = document.getElementById(id);
      if (target) {
        if (target.matches(":target")) {
          current.margin = parseFloat(getComputedStyle(target).scrollMarginTop) || current.margin;
        }
        const drift = target.getBoundingClientRect().top - current.margin;
        if (Math.abs(drift) > 2) scrollBy({ top: drift, behavior: "instant" });
      }
      requestAnimationFrame(align);
    };
    // Each change of size puts the end of the hold QUIET_MS further away. The article's
    // height changes with every block that renders inside it; its children are watched
    // too, for a block that grows while another one shrinks.
    const resized = new ResizeObserver(() => {
      clearTimeout(quiet);
      quiet = setTimeout(() => hold.abort(), QUIET_MS);
    });
    for (const element of [article, ...article.children]) resized.observe(element);
    hold.signal.addEventListener("abort", () => {
      resized.disconnect();
      clearTimeout(quiet);
    });
    requestAnimationFrame(align);
  };
  addEventListener("hashchange", holdLinkedHeading);

  // Material's instant navigation answers the first in-page link after a page loads (the
  // skip link, the table of contents) by fetching and drawing the page again, which drops
  // the keyboard focus and the place where the next Tab starts: Tab after «Saltar a
  // contenido» then went to the navigation instead of the content. Once the page is drawn
  // again, give the focus to what the link pointed at, as the link had.
  let inPageLink = false;
  addEventListener(
    "click",
    (event) => {
      const link = event.target.closest?.("a[href]");
      const url = link ? new URL(link.href, location.href) : null;
      inPageLink = !!url?.hash && url.href.split("#")[0] === location.href.split("#")[0];
    },
    { capture: true },
  );
  const focusLinked = () => {
    const followed = inPageLink;
    inPageLink = false;
    if (!followed || (document.activeElement && document.activeElement !== document.body)) {
      return;
    }
    let target = null;
    try {
      target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    } catch {
      return; // a malformed address
    }
    if (!target) return;
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  };

  const onEveryPage = () => {
    holdLinkedHeading();
    focusLinked();
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

/*
 * Material's search box, answered by Pagefind (see assets/hooks/search_pagefind.py for why).
 *
 * Material talks to its search worker with messages: SETUP (the index), READY, QUERY (what
 * the reader typed) and RESULT (the results, grouped by page). The page's stand-in for that
 * worker (assets/partials/search-on-demand.html) loads this module instead, in the page's own
 * thread, and hands it Material's messages; this module answers them with Pagefind, which
 * fetches only the index chunk of the words typed and the fragments of the results shown.
 *
 * - SETUP carries Material's index as the hook shrank it: the settings and one line per page
 *   (location, title, Pagefind id). Pagefind starts loading; READY goes back at once.
 * - QUERY: Pagefind finds the pages (Spanish stems, accents ignored) and a first RESULT
 *   lists them at once by their titles: the real count, every page, no fragment to wait for.
 *   Then the first FULL pages load their fragment, and a second RESULT gives them their
 *   sections and a teaser (the others keep their title only). Material draws the second list
 *   in place of the first in one go, so nothing flashes in between, and a reader who has
 *   already moved into the list keeps the focus on the same page. Only the latest query is
 *   answered: the earlier ones (Material sends one per key) stop before they fetch anything.
 * - Pagefind's files are gzip, which Pagefind inflates with its own JavaScript; the browser
 *   inflates them natively here (see `inflateNatively`).
 * - Each result says which query words it matched (`terms`): Material adds them to the
 *   result's address (`?h=`) and marks them on the page that opens. A word's key is the
 *   longest start it shares with every word it matched ("arquitecturas" matching
 *   "Arquitectura" gives "arquitectura"), so the marks fall on those words.
 */

/* Material's message types (SearchMessageType) */
const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

/* Pages of a result list that come with sections and teaser (Material shows 10 at once) */
const FULL = 5

/* What a query word found in a title adds to a part's score: more than its text can */
const TITLE = 1e6

/* Pagefind's own bundle, written by the build next to the site's root */
const PAGEFIND = new URL("../../pagefind/pagefind.js", import.meta.url).href

/* Lower-case letters without combining marks: "Núcleo" -> "nucleo" */
function fold(value) {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
}

/* The words of `text`, without the punctuation around them */
function words(text) {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

/* HTML-escaped text */
function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
}

/* Length of the common start of two folded words */
function common(a, b) {
  let length = 0
  while (length < a.length && a[length] === b[length])
    length++
  return length
}

/* Pagefind marks whole tokens ("<mark>(Rapids</mark>"): keep the punctuation outside, and
   escape the ampersands that Pagefind leaves in the text */
function teaser(excerpt) {
  const text = excerpt
    .replace(/&(?!lt;|gt;)/g, "&amp;")
    .replace(/<mark>([^\p{L}\p{N}<]*)(.*?)([^\p{L}\p{N}<]*)<\/mark>/gu, "$1<mark>$2</mark>$3")
  return text ? `<p>${text}</p>` : ""
}

/* `title`, escaped, with the words that start with one of `keys` marked */
function marked(title, keys) {
  return title.split(/([\p{L}\p{N}]+)/u).map((part, index) => {
    const hit = index % 2 && keys.some(key => key && fold(part).startsWith(key))
    return hit ? `<mark>${escape(part)}</mark>` : escape(part)
  }).join("")
}

/* Material's `terms` for a part of a page: each query word's key and whether it matched */
function terms(query, content, locations) {
  const found = locations.map(at => fold(words(content[at] || "").join("")))
  const result = {}
  for (const word of query) {
    const lengths = found
      .map(match => common(word, match))
      .filter(length => length >= Math.min(3, word.length))
    if (lengths.length)
      result[word.slice(0, Math.min(...lengths))] = true
    else
      result[word] = false
  }
  return result
}

/* Material's documents for one page whose fragment is loaded: the page, then its sections.
   A part's score is the sum of its matches' scores, and a match in its title counts more
   than any number of matches in its text, as titles do in Material's own search. */
function documents(page, fragment, query) {
  const content = fragment.raw_content.split(/[\r\n\s]+/g)
  const docs = []
  for (const part of fragment.sub_results) {
    const anchor = part.anchor && part.anchor.element !== "h1" ? part.anchor.id : ""
    const title = anchor ? part.title : page.title
    const matched = terms(query, content, part.locations)
    const keys = Object.keys(matched).filter(key => matched[key])
    const inTitle = keys.filter(key => words(title).some(w => fold(w).startsWith(key)))
    const score = part.weighted_locations
      .reduce((sum, location) => sum + location.balanced_score, 0)
    docs.push({
      location: anchor ? `${page.location}#${anchor}` : page.location,
      title: marked(title, keys),
      text: teaser(part.excerpt),
      score: inTitle.length * TITLE + score,
      terms: matched
    })
  }
  if (!docs.some(doc => doc.location === page.location))
    docs.push({ location: page.location, title: escape(page.title), text: "", score: 0, terms: {} })
  return docs.sort((a, b) => b.score - a.score)
}

/* Material's `suggest`: the last word typed, completed from the first result's title */
function suggestion(typed, items) {
  const last = typed.split(/[\s-]+/).pop()
  const title = items.length ? items[0][0].title.replace(/<[^>]+>/g, "") : ""
  const word = words(title).find(w => last && fold(w).startsWith(fold(last)))
  return word ? [last + word.slice(last.length).toLowerCase()] : []
}

/* The first bytes of a gzip file */
const GZIP = [0x1f, 0x8b]

/* Pagefind's files are gzip and Pagefind inflates them with a JavaScript inflater, on this
   thread: at 4× CPU throttling its WebAssembly alone took ~85 ms to inflate that way, a few
   ms natively. Pagefind skips its inflater for data that already starts with its signature,
   as its files do once inflated; so its requests for its own files (under PAGEFIND's folder,
   with its extensions) get them inflated by the browser's DecompressionStream. Any other
   request, or a browser without DecompressionStream, goes through unchanged. */
function inflateNatively() {
  if (typeof DecompressionStream === "undefined")
    return
  const folder = new URL(".", PAGEFIND).href
  const own = /\.(?:pagefind|pf_meta|pf_index|pf_fragment)$/
  const fetch = window.fetch
  window.fetch = async function (input, init) {
    const response = await fetch.call(this, input, init)
    const url = new URL(response.url || String(input), document.baseURI)
    if (!response.ok || !url.href.startsWith(folder) || !own.test(url.pathname))
      return response
    const data = new Uint8Array(await response.arrayBuffer())
    const body = GZIP.every((byte, index) => data[index] === byte)
      ? new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"))
      : data
    return new Response(body, { status: response.status })
  }
}

/* Pagefind, loading from the moment this module is (when the reader opens search) */
async function start() {
  inflateNatively()
  /* Pagefind asks for its WebAssembly only once it has read its entry file: ask now */
  const preload = document.createElement("link")
  preload.rel = "preload"
  preload.as = "fetch"
  preload.crossOrigin = "anonymous"
  preload.href = new URL(`wasm.${document.documentElement.lang}.pagefind`, PAGEFIND).href
  document.head.append(preload)
  const module = await import(PAGEFIND)
  await module.options({
    /* In this thread: one file less to fetch than Pagefind's own worker, and the search
       runs where Material's UI runs anyway */
    noWorker: true,
    excerptLength: 24,
    /* Rank by how often the words occur, whatever the page's length, as Material's lunr
       does (b = 0): a long section page is no worse an answer than a short one. And
       whatever the accents: "computacion" and "computación" give the same list */
    ranking: { pageLength: 0, diacriticSimilarity: 0 }
  })
  await module.init()
  return module
}
const pagefind = start()

/* Material's item for a page listed by its title only */
function titleOnly(page) {
  return [{ location: page.location, title: escape(page.title), text: "", score: 0, terms: {} }]
}

/* Resolves once the browser has drawn what the page holds now */
function painted() {
  return new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)))
}

/* The page (and section) of the result link that has the focus, if the reader has moved
   into the list (arrow keys), without the highlight query: the same in both answers */
function focusedResult() {
  const focused = document.activeElement
  const link = focused && focused.closest && focused.closest("a.md-search-result__link")
  if (!link)
    return null
  const url = new URL(link.href)
  return url.pathname + url.hash
}

/* Give the focus back to the result link to `address`, which Material has just drawn anew */
function refocus(address) {
  for (const link of document.querySelectorAll("a.md-search-result__link")) {
    const url = new URL(link.href)
    if (url.pathname + url.hash === address)
      return link.focus()
  }
}

/* Answers Material's messages through `reply` */
export function connect(reply) {
  let pages = new Map()
  let latest = 0

  /* Answers the query `value`, number `id`, through `answer` while it is the latest */
  async function search(value, id, answer) {
    const query = [...new Set(words(fold(value)))]
    if (!query.length)
      return answer({ items: [] })
    const engine = await pagefind
    if (id !== latest)
      return
    const found = await engine.search(value)
    if (id !== latest)
      return
    const results = found.results.filter(result => pages.has(result.id))
    const titles = results.map(result => titleOnly(pages.get(result.id)))
    answer({ items: titles, suggest: suggestion(value, titles) })
    if (!results.length)
      return
    await painted()
    if (id !== latest)
      return
    const loaded = await Promise.all(results.slice(0, FULL).map(result => result.data()))
    if (id !== latest)
      return
    const items = titles.map((item, index) => index < FULL
      ? documents(pages.get(results[index].id), loaded[index], query)
      : item)
    const focused = focusedResult()
    answer({ items, suggest: suggestion(value, items) })
    if (focused)
      refocus(focused)
  }

  return async function receive(message) {
    switch (message.type) {
      case SETUP:
        pages = new Map(message.data.docs.map(page => [page.id, page]))
        reply({ type: READY })
        break
      case QUERY: {
        const id = ++latest
        let answered = false
        const answer = data => {
          answered = true
          if (id === latest)
            reply({ type: RESULT, data })
        }
        try {
          await search(message.data, id, answer)
        } catch (error) {
          console.warn(`Search failed for ${JSON.stringify(message.data)}:`, error)
          /* Pages listed by their titles stay: only their teasers are missing */
          if (!answered)
            answer({ items: [] })
        }
        break
      }
      default:
        throw new TypeError(`Unknown search message ${JSON.stringify(message.type)}`)
    }
  }
}

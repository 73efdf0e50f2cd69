// The book's anywidget host: renders the explorers a static page saved (no kernel, no
// widget manager, no request that leaves the site). For each saved view
//   <script type="application/vnd.jupyter.widget-view+json">{"model_id": ...}</script>
// it finds the model in the page's saved widget state, {"state": {id: {model_module, state}}},
// which other pages hold in
//   <script type="application/vnd.jupyter.widget-state+json">
// and the book's keep in a script beside the page that sets window.savedWidgetState, named by
// this script's data-saved-state attribute (book/_ext/widgets.py), and loaded only when the
// first explorer is about to be shown: a reader who never scrolls that far never loads it
// and, when the model is anywidget's, imports the model's front end (its `_esm` traitlet),
// calls initialize({model}) once per model and render({model, el}) for the view, in a
// <div class="widget-subarea"> put just before the view's script (where Jupyter's widget
// manager puts it), when the reader comes within a screen of it: an explorer further down
// costs a phone nothing while the page loads. A view it cannot render says why in words, in
// that same place.
// Pages whose widgets are not all anywidget's load the Jupyter widget manager instead (the
// build chooses: book/_ext/widgets.py), so on a page with this host such a view is a bug.
// When the reader prints (beforeprint), every view not shown yet starts, and each explorer
// shown gets its settings line (print.js); a view that is still loading prints as a note with
// its address. globalThis.anywidgetHost.showAll() shows every view and resolves once all are
// shown: the PDF edition (scripts/downloads.py) calls it before printing a page.
import { PageModel } from "./model.js";
import { printNote, writeSettingsLines } from "./print.js";
import { importSource, widgetDefinition } from "./widget.js";

export const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
export const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";

export function isAnywidget(model) {
  return Boolean(model) && model.model_module === "anywidget";
}

// This script's own tag (only known while it first runs): its data-saved-state names the
// page's saved state, a file in ../widget-state/ beside this script.
const HOST_TAG = typeof document !== "undefined" ? document.currentScript : null;

/** Load the script that sets window.savedWidgetState, once (a classic script: it loads in a
 *  copy of the site opened from disk too, where fetch() of a file is refused). */
let stateLoaded = null;
export function loadSavedState(doc = document, tag = HOST_TAG) {
  const name = tag?.dataset?.savedState;
  if (!name || globalThis.savedWidgetState) return Promise.resolve();
  if (!stateLoaded) {
    const url = new URL(`../widget-state/${name}`, tag.src).href;
    stateLoaded = new Promise((resolve, reject) => {
      const script = doc.createElement("script");
      script.src = url;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`the page's saved widget state ${url} did not load`));
      doc.head.append(script);
    });
  }
  return stateLoaded;
}

/** Every model of the page's saved widget state: {model_id: {model_module, model_name, state}}. */
export function savedModels(doc, loaded = globalThis.savedWidgetState) {
  const models = { ...(loaded?.state || {}) };
  for (const script of doc.querySelectorAll(`script[type="${STATE_TYPE}"]`)) {
    Object.assign(models, JSON.parse(script.textContent).state || {});
  }
  return models;
}

function addCss(css, id, doc) {
  if (typeof css !== "string" || !css || doc.querySelector(`style[data-anywidget="${id}"]`)) return;
  const style = doc.createElement("style");
  style.dataset.anywidget = id;
  style.textContent = css;
  doc.head.append(style);
}

function say(area, words) {
  const p = area.ownerDocument.createElement("p");
  p.className = "anywidget-host-error";
  p.setAttribute("role", "alert");
  p.textContent = words;
  area.append(p);
}

/** Calls show() once `area` comes within a screen's height of the visible part of the page
 *  (at once where the browser cannot tell). */
function whenNear(area, show) {
  if (typeof IntersectionObserver === "undefined") {
    show();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      show();
    }
  }, { rootMargin: "100% 0px" });
  observer.observe(area);
}

// The views of the page not asked for yet: each a function that starts it (once).
const waiting = new Set();

/** Start every view not started yet; resolves when every view of the page is shown. */
export function showAll() {
  for (const start of [...waiting]) start();
  return shownAll;
}
let shownAll = Promise.resolve({ rendered: 0, failed: 0 });

/** Show every saved view of `doc`, each when the reader comes near it (an explorer far down
 *  the page costs nothing until then), one after the other; all at once with `now` (a link
 *  to an explorer's view: it must be there to scroll to). Resolves, once all are shown,
 *  to {rendered, failed}. */
export function renderSavedViews(doc = document, { now = false } = {}) {
  let saved = null;
  const live = new Map(); // model_id -> Promise<{model, definition}>
  const start = (id) => {
    if (!live.has(id)) {
      live.set(id, (async () => {
        const state = saved[id].state || {};
        const model = new PageModel(state);
        addCss(state._css, state._anywidget_id || id, doc);
        const definition = await widgetDefinition(await importSource(state._esm));
        if (typeof definition.initialize === "function") await definition.initialize({ model });
        return { model, definition };
      })());
    }
    return live.get(id);
  };
  const counts = { rendered: 0, failed: 0 };
  const show = async (script, area, note) => {
    let id = null;
    try {
      id = JSON.parse(script.textContent).model_id;
      await loadSavedState(doc);
      saved = saved || savedModels(doc);
      const savedModel = saved[id];
      if (!savedModel) throw new Error(`the page's saved widget state has no model ${id}`);
      if (!isAnywidget(savedModel)) {
        throw new Error(`${savedModel.model_module} ${savedModel.model_name} is not an anywidget ` +
          "widget, and this page does not load Jupyter's widget manager");
      }
      if (typeof savedModel.state?._esm !== "string") throw new Error("its model has no _esm front end");
      const { model, definition } = await start(id);
      const el = doc.createElement("div");
      el.className = "anywidget-view";
      area.append(el);
      await definition.render({ model, el });
      // the note goes once the explorer is drawn (a print between the two shows both, never
      // neither); its settings line is there should a print already be under way
      note.remove();
      writeSettingsLines(el);
      counts.rendered += 1;
    } catch (error) {
      counts.failed += 1;
      note.remove();
      say(area, `This interactive figure could not be shown (${error.message}). ` +
        "Run the chapter in Jupyter to see it.");
      console.error(`anywidget host: view of model ${id}:`, error);
    }
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page paint between views
  };
  let queue = Promise.resolve();
  const shown = [];
  for (const script of doc.querySelectorAll(`script[type="${VIEW_TYPE}"]`)) {
    const area = doc.createElement("div");
    area.className = "widget-subarea";
    script.before(area);
    const note = printNote(area);
    shown.push(new Promise((resolve) => {
      const go = () => {
        if (!waiting.delete(go)) return; // started already (near, or printed)
        queue = queue.then(() => show(script, area, note)).then(resolve);
      };
      waiting.add(go);
      if (now) go();
      else whenNear(area, go);
    }));
  }
  shownAll = Promise.all(shown).then(() => counts);
  return shownAll;
}

/** The page's address holds an explorer's view ("#neuron.v=1&neuron.w=0.5": ui/state.js). */
export const linksAView = (hash) => /(^#|&)[A-Za-z0-9_-]+\.v=/.test(hash);

if (typeof document !== "undefined" && !globalThis.ANYWIDGET_HOST_NO_AUTORUN) {
  globalThis.mlpBookSite = true; // explorers keep their view in the address (ui/state.js)
  const run = () => renderSavedViews(document, { now: linksAView(location.hash) });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
  addEventListener("beforeprint", () => {
    showAll();
    writeSettingsLines(document);
  });
  globalThis.anywidgetHost = { showAll };
}

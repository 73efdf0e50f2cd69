// The frame every explorer draws in: controls above, SVG panels that take the width they
// are given (side by side on a wide page, stacked on a phone), a message line and a live
// readout. Panels are redrawn at their real pixel size, so text stays legible at any width.
import { select as d3select } from "d3-selection";

// The first rules undo what a page's own stylesheet may impose on these elements (the book's
// theme, Bootstrap's reboot: a floated, 1.3rem legend; block labels; paragraph margins).
export const CSS = `
.mlp-explorer { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--pst-color-text-base, #222);
  --mlp-grid: var(--pst-color-border, #ddd); --mlp-ink: var(--pst-color-text-base, #222);
  --mlp-muted: var(--pst-color-text-muted, #666); --mlp-bg: var(--pst-color-background, #fff); max-width: 100%; }
.mlp-explorer, .mlp-explorer * { box-sizing: border-box; }
.mlp-explorer [hidden] { display: none !important; } /* a control an instructor's link hid */
.mlp-explorer legend { float: none; width: auto; font-size: 14px; line-height: 1.4; margin: 0; }
.mlp-explorer legend + * { clear: none; }
.mlp-explorer label { display: inline; margin: 0; }
.mlp-explorer p { margin: 4px 0; }
.mlp-explorer sub, .mlp-explorer sup { font-size: max(11px, 0.75em); }
.mlp-controls { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin-bottom: 6px; }
.mlp-control { display: flex; align-items: center; gap: 6px; min-width: 0; flex: 1 1 240px; max-width: 420px; }
.mlp-control label { white-space: nowrap; }
.mlp-control input[type=range] { flex: 1 1 auto; min-width: 90px; height: 28px; }
.mlp-control output { flex: none; min-width: 3.5em; font-variant-numeric: tabular-nums; } /* the slider gives way, not the number */
.mlp-control select, .mlp-button { font: inherit; min-height: 32px; padding: 2px 10px; }
.mlp-control input:focus-visible, .mlp-control select:focus-visible, .mlp-button:focus-visible,
.mlp-explorer [tabindex]:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.mlp-explorer .mlp-choice { border: 0; padding: 0; margin: 0; flex-wrap: wrap; gap: 0 2px; }
.mlp-explorer .mlp-choice legend { float: left; padding: 0; margin: 0 6px 0 0; }
.mlp-choice-option { display: inline-flex; align-items: center; white-space: nowrap; }
.mlp-choice label { padding: 4px 8px 4px 4px; cursor: pointer; }
.mlp-choice input { margin: 0; width: 16px; height: 16px; cursor: pointer; }
.mlp-choice input:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.mlp-buttons { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0; }
.mlp-panels { display: flex; flex-wrap: wrap; gap: 8px 16px; }
.mlp-panel { flex: 1 1 320px; min-width: 0; }
/* The explorer takes the theme's colours (light or dark); its drawings stay on white paper in
   both, as the book's static figures do, so their colours (contour maps, the data's blue)
   read the same everywhere. */
.mlp-explorer { background: var(--mlp-bg); color: var(--mlp-ink); border-radius: 6px; --mlp-warning: #b3261e; }
html[data-theme="dark"] .mlp-explorer { --mlp-warning: #ff8a80; }
.mlp-panel { --mlp-ink: #222; --mlp-muted: #666; --mlp-bg: #fff; --mlp-grid: #ddd; --mlp-warning: #b3261e;
  color: #222; background: #fff; border-radius: 4px; }
.mlp-panel svg { display: block; width: 100%; overflow: visible; }
.mlp-panel text { font-size: 12px; fill: var(--mlp-ink); }
.mlp-panel .tick text { font-size: 11px; }
.mlp-panel .tick line, .mlp-panel .domain { stroke: var(--mlp-muted); }
.mlp-title { font-size: 13px; font-weight: 600; }
.mlp-message { color: var(--mlp-warning); font-weight: 600; min-height: 1.4em; margin: 4px 0; }
.mlp-notice { margin: 4px 0; overflow-wrap: anywhere; }
.mlp-notice:empty { display: none; }
.mlp-readout { margin: 4px 0; font-variant-numeric: tabular-nums; }
.mlp-tooltip { font-size: 12px; }
/* On paper (a page printed from the browser, the PDF edition): the drawing and what it shows,
   not the means to change it. Controls, buttons, the notice line, tooltips and what only a
   pointer or Tab can use (.mlp-screen-only) go; on the
   book's site a settings line says what the controls were set to (its anywidget host writes
   it when the page is printed). No panel is cut across a page. */
@media print {
  .mlp-controls, .mlp-control, .mlp-buttons, .mlp-notice, .mlp-tooltip, .mlp-explorer button,
  .mlp-explorer select, .mlp-explorer input, .mlp-screen-only { display: none !important; }
  .mlp-message:empty { display: none; }
  .mlp-explorer, .mlp-panel { break-inside: avoid; }
}
`;

let cssAdded = false;
function addCss() {
  if (cssAdded || typeof document === "undefined") return;
  const style = document.createElement("style");
  style.textContent = CSS;
  document.head.append(style);
  cssAdded = true;
}

/**
 * Lay out an explorer in `el`: {root, controls, buttons, panels: [svg selections], message,
 * notice (what a link or a copy said: ui/state.js),
 * readout, onResize(callback) -> cleanup}. panelAspects: height / width of each panel.
 */
export function explorerFrame(el, { label, panelAspects }) {
  addCss();
  const root = document.createElement("div");
  root.className = "mlp-explorer";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", label);
  const controls = document.createElement("div");
  controls.className = "mlp-controls";
  const buttons = document.createElement("div");
  buttons.className = "mlp-buttons";
  const message = document.createElement("p");
  message.className = "mlp-message";
  message.setAttribute("role", "status");
  const notice = document.createElement("p");
  notice.className = "mlp-notice";
  notice.setAttribute("role", "status");
  const readout = document.createElement("p");
  readout.className = "mlp-readout";
  readout.setAttribute("aria-live", "polite");
  const panelBox = document.createElement("div");
  panelBox.className = "mlp-panels";
  const panels = panelAspects.map((aspect) => {
    const div = document.createElement("div");
    div.className = "mlp-panel";
    panelBox.append(div);
    const svg = d3select(div).append("svg").attr("role", "img");
    svg.node().__aspect = aspect;
    return svg;
  });
  root.append(controls, buttons, readout, message, notice, panelBox);
  el.append(root);
  return { root, controls, buttons, panels, message, notice, readout };
}

/** The pixel size of a panel now: {width, height} (width at least 280, as on a small phone). */
export function panelSize(svg) {
  const width = Math.max(280, Math.round(svg.node().parentNode.clientWidth || 480));
  const height = Math.round(Math.min(420, Math.max(220, width * svg.node().__aspect)));
  svg.attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
  return { width, height };
}

/** Call redraw when the explorer's width changes; returns the cleanup for render(). */
export function onResize(root, redraw) {
  if (typeof ResizeObserver === "undefined") return () => {};
  let last = root.clientWidth;
  const observer = new ResizeObserver(() => {
    if (root.clientWidth !== last) { last = root.clientWidth; redraw(); }
  });
  observer.observe(root);
  return () => observer.disconnect();
}

/** A number for a reader: finite values rounded to `digits` significant digits, else words. */
export function fmt(v, digits = 3) {
  if (Number.isNaN(v)) return "undefined";
  if (!Number.isFinite(v)) return v > 0 ? "too large" : "too small";
  return Number(v.toPrecision(digits)).toString();
}

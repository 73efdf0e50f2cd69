// The reader's own data (chapters 4 and 7): with "edit on the plot" pressed, a click or tap on
// the fit panel adds a point there, and a point dragged moves; a small form adds the point
// (x, y) typed in, removes the point nearest to it (a tap on a point fills the form with it),
// and brings back the book's data. The points live in the explorer's x and y traitlets, set
// together (Python validates them together: with a kernel they arrive as one set_state), so
// training, the hand-back data() and the link all use them. Off the form's ranges or below
// two points, the form says why in words.
import { button, ownKeys } from "./controls.js";
import { LinkError, repr, toNumber } from "./state.js";

/** The most points the page takes (every step of a run touches each one). */
export const MAX_POINTS = 200;
/** Points placed by pointer are rounded to this many decimals (short links, exact numbers). */
const DECIMALS = 3;
const round = (v) => Number(v.toFixed(DECIMALS));

/** The same numbers in the same order. */
const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Index of the point of (x, y) nearest to (px, py) in pixels, within `radius`; -1 if none. */
export function nearest(x, y, px, py, xs, ys, radius = Infinity) {
  let best = -1, bestD = radius * radius;
  x.forEach((v, i) => {
    const d = (xs(v) - px) ** 2 + (ys(y[i]) - py) ** 2;
    if (d <= bestD) { best = i; bestD = d; }
  });
  return best;
}

/**
 * The points of a link, "x,y;x,y;..." (2 to MAX_POINTS of them, finite, x within xRange):
 * {x, y}, or a LinkError saying what is wrong.
 */
export function parsePoints(text, xRange) {
  const pairs = text.split(";").map((p) => p.split(",").map(toNumber));
  const bad = pairs.find((p) => p.length !== 2 || !p.every((v) => typeof v === "number" && Number.isFinite(v)));
  if (bad || pairs.length < 2 || pairs.length > MAX_POINTS) {
    throw new LinkError(`data must be 2 to ${MAX_POINTS} points x,y of finite numbers separated by ;, ` +
      `got ${bad ? repr(bad.join(",")) : `${pairs.length} points`}`);
  }
  const outside = pairs.find(([x]) => x < xRange[0] || x > xRange[1]);
  if (outside) throw new LinkError(`data's x must be from ${xRange[0]} to ${xRange[1]}, got ${repr(outside[0])}`);
  return { x: pairs.map((p) => p[0]), y: pairs.map((p) => p[1]) };
}

/**
 * The reader's data, editable. opts: {model (traitlets x, y), into (the element the form goes
 * in), svg (the fit panel, d3), frame() -> {xs, ys, inner: {x0, x1, y0, y1}} or null (its
 * scales now), changed() (the points changed: the explorer starts again and updates its link)}.
 * Returns {field (the link's "data": null while the data are the book's), element, destroy()}.
 */
export function editablePoints({ model, into, svg, frame, changed = () => {} }) {
  const book = { x: model.get("x").slice(), y: model.get("y").slice() };
  const node = svg.node();
  const scale = 10 ** DECIMALS; // the range, outward to DECIMALS: it holds every book point
  const xRange = () => [Math.floor(Math.min(...book.x) * scale) / scale, Math.ceil(Math.max(...book.x) * scale) / scale];

  const element = document.createElement("fieldset");
  element.className = "mlp-control mlp-points";
  element.dataset.setting = "data";
  const legend = document.createElement("legend");
  legend.textContent = "your data";
  const input = (name) => {
    const field = ownKeys(document.createElement("input"));
    Object.assign(field, { type: "number", step: "any", inputMode: "decimal", size: 6 });
    field.setAttribute("aria-label", `${name} of the point`);
    const label = document.createElement("label");
    label.append(`${name} `, field);
    return [label, field];
  };
  const [xLabel, xField] = input("x");
  const [yLabel, yField] = input("y");
  const status = document.createElement("p");
  status.className = "mlp-points-status";
  status.setAttribute("role", "status");
  const toggle = button("edit on the plot", () => setEditing(toggle.getAttribute("aria-pressed") !== "true"));
  toggle.setAttribute("aria-pressed", "false");
  element.append(legend, xLabel, yLabel, button("add point", () => addTyped()),
    button("remove point", () => removeTyped()), button("book's data", () => write(book.x, book.y, "The book's data are back.")),
    toggle, status);
  into.append(element);

  const css = document.createElement("style");
  css.textContent = `.mlp-points { border: 0; padding: 0; margin: 0; flex: 1 1 100%; max-width: none; flex-wrap: wrap; gap: 4px 8px; }
.mlp-points input { font: inherit; width: 6em; min-height: 32px; }
.mlp-points .mlp-button[aria-pressed=true] { background: #1a73e8; color: #fff; }
.mlp-points-status { flex: 1 1 100%; margin: 0; min-height: 1.4em; }
.mlp-editing { touch-action: none; cursor: crosshair; }`;
  element.prepend(css);

  /** Set x and y together, then tell the explorer (which starts again on them). */
  function write(x, y, words) {
    model.set("x", x);
    model.set("y", y);
    model.save_changes();
    status.textContent = words;
    changed();
  }
  const current = () => ({ x: model.get("x").slice(), y: model.get("y").slice() });

  /** The typed point, checked: [x, y], or null after saying what is wrong. */
  function typed() {
    const [lo, hi] = xRange();
    const x = xField.value === "" ? NaN : Number(xField.value);
    const y = yField.value === "" ? NaN : Number(yField.value);
    if (!(Number.isFinite(x) && x >= lo && x <= hi)) {
      status.textContent = `x must be a number from ${lo} to ${hi}, got ${xField.value === "" ? "nothing" : xField.value}.`;
      return null;
    }
    if (!Number.isFinite(y)) {
      status.textContent = `y must be a number, got ${yField.value === "" ? "nothing" : yField.value}.`;
      return null;
    }
    return [x, y];
  }
  function add(px, py) {
    const { x, y } = current();
    if (x.length >= MAX_POINTS) { status.textContent = `The page takes at most ${MAX_POINTS} points.`; return; }
    write([...x, px], [...y, py], `Point (${px}, ${py}) added: ${x.length + 1} points.`);
  }
  function remove(i) {
    const { x, y } = current();
    if (x.length <= 2) { status.textContent = "Training needs at least 2 points: this one stays."; return; }
    const [rx, ry] = [x[i], y[i]];
    x.splice(i, 1);
    y.splice(i, 1);
    write(x, y, `Point (${rx}, ${ry}) removed: ${x.length} points.`);
  }
  const addTyped = () => { const p = typed(); if (p) add(...p); };
  function removeTyped() {
    const p = typed();
    const f = frame();
    if (!p || !f) return;
    const { x, y } = current();
    remove(nearest(x, y, f.xs(p[0]), f.ys(p[1]), f.xs, f.ys));
  }

  // --- pointer: add where the plot is clicked or tapped, drag a point, a tap on one fills the form
  let editing = false;
  let drag = null; // {i, id, moved}
  function setEditing(on) {
    editing = on;
    toggle.setAttribute("aria-pressed", String(on));
    node.classList.toggle("mlp-editing", on);
    status.textContent = on ? "Click or tap the plot to add a point; drag a point to move it." : "";
  }
  const where = (event) => {
    const box = node.getBoundingClientRect();
    const scale = Number(node.getAttribute("width")) / box.width || 1; // the viewBox is the panel's pixel size
    return [(event.clientX - box.left) * scale, (event.clientY - box.top) * scale];
  };
  const inside = (f, [px, py]) => px >= f.inner.x0 && px <= f.inner.x1 && py >= f.inner.y1 && py <= f.inner.y0;
  const onDown = (event) => {
    const f = frame();
    if (!editing || !f || event.button > 0) return;
    const at = where(event);
    const { x, y } = current();
    const i = nearest(x, y, ...at, f.xs, f.ys, event.pointerType === "mouse" ? 8 : 16);
    if (i >= 0) {
      event.preventDefault();
      drag = { i, id: event.pointerId, moved: false };
      node.setPointerCapture?.(event.pointerId);
      xField.value = x[i];
      yField.value = y[i];
    } else if (inside(f, at)) {
      event.preventDefault();
      add(round(f.xs.invert(at[0])), round(f.ys.invert(at[1])));
    }
  };
  const onMove = (event) => {
    const f = frame();
    if (!drag || event.pointerId !== drag.id || !f) return;
    const [lo, hi] = xRange();
    const [px, py] = where(event);
    const { x, y } = current();
    x[drag.i] = round(Math.max(lo, Math.min(hi, f.xs.invert(px))));
    y[drag.i] = round(f.ys.invert(Math.max(f.inner.y1, Math.min(f.inner.y0, py))));
    drag.moved = true;
    xField.value = x[drag.i];
    yField.value = y[drag.i];
    write(x, y, `Point moved to (${x[drag.i]}, ${y[drag.i]}).`);
  };
  const onUp = (event) => { if (drag && event.pointerId === drag.id) drag = null; };
  node.addEventListener("pointerdown", onDown);
  node.addEventListener("pointermove", onMove);
  node.addEventListener("pointerup", onUp);
  node.addEventListener("pointercancel", onUp);

  // --- the link's field "data": x,y pairs, only when they are not the book's
  const field = {
    name: "data", traitlet: false,
    read: () => (same(model.get("x"), book.x) && same(model.get("y"), book.y) ? null : current()),
    write: ({ x, y }) => write(x, y, `This link's ${x.length} points.`),
    format: ({ x, y }) => x.map((v, i) => `${v},${y[i]}`).join(";"),
    parse: (text) => parsePoints(text, xRange()),
  };
  return {
    field, element, book,
    /** The data are the book's (the explorer draws the truth sin(3x) only for them). */
    isBook: () => same(model.get("x"), book.x) && same(model.get("y"), book.y),
    destroy() {
      node.removeEventListener("pointerdown", onDown);
      node.removeEventListener("pointermove", onMove);
      node.removeEventListener("pointerup", onUp);
      node.removeEventListener("pointercancel", onUp);
    },
  };
}

// Chapter 4's explorer: a two-layer network [1, m, 1] trained by gradient descent (eq. 1.3)
// on smooth_curve() (samples of sin(3x)), animated on the player (ui/player.js: play, pause,
// step, reset, keep this run, clear kept runs), linked (ui/state.js). Left: each
// hidden unit's share w[2]_j a_j(x), the bias b[2] and their sum h(x) (eq. 2.6) over the data
// and the truth; hover or focus a unit to read its weights. Right: J at every step (log scale).
// Kept runs are drawn faint in both panels (their h(x) and their J), labelled by what differs.
// The reader may train on their own points (ui/points.js): added, dragged, removed, linked.
// Every run starts from a network mlp_lib made (the initial_nets traitlet), so it follows
// mlp_lib.gd step by step. Python side: mlp_lib/widgets/two_layer.py (TwoLayerExplorer).
import { scaleLinear, scaleLog } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { line } from "d3-shape";
import { MLP } from "../core/mlp.js";
import { steps, divergenceMessage } from "../core/optimizers.js";
import { batchChooser } from "../core/random.js";
import { slider, select, logScale, ownKeys } from "../ui/controls.js";
import { player } from "../ui/player.js";
import { editablePoints } from "../ui/points.js";
import { linkState, numberSetting, choiceSetting, stepSetting, keptSetting } from "../ui/state.js";
import { explorerFrame, panelSize, onResize, fmt } from "../ui/figure.js";
import { keptLabel as labelOf, drawKept } from "../ui/kept.js";

/** A whole default run takes about this long when played (frames permitting). */
const RUN_MS = 600;
/** A run behind the clock may fill a frame this long (training and drawing; the browser paints after): >= 30 fps. */
const FRAME_MS = 24;
const NAMES = { relu: "ReLU", sigmoid: "sigmoid", tanh: "tanh", identity: "identity" };

// ---------------------------------------------------------------------------- the mathematics

/**
 * What the left panel draws for a [1, m, 1] network on the points `grid`: C[i][j] =
 * w[2]_j a_j(grid[i]), the share of unit j (eq. 2.6); b2 = b[2]; h[i] = sum_j C[i][j] + b2.
 */
export function contributions(net, grid) {
  const { A } = net.layers(grid.map((v) => [v])); // a_j = sigma(w[1]_j x + b[1]_j), (2.5)-(2.6)
  const w2 = net.W[2][0];
  const b2 = net.b[2][0];
  const C = A[1].map((a) => a.map((aj, j) => w2[j] * aj)); // w[2]_j a_j(x)
  const h = C.map((row) => row.reduce((s, c) => s + c, 0) + b2); // h(x) = sum_j w[2]_j a_j(x) + b[2], (2.6)
  return { C, b2, h };
}

/** The units that are exactly 0 on every training input (dead ReLUs): their indices j (from 0). */
export function deadUnits(net, x) {
  const A = net.layers(x.map((v) => [v])).A[1];
  return net.W[2][0].map((_, j) => j).filter((j) => A.every((a) => a[j] === 0));
}

/**
 * GD (eq. 1.3) from `start` (mlp_to_page form) on (x, y), one step at a time, as
 * mlp_lib.train(model, X, y, "gd", lr, n_iter, max_growth): t (iterations done, counting the
 * one that stopped training), model (the last finite network), history (J as mlp_lib.train
 * records it), stopped (null, or {kind: "overflow" | "growth", t, J}).
 */
export class Run {
  constructor({ start, x, y, lr, nIter, maxGrowth }) {
    Object.assign(this, { x, y, lr, nIter, maxGrowth });
    this.start = MLP.fromJSON(start);
    this.model = this.start;
    this.iterator = steps(this.start, x.map((v) => [v]), y, lr, batchChooser("gd", x.length)); // (1.3)
    Object.assign(this, { t: 0, history: [], stopped: null });
    this.next();
  }

  get done() { return this.stopped !== null || this.t >= this.nIter; }

  next() {
    const { value, done } = this.iterator.next();
    if (done) { // J or theta stopped being finite: mlp_lib raises TrainingDiverged here
      this.t = value.diverged;
      this.stopped = { kind: "overflow", t: value.diverged, J: Infinity };
      return;
    }
    Object.assign(this, { t: value.t, model: value.model });
    this.history.push(value.J);
    if (value.J > this.maxGrowth * this.history[0]) this.stopped = { kind: "growth", t: value.t, J: value.J };
  }

  /** k more iterations (fewer at the end or when training stops). */
  advance(k) {
    for (let i = 0; i < k && !this.done; i++) this.next();
    return this;
  }
}

/** A whole run at once, as the animation runs it. */
export function runAll(settings) { return new Run(settings).advance(settings.nIter); }

// ---------------------------------------------------------------------------- look
const CSS = `
.mlp-two-layer .mlp-panel { position: relative; }
.mlp-two-layer .mlp-panel:first-child { flex: 2 1 400px; }
.mlp-two-layer .mlp-panel:last-child { flex: 1 1 300px; }
.mlp-two-layer .mlp-key { display: flex; flex-wrap: wrap; gap: 2px 14px; align-items: center; font-size: 13px; margin: 2px 0 4px; }
.mlp-two-layer .mlp-key span { white-space: nowrap; }
.mlp-two-layer .mlp-key svg { display: inline-block; width: 24px; vertical-align: middle; margin-right: 4px; }
.mlp-two-layer .mlp-units { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 4px 0; font-size: 13px; }
.mlp-two-layer .mlp-unit { min-width: 30px; min-height: 28px; padding: 2px 4px; border-radius: 4px; text-align: center;
  border: 2px solid var(--unit); background: var(--mlp-bg); cursor: default; font-variant-numeric: tabular-nums; line-height: 20px; }
.mlp-two-layer .mlp-unit.mlp-dead { border-style: dashed; color: var(--mlp-muted); }
.mlp-two-layer .mlp-unit.mlp-on { background: var(--unit); color: #fff; }
.mlp-two-layer .mlp-tip { position: absolute; z-index: 5; pointer-events: none; max-width: min(320px, 92%);
  background: var(--mlp-bg); color: var(--mlp-ink); border: 1px solid var(--mlp-muted); border-radius: 4px;
  padding: 4px 8px; box-shadow: 0 2px 6px rgba(0,0,0,.2); font-size: 13px; }
.mlp-two-layer .mlp-tip[hidden] { display: none; }
`;
const MARGIN = { top: 28, right: 12, bottom: 42, left: 46 };
const BIG = 1e5; // pixel coordinates are kept within +-BIG (a diverging run leaves the plot)
const px = (v) => (Number.isFinite(v) ? Math.max(-BIG, Math.min(BIG, v)) : (v > 0 ? BIG : -BIG));
let uid = 0;

/** An HTML element holding text and symbols: parts are strings or [base, sup, sub] (w^[1]_j). */
function math(tag, parts) {
  const el = document.createElement(tag);
  for (const p of parts) {
    if (typeof p === "string") { el.append(p); continue; }
    const [base, sup, sub] = p;
    el.append(base);
    if (sup) { const s = document.createElement("sup"); s.textContent = sup; el.append(s); }
    if (sub) { const s = document.createElement("sub"); s.textContent = sub; el.append(s); }
  }
  return el;
}

/** A small SVG swatch for the key: a line (dash) or a dot. */
function swatch({ color, width = 2, dash = null, dot = false }) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", "24");
  svg.setAttribute("height", "12");
  svg.setAttribute("aria-hidden", "true");
  const shape = document.createElementNS(ns, dot ? "circle" : "line");
  const attrs = dot ? { cx: 12, cy: 6, r: 3.5, fill: color, opacity: 0.7 }
    : { x1: 1, x2: 23, y1: 6, y2: 6, stroke: color, "stroke-width": width, "stroke-dasharray": dash || "none" };
  for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, v);
  svg.append(shape);
  return svg;
}

function axes(g, xs, ys, inner, xLabel, yLabel, width, yFormat) {
  g.append("g").attr("transform", `translate(0,${inner.y0})`).call(axisBottom(xs).ticks(Math.max(3, width / 80)));
  g.append("g").attr("transform", `translate(${inner.x0},0)`)
    .call(axisLeft(ys).ticks(Math.max(3, (inner.y0 - inner.y1) / 45), yFormat));
  g.append("text").attr("x", (inner.x0 + inner.x1) / 2).attr("y", inner.y0 + 34).attr("text-anchor", "middle").text(xLabel);
  g.append("text").attr("transform", `translate(12,${(inner.y0 + inner.y1) / 2}) rotate(-90)`)
    .attr("text-anchor", "middle").text(yLabel);
}

/** Size a panel and give it a clip path: {width, height, inner, clip}. */
function frame(svg) {
  const { width, height } = panelSize(svg);
  svg.selectAll("*").remove();
  const id = `mlp-two-layer-clip-${++uid}`;
  const inner = { x0: MARGIN.left, x1: width - MARGIN.right, y0: height - MARGIN.bottom, y1: MARGIN.top };
  svg.append("defs").append("clipPath").attr("id", id).append("rect")
    .attr("x", inner.x0).attr("y", inner.y1).attr("width", inner.x1 - inner.x0).attr("height", inner.y0 - inner.y1);
  return { width, height, inner, clip: `url(#${id})` };
}

// ---------------------------------------------------------------------------- the explorer
export default {
  render({ model, el }) {
    const { root, controls, buttons, panels, message, notice, readout } = explorerFrame(el, {
      label: "Two-layer network explorer: hidden units, activation, learning rate, and gradient descent",
      panelAspects: [0.55, 0.55],
    });
    root.classList.add("mlp-two-layer");
    const css = document.createElement("style");
    css.textContent = CSS;
    root.prepend(css);
    const [fitSvg, costSvg] = panels;
    const listeners = [];
    const listen = (event, callback) => { model.on(event, callback); listeners.push([event, callback]); };
    const tracked = { get: (n) => model.get(n), set: (n, v) => model.set(n, v), save_changes: () => model.save_changes(), on: listen };
    const [mLo, mHi] = model.get("m_range");
    const lrRange = model.get("lr_range");
    controls.append(
      slider(tracked, "m", { label: "hidden units m", min: mLo, max: mHi, step: 1, format: (v) => String(v) }).element,
      select(tracked, "activation", "activation σ", model.get("activations")).element,
      slider(tracked, "lr", { label: "learning rate α", min: Math.log10(lrRange[0]), max: Math.log10(lrRange[1]),
        step: 0.05, ...logScale, format: (v) => fmt(v) }).element,
    );

    // --- the key above the left panel, the units' chips and the tooltip below it
    const fitBox = fitSvg.node().parentNode;
    const key = document.createElement("div");
    key.className = "mlp-key";
    fitBox.prepend(key);
    const units = document.createElement("div");
    units.className = "mlp-units mlp-screen-only"; // hover or Tab shows a unit: nothing to do on paper
    units.setAttribute("role", "list");
    units.setAttribute("aria-label", "hidden units: hover or focus one to read its weights");
    fitBox.append(units);
    const tip = document.createElement("div");
    tip.className = "mlp-tip";
    tip.setAttribute("role", "tooltip");
    tip.id = `mlp-two-layer-tip-${++uid}`;
    tip.hidden = true;
    fitBox.append(tip);

    let focus = null; // {j, at: element or [x, y] in the panel}
    let layout = null; // the left panel's static parts, rebuilt when its size or the data change
    let s = null; // what is shown: recomputed at every redraw
    let link = null; // the page's address (below): it follows the kept runs too

    const startOf = (settings) => model.get("initial_nets")[settings.activation][settings.m - mLo];
    const p = player({
      model, buttons, redraw: () => redraw(), runMs: RUN_MS, frameMs: FRAME_MS, eager: true, onKept: () => link && link.update(),
      controls: ["play", "pause", "step", "reset", "keep", "clear"],
      settings: () => ({ m: model.get("m"), activation: model.get("activation"), lr: model.get("lr") }),
      newRun: (st) => new Run({ start: startOf(st), x: model.get("x"), y: model.get("y"), lr: st.lr,
        nIter: model.get("n_iter"), maxGrowth: model.get("max_growth") }),
    });
    // The reader's points, under the controls; the truth sin(3x) is drawn for the book's data only.
    const points = editablePoints({ model, into: controls, svg: fitSvg, changed: () => link && link.update(),
      frame: () => layout && { xs: layout.xs, ys: layout.ys, inner: layout.inner } });
    const shownTruth = () => (points.isBook() ? model.get("truth") : []);
    // The view in the page's address (ui/state.js), checked as TwoLayerExplorer's traitlets are.
    const settingFields = [
      numberSetting(model, "m", "the number of hidden units m", () => model.get("m_range"), { integer: true }),
      choiceSetting(model, "activation", "activation", () => model.get("activations").map(([, name]) => name)),
      numberSetting(model, "lr", "the learning rate lr", () => model.get("lr_range")),
    ];
    /** A kept run's label: the settings in which it differs from what is set now. */
    const WORDS = { m: (v) => `m = ${v}`, activation: (v) => `σ = ${NAMES[v] || v}`, lr: (v) => `α = ${fmt(v)}` };
    const keptLabel = ({ settings }) => labelOf(settings, p.settings(), WORDS);

    // --- the tooltip of unit j
    function tipParts(j) {
      const n = String(j + 1);
      const w1 = s.net.W[1][j][0], b1 = s.net.b[1][j], w2 = s.net.W[2][0][j];
      const parts = [`unit ${n}: `, ["w", "[1]", n], ` = ${fmt(w1, 4)}, `, ["b", "[1]", n], ` = ${fmt(b1, 4)}, `,
        ["w", "[2]", n], ` = ${fmt(w2, 4)}. Its share `, ["w", "[2]", n], " ", ["a", "", n], "(x) = ", ["w", "[2]", n],
        ` ${s.name}(`, ["w", "[1]", n], " x + ", ["b", "[1]", n], ")"];
      if (s.activation === "relu" && w1 !== 0) parts.push(` bends at x = ${fmt(-b1 / w1)}`);
      parts.push(".");
      if (s.dead.includes(j)) parts.push(" It is 0 on every training x (dead): it adds nothing and GD cannot change it.");
      return parts;
    }
    function placeTip() {
      if (focus === null || focus.j >= s.m) { tip.hidden = true; return; }
      tip.replaceChildren(...math("span", tipParts(focus.j)).childNodes);
      tip.hidden = false;
      const panel = fitBox.getBoundingClientRect();
      let cx, top;
      if (Array.isArray(focus.at)) {
        [cx, top] = [focus.at[0], focus.at[1] + 18];
      } else {
        const box = focus.at.getBoundingClientRect();
        cx = box.left + box.width / 2 - panel.left;
        top = box.top - panel.top - tip.offsetHeight - 6;
      }
      const width = tip.offsetWidth;
      const left = Math.min(Math.max(0, cx - width / 2), panel.width - width);
      if (top + tip.offsetHeight > panel.height) top = panel.height - tip.offsetHeight;
      tip.style.left = `${Math.round(left)}px`;
      tip.style.top = `${Math.round(Math.max(0, top))}px`;
    }
    function setFocus(next) {
      focus = next;
      if (s) { highlight(); placeTip(); }
    }
    const onKey = (event) => { if (event.key === "Escape") setFocus(null); };
    root.addEventListener("keydown", onKey);

    // --- the left panel's parts that change only with its size, the data or the colours
    function buildFit(colors) {
      const f = frame(fitSvg);
      const x = model.get("x"), y = model.get("y"), grid = model.get("grid"), truth = shownTruth();
      const [x0, x1] = [Math.min(...x, ...grid, ...points.book.x), Math.max(...x, ...grid, ...points.book.x)];
      const known = [...y, ...truth, ...points.book.y]; // the book's data too: a reader's point does not move the axes
      const [lo, hi] = [Math.min(...known), Math.max(...known)];
      const pad = 0.6 * (hi - lo) + 1e-9; // as plot_contributions: room for the shares around the fit
      const xs = scaleLinear().domain([x0 - 0.05 * (x1 - x0), x1 + 0.05 * (x1 - x0)]).range([f.inner.x0, f.inner.x1]);
      const ys = scaleLinear().domain([lo - pad, hi + pad]).range([f.inner.y0, f.inner.y1]);
      axes(fitSvg, xs, ys, f.inner, "x", "y", f.width);
      const plot = fitSvg.append("g").attr("clip-path", f.clip);
      plot.append("g").selectAll("circle").data(x).join("circle").attr("cx", (v) => xs(v)).attr("cy", (_, i) => ys(y[i]))
        .attr("r", 3).attr("fill", colors.data).attr("opacity", 0.6);
      if (truth.length) {
        plot.append("path").attr("d", line()(grid.map((v, i) => [xs(v), ys(truth[i])]))).attr("fill", "none")
          .attr("stroke", colors.truth).attr("stroke-width", 1.8).attr("stroke-dasharray", "6 4");
      }
      f.kept = plot.append("g");
      f.units = plot.append("g");
      f.bias = plot.append("line").attr("stroke", "#777").attr("stroke-width", 1.2).attr("stroke-dasharray", "2 3")
        .attr("x1", f.inner.x0).attr("x2", f.inner.x1);
      f.total = plot.append("path").attr("fill", "none").attr("stroke", colors.model).attr("stroke-width", 3);
      f.title = fitSvg.append("text").attr("class", "mlp-title").attr("x", f.width / 2).attr("y", 16).attr("text-anchor", "middle");
      Object.assign(f, { xs, ys, grid });
      const entries = [
        [{ color: colors.data, dot: true }, ["data"]],
        ...(truth.length ? [[{ color: colors.truth, dash: "6 4" }, ["truth sin(3x)"]]] : []),
        [{ color: model.get("unit_colors")[0], width: 1.3 }, [["w", "[2]", "j"], " ", ["a", "", "j"], "(x), one per unit"]],
        [{ color: "#777", width: 1.2, dash: "2 3" }, [["b", "[2]"]]],
        [{ color: colors.model, width: 3 }, ["sum + ", ["b", "[2]"], " = ", ["h", "", "θ"], "(x)"]],
      ];
      key.replaceChildren(...entries.map(([look, parts]) => { const e = math("span", parts); e.prepend(swatch(look)); return e; }));
      return f;
    }

    function highlight() {
      const on = focus === null ? null : focus.j;
      layout.units.selectAll("g.mlp-unit-curve").each(function (d) {
        const g = this.firstChild;
        g.setAttribute("stroke-width", d === on ? 3.2 : 1.3);
        g.setAttribute("stroke-opacity", on === null || d === on ? 0.9 : 0.25);
      });
      for (const chip of units.children) chip.classList.toggle("mlp-on", Number(chip.dataset.j) === on);
    }

    function drawFit(colors) {
      fitSvg.node().__aspect = (fitBox.clientWidth || 480) < 560 ? 0.8 : 0.55; // a phone: taller
      const { width } = panelSize(fitSvg);
      const key2 = JSON.stringify([width, fitSvg.attr("height"), colors]);
      if (!layout || layout.key !== key2) { layout = buildFit(colors); layout.key = key2; }
      const { xs, ys, grid } = layout;
      const palette = model.get("unit_colors");
      const shade = scaleLinear().domain(palette.map((_, i) => i / Math.max(1, palette.length - 1))).range(palette);
      const unitColor = (j) => shade(s.m === 1 ? 0 : j / (s.m - 1));
      const curve = (values) => line()(grid.map((v, i) => [xs(v), px(ys(values[i]))]));
      layout.units.selectAll("g.mlp-unit-curve").data([...Array(s.m).keys()]).join((enter) => {
        const g = enter.append("g").attr("class", "mlp-unit-curve");
        g.append("path").attr("fill", "none");
        g.append("path").attr("fill", "none").attr("stroke", "transparent").attr("stroke-width", 12)
          .attr("pointer-events", "stroke");
        g.on("mousemove", (event, j) => {
          const panel = fitBox.getBoundingClientRect();
          setFocus({ j, at: [event.clientX - panel.left, event.clientY - panel.top] });
        }).on("mouseleave", () => setFocus(null));
        return g;
      }).each(function (j) {
        const d = curve(s.C.map((row) => row[j]));
        this.firstChild.setAttribute("d", d);
        this.firstChild.setAttribute("stroke", unitColor(j));
        this.lastChild.setAttribute("d", d);
      });
      layout.kept.selectAll("*").remove();
      const box = { left: layout.inner.x0, right: layout.inner.x1, top: layout.inner.y1, bottom: layout.inner.y0 };
      drawKept(layout.kept, layout.kept, s.kept.map((k) => ({ label: k.label, // kept runs' h(x) (2.6): faint, labelled
        points: k.run.model.forward(grid.map((v) => [v])).map((v, i) => [xs(grid[i]), px(ys(v))]) })), box);
      layout.bias.attr("y1", px(ys(s.b2))).attr("y2", px(ys(s.b2)));
      layout.total.attr("d", curve(s.h));
      const dead = s.dead.length ? ` · ${s.dead.length} of ${s.m} units dead` : "";
      const setting = width < 560 ? "" : `m = ${s.m}, ${s.name}, α = ${fmt(s.lr)}: `; // narrow: the controls say it
      layout.title.text(`${setting}J = ${fmt(s.J, 4)} after ${s.shownT} steps${dead}`);
      fitSvg.attr("aria-label", `The ${model.get("x").length} data points${shownTruth().length ? ", the truth sin(3x)," : ""} ` +
        `the ${s.m} hidden units' shares w[2]_j a_j(x), the bias b[2] = ${fmt(s.b2)} and their sum h(x) = ` +
        `sum_j w[2]_j a_j(x) + b[2] (eq. 2.6), the network after ${s.shownT} gradient descent steps; J = ${fmt(s.J, 4)}` +
        (s.dead.length ? `; ${s.dead.length} units are 0 on every x.` : "."));

      // the chips: one per unit
      if (units.children.length !== s.m + 1 || units.dataset.m !== String(s.m)) {
        const label = document.createElement("span");
        label.textContent = "units (hover or Tab):";
        const chips = [...Array(s.m).keys()].map((j) => {
          const chip = ownKeys(document.createElement("span"));
          chip.className = "mlp-unit";
          chip.tabIndex = 0;
          chip.setAttribute("role", "listitem");
          chip.setAttribute("aria-describedby", tip.id);
          chip.dataset.j = j;
          chip.textContent = String(j + 1);
          const show = () => setFocus({ j, at: chip });
          chip.addEventListener("mouseenter", show);
          chip.addEventListener("focus", show);
          chip.addEventListener("mouseleave", () => setFocus(null));
          chip.addEventListener("blur", () => setFocus(null));
          return chip;
        });
        units.replaceChildren(label, ...chips);
        units.dataset.m = String(s.m);
      }
      for (const chip of units.querySelectorAll(".mlp-unit")) {
        const j = Number(chip.dataset.j);
        chip.style.setProperty("--unit", unitColor(j));
        chip.classList.toggle("mlp-dead", s.dead.includes(j));
        chip.setAttribute("aria-label", math("span", tipParts(j)).textContent);
      }
      highlight();
      placeTip();
    }

    function drawCost(colors, fitHeight) {
      const side = costSvg.node().parentNode.offsetTop === fitBox.offsetTop;
      const w = costSvg.node().parentNode.clientWidth || 480;
      costSvg.node().__aspect = side ? (fitHeight + fitBox.querySelector(".mlp-key").offsetHeight) / w : 0.4;
      const f = frame(costSvg);
      const run = p.run;
      const history = s.history.length ? s.history : [s.J];
      const positive = history.map((v) => Math.max(v, 1e-300));
      const kept = s.kept.map((k) => ({ label: k.label, J: k.run.history.map((v) => Math.max(v, 1e-300)) }));
      const every = [positive, ...kept.map((k) => k.J)].flat();
      let [lo, hi] = [Math.min(...every), Math.max(...every)];
      if (!(hi > lo * 1.5)) { lo /= 1.5; hi *= 1.5; }
      const ts = scaleLinear().domain([0, run.nIter]).range([f.inner.x0, f.inner.x1]);
      const js = scaleLog().domain([lo, hi]).range([f.inner.y0, f.inner.y1]).nice();
      axes(costSvg, ts, js, f.inner, "iteration t", "J (log scale)", f.width, "~g");
      const trace = costSvg.append("g").attr("clip-path", f.clip);
      drawKept(trace, costSvg, kept.map((k) => ({ label: k.label, points: k.J.map((v, t) => [ts(t), px(js(v))]) })),
        { left: f.inner.x0, right: f.inner.x1, top: f.inner.y1, bottom: f.inner.y0 }); // kept runs: faint, labelled
      trace.append("path").attr("d", line()(positive.map((v, t) => [ts(t), px(js(v))]))).attr("fill", "none")
        .attr("stroke", colors.gd).attr("stroke-width", 1.8);
      const last = positive.length - 1;
      trace.append("circle").attr("cx", ts(last)).attr("cy", px(js(positive[last]))).attr("r", 4).attr("fill", colors.gd);
      costSvg.append("text").attr("class", "mlp-title").attr("x", f.width / 2).attr("y", 16).attr("text-anchor", "middle")
        .text(`J during gradient descent (α = ${fmt(run.lr)})`);
      if (run.t === 0) {
        costSvg.append("text").attr("x", (f.inner.x0 + f.inner.x1) / 2).attr("y", (f.inner.y0 + f.inner.y1) / 2)
          .attr("text-anchor", "middle").text("play or step to train");
      }
      costSvg.attr("aria-label", `The cost J at iterations 0 to ${last} of gradient descent: from ` +
        `${fmt(history[0], 4)} to ${fmt(history[last], 4)}.`);
    }

    function messageText() {
      const run = p.run;
      const st = run.stopped;
      const [J0, J] = [run.history[0], run.history[run.history.length - 1]];
      if (st === null && run.done && J > J0) {
        const dead = s.dead.length === s.m ? ` Every unit is now 0 on every x (dead), so only ${"b[2]"} can still move.` : "";
        return `J ended above where it started (${fmt(J0, 4)} → ${fmt(J, 4)} after ${run.t} steps): the learning rate ` +
          `${fmt(run.lr)} is too large for this network.${dead} Try a smaller learning rate.`;
      }
      if (st === null) return "";
      if (st.kind === "overflow") {
        return `${divergenceMessage(st.t, run.lr)} The drawing shows the network after step ${st.t - 1}, the last ` +
          "with finite numbers.";
      }
      return `Training stopped at iteration ${st.t}: J grew from ${fmt(run.history[0], 4)} to ${fmt(st.J, 4)}, more than ` +
        `${fmt(run.maxGrowth)} times its start, with learning rate ${fmt(run.lr)}. Try a smaller learning rate.`;
    }

    function redraw() {
      const run = p.run;
      const colors = model.get("colors");
      const net = run.model;
      const activation = net.activation;
      const J = run.history.length ? run.history[run.history.length - 1] : NaN;
      const shownT = run.history.length - 1;
      s = { net, activation, name: NAMES[activation] || activation, m: net.sizes[1], lr: run.lr, J, shownT,
        history: run.history, dead: activation === "relu" ? deadUnits(net, run.x) : [],
        kept: p.kept.map((k) => ({ ...k, label: keptLabel(k) })), ...contributions(net, model.get("grid")) };
      const running = p.playing;
      drawFit(colors);
      drawCost(colors, Number(fitSvg.attr("height")));
      message.textContent = messageText();
      const status = running ? "playing" : run.done ? "done" : run.t === 0 ? "not started" : "paused";
      readout.textContent = `t = ${run.t} of ${run.nIter} gradient descent steps (${status}) · J = ${fmt(J, 4)}`;
      readout.setAttribute("aria-busy", running ? "true" : "false");
      root.dataset.values = JSON.stringify({
        m: s.m, activation, lr: run.lr, nIter: run.nIter, t: run.t, J, history: run.history, stopped: run.stopped,
        done: run.done, playing: running, net: net.toJSON(), b2: s.b2, h: s.h, C: s.C, dead: s.dead,
        kept: s.kept.map((k) => ({ settings: k.settings, t: k.run.t, label: k.label, J: k.run.history[k.run.history.length - 1] })),
      });
    }

    // A change of any setting starts a new run, shown at its start (kept runs stay); new points
    // too, and the kept runs, trained on other points, go (x and y change together: the page
    // sets both, Python validates both at once; a moment with one of them new is skipped).
    const settingChanged = () => p.discard();
    const dataChanged = () => { layout = null; settingChanged(); };
    const pointsChanged = () => {
      if (model.get("x").length !== model.get("y").length) return;
      if (p.kept.length) p.clearKept();
      dataChanged();
    };
    for (const n of ["m", "activation", "lr", "n_iter", "max_growth", "initial_nets"]) listen(`change:${n}`, settingChanged);
    for (const n of ["x", "y"]) listen(`change:${n}`, pointsChanged);
    for (const n of ["grid", "truth", "colors", "unit_colors"]) listen(`change:${n}`, dataChanged);
    const unobserve = onResize(root, () => { layout = null; redraw(); });
    const step = stepSetting(model, p, "t", "t (the page's iterations)", () => [0, model.get("n_iter")]);
    link = linkState({ model, id: "two_layer", version: 1, root, notice, buttons,
      fields: [points.field, ...settingFields, keptSetting(p, settingFields, step), step] });
    redraw();
    return () => {
      p.destroy();
      link.destroy();
      points.destroy();
      unobserve();
      root.removeEventListener("keydown", onKey);
      for (const [event, cb] of listeners) model.off(event, cb);
    };
  },
};

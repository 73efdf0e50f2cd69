// Chapter 7's explorer: one network, [1, 16, 16, 1] from one seed, trained by gradient descent
// (eq. 1.3) on 80 noisy samples of sin(3x), with each activation sigma of (2.1), (2.14), (2.15)
// and the identity (2.16)-(2.20). Training runs in the page, animated on the player
// (ui/player.js: play, pause, step, reset). Each activation keeps its own run, drawn faint
// beside the current one and listed with its J: the comparison this chapter is about, so the
// explorer offers no "keep this run" of its own (the runs it keeps are one per activation, and
// the link holds them: #activations.v=1&activation=tanh&runs=relu:2000|sigmoid:400&t=35).
// The reader may train on their own points (ui/points.js): added, dragged, removed, linked;
// the least-squares line is then computed here (core/lstsq.js, as numpy's).
// Left: the fit over the data and the truth; middle: sigma itself; right: J at every step (log
// scale) with each activation's final J once it has trained. The identity network can only be a
// line: the least-squares line (from mlp_lib) is drawn beside it, and the readout says how close.
// Python side: mlp_lib/widgets/activations.py (ActivationExplorer); the starts are mlp_lib's
// seeded MLPs, so a run here follows mlp_lib.gd step by step (the tests check it to 1e-9).
import { scaleLinear, scaleLog } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { line } from "d3-shape";
import { MLP } from "../core/mlp.js";
import { getActivation } from "../core/activations.js";
import { lstsq } from "../core/lstsq.js";
import { meanSquaredCost } from "../core/losses.js";
import { steps, divergenceMessage } from "../core/optimizers.js";
import { select } from "../ui/controls.js";
import { player } from "../ui/player.js";
import { editablePoints } from "../ui/points.js";
import { linkState, choiceSetting, stepSetting, LinkError, oneOf, repr } from "../ui/state.js";
import { explorerFrame, panelSize, onResize, fmt } from "../ui/figure.js";

/** A whole default run (2000 steps) takes about this long when the page keeps up (ms). */
const RUN_MS = 800;
/** Training per animation frame stops after this long (ms), so frames keep coming. */
const FRAME_BUDGET_MS = 11;
/** A run behind the clock (sigmoid) may fill a frame this long (training and drawing; the browser paints after): >= 30 fps. */
const FRAME_MS = 24;
const NAMES = { relu: "ReLU", sigmoid: "sigmoid", tanh: "tanh", identity: "identity" };
/** How each sigma is written in the small panel, with its equation in the notes. */
const FORMULAS = {
  relu: "σ(z) = max(z, 0)  (2.1)",
  sigmoid: "σ(z) = 1 / (1 + e⁻ᶻ)  (2.14)",
  tanh: "σ(z) = tanh z  (2.15)",
  identity: "σ(z) = z  (2.16)",
};
const MINUS = "\u2212";
const num = (v, digits = 3) => fmt(v, digits).replace(/^-/, MINUS);

/**
 * Gradient descent (1.3) from a start that mlp_lib drew, one step at a time with the core's
 * steps(): t (steps done), model (the last finite network), history (J at 0..t), diverged
 * (the iteration where J or theta stopped being finite, or null).
 */
export class Run {
  constructor({ start, X, y, lr, nIter }) {
    this.start = MLP.fromJSON(start);
    Object.assign(this, { id: ++runCount, model: this.start, lr, nIter, t: 0, history: [], diverged: null });
    this.iterator = steps(this.start, X, y, lr, () => null); // (1.3): every example at every step
    this.advance(1); // t = 0: the start and its J
    this.t = 0;
  }

  get done() { return this.diverged !== null || this.t >= this.nIter; }

  /** k more steps (fewer at the end or at a divergence). */
  advance(k) {
    for (let i = 0; i < k && !(this.history.length > 0 && this.done); i++) {
      const { value, done } = this.iterator.next();
      if (done) { this.diverged = value.diverged; break; }
      Object.assign(this, { t: value.t, model: value.model });
      this.history.push(value.J);
    }
    return this;
  }
}

/** The line a network with one input and one output draws when it is affine (the identity's
 * collapse, eq. 2.20 with its bias): {slope: h(1) - h(0), intercept: h(0)}. */
export function affineOf(net) {
  const [h0, h1] = net.forward([[0], [1]]);
  return { slope: h1 - h0, intercept: h0 };
}

/** The least-squares line of (x, y): min over (slope, intercept) of J (1.2), the columns [x, 1]
 * as mlp_lib's least_squares_line (np.linalg.lstsq). Returns [slope, intercept]. */
export function leastSquaresLine(x, y) {
  return lstsq(x.map((v) => [v, 1]), y).x;
}

/** The least-squares line y = slope x + intercept (coefficients from mlp_lib) and its J (1.2). */
export function lineCost({ slope, intercept }, x, y) {
  return meanSquaredCost(x.map((v) => slope * v + intercept), y); // (1.2)
}

/** How many units of each hidden layer are 0 on every example (dead ReLUs: no gradient). */
export function deadUnits(net, X) {
  const { Z } = net.layers(X);
  const dead = [];
  for (let k = 1; k < net.r; k++) {
    dead.push(Z[k][0].filter((_, j) => Z[k].every((row) => row[j] <= 0)).length);
  }
  return dead;
}

// ---------------------------------------------------------------------------- drawing
const MARGIN = { top: 26, right: 12, bottom: 40, left: 46 };
const BIG = 1e5;
const px = (v) => (Number.isFinite(v) ? Math.max(-BIG, Math.min(BIG, v)) : (v > 0 ? BIG : -BIG));
const Y_LIM = [-1.8, 1.8];
const FIT_COLUMN = 212; // px of a legend column: "identity network, t = 2000"
const COST_COLUMN = 250; // "sigmoid: J = 0.07173 at t = 1999"
const Z_LIM = [-3, 3];
const SIGMA_LIM = [-1.3, 2.3];
let uid = 0;
let runCount = 0; // numbers the runs, so a panel knows when another run replaced one

function frame(svg, key, margin = MARGIN) {
  const { width, height } = panelSize(svg);
  svg.selectAll("*").remove();
  const id = `mlp-act-${key}-${svg.node().__uid || (svg.node().__uid = ++uid)}`;
  const inner = { x0: margin.left, x1: width - margin.right, y0: height - margin.bottom, y1: margin.top };
  svg.append("defs").append("clipPath").attr("id", id).append("rect")
    .attr("x", inner.x0).attr("y", inner.y1).attr("width", inner.x1 - inner.x0).attr("height", inner.y0 - inner.y1);
  return { width, height, inner, clip: `url(#${id})` };
}

function axes(svg, xs, ys, inner, xLabel, yLabel, yFormat) {
  const w = inner.x1 - inner.x0;
  svg.append("g").attr("transform", `translate(0,${inner.y0})`).call(axisBottom(xs).ticks(Math.max(3, w / 70)));
  const left = axisLeft(ys);
  if (yFormat) left.tickValues(yFormat.values).tickFormat(yFormat.format);
  else left.ticks(Math.max(3, (inner.y0 - inner.y1) / 40));
  svg.append("g").attr("transform", `translate(${inner.x0},0)`).call(left);
  svg.append("text").attr("x", (inner.x0 + inner.x1) / 2).attr("y", inner.y0 + 33).attr("text-anchor", "middle").text(xLabel);
  if (yLabel) {
    svg.append("text").attr("transform", `translate(12,${(inner.y0 + inner.y1) / 2}) rotate(-90)`)
      .attr("text-anchor", "middle").text(yLabel);
  }
}

function title(svg, text, width) {
  svg.append("text").attr("class", "mlp-title").attr("x", width / 2).attr("y", 15).attr("text-anchor", "middle").text(text);
}

const ROW = 17; // a legend row, px
/**
 * A legend with its top-left at (x, y): entries [{text, color, dash, dot, bold, faint}] in
 * `columns` columns of `colWidth` px (default: one column as wide as the longest entry).
 */
function legend(svg, x, y, entries, { columns = 1, colWidth = null } = {}) {
  const width = colWidth || Math.max(...entries.map((e) => e.text.length)) * 6.4 + 36;
  const rows = Math.ceil(entries.length / columns);
  const g = svg.append("g").attr("transform", `translate(${x},${y})`);
  g.append("rect").attr("fill", "var(--mlp-bg)").attr("opacity", 0.88).attr("rx", 3)
    .attr("width", width * Math.min(columns, entries.length)).attr("height", rows * ROW + 4);
  entries.forEach((e, i) => {
    const xx = Math.floor(i / rows) * width;
    const yy = 11 + (i % rows) * ROW;
    if (e.dot) g.append("circle").attr("cx", xx + 13).attr("cy", yy).attr("r", 3.5).attr("fill", e.color).attr("opacity", 0.7);
    else {
      g.append("line").attr("x1", xx + 3).attr("x2", xx + 24).attr("y1", yy).attr("y2", yy).attr("stroke", e.color)
        .attr("stroke-width", e.bold ? 3 : 1.6).attr("stroke-dasharray", e.dash || null).attr("opacity", e.faint ? 0.55 : 1);
    }
    g.append("text").attr("x", xx + 30).attr("y", yy + 4).attr("font-weight", e.bold ? 600 : null)
      .style("fill", e.faint ? "var(--mlp-muted)" : null).text(e.text);
  });
}

/**
 * Size a panel whose legend sits under its x axis: the plot about `plotAspect` of the width
 * (within [lo, hi] px), then room for `entries` legend entries in as many columns of `colWidth`
 * as fit. Sets the panel's aspect for panelSize; returns {margin, columns}.
 */
function sizeWithLegend(svg, { plotAspect, lo, hi, entries, colWidth }) {
  const width = Math.max(280, Math.round(svg.node().parentNode.clientWidth || 480));
  const columns = Math.max(1, Math.min(entries, Math.floor((width - 16) / colWidth)));
  const bottom = 44 + Math.ceil(entries / columns) * ROW + 8;
  const plot = Math.min(hi, Math.max(lo, width * plotAspect));
  svg.node().__aspect = (MARGIN.top + plot + bottom) / width;
  return { margin: { ...MARGIN, bottom }, columns };
}

/** Decade ticks of a log axis, labelled as plain numbers where short. */
function logTicks(lo, hi) {
  const values = [];
  const [k0, k1] = [Math.ceil(Math.log10(lo)), Math.floor(Math.log10(hi))];
  const every = Math.max(1, Math.ceil((k1 - k0 + 1) / 8)); // at most about 8 labels (a reader's few points can reach 1e-20)
  for (let k = k1; k >= k0; k -= every) values.unshift(10 ** k);
  if (values.length < 2) return null;
  return { values, format: (v) => { const k = Math.round(Math.log10(v)); return k >= -3 ? String(Number(v.toPrecision(1))) : `1e${k}`; } };
}

export default {
  render({ model, el }) {
    const { root, controls, buttons, panels, message, notice, readout } = explorerFrame(el, {
      label: "Activation explorer: the same network trained by gradient descent with each activation",
      panelAspects: [0.62, 0.78, 0.95],
    });
    // the fit is the big panel; sigma stays small beside it or below it
    const flex = ["2 1 400px", "0 1 280px", "1 1 320px"];
    panels.forEach((svg, i) => { svg.node().parentNode.style.flex = flex[i]; });
    const [fitSvg, sigmaSvg, costSvg] = panels;
    const names = model.get("activations").map(([, name]) => name);
    controls.append(select(model, "activation", "activation σ", model.get("activations")).element);
    // The reader's points, under the menu (ui/points.js); the fit panel's scales place them.
    const points = editablePoints({ model, into: controls, svg: fitSvg, changed: () => link && link.update(),
      frame: () => { const base = fitSvg.node().__base; return base && { xs: base.xs, ys: base.ys, inner: base.inner }; } });

    let runs = new Map(); // activation -> Run: each keeps how far it went
    let dataEpoch = 0; // the fit panel's data are drawn again when the points change
    const data = () => {
      const x = model.get("x");
      return { x, X: x.map((v) => [v]), y: model.get("y") };
    };
    /** A new run of `activation` at its start; it becomes that activation's run. */
    const newRun = ({ activation }) => {
      const { X, y } = data();
      const run = new Run({ start: model.get("starts")[activation], X, y, lr: model.get("lr"), nIter: model.get("n_iter") });
      runs.set(activation, run);
      return run;
    };
    let link = null; // the page's address (below)
    const p = player({
      model, buttons, redraw: () => redraw(), runMs: RUN_MS, frameBudgetMs: FRAME_BUDGET_MS, frameMs: FRAME_MS, eager: true,
      settings: () => ({ activation: model.get("activation") }), newRun,
    });

    function curveOf(net, grid) { return net.forward(grid.map((v) => [v])); } // (2.12)-(2.13) on the grid

    // Each panel is drawn in two layers: a base, drawn again only when its `key` changes (the
    // size, the activation, the other activations' runs), and a top layer drawn at every frame
    // (what moves while gradient descent runs). This keeps a frame's drawing to about a millisecond.
    let sizeEpoch = 0;
    function layered(svg, key, drawBase) {
      const node = svg.node();
      const full = JSON.stringify([key, sizeEpoch]);
      if (node.__key !== full) {
        node.__key = full;
        node.__base = drawBase();
        node.__base.top = svg.append("g").attr("clip-path", node.__base.clip);
        node.__base.over = svg.append("g");
      } else {
        node.__base.top.selectAll("*").remove();
        node.__base.over.selectAll("*").remove();
      }
      return node.__base;
    }
    /** What the other activations' runs look like now (their base layers depend on it). */
    const othersKey = (name) => names.map((n) => (n !== name && runs.has(n) ? [runs.get(n).id, runs.get(n).t] : 0));

    function drawFit(run, name, colors, actColors, lsq) {
      const { x, y } = data();
      const grid = model.get("grid");
      const xDomain = [grid[0], grid[grid.length - 1]];
      const scales = (f) => [scaleLinear().domain(xDomain).range([f.inner.x0, f.inner.x1]),
        scaleLinear().domain(Y_LIM).range([f.inner.y0, f.inner.y1])];
      const pathOf = (xs, ys, values) => line()(grid.map((v, i) => [xs(v), px(ys(values[i]))]));
      const f = layered(fitSvg, ["fit", name, colors, actColors, othersKey(name), dataEpoch], () => {
        const { margin, columns } = sizeWithLegend(fitSvg, { plotAspect: 0.5, lo: 170, hi: 300, entries: 4, colWidth: FIT_COLUMN });
        const base = { ...frame(fitSvg, "fit", margin), columns };
        const [xs, ys] = scales(base);
        axes(fitSvg, xs, ys, base.inner, "x", "y");
        const plot = fitSvg.append("g").attr("clip-path", base.clip);
        plot.selectAll("circle").data(x).join("circle").attr("cx", (v) => xs(v)).attr("cy", (_, i) => ys(y[i]))
          .attr("r", 3).attr("fill", "#8c8c8c").attr("opacity", 0.65);
        if (points.isBook()) { // the truth is the book's data's only
          plot.append("path").attr("d", pathOf(xs, ys, model.get("truth"))).attr("fill", "none").attr("stroke", "#444")
            .attr("stroke-width", 1.4).attr("stroke-dasharray", "2 3");
        }
        for (const other of names) { // the other activations' fits, faint, as far as they trained
          const r = other !== name && runs.get(other);
          if (!r || r.t === 0) continue;
          plot.append("path").attr("d", pathOf(xs, ys, curveOf(r.model, grid))).attr("fill", "none")
            .attr("stroke", actColors[other]).attr("stroke-width", 1.2).attr("opacity", 0.35);
        }
        return { ...base, xs, ys };
      });
      const h = curveOf(run.model, grid);
      const entries = [{ text: points.isBook() ? "training data" : "your data", color: "#8c8c8c", dot: true },
        ...(points.isBook() ? [{ text: "truth sin(3x)", color: "#444", dash: "2 3" }] : []),
        { text: `${NAMES[name]} network, t = ${run.t}`, color: actColors[name], bold: true }];
      f.top.append("path").attr("d", pathOf(f.xs, f.ys, h)).attr("fill", "none").attr("stroke", actColors[name])
        .attr("stroke-width", 3);
      if (name === "identity") { // on top of the network's line, so that both show where they meet
        f.top.append("path").attr("d", pathOf(f.xs, f.ys, grid.map((v) => lsq.slope * v + lsq.intercept)))
          .attr("fill", "none").attr("stroke", colors.warning).attr("stroke-width", 1.8).attr("stroke-dasharray", "7 5");
        entries.push({ text: "least-squares line", color: colors.warning, dash: "7 5" });
      }
      legend(f.over, 6, f.inner.y0 + 42, entries, { columns: f.columns, colWidth: FIT_COLUMN });
      const J = run.history[run.history.length - 1];
      title(f.over, `${NAMES[name]} network after ${run.t} steps: J = ${fmt(J, 4)}`, f.width);
      fitSvg.attr("aria-label", `The ${x.length} training points, ${points.isBook() ? "the truth sin(3x) " : ""}and the fit h(x) of the ` +
        `[1, 16, 16, 1] network with ${NAMES[name]} activations after ${run.t} gradient-descent steps; ` +
        `J = ${fmt(J, 4)}.` + (name === "identity" ? ` Dashed: the least-squares line y = ${num(lsq.slope, 4)} x + ${num(lsq.intercept, 4)}.` : ""));
      return h;
    }

    function drawSigma(name, actColors) {
      layered(sigmaSvg, ["sigma", name, actColors], () => {
        const f = frame(sigmaSvg, "sigma", { top: 26, right: 10, bottom: 40, left: 38 });
        const zs = scaleLinear().domain(Z_LIM).range([f.inner.x0, f.inner.x1]);
        const ss = scaleLinear().domain(SIGMA_LIM).range([f.inner.y0, f.inner.y1]);
        axes(sigmaSvg, zs, ss, f.inner, "z", null);
        const plot = sigmaSvg.append("g").attr("clip-path", f.clip);
        plot.append("line").attr("x1", f.inner.x0).attr("x2", f.inner.x1).attr("y1", ss(0)).attr("y2", ss(0)).attr("stroke", "var(--mlp-grid)");
        plot.append("line").attr("x1", zs(0)).attr("x2", zs(0)).attr("y1", f.inner.y0).attr("y2", f.inner.y1).attr("stroke", "var(--mlp-grid)");
        const [sigma, derivative] = getActivation(name);
        const z = Array.from({ length: 241 }, (_, i) => Z_LIM[0] + (i / 240) * (Z_LIM[1] - Z_LIM[0]));
        const curve = (g) => line()(z.map((v) => [zs(v), px(ss(g(v)))]));
        plot.append("path").attr("d", curve(derivative)).attr("fill", "none").attr("stroke", actColors[name])
          .attr("stroke-width", 1.6).attr("stroke-dasharray", "5 3");
        plot.append("path").attr("d", curve(sigma)).attr("fill", "none").attr("stroke", actColors[name]).attr("stroke-width", 2.5);
        legend(sigmaSvg, f.inner.x0 + 4, f.inner.y1 + 4, [
          { text: "σ(z)", color: actColors[name], bold: true }, { text: "σ′(z)", color: actColors[name], dash: "5 3" }]);
        title(sigmaSvg, FORMULAS[name], f.width);
        return f;
      });
      sigmaSvg.attr("aria-label", `The activation ${NAMES[name]}, ${FORMULAS[name]}, solid, and its derivative, ` +
        `dashed, for z from ${Z_LIM[0]} to ${Z_LIM[1]}.`);
    }

    /** A whole history as a path, with at most about 1000 points (J at every step is kept). */
    function historyPath(history, ts, js) {
      const every = Math.max(1, Math.ceil(history.length / 1000));
      const points = [];
      for (let t = 0; t < history.length; t += every) points.push([ts(t), px(js(Math.max(history[t], 1e-300)))]);
      const last = history.length - 1;
      if (last % every !== 0) points.push([ts(last), px(js(Math.max(history[last], 1e-300)))]);
      return line()(points);
    }

    function drawCost(run, name, colors, actColors, Jline) {
      const nIter = model.get("n_iter");
      const shown = names.filter((n) => runs.has(n) && (n === name || runs.get(n).t > 0));
      let lo = Jline;
      let hi = Jline;
      for (const n of shown) for (const v of runs.get(n).history) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      // whole decades: the axis changes only when a curve crosses into a new one
      const domain = [10 ** Math.floor(Math.log10(Math.max(lo / 1.2, 1e-300))), 10 ** Math.ceil(Math.log10(Math.max(hi * 1.2, 1e-300)))];
      if (!(domain[1] > domain[0])) domain[1] = domain[0] * 10;
      const f = layered(costSvg, ["cost", name, domain, colors, actColors, othersKey(name), nIter, model.get("lr"), Jline], () => {
        const { margin, columns } = sizeWithLegend(costSvg, { plotAspect: 0.5, lo: 150, hi: 300, entries: names.length + 1, colWidth: COST_COLUMN });
        const base = { ...frame(costSvg, "cost", margin), columns };
        const ts = scaleLinear().domain([0, nIter]).range([base.inner.x0, base.inner.x1]);
        const js = scaleLog().domain(domain).range([base.inner.y0, base.inner.y1]);
        axes(costSvg, ts, js, base.inner, "gradient-descent step t", "J (log scale)", logTicks(...domain));
        const plot = costSvg.append("g").attr("clip-path", base.clip);
        plot.append("line").attr("x1", base.inner.x0).attr("x2", base.inner.x1).attr("y1", js(Jline)).attr("y2", js(Jline))
          .attr("stroke", colors.warning).attr("stroke-width", 1.4).attr("stroke-dasharray", "7 5");
        for (const n of shown.filter((m) => m !== name)) {
          plot.append("path").attr("d", historyPath(runs.get(n).history, ts, js)).attr("fill", "none")
            .attr("stroke", actColors[n]).attr("stroke-width", 1.3).attr("opacity", 0.6);
        }
        title(costSvg, `J during gradient descent (α = ${fmt(model.get("lr"))})`, base.width);
        return { ...base, ts, js };
      });
      f.top.append("path").attr("d", historyPath(run.history, f.ts, f.js)).attr("fill", "none")
        .attr("stroke", actColors[name]).attr("stroke-width", 2.6);
      const entries = names.map((n) => {
        const r = runs.get(n);
        const untrained = !r || (r.t === 0 && n !== name);
        const last = r && r.history[r.history.length - 1];
        const text = untrained ? `${NAMES[n]}: not trained yet`
          : r.done ? `${NAMES[n]}: final J = ${fmt(last, 4)}` : `${NAMES[n]}: J = ${fmt(last, 4)} at t = ${r.t}`;
        return { text, color: actColors[n], bold: n === name, faint: untrained };
      });
      entries.push({ text: `least-squares line: J = ${fmt(Jline, 4)}`, color: colors.warning, dash: "7 5" });
      legend(f.over, 6, f.inner.y0 + 42, entries, { columns: f.columns, colWidth: COST_COLUMN });
      const words = entries.slice(0, -1).map((e) => e.text).join("; ");
      costSvg.attr("aria-label", `The cost J (log scale) at every gradient-descent step, up to ${nIter}: ${words}. ` +
        `The dashed line is the J of the least-squares line, ${fmt(Jline, 4)}.`);
    }

    /** The words on the identity network: how close its line is to the least-squares line. */
    function identityWords(run, lsq, Jline) {
      const { x } = data();
      const net = affineOf(run.model);
      const h = run.model.forward(x.map((v) => [v]));
      const gap = Math.max(...x.map((v, i) => Math.abs(h[i] - (lsq.slope * v + lsq.intercept))));
      const J = run.history[run.history.length - 1];
      const excess = (J - Jline) / Jline;
      const words = ` The identity network is the line h(x) = ${num(net.slope, 4)} x + ${num(net.intercept, 4)}; ` +
        `least squares gives ${num(lsq.slope, 4)} x + ${num(lsq.intercept, 4)}. On the data the two differ by at most ` +
        `${fmt(gap, 2)}, and J is ${excess < 5e-5 ? "equal to the least-squares J to 4 digits" : `${fmt(100 * excess, 2)}% above the least-squares J`} ` +
        "(no line, and so no identity network, can do better).";
      return { words, line: { ...net, gap, excess } };
    }

    function redraw() {
      const name = model.get("activation");
      const run = p.run;
      const colors = model.get("colors");
      const actColors = model.get("activation_colors");
      const { x, X, y } = data();
      // the book's line comes from mlp_lib; the reader's points' line is computed here
      const [slope, intercept] = points.isBook() ? model.get("lstsq") : leastSquaresLine(x, y);
      const lsq = { slope, intercept };
      const Jline = lineCost(lsq, x, y);
      const running = p.playing;
      const h = drawFit(run, name, colors, actColors, lsq);
      drawSigma(name, actColors);
      drawCost(run, name, colors, actColors, Jline);

      const J = run.history[run.history.length - 1];
      const dead = name === "relu" ? deadUnits(run.model, X) : null;
      const deadCount = dead ? dead.reduce((a, b) => a + b, 0) : 0;
      const hidden = model.get("starts")[name].sizes.slice(1, -1);
      if (run.diverged !== null) {
        message.textContent = `${divergenceMessage(run.diverged, run.lr)} The drawing shows the network at step ${run.t}, the last finite one.`;
      } else if (deadCount > 0) {
        message.textContent = `${deadCount} of ${hidden.reduce((a, b) => a + b, 0)} hidden ReLU units output 0 on every x ` +
          `(${dead.map((d, k) => `${d} in layer ${k + 1}`).join(", ")}): dead units, their gradient is exactly 0.`;
      } else message.textContent = "";
      const status = running ? "playing" : run.done ? "done" : run.t > 0 ? "paused" : "at the start";
      const extra = name === "identity" ? identityWords(run, lsq, Jline) : null;
      readout.textContent = `${NAMES[name]} network, gradient-descent step t = ${run.t} of ${run.nIter} (${status}): ` +
        `J = ${fmt(J, 4)}.` + (extra ? extra.words : "");
      readout.setAttribute("aria-busy", running ? "true" : "false");
      const final = {};
      for (const n of names) {
        const r = runs.get(n);
        final[n] = r && r.done ? r.history[r.history.length - 1] : null;
      }
      root.dataset.values = JSON.stringify({
        activation: name, t: run.t, nIter: run.nIter, done: run.done, playing: running, diverged: run.diverged,
        J, history: run.history, h, net: run.model.toJSON(), final, dead,
        lstsq: { slope, intercept, J: Jline }, line: extra ? extra.line : null,
        runs: Object.fromEntries([...runs].map(([n, r]) => [n, { t: r.t, J: r.history[r.history.length - 1] }])),
      });
    }

    // Another activation: its own run, as far as it went (a new one if it has none); Python,
    // the saved state or a link moved t: the current run to that step; another rate, length,
    // start or data: every activation's run starts again.
    const activationChanged = () => { const name = model.get("activation"); p.show(runs.get(name) || newRun({ activation: name })); };
    const tChanged = () => { if (model.get("t") !== p.run.t) p.trainTo(model.get("t")); };
    const settingsChanged = () => { runs = new Map(); p.discard(); };
    const pointsChanged = () => {
      if (model.get("x").length !== model.get("y").length) return; // x is set, y comes next
      dataEpoch++;
      settingsChanged();
    };
    const watched = [
      ["change:activation", activationChanged], ["change:t", tChanged],
      ...["lr", "n_iter", "starts"].map((n) => [`change:${n}`, settingsChanged]),
      ...["x", "y"].map((n) => [`change:${n}`, pointsChanged]),
      ...["colors", "activation_colors", "lstsq", "grid", "truth"].map((n) => [`change:${n}`, () => redraw()]),
    ];
    for (const [event, cb] of watched) model.on(event, cb);
    const unobserve = onResize(root, () => { sizeEpoch++; redraw(); });
    // The view in the page's address (ui/state.js), checked as ActivationExplorer's traitlets are;
    // "runs" holds how far the other activations trained ("relu:2000|tanh:35").
    const step = stepSetting(model, p, "t", `the step t (at most n_iter = ${model.get("n_iter")})`, () => [0, model.get("n_iter")]);
    const otherRuns = {
      name: "runs", traitlet: false,
      read: () => {
        const others = names.filter((n) => n !== model.get("activation") && runs.has(n) && runs.get(n).t > 0);
        return others.length ? others.map((n) => [n, runs.get(n).t]) : null;
      },
      write: (list) => {
        for (const [name, t] of list) if (name !== model.get("activation")) newRun({ activation: name }).advance(t);
        redraw();
      },
      format: (list) => list.map(([n, t]) => `${n}:${t}`).join("|"),
      parse: (text) => text.split("|").map((one) => {
        const at = one.indexOf(":");
        if (at < 0) throw new LinkError(`runs must read activation:t, as relu:2000, got ${repr(one)}`);
        return [oneOf(one.slice(0, at), "activation", names), step.parse(one.slice(at + 1))];
      }),
    };
    link = linkState({ model, id: "activations", version: 1, root, notice, buttons,
      fields: [points.field, choiceSetting(model, "activation", "activation", () => names), otherRuns, step] });
    if (!link.restored) { if (model.get("t") > 0) tChanged(); else redraw(); } // the saved state's step, or the start
    return () => {
      p.destroy();
      link.destroy();
      points.destroy();
      unobserve();
      for (const [event, cb] of watched) model.off(event, cb);
    };
  },
};

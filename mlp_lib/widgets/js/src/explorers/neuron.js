// Chapter 2's explorer: a single neuron h(x) = sigma(w x + b), eq. (2.1), over the houses of
// Figure 1; the landscape J(w, b) of eq. (1.2) with the dead-ReLU region; and mini-batch SGD
// (Algorithm 2, eq. 1.5) from the sliders' (w, b), animated on the player (play, pause, step,
// reset), with the runs a reader keeps drawn faint (their paths over J(w, b), their costs) and
// the view in the page's address (ui/state.js).
// Python side: mlp_lib/widgets/neuron.py (NeuronExplorer); the tests check every number
// against mlp_lib.SingleNeuron and mlp_lib.plots.neuron.neuron_cost_grid.
import { scaleLinear, scaleLog } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { line } from "d3-shape";
import { contours } from "d3-contour";
import { SingleNeuron } from "../core/neuron.js";
import { steps, divergenceMessage } from "../core/optimizers.js";
import { batchChooser } from "../core/random.js";
import { slider, select, logScale } from "../ui/controls.js";
import { explorerFrame, panelSize, onResize, fmt } from "../ui/figure.js";
import { player } from "../ui/player.js";
import { keptLabel, drawKept } from "../ui/kept.js";
import { linkState, numberSetting, choiceSetting, stepSetting, keptSetting } from "../ui/state.js";

/** Points of the J(w, b) grid per axis, as neuron_cost_grid's default. */
export const GRID_NUM = 81;
/** Contour levels, log-spaced, as plot_neuron_landscape. */
export const N_LEVELS = 14;
/** A whole fit takes about this long when played. */
const FIT_MS = 900;
const NAMES = { relu: "ReLU", sigmoid: "sigmoid", tanh: "tanh", identity: "identity" };

/** num numbers from lo to hi, as numpy.linspace (the last one exactly hi). */
export function linspace(lo, hi, num) {
  const step = (hi - lo) / (num - 1);
  const out = Array.from({ length: num }, (_, k) => k * step + lo);
  out[num - 1] = hi;
  return out;
}

/**
 * J(w, b) of eq. (1.2) for sigma(w x + b) on a num x num grid, as mlp_lib.plots.neuron's
 * neuron_cost_grid: {w, b, J} with J[i][k] at (w[k], b[i]); for a ReLU also deadEdge[k],
 * the largest b with w x + b <= 0 for every house (b <= -max_i w x_i: dead, gradient 0).
 */
export function neuronCostGrid(x, y, activation, wRange, bRange, num = GRID_NUM) {
  const w = linspace(wRange[0], wRange[1], num);
  const b = linspace(bRange[0], bRange[1], num);
  const J = b.map((bi) => w.map((wk) => new SingleNeuron(wk, bi, activation).cost(x, y))); // (2.1), (1.2)
  const deadEdge = activation === "relu" ? w.map((wk) => -Math.max(...x.map((xi) => wk * xi))) : null;
  return { w, b, J, deadEdge };
}

/** N_LEVELS log-spaced contour levels from max(min J, 0.01) to max J (numpy.geomspace). */
export function contourLevels(J) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of J) for (const v of row) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  lo = Math.max(lo, 1e-2);
  if (!(hi > lo)) hi = lo * 10;
  const levels = linspace(Math.log10(lo), Math.log10(hi), N_LEVELS).map((e) => 10 ** e);
  levels[0] = lo;
  levels[N_LEVELS - 1] = hi;
  return levels;
}

/**
 * Mini-batch SGD on the neuron, one step at a time (the core's steps(), Algorithm 2 with the
 * page's indices): t, model (the last finite neuron), history (J at 0..t), path ([w, b] at
 * 0..t), diverged (iteration or null), deadAtStart, diedAt (first iteration where a ReLU that
 * could move became dead on every house, or null).
 */
export class Fit {
  constructor({ x, y, w, b, activation, lr, B, nIter, seed }) {
    Object.assign(this, { x, y, lr, nIter });
    this.start = new SingleNeuron(w, b, activation);
    this.model = this.start;
    this.deadAtStart = activation === "relu" && this.start.isDead(x, y);
    this.relu = activation === "relu";
    this.iterator = steps(this.start, x, y, lr, batchChooser("minibatch", x.length, B, seed)); // (1.5)
    Object.assign(this, { t: -1, history: [], path: [], diverged: null, diedAt: null });
    this.advance(1); // t = 0: the start
  }

  get done() { return this.diverged !== null || this.t >= this.nIter; }

  /** k more iterations (fewer at the end or at a divergence). */
  advance(k) {
    for (let i = 0; i < k && !this.done; i++) {
      const { value, done } = this.iterator.next();
      if (done) { this.diverged = value.diverged; break; }
      Object.assign(this, { t: value.t, model: value.model });
      this.history.push(value.J);
      this.path.push([value.model.w, value.model.b]);
      if (this.relu && !this.deadAtStart && this.diedAt === null && value.model.isDead(this.x, this.y)) {
        this.diedAt = value.t;
      }
    }
    return this;
  }
}

/** A whole fit at once, as the animation runs it. */
export function fitRun(settings) { return new Fit(settings).advance(settings.nIter); }

/** The settings a link holds, checked as NeuronExplorer's traitlets are (in_range, one_of). */
export function settingFields(model) {
  const n = model.get("y").length;
  return [
    numberSetting(model, "w", "the weight w", () => model.get("w_range")),
    numberSetting(model, "b", "the bias b", () => model.get("b_range")),
    choiceSetting(model, "activation", "activation", () => model.get("activations").map(([, name]) => name)),
    numberSetting(model, "lr", "the learning rate lr", () => model.get("lr_range")),
    numberSetting(model, "B", `the batch size B (at most n = ${n})`, () => [1, n], { integer: true }),
  ];
}

/** How far the fit has gone, fit_t, as a link holds it (0: no fit shown). */
export function stepField(model, p, goTo) {
  const nIter = model.get("n_iter");
  return { ...stepSetting(model, p, "fit_t", `fit_t (iterations of the page's fit, at most n_iter = ${nIter})`,
    () => [0, nIter]), write: goTo };
}

// ---------------------------------------------------------------------------- drawing
const MARGIN = { top: 30, right: 12, bottom: 42, left: 48 };
const BIG = 1e5; // pixel coordinates are kept within +-BIG (a diverging run leaves the plot)
const px = (v) => (Number.isFinite(v) ? Math.max(-BIG, Math.min(BIG, v)) : (v > 0 ? BIG : -BIG));
let uid = 0;

/** A panel's frame: size, scales' ranges, a clip path; returns {g, width, height, inner, clip}. */
function frame(svg, key) {
  const { width, height } = panelSize(svg);
  svg.selectAll("*").remove();
  const clip = `mlp-neuron-${key}-${svg.node().__uid || (svg.node().__uid = ++uid)}`;
  const inner = { x0: MARGIN.left, x1: width - MARGIN.right, y0: height - MARGIN.bottom, y1: MARGIN.top };
  svg.append("defs").append("clipPath").attr("id", clip).append("rect")
    .attr("x", inner.x0).attr("y", inner.y1).attr("width", inner.x1 - inner.x0).attr("height", inner.y0 - inner.y1);
  return { width, height, inner, clip: `url(#${clip})` };
}

function axes(svg, xs, ys, inner, xLabel, yLabel, width) {
  svg.append("g").attr("transform", `translate(0,${inner.y0})`).call(axisBottom(xs).ticks(Math.max(3, width / 80)));
  svg.append("g").attr("transform", `translate(${inner.x0},0)`)
    .call(axisLeft(ys).ticks(Math.max(3, (inner.y0 - inner.y1) / 45), ys.base ? "~g" : undefined));
  svg.append("text").attr("x", (inner.x0 + inner.x1) / 2).attr("y", inner.y0 + 34).attr("text-anchor", "middle").text(xLabel);
  svg.append("text").attr("transform", `translate(13,${(inner.y0 + inner.y1) / 2}) rotate(-90)`)
    .attr("text-anchor", "middle").text(yLabel);
}

function title(svg, text, width) {
  svg.append("text").attr("class", "mlp-title").attr("x", width / 2).attr("y", 16).attr("text-anchor", "middle").text(text);
}

/** A legend in the top-left corner: entries [{text, color, dash, dot}]. */
function legend(svg, inner, entries) {
  const g = svg.append("g").attr("transform", `translate(${inner.x0 + 8},${inner.y1 + 6})`);
  const box = g.append("rect").attr("fill", "var(--mlp-bg)").attr("opacity", 0.85).attr("rx", 3);
  entries.forEach((e, i) => {
    const y = 10 + i * 17;
    if (e.dot) g.append("circle").attr("cx", 12).attr("cy", y).attr("r", 3.5).attr("fill", e.color).attr("opacity", 0.8);
    else g.append("line").attr("x1", 2).attr("x2", 22).attr("y1", y).attr("y2", y).attr("stroke", e.color)
      .attr("stroke-width", 2.5).attr("stroke-dasharray", e.dash || null);
    const text = g.append("text").attr("x", 28).attr("y", y + 4);
    const sub = /^h_θ(.*)$/.exec(e.text); // h with the subscript theta, as in the notes
    if (sub) {
      text.append("tspan").text("h");
      text.append("tspan").attr("dy", 4).attr("font-size", 11).text("θ");
      text.append("tspan").attr("dy", -4).text(sub[1]);
    } else text.text(e.text);
  });
  const width = Math.max(...entries.map((e) => e.text.length)) * 6.6 + 34;
  box.attr("width", width).attr("height", entries.length * 17 + 4).attr("y", 0);
}

/** Contours of J in the (w, b) plane and, for a ReLU, the dead region hatched (static during a fit). */
function drawLandscape(svg, grid, levels, ws, bs, inner, clip, colors) {
  const num = grid.w.length;
  const dw = grid.w[1] - grid.w[0];
  const db = grid.b[1] - grid.b[0];
  // d3-contour puts value [i][k] at (k + 0.5, i + 0.5): back to (w, b), then to pixels.
  const X = (c) => px(ws(grid.w[0] + (c - 0.5) * dw));
  const Y = (r) => px(bs(grid.b[0] + (r - 0.5) * db));
  const ring = (pts) => `M${pts.map(([c, r]) => `${X(c).toFixed(1)},${Y(r).toFixed(1)}`).join("L")}Z`;
  const shapes = contours().size([num, num]).thresholds(levels)(grid.J.flat());
  const d = shapes.map((s) => s.coordinates.map((poly) => poly.map(ring).join("")).join(""));
  const shade = scaleLinear().domain([0, levels.length]).range(["#7fa8d4", "#f4f8fc"]);
  const g = svg.append("g").attr("clip-path", clip);
  g.append("rect").attr("x", inner.x0).attr("y", inner.y1).attr("width", inner.x1 - inner.x0)
    .attr("height", inner.y0 - inner.y1).attr("fill", shade(0));
  d.forEach((path, i) => g.append("path").attr("d", path).attr("fill", shade(i + 1)));
  d.forEach((path) => g.append("path").attr("d", path).attr("fill", "none").attr("stroke", "#888").attr("stroke-width", 0.6));
  if (grid.deadEdge) {
    const id = `mlp-neuron-hatch-${++uid}`;
    svg.select("defs").append("pattern").attr("id", id).attr("patternUnits", "userSpaceOnUse")
      .attr("width", 8).attr("height", 8).attr("patternTransform", "rotate(45)")
      .append("line").attr("x1", 0).attr("y1", 0).attr("x2", 0).attr("y2", 8)
      .attr("stroke", colors.warning).attr("stroke-width", 1.5).attr("opacity", 0.6);
    const edge = grid.w.map((w, k) => [ws(w), bs(Math.min(grid.deadEdge[k], grid.b[num - 1]))]);
    const area = `M${ws(grid.w[0])},${bs(grid.b[0])}L${edge.map((p) => p.join(",")).join("L")}L${ws(grid.w[num - 1])},${bs(grid.b[0])}Z`;
    g.append("path").attr("d", area).attr("fill", `url(#${id})`);
    g.append("path").attr("d", line()(edge)).attr("fill", "none").attr("stroke", colors.warning).attr("stroke-width", 1.5);
    const label = svg.append("g").attr("transform", `translate(${inner.x0 + 6},${inner.y0 - 26})`);
    label.append("rect").attr("width", 150).attr("height", 32).attr("y", -4).attr("fill", "var(--mlp-bg)").attr("opacity", 0.85);
    ["dead: ReLU = 0 for every", "house, gradient exactly 0"].forEach((t, i) =>
      label.append("text").attr("x", 4).attr("y", 9 + 14 * i).attr("fill", colors.warning).style("fill", colors.warning).text(t));
  }
}

export default {
  render({ model, el }) {
    const { root, controls, buttons, panels, message, notice, readout } = explorerFrame(el, {
      label: "Single neuron explorer: weight, bias, activation, and mini-batch SGD",
      panelAspects: [0.8, 0.8, 0.8],
    });
    const [wRange, bRange, lrRange] = ["w_range", "b_range", "lr_range"].map((n) => model.get(n));
    const two = (v) => v.toFixed(2);
    const batch = slider(model, "B", { label: "batch size B", min: 1, max: model.get("y").length, step: 1 });
    controls.append(
      slider(model, "w", { label: "weight w", min: wRange[0], max: wRange[1], step: 0.05, format: two }).element,
      slider(model, "b", { label: "bias b", min: bRange[0], max: bRange[1], step: 0.05, format: two }).element,
      select(model, "activation", "activation σ", model.get("activations")).element,
      slider(model, "lr", { label: "learning rate α", min: Math.log10(lrRange[0]), max: Math.log10(lrRange[1]),
        step: 0.05, ...logScale, format: (v) => fmt(v) }).element,
      batch.element,
    );
    const grids = new Map(); // activation -> {grid, levels}: the data never change during a fit
    let landscapeKey = null;

    const landscape = (activation) => {
      if (!grids.has(activation)) {
        const grid = neuronCostGrid(model.get("x"), model.get("y"), activation, wRange, bRange);
        grids.set(activation, { grid, levels: contourLevels(grid.J) });
      }
      return grids.get(activation);
    };

    // The fit (the player's run: null shows the sliders' neuron), its step t in fit_t, kept runs.
    const settings = () => ({ w: model.get("w"), b: model.get("b"), activation: model.get("activation"),
      lr: model.get("lr"), B: model.get("B") });
    let link = null; // the page's address (below): it follows the kept runs too
    const p = player({
      model, buttons, redraw: () => redraw(), tName: "fit_t", runMs: FIT_MS, onKept: () => link && link.update(),
      controls: ["play", "pause", "step", "reset", "keep", "clear"], settings,
      newRun: (s) => new Fit({ x: model.get("x"), y: model.get("y"), ...s, nIter: model.get("n_iter"),
        seed: model.get("seed") }),
    });
    /** fit_t from Python or a link: 0 shows the sliders' neuron, t > 0 the fit after t iterations. */
    const goTo = (t) => {
      if (t === 0) { if (p.run) p.reset(); } else if (!p.run || p.run.t !== t) p.trainTo(t);
    };
    const WORDS = { w: (v) => `w = ${fmt(v)}`, b: (v) => `b = ${fmt(v)}`, activation: (v) => NAMES[v] || v,
      lr: (v) => `α = ${fmt(v)}`, B: (v) => `B = ${v}` };
    const kept = () => p.kept.map((k) => ({ ...k, label: keptLabel(k.settings, settings(), WORDS) }));

    function messageText(shown, x, y) {
      const fit = p.run;
      if (fit && fit.diverged !== null) {
        return `${divergenceMessage(fit.diverged, fit.lr)} The drawing shows the run up to the last finite (w, b).`;
      }
      if (fit && fit.deadAtStart) {
        return "SGD cannot move: the gradient is exactly 0 at the start. Here w x + b ≤ 0 for every house, so the " +
          "ReLU outputs 0 for all of them and σ'(z) = 0 in every term (a dead neuron). Start outside the hatched region.";
      }
      if (fit && fit.diedAt !== null) {
        return `At iteration ${fit.diedAt} a step threw (w, b) into the hatched region: the ReLU now outputs 0 for ` +
          "every house, the gradient is exactly 0 and SGD is stuck there (the neuron died). Try a smaller learning rate α.";
      }
      if (!fit && shown.activation === "relu" && shown.isDead(x, y)) {
        return "Dead neuron: w x + b ≤ 0 for every house, so h = 0 for all of them and the gradient is exactly 0: " +
          "SGD cannot move from here.";
      }
      return "";
    }

    function redraw() {
      const fit = p.run;
      const others = kept();
      const x = model.get("x");
      const y = model.get("y");
      const colors = model.get("colors");
      const activation = model.get("activation");
      const name = NAMES[activation] || activation;
      const shown = fit ? fit.model : new SingleNeuron(model.get("w"), model.get("b"), activation);
      const h = shown.forward(x); // (2.1) on every house
      const J = shown.cost(x, y); // (1.2)
      const running = p.playing;

      // Left: the houses and h(x) = sigma(w x + b).
      const left = panels[0];
      const f0 = frame(left, "fit");
      const xMax = Math.max(5.2, ...x.map((v) => v * 1.04));
      const yLo = Math.min(...y) >= 0 ? -0.5 : Math.min(...y) - 0.5;
      const xs = scaleLinear().domain([0, xMax]).range([f0.inner.x0, f0.inner.x1]);
      const ys = scaleLinear().domain([yLo, Math.max(9, Math.max(...y) * 1.15)]).range([f0.inner.y0, f0.inner.y1]);
      axes(left, xs, ys, f0.inner, "size x (1000 sq ft)", "price y ($100k)", f0.width);
      const plot = left.append("g").attr("clip-path", f0.clip);
      plot.selectAll("circle").data(x).join("circle").attr("cx", (v) => xs(v)).attr("cy", (_, i) => ys(y[i]))
        .attr("r", 3.5).attr("fill", colors.data).attr("opacity", 0.8);
      const grid = linspace(0, xMax, 261);
      const curve = (neuron) => line()(grid.map((v, i) => [xs(v), px(ys(neuron.forward([v])[0]))])); // (2.1)
      const entries = [{ text: "houses", color: colors.data, dot: true }];
      if (fit) {
        plot.append("path").attr("d", curve(fit.start)).attr("fill", "none").attr("stroke", "#666")
          .attr("stroke-width", 2).attr("stroke-dasharray", "6 4");
        entries.push({ text: `start, J = ${fmt(fit.history[0], 4)}`, color: "#666", dash: "6 4" });
        entries.push({ text: `after ${fit.t} steps, J = ${fmt(J, 4)}`, color: colors.model });
      } else {
        entries.push({ text: `h_θ(x) = ${name}(w x + b)`, color: colors.model });
      }
      plot.append("path").attr("d", curve(shown)).attr("fill", "none").attr("stroke", colors.model).attr("stroke-width", 2.5);
      legend(left, f0.inner, entries);
      title(left, `w = ${fmt(shown.w)}, b = ${fmt(shown.b)}: J = ${fmt(J, 4)}`, f0.width);
      left.attr("aria-label", `The ${x.length} houses, price against size, and the neuron's prediction ` +
        `h(x) = ${name}(w x + b) with w = ${fmt(shown.w)} and b = ${fmt(shown.b)}; its cost J = ${fmt(J, 4)}.`);

      // Middle: J(w, b) for this activation, the dead region, the dot at (w, b), SGD's path.
      const mid = panels[1];
      const { width, height } = panelSize(mid);
      const { grid: cost, levels } = landscape(activation);
      const key = JSON.stringify([activation, width, height, colors]);
      let f1 = mid.node().__frame;
      if (landscapeKey !== key) {
        f1 = mid.node().__frame = frame(mid, "cost");
        const ws = scaleLinear().domain(wRange).range([f1.inner.x0, f1.inner.x1]);
        const bs = scaleLinear().domain(bRange).range([f1.inner.y0, f1.inner.y1]);
        Object.assign(f1, { ws, bs });
        drawLandscape(mid, cost, levels, ws, bs, f1.inner, f1.clip, colors);
        axes(mid, ws, bs, f1.inner, "weight w", "bias b", f1.width);
        f1.title = mid.append("text").attr("class", "mlp-title").attr("x", f1.width / 2).attr("y", 16).attr("text-anchor", "middle");
        f1.top = mid.append("g").attr("clip-path", f1.clip);
        f1.labels = mid.append("g");
        landscapeKey = key;
      }
      const { ws, bs } = f1;
      f1.top.selectAll("*").remove();
      f1.labels.selectAll("*").remove();
      drawKept(f1.top, f1.labels, others.map((k) => ({ label: k.label,
        points: k.run.path.map(([w, b]) => [px(ws(w)), px(bs(b))]) })),
      { left: f1.inner.x0, right: f1.inner.x1, top: f1.inner.y1, bottom: f1.inner.y0 });
      if (fit) {
        f1.top.append("path").attr("d", line()(fit.path.map(([w, b]) => [px(ws(w)), px(bs(b))])))
          .attr("fill", "none").attr("stroke", colors.model).attr("stroke-width", 1.6);
        f1.top.append("circle").attr("cx", ws(fit.start.w)).attr("cy", bs(fit.start.b)).attr("r", 6)
          .attr("fill", "white").attr("stroke", colors.model).attr("stroke-width", 2);
      }
      f1.top.append("circle").attr("cx", px(ws(shown.w))).attr("cy", px(bs(shown.b))).attr("r", 6)
        .attr("fill", colors.model).attr("stroke", "black").attr("stroke-width", 1);
      f1.title.text(fit ? `path of (w, b) over J(w, b), ${name}` : `J(w, b) for ${name}; the dot is (w, b)`);
      mid.attr("aria-label", `Contours of the cost J(w, b) for ${name}, w from ${wRange[0]} to ${wRange[1]}, ` +
        `b from ${bRange[0]} to ${bRange[1]}` + (cost.deadEdge ? "; the hatched region is where the ReLU is dead " +
        "on every house and the gradient is 0" : "") + `. The dot is at w = ${fmt(shown.w)}, b = ${fmt(shown.b)}` +
        (fit ? `; the line is the path of SGD from (${fmt(fit.start.w)}, ${fmt(fit.start.b)}).` : ".") +
        others.map((k) => ` A kept run's path (${k.label}) ends at w = ${fmt(k.run.model.w)}, b = ${fmt(k.run.model.b)}.`).join(""));

      // Right: J at every iteration of SGD (log scale).
      const right = panels[2];
      const f2 = frame(right, "curve");
      const history = fit ? fit.history : [J];
      const positive = history.map((v) => Math.max(v, 1e-300));
      const keptJ = others.map((k) => k.run.history.map((v) => Math.max(v, 1e-300)));
      let [lo, hi] = [Math.min(...positive, ...keptJ.flat()), Math.max(...positive, ...keptJ.flat())];
      if (!(hi > lo * 1.5)) { lo /= 1.5; hi *= 1.5; }
      const ts = scaleLinear().domain([0, fit ? fit.nIter : model.get("n_iter")]).range([f2.inner.x0, f2.inner.x1]);
      const js = scaleLog().domain([lo, hi]).range([f2.inner.y0, f2.inner.y1]).nice();
      axes(right, ts, js, f2.inner, "iteration t", "J (log scale)", f2.width);
      const trace = right.append("g").attr("clip-path", f2.clip);
      drawKept(trace, right.append("g"), others.map((k, i) => ({ label: k.label,
        points: keptJ[i].map((v, t) => [ts(t), px(js(v))]) })),
      { left: f2.inner.x0, right: f2.inner.x1, top: f2.inner.y1, bottom: f2.inner.y0 });
      trace.append("path").attr("d", line()(positive.map((v, t) => [ts(t), px(js(v))]))).attr("fill", "none")
        .attr("stroke", colors.model).attr("stroke-width", 1.8);
      const last = positive.length - 1;
      trace.append("circle").attr("cx", ts(last)).attr("cy", px(js(positive[last]))).attr("r", 4).attr("fill", colors.model);
      title(right, `J during SGD (α = ${fmt(model.get("lr"))}, B = ${model.get("B")})`, f2.width);
      if (!fit) {
        right.append("text").attr("x", (f2.inner.x0 + f2.inner.x1) / 2).attr("y", (f2.inner.y0 + f2.inner.y1) / 2)
          .attr("text-anchor", "middle").text("play or step to train from (w, b)");
      }
      right.attr("aria-label", (fit
        ? `The cost J at iterations 0 to ${fit.t} of mini-batch SGD: from ${fmt(fit.history[0], 4)} to ${fmt(J, 4)}.`
        : `No training yet: the cost J = ${fmt(J, 4)} of the sliders' neuron at iteration 0.`) +
        others.map((k) => ` Kept run (${k.label}): J from ${fmt(k.run.history[0], 4)} to ${fmt(k.run.history.at(-1), 4)}.`).join(""));

      message.textContent = messageText(shown, x, y);
      const status = fit ? ` · SGD iteration ${fit.t} of ${fit.nIter}${running ? " (playing)" : fit.done ? " (done)" : " (paused)"}` : "";
      readout.textContent = `w = ${fmt(shown.w, 4)}, b = ${fmt(shown.b, 4)}, J = ${fmt(J, 4)}${status}`;
      readout.setAttribute("aria-busy", running ? "true" : "false");
      root.dataset.values = JSON.stringify({
        mode: fit ? "fit" : "neuron", activation, w: shown.w, b: shown.b, J, h,
        sliders: { w: model.get("w"), b: model.get("b") }, levels,
        fit: fit && { t: fit.t, history: fit.history, path: fit.path, diverged: fit.diverged, done: fit.done,
          playing: running, deadAtStart: fit.deadAtStart, diedAt: fit.diedAt },
        kept: others.map((k) => ({ settings: k.settings, t: k.run.t, label: k.label, history: k.run.history,
          path: k.run.path })),
      });
    }

    // A change of any setting ends the fit and shows the sliders' neuron (kept runs stay); other
    // data make the kept runs meaningless.
    const settingChanged = () => p.discard();
    const dataChanged = () => {
      grids.clear();
      landscapeKey = null;
      batch.input.max = model.get("y").length;
      p.clearKept();
      settingChanged();
    };
    const colorsChanged = () => { landscapeKey = null; redraw(); };
    const watched = [
      ...["w", "b", "activation", "lr", "B", "n_iter", "seed"].map((n) => [`change:${n}`, settingChanged]),
      ["change:x", dataChanged], ["change:y", dataChanged], ["change:colors", colorsChanged],
      ["change:fit_t", () => goTo(model.get("fit_t"))],
    ];
    for (const [event, cb] of watched) model.on(event, cb);
    const unobserve = onResize(root, () => { landscapeKey = null; redraw(); });
    // The view in the page's address (ui/state.js): the settings, the kept runs, then fit_t.
    const fields = settingFields(model);
    const step = stepField(model, p, goTo);
    link = linkState({ model, id: "neuron", version: 1, root, notice, buttons,
      fields: [...fields, keptSetting(p, fields, step), step] });
    redraw();
    return () => {
      p.destroy();
      link.destroy();
      unobserve();
      for (const [event, cb] of watched) model.off(event, cb);
    };
  },
};

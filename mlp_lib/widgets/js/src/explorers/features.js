// Explorer of "Connection to the kernel method": h(x) = W[r] phi_beta(x) + b[r], eq. (2.21),
// with phi_beta(x) = a[r-1], for the network [1, m, 1] on y = sin(3x) + noise. The reader
// picks the width m and which layers train:
// - "last layer only": beta stays at its random start; W[r], b[r] are the least-squares fit
//   on the fixed features (core/lstsq.js, as mlp_lib.features.fit_last_layer);
// - "all layers": gradient descent (1.3) on every parameter from the same start, animated
//   on the player (ui/player.js: play, pause, step, reset), as mlp_lib.gd.
// "keep this run" keeps the fit h of either mode (the least-squares fit, or GD as far as it
// went) drawn faint beside the next, labelled by what differs (m, mode); linked (ui/state.js).
// Left: the data, the truth and h. Right: every hidden unit a_j(x) over [-1, 1], one small
// panel each, at the start (dashed) and now, labelled with its weight in h.
// Python side: mlp_lib/widgets/features.py (FeaturesExplorer); the starts, the data and the
// colours come from mlp_lib, and the tests check every number against it.
import { scaleLinear } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { line } from "d3-shape";
import { MLP } from "../core/mlp.js";
import { lstsq } from "../core/lstsq.js";
import { steps, divergenceMessage } from "../core/optimizers.js";
import { select } from "../ui/controls.js";
import { player } from "../ui/player.js";
import { linkState, choiceSetting, stepSetting, keptSetting } from "../ui/state.js";
import { explorerFrame, panelSize, onResize, fmt } from "../ui/figure.js";
import { keptLabel as labelOf, drawKept } from "../ui/kept.js";

/** A whole run takes about this long when the page keeps up (ms). */
const RUN_MS = 800;
/** Computing per animation frame stops after this long (ms), so frames keep coming. */
const FRAME_BUDGET_MS = 10;
/** A run behind the clock (m = 40) may fill a frame this long (training and drawing; the browser paints after): >= 30 fps. */
const FRAME_MS = 24;

// ------------------------------------------------------------------ the mathematics

/** The inputs x as the rows of X (d = 1). */
export const column = (x) => x.map((v) => [v]);

/** phi_beta(x) = a[r-1] for every row of X, eq. (2.21): one row of m_{r-1} numbers each. */
export function features(net, X) { return net.layers(X).A[net.r - 1]; }

/**
 * The last layer fitted by least squares on the fixed features, as mlp_lib.features.fit_last_layer:
 * min over (W[r], b[r]) of J (1.2) = ||[Phi, 1] c - y||^2 / (2n), the least-norm c when many
 * minimise it (a dead unit's column of Phi is zero). Returns {net (a new MLP), rank}.
 */
export function fitLastLayer(start, X, y) {
  const P = features(start, X).map((phi) => [...phi, 1]); // [Phi, 1]: the 1 is for b[r]
  const { x: c, rank } = lstsq(P, y);
  const net = new MLP(start.sizes, start.activation, start.theta.slice());
  net.flatW(start.r).set(c.slice(0, -1)); // W[r], shape (1, m_{r-1})
  net.flatb(start.r).set([c[c.length - 1]]); // b[r]
  return { net, rank };
}

/** The hidden units (0-based) that are 0 on every training input: dead ReLUs (gradient 0). */
export function deadUnits(net, X) {
  const Phi = features(net, X);
  return Phi[0].map((_, j) => j).filter((j) => Phi.every((phi) => phi[j] === 0));
}

/**
 * Gradient descent (1.3) on every layer from `start`, one step at a time (the core's steps(),
 * all n examples at each step, as mlp_lib.gd): t, model, history (J at 0..t), diverged.
 */
export class Run {
  constructor(start, X, y, lr, nIter) {
    Object.assign(this, { start, lr, nIter, t: 0, model: start, history: [], diverged: null });
    this.iterator = steps(start, X, y, lr, () => null); // null: every example, (1.3)
    this.advance(0);
  }

  get done() { return this.diverged !== null || this.t >= this.nIter; }

  /** The first call takes t = 0 (the start); then k more iterations (fewer at the end). */
  advance(k) {
    const last = this.history.length === 0 ? 0 : this.t + k;
    while (this.diverged === null && this.history.length <= Math.min(last, this.nIter)) {
      const { value, done } = this.iterator.next();
      if (done) { this.diverged = value.diverged; break; }
      Object.assign(this, { t: value.t, model: value.model });
      this.history.push(value.J);
    }
    return this;
  }
}

// ------------------------------------------------------------------ drawing

const MARGIN = { top: 28, right: 10, bottom: 40, left: 42 };
const BIG = 1e5; // pixel coordinates are kept within +-BIG (a diverging run leaves the plot)
const clampPx = (v) => (Number.isFinite(v) ? Math.max(-BIG, Math.min(BIG, v)) : v > 0 ? BIG : -BIG);
const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).replace(/\d/g, (d) => SUBSCRIPTS[d]);
const signed = (v, digits) => (v >= 0 ? "+" : "−") + fmt(Math.abs(v), digits);
let uid = 0;
/** The unit panels draw every THUMB_EVERY-th point of the grid (101 of 201: small panels). */
const THUMB_EVERY = 2;

/** "h_θ(x)" with the notes' subscript θ, appended to an SVG text selection. */
function hTheta(text, rest = "(x)") {
  text.append("tspan").text("h");
  text.append("tspan").attr("dy", 4).attr("font-size", 11).text("θ");
  text.append("tspan").attr("dy", -4).text(rest);
  return text;
}

/** Columns and rows of the unit panels: each at least ~72 px wide, rows balanced. */
function gridShape(m, width) {
  const most = Math.max(2, Math.floor(width / 72));
  const rows = Math.ceil(m / Math.min(m, most));
  return { rows, cols: Math.ceil(m / rows) };
}

/**
 * The fit: data, truth and h on [-1, 1]. The frame (axes, data, truth, legend) is made when
 * `key` changes (size, colours); then only h, the title and the label follow the run.
 */
function drawFit(svg, view, colors, key) {
  let f = svg.node().__frame;
  if (!f || f.key !== key) {
    const { width, height } = panelSize(svg);
    svg.selectAll("*").remove();
    const inner = { x0: MARGIN.left, x1: width - MARGIN.right, y0: height - MARGIN.bottom, y1: MARGIN.top };
    const xs = scaleLinear().domain([-1.1, 1.1]).range([inner.x0, inner.x1]);
    const ys = scaleLinear().domain([-1.4, 1.4]).range([inner.y0, inner.y1]);
    const clip = `mlp-features-clip-${svg.node().__uid || (svg.node().__uid = ++uid)}`;
    svg.append("defs").append("clipPath").attr("id", clip).append("rect")
      .attr("x", inner.x0).attr("y", inner.y1).attr("width", inner.x1 - inner.x0).attr("height", inner.y0 - inner.y1);
    svg.append("g").attr("transform", `translate(0,${inner.y0})`).call(axisBottom(xs).ticks(5));
    svg.append("g").attr("transform", `translate(${inner.x0},0)`).call(axisLeft(ys).ticks(5));
    svg.append("text").attr("x", (inner.x0 + inner.x1) / 2).attr("y", height - 6).attr("text-anchor", "middle").text("x");
    svg.append("text").attr("transform", `translate(12,${(inner.y0 + inner.y1) / 2}) rotate(-90)`).attr("text-anchor", "middle").text("y");
    const plot = svg.append("g").attr("clip-path", `url(#${clip})`);
    plot.selectAll("circle").data(view.x).join("circle").attr("cx", (v) => xs(v)).attr("cy", (_, i) => ys(view.y[i]))
      .attr("r", 3).attr("fill", colors.data).attr("opacity", 0.7);
    const curve = (values) => line()(view.grid.map((v, i) => [xs(v), clampPx(ys(values[i]))]));
    plot.append("path").attr("d", curve(view.truth)).attr("fill", "none").attr("stroke", colors.truth)
      .attr("stroke-width", 1.6).attr("stroke-dasharray", "6 4");
    const kept = plot.append("g");
    const h = plot.append("path").attr("fill", "none").attr("stroke", colors.model).attr("stroke-width", 2.5);
    const g = svg.append("g").attr("transform", `translate(${inner.x1 - 118},${inner.y0 - 58})`);
    g.append("rect").attr("x", -4).attr("y", -4).attr("width", 120).attr("height", 56).attr("rx", 3)
      .attr("fill", "var(--mlp-bg)").attr("opacity", 0.85);
    const entries = [["training data", colors.data, "dot"], ["truth sin(3x)", colors.truth, "6 4"], ["h", colors.model, null]];
    entries.forEach(([label, color, dash], i) => {
      const y = 8 + 17 * i;
      if (dash === "dot") g.append("circle").attr("cx", 11).attr("cy", y).attr("r", 3).attr("fill", color);
      else g.append("line").attr("x1", 0).attr("x2", 22).attr("y1", y).attr("y2", y).attr("stroke", color)
        .attr("stroke-width", 2.2).attr("stroke-dasharray", dash);
      const text = g.append("text").attr("x", 28).attr("y", y + 4);
      if (label === "h") hTheta(text); else text.text(label);
    });
    const title = svg.append("text").attr("class", "mlp-title").attr("x", width / 2).attr("y", 16).attr("text-anchor", "middle");
    f = svg.node().__frame = { key, curve, h, kept, title, inner, xs, ys, short: width < 470 }; // a phone: the menu names the mode
  }
  f.kept.selectAll("*").remove();
  drawKept(f.kept, f.kept, view.kept.map((k) => ({ label: k.label, // kept fits: faint, labelled by what differs
    points: view.grid.map((v, i) => [f.xs(v), clampPx(f.ys(k.h[i]))]) })),
  { left: f.inner.x0, right: f.inner.x1, top: f.inner.y1, bottom: f.inner.y0 });
  f.h.attr("d", f.curve(view.h));
  f.title.text(`${f.short ? "" : `${view.modeName}, `}m = ${view.m}: train J = ${fmt(view.J, 3)}, test J = ${fmt(view.Jtest, 3)}`);
  svg.attr("aria-label", `The ${view.x.length} training points of y = sin(3x) + noise, the truth sin(3x) dashed, ` +
    `and the network's h(x) over x from −1 to 1 (${view.modeName}, m = ${view.m}): train J = ${fmt(view.J, 4)}, ` +
    `test J = ${fmt(view.Jtest, 4)}.`);
}

/**
 * Every hidden unit a_j(x) over the grid, a small panel each, `before` dashed and `after`
 * solid, each to its own vertical scale (holding 0, the thin line). The panels are made when
 * `key` changes (width m, size, colours); then the curves, labels and frames are updated.
 */
function drawUnits(svg, view, colors, key) {
  const m = view.after[0].length;
  let f = svg.node().__frame;
  if (!f || f.key !== key) {
    const { width } = panelSize(svg);
    const top = 40;
    const { rows, cols } = gridShape(m, width);
    const cellW = width / cols;
    const cellH = Math.max(58, Math.min(110, cellW * 0.72));
    const height = Math.round(top + rows * cellH);
    svg.attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
    svg.selectAll("*").remove();
    const title = svg.append("text").attr("class", "mlp-title").attr("x", width / 2).attr("y", 16).attr("text-anchor", "middle");
    svg.append("text").attr("x", width / 2).attr("y", 32).attr("text-anchor", "middle").attr("fill", "var(--mlp-muted)")
      .style("fill", "var(--mlp-muted)").text("each: a unit × its weight in h; red: 0 on all the data");
    const units = Array.from({ length: m }, (_, j) => {
      const x0 = (j % cols) * cellW;
      const y0 = top + Math.floor(j / cols) * cellH;
      const g = svg.append("g").attr("class", "mlp-unit");
      return {
        xs: scaleLinear().domain([-1, 1]).range([x0 + 5, x0 + cellW - 5]),
        yRange: [y0 + cellH - 5, y0 + 19],
        frame: g.append("rect").attr("x", x0 + 2).attr("y", y0 + 2).attr("width", cellW - 4).attr("height", cellH - 4)
          .attr("rx", 3).attr("fill", "none"),
        zero: g.append("line").attr("x1", x0 + 5).attr("x2", x0 + cellW - 5).attr("stroke", "#bbb").attr("stroke-width", 0.8),
        before: g.append("path").attr("fill", "none").attr("stroke", "#888").attr("stroke-width", 1.2).attr("stroke-dasharray", "4 3"),
        after: g.append("path").attr("fill", "none").attr("stroke", colors.hidden).attr("stroke-width", 1.8),
        label: g.append("text").attr("x", x0 + 7).attr("y", y0 + 15).attr("font-size", 11),
      };
    });
    f = svg.node().__frame = { key, title, units, digits: cellW < 100 ? 2 : 3, short: width < 470 }; // narrow: shorter texts
  }
  const dead = new Set(view.dead);
  const grid = view.grid.filter((_, i) => i % THUMB_EVERY === 0);
  f.units.forEach((u, j) => {
    const after = grid.map((_, i) => view.after[i * THUMB_EVERY][j]);
    const before = view.before ? grid.map((_, i) => view.before[i * THUMB_EVERY][j]) : [];
    let lo = Math.min(0, ...after, ...before);
    let hi = Math.max(0, ...after, ...before);
    if (!(hi - lo > 1e-12)) { lo = -1; hi = 1; }
    const ys = scaleLinear().domain([lo, hi]).range(u.yRange);
    const curve = (values) => line()(values.map((v, i) => [u.xs(grid[i]), clampPx(ys(v))]));
    u.zero.attr("y1", ys(0)).attr("y2", ys(0));
    u.before.attr("d", view.before ? curve(before) : null);
    u.after.attr("d", curve(after));
    const color = dead.has(j) ? colors.warning : null;
    u.frame.attr("stroke", color || "var(--mlp-grid)").attr("stroke-width", color ? 1.5 : 1);
    u.label.attr("fill", color).style("fill", color).text(`a${sub(j + 1)} ×${signed(view.weights[j], f.digits)}`);
  });
  const units = f.short ? `a${sub(1)} … a${sub(view.m)}` : `features a${sub(1)}(x) … a${sub(view.m)}(x):`;
  const when = !view.before ? "fixed at the start"
    : f.short ? `after ${view.t} steps, dashed: start` : `start (dashed), after ${view.t} steps`;
  f.title.text(`${units} ${when}`);
  svg.attr("aria-label", `${m} small panels, one per hidden unit a_j(x) over x from −1 to 1` +
    (view.before ? `, at the start (dashed) and after ${view.t} steps of gradient descent` : ", fixed at the random start") +
    `; ${view.dead.length} of them are 0 on every training input. Weights in h: ` +
    view.weights.map((w, j) => `unit ${j + 1}: ${fmt(w, 3)}`).join(", ") + ".");
}

// ------------------------------------------------------------------ the explorer

export default {
  render({ model, el }) {
    const { root, controls, buttons, panels, message, notice, readout } = explorerFrame(el, {
      label: "Learned features explorer: width, which layers train, and gradient descent",
      panelAspects: [0.75, 0.6],
    });
    panels[0].node().parentNode.style.flex = "1 1 300px";
    panels[1].node().parentNode.style.flex = "1.4 1 380px";
    const modes = model.get("modes");
    controls.append(
      select(model, "width", "width m", model.get("widths").map((m) => [String(m), m])).element,
      select(model, "mode", "train", modes.map((name) => [name, name])).element,
    );

    const X = () => column(model.get("x"));
    const allLayers = () => model.get("mode") === modes[1];
    let link = null; // the page's address (below): it follows the kept runs too
    const p = player({
      model, buttons, redraw: () => redraw(), runMs: RUN_MS, frameBudgetMs: FRAME_BUDGET_MS, frameMs: FRAME_MS, eager: true,
      onKept: () => link && link.update(), controls: ["play", "pause", "step", "reset", "keep", "clear"],
      settings: () => ({ width: model.get("width"), mode: model.get("mode") }),
      newRun: (st) => new Run(MLP.fromJSON(model.get("starts")[String(st.width)]), X(), model.get("y"), model.get("lr"),
        model.get("n_iter")),
    });
    /** What a run shows in its mode: GD's network, or the least-squares fit on its start's features. */
    const shownBy = (run, mode) => (mode === modes[1] ? { net: run.model, rank: null }
      : fitLastLayer(run.start, X(), model.get("y"))); // (2.21) with least squares
    // The view in the page's address (ui/state.js), checked as FeaturesExplorer's traitlets are.
    const settingFields = [
      choiceSetting(model, "width", "width (hidden units m)", () => model.get("widths")),
      choiceSetting(model, "mode", "mode", () => modes),
    ];
    const keptLabel = ({ settings }) => labelOf(settings, p.settings(), { width: (v) => `m = ${v}`, mode: (v) => v });
    const keptView = (k) => { // computed once per kept run: its fit and J
      if (!k.fit) {
        const { net } = shownBy(k.run, k.settings.mode);
        k.fit = { h: net.forward(column(model.get("x_grid"))), J: net.cost(X(), model.get("y")) }; // (2.21), (1.2)
      }
      return { ...k.fit, label: keptLabel(k), settings: k.settings, t: k.run.t };
    };

    function redraw() {
      const run = p.run;
      const colors = model.get("colors");
      const x = model.get("x"), y = model.get("y");
      const grid = column(model.get("x_grid"));
      const m = model.get("width");
      const begin = run.start;
      const { net: shown, rank } = shownBy(run, model.get("mode"));
      const kept = p.kept.map(keptView);
      const h = shown.forward(grid); // (2.21), (2.12)
      const J = shown.cost(X(), y); // (1.2)
      const Jtest = shown.cost(column(model.get("x_test")), model.get("y_test")); // (1.2), held out
      const dead = deadUnits(shown, X());
      const weights = shown.W[shown.r][0];
      const running = p.playing;
      const view = {
        x, y, grid: model.get("x_grid"), truth: model.get("truth"), h, J, Jtest, m, t: run.t, dead, weights, kept,
        modeName: allLayers() ? "all layers" : "last layer only",
        after: features(shown, grid),
        before: allLayers() ? (run.startFeatures ||= features(begin, grid)) : null,
      };
      const size = root.clientWidth;
      drawFit(panels[0], view, colors, JSON.stringify([size, colors]));
      drawUnits(panels[1], view, colors, JSON.stringify([size, colors, m]));

      for (const name of ["play", "pause", "step", "reset"]) p.buttons[name].disabled = !allLayers();
      const deadText = dead.length ? ` ${dead.length} of the ${m} units ${dead.length === 1 ? "is" : "are"} 0 on every ` +
        "training input (dead ReLUs, red): " + (allLayers() ? "their gradient is exactly 0, so gradient descent never moves them."
        : "their column of Φ is 0, and least squares gives them weight 0 (the least-norm solution).") : "";
      if (allLayers() && run.diverged !== null) {
        message.textContent = `${divergenceMessage(run.diverged, run.lr)} The drawing shows iteration ${run.t}, the last finite one.`;
      } else message.textContent = deadText.trim();
      readout.textContent = allLayers()
        ? `gradient descent (1.3), α = ${fmt(run.lr)}: iteration ${run.t} of ${run.nIter}` +
          `${running ? " (playing)" : run.done ? " (done)" : run.t === 0 ? ": the random start, press play" : " (paused)"}` +
          ` · train J = ${fmt(J, 4)}, test J = ${fmt(Jtest, 4)}`
        : `least squares on the ${m} fixed features: ${m + 1} numbers fitted, rank of [Φ, 1] = ${rank}` +
          ` · train J = ${fmt(J, 4)}, test J = ${fmt(Jtest, 4)}`;
      readout.setAttribute("aria-busy", running ? "true" : "false");
      root.dataset.values = JSON.stringify({
        width: m, mode: model.get("mode"), t: run.t, n_iter: run.nIter, lr: run.lr, done: run.done,
        diverged: run.diverged, playing: running, h, J, Jtest, net: shown.toJSON(), rank, dead,
        history: allLayers() ? run.history : null,
        kept: kept.map(({ settings, t, label, J: Jk }) => ({ settings, t, label, J: Jk })),
      });
    }

    // A new width: a new run at its start (t = 0); new data, start or rate: a new run, at the
    // t Python asked for; a new mode shows the same run another way. Kept runs stay.
    const rebuild = () => { const t = Math.min(model.get("t"), model.get("n_iter")); p.discard(); p.trainTo(t); };
    const tChanged = () => { if (model.get("t") !== p.run.t) p.trainTo(model.get("t")); };
    const watched = [
      ["change:width", () => p.discard()], ["change:mode", () => p.pause()], ["change:t", tChanged],
      ...["lr", "n_iter", "starts", "x", "y"].map((n) => [`change:${n}`, rebuild]),
      ["change:colors", () => redraw()],
    ];
    for (const [event, cb] of watched) model.on(event, cb);
    const unobserve = onResize(root, () => redraw());
    const step = stepSetting(model, p, "t", `t (iterations of gradient descent, at most n_iter = ${model.get("n_iter")})`,
      () => [0, model.get("n_iter")]);
    link = linkState({ model, id: "features", version: 1, root, notice, buttons,
      fields: [...settingFields, keptSetting(p, settingFields, step), step] });
    if (!link.restored) p.trainTo(model.get("t")); // the saved state's step (the whole run by default)
    return () => {
      p.destroy();
      link.destroy();
      unobserve();
      for (const [event, cb] of watched) model.off(event, cb);
    };
  },
};

// Chapter 1's explorer: GD (1.3), SGD (Algorithm 1, 1.4) or mini-batch SGD (Algorithm 2, 1.5)
// on the footnote model h = theta_1^2 x_1^2 + theta_2^2 x_2^2, trained in the page at every
// control change, the whole run at once. Left: the path of theta over the contours of J (1.2).
// Right: J after each step. Runs the reader keeps stay faint on both, labelled by what differs;
// the settings and the kept runs are in the page's address (ui/state.js).
// Python's twin: mlp_lib/widgets/optimization.py (OptimizerExplorer.model() retrains with the
// same indices, from page_random.page_batches).
import { scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import { contours } from "d3-contour";
import { axisBottom, axisLeft } from "d3-axis";
import { QuadraticModel, costGrid } from "../core/quadratic.js";
import { train, divergenceMessage } from "../core/optimizers.js";
import { batchChooser, SEED_RANGE } from "../core/random.js";
import { explorerFrame, panelSize, onResize, fmt } from "../ui/figure.js";
import { slider, select, button, logScale } from "../ui/controls.js";
import { player } from "../ui/player.js";
import { keptLabel, drawKept } from "../ui/kept.js";
import { linkState, numberSetting, choiceSetting, keptSetting } from "../ui/state.js";

/** The algorithm's name in the legend (as mlp_lib.plots.optimization.ALGORITHMS) and the readout. */
const LEGEND = { gd: "GD (1.3)", sgd: "SGD, Algorithm 1 (1.4)", minibatch: "mini-batch SGD, Algorithm 2 (1.5)" };
const SHORT = { gd: "GD", sgd: "SGD", minibatch: "mini-batch SGD" };
const LIM = 2.5; // the contours cover theta in [-LIM, LIM]^2, as cost_grid
const NUM = 121; // grid points per axis, as cost_grid
const FAR = 40; // theta beyond this box (in max-norm) is off the picture: the path is cut at its edge
const MINUS = "\u2212";
/** A five-pointed star around (0, 0), 16 px across: the minima. */
const STAR = "M0,-8L2.4,-2.6L8,-2.5L3.6,1.2L5,7L0,3.7L-5,7L-3.6,1.2L-8,-2.5L-2.4,-2.6Z";

let uid = 0;

/** A number with a true minus sign, for text a reader sees. */
const num = (v, digits = 3) => fmt(v, digits).replace(/^-/, MINUS);

/** Ticks of a log axis: the powers of ten inside [lo, hi], at most about 6 of them. */
function decadeTicks(lo, hi) {
  const a = Math.ceil(Math.log10(lo));
  const b = Math.floor(Math.log10(hi));
  const every = Math.max(1, Math.ceil((b - a + 1) / 6));
  const ticks = [];
  for (let k = a; k <= b; k += every) ticks.push(10 ** k);
  return ticks;
}
const decadeLabel = (v) => {
  const k = Math.round(Math.log10(v));
  return k >= -3 && k <= 3 ? String(Number(v.toPrecision(1))) : `1e${k}`;
};

/** The drawn width of an SVG text (a guess where layout is unavailable). */
function textLength(text, guess) {
  const node = text.node();
  const w = typeof node.getComputedTextLength === "function" ? node.getComputedTextLength() : 0;
  return w > 0 ? w : guess;
}

/** The cost axis's limits, as mlp_lib.plots.optimization.cost_ylim: a diverging run leaves the top. */
function costLimits(J) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of J) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const bottom = Math.max(lo / 2, 1e-300);
  const top = Math.min(hi * 2, J[0] * 1e3);
  return [bottom, Math.max(top, bottom * 10)];
}

/**
 * The path of theta as drawable points: each point inside the box |theta_j| <= FAR; a segment
 * that leaves the box ends on its edge, and the line breaks (null) until theta comes back.
 */
function visiblePath(path) {
  const inside = (p) => Math.abs(p[0]) <= FAR && Math.abs(p[1]) <= FAR;
  const edge = (a, b) => { // the point where the segment a -> b crosses the box's edge
    let s = 1;
    for (let j = 0; j < 2; j++) {
      const d = b[j] - a[j];
      if (d !== 0) {
        const bound = d > 0 ? FAR : -FAR;
        const sj = (bound - a[j]) / d;
        if (sj >= 0 && sj < s) s = sj;
      }
    }
    return [a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])];
  };
  const points = [path[0]];
  for (let t = 1; t < path.length; t++) {
    const a = path[t - 1];
    const b = path[t];
    if (inside(b)) {
      if (!inside(a)) points.push(null, edge(b, a));
      points.push(b);
    } else if (inside(a)) {
      points.push(edge(a, b), null);
    }
  }
  return points;
}

/** The polygons of d3-contour (grid coordinates) as SVG path data, through the theta scales. */
function contourPath(geometry, x, y, t0, dt) {
  // d3-contour puts grid value k at coordinate k + 0.5: theta = t0 + (g - 0.5) dt.
  const ring = line().x((p) => x(t0 + (p[0] - 0.5) * dt)).y((p) => y(t0 + (p[1] - 0.5) * dt));
  let d = "";
  for (const polygon of geometry.coordinates) for (const r of polygon) d += ring(r) + "Z";
  return d;
}

/**
 * A whole run of the settings s ({algorithm, lr, B, n_iter, seed}) from theta0, as the player
 * takes it: done at once (nothing to animate), t its last iteration; `result` is the core's
 * train(): {model, history, models, diverged, lr}.
 */
export function wholeRun(s, { X, y, theta0 }) {
  const choose = batchChooser(s.algorithm, X.length, s.B, s.seed);
  const result = train(new QuadraticModel(theta0.slice()), X, y, s.lr, s.n_iter, choose);
  return { result, t: result.history.length - 1, nIter: s.n_iter, done: true, advance() { return this; } };
}

/** The settings a link holds, checked as OptimizerExplorer's traitlets are (in_range, one_of). */
export function settingFields(model) {
  const n = model.get("X").length;
  return [
    choiceSetting(model, "algorithm", "algorithm", () => model.get("algorithms").map(([, v]) => v)),
    numberSetting(model, "lr", "the learning rate lr", () => model.get("lr_range")),
    numberSetting(model, "B", `the batch size B (at most n = ${n})`, () => [1, n], { integer: true }),
    numberSetting(model, "n_iter", "the number of iterations n_iter", () => model.get("n_iter_range"), { integer: true }),
    numberSetting(model, "seed", "seed", () => SEED_RANGE, { integer: true }),
  ];
}

/** How a kept run's label writes each setting (B only for mini-batch SGD, the draw not for GD). */
const WORDS = {
  algorithm: (v) => SHORT[v],
  lr: (v) => `\u03b1 = ${fmt(v, 3)}`,
  B: (v, s) => (s.algorithm === "minibatch" ? `B = ${v}` : null),
  n_iter: (v) => `${v} iterations`,
  seed: (v, s) => (s.algorithm === "gd" ? null : `draw ${v}`),
};

export default {
  render({ model, el }) {
    const id = ++uid;
    const frame = explorerFrame(el, {
      label: "Optimizer explorer: GD, SGD and mini-batch SGD on the footnote model",
      panelAspects: [0.95, 0.8],
    });
    const { root, controls, buttons, panels, message, notice, readout } = frame;
    const [thetaSvg, costSvg] = panels;

    // ---- controls, each bound to a traitlet, their ranges those of the traitlets
    const algorithm = select(model, "algorithm", "algorithm", model.get("algorithms"));
    const [lrLo, lrHi] = model.get("lr_range");
    const lr = slider(model, "lr", {
      label: "learning rate \u03b1", min: Math.log10(lrLo), max: Math.log10(lrHi), step: 0.05, ...logScale,
      format: (v) => fmt(v, 3),
    });
    const n = () => model.get("X").length;
    const batch = slider(model, "B", { label: "batch size B", min: 1, max: n(), step: 1 });
    const [iterLo, iterHi] = model.get("n_iter_range");
    const iterations = slider(model, "n_iter", { label: "iterations", min: iterLo, max: iterHi, step: 1 });
    const batchLabel = batch.element.querySelector("label");
    // room for the longest option and for the label that says why B is off (it may wrap)
    algorithm.element.style.flexBasis = "320px";
    algorithm.input.style.minWidth = "0";
    batch.element.style.flexBasis = "360px";
    batchLabel.style.whiteSpace = "normal";
    for (const c of [lr, iterations]) c.element.style.flexBasis = "220px";
    controls.append(algorithm.element, lr.element, batch.element, iterations.element);
    const redraw = button("new random draw", () => {
      model.set("seed", (model.get("seed") + 1) >>> 0);
      model.save_changes();
    });
    redraw.dataset.action = "draw"; // an instructor's link may hide it (hide=draw)
    buttons.append(redraw);

    // ---- runs: the current one, whole, and the ones the reader keeps (the player's)
    const settings = () => ({ algorithm: model.get("algorithm"), lr: model.get("lr"), B: model.get("B"),
      n_iter: model.get("n_iter"), seed: model.get("seed") });
    let link = null; // the page's address (below): it follows the kept runs too
    const p = player({
      model, buttons, redraw: () => draw(), eager: true, tName: null, controls: ["keep", "clear"], settings,
      newRun: (s) => wholeRun(s, { X: model.get("X"), y: model.get("y"), theta0: model.get("theta0") }),
      onKept: () => link && link.update(),
    });
    const kept = () => p.kept.map((k) => ({ ...k, label: keptLabel(k.settings, settings(), WORDS) }));

    // ---- the contours of J, which depend on the data only (computed again when X or y change)
    let landscape = null;
    const makeLandscape = () => {
      const X = model.get("X");
      const y = model.get("y");
      const grid = costGrid(X, y, LIM, NUM); // J of (1.2) on the grid, as mlp_lib's cost_grid
      const values = grid.J.flat(); // row i (theta_2) after row i: d3-contour's order
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      lo = Math.max(lo, 1e-3);
      // 14 log-spaced levels, as mlp_lib.plots.optimization.plot_cost_landscape
      const levels = Array.from({ length: 14 }, (_, k) => lo * (hi / lo) ** (k / 13));
      const shapes = contours().size([NUM, NUM]).thresholds(levels)(values.map((v) => (Number.isFinite(v) ? v : hi)));
      landscape = { grid, levels, shapes, key: "" };
    };

    const drawTheta = (result, color) => {
      const { width, height } = panelSize(thetaSvg);
      const m = { top: 30, right: 12, bottom: 40, left: 48 };
      const side = Math.max(120, Math.min(width - m.left - m.right, height - m.top - m.bottom));
      const x0 = m.left + Math.max(0, (width - m.left - m.right - side) / 2);
      const x = scaleLinear().domain([-LIM, LIM]).range([x0, x0 + side]);
      const y = scaleLinear().domain([-LIM, LIM]).range([m.top + side, m.top]);
      const [s1, s2] = model.get("minima");
      const truth = model.get("colors").truth;
      const key = `${x0},${side},${s1},${s2},${truth}`;
      if (landscape.key !== key) drawLandscape(x, y, x0, side, m.top, s1, s2, truth);
      landscape.key = key;
      // the path of theta: a line through the iterates, a ring at the start, a dot at the end
      const path = result.models.map((mdl) => mdl.theta);
      const run = thetaSvg.select(".mlp-run").html(null);
      const plot = run.append("g").attr("clip-path", `url(#mlp-optimizer-clip-theta-${id})`);
      drawKept(plot, run, kept().map((k) => ({ label: k.label,
        points: visiblePath(k.run.result.models.map((mdl) => mdl.theta)).map((q) => q && [x(q[0]), y(q[1])]) })),
      { left: x0, right: x0 + side, top: m.top, bottom: m.top + side });
      plot.append("path").datum(visiblePath(path))
        .attr("d", line().defined((p) => p !== null).x((p) => x(p[0])).y((p) => y(p[1])))
        .attr("fill", "none").attr("stroke", color).attr("stroke-width", 2);
      const [a, b] = path[0];
      plot.append("circle").attr("cx", x(a)).attr("cy", y(b)).attr("r", 5)
        .attr("fill", "#fff").attr("stroke", color).attr("stroke-width", 2);
      const end = path[path.length - 1];
      const endInside = Math.abs(end[0]) <= FAR && Math.abs(end[1]) <= FAR;
      if (endInside) {
        plot.append("circle").attr("cx", x(end[0])).attr("cy", y(end[1])).attr("r", 4.5)
          .attr("fill", color).attr("stroke", "#000").attr("stroke-width", 0.6);
      }
      const steps = path.length - 1;
      run.append("text").attr("class", "mlp-title").attr("x", x0 + side / 2).attr("y", 18).attr("text-anchor", "middle")
        .text(`\u03b8 from (${num(a)}, ${num(b)}), ${steps} step${steps === 1 ? "" : "s"}`);
      const where = endInside ? `ending at (${num(end[0])}, ${num(end[1])})` : "leaving the picture";
      thetaSvg.attr("aria-label", `Contours of the cost J over theta_1 and theta_2 from ${MINUS}${LIM} to ${LIM}, ` +
        `with its four minima at (\u00b1${num(s1)}, \u00b1${num(s2)}), and the path of theta by ${SHORT[model.get("algorithm")]} ` +
        `from (${num(a)}, ${num(b)}), ${steps} step${steps === 1 ? "" : "s"}, ${where}.`);
    };

    /** What no control changes (drawn again only when the size, the data or the minima change):
     * the contours, the mirror lines, the stars under the run; the legend and the axes over it. */
    const drawLandscape = (x, y, x0, side, top, s1, s2, truth) => {
      const t = landscape.grid.theta1;
      const paths = landscape.shapes.map((g) => contourPath(g, x, y, t[0], t[1] - t[0]));
      const shade = scaleLog().domain([landscape.levels[0], landscape.levels[13]]).range(["#5b8fc9", "#f7fbff"]);
      thetaSvg.selectAll("*").remove();
      const clip = `mlp-optimizer-clip-theta-${id}`;
      thetaSvg.append("clipPath").attr("id", clip).append("rect")
        .attr("x", x0).attr("y", top).attr("width", side).attr("height", side);
      const plot = thetaSvg.append("g").attr("clip-path", `url(#${clip})`);
      plot.append("rect").attr("x", x0).attr("y", top).attr("width", side).attr("height", side)
        .attr("fill", shade(landscape.levels[0])).attr("fill-opacity", 0.5);
      plot.append("g").selectAll("path").data(paths).join("path")
        .attr("d", (d) => d)
        .attr("fill", (_, k) => shade(landscape.levels[k])).attr("fill-opacity", 0.35)
        .attr("stroke", "#737373").attr("stroke-width", 0.6);
      // the mirror lines theta_1 = 0 and theta_2 = 0: h sees only theta_j^2
      for (const [x1, y1, x2, y2] of [[0, -LIM, 0, LIM], [-LIM, 0, LIM, 0]]) {
        plot.append("line").attr("x1", x(x1)).attr("y1", y(y1)).attr("x2", x(x2)).attr("y2", y(y2))
          .attr("stroke", "#4d4d4d").attr("stroke-width", 0.8).attr("stroke-dasharray", "4 3");
      }
      // the four minima (+-theta*_1, +-theta*_2): the same h, the same J
      const minima = [[s1, s2], [-s1, s2], [-s1, -s2], [s1, -s2]];
      plot.append("g").selectAll("path").data(minima).join("path")
        .attr("d", STAR).attr("transform", (p) => `translate(${x(p[0])},${y(p[1])})`)
        .attr("fill", truth).attr("stroke", "#000").attr("stroke-width", 0.6);
      thetaSvg.append("g").attr("class", "mlp-run"); // the run, drawn at every change
      // the stars' legend, at the top of the plot (no path from theta0 goes there)
      const legend = thetaSvg.append("g").attr("transform", `translate(${x0 + side / 2},${top + 6})`);
      const text = legend.append("text").attr("y", 14).text("(\u00b1\u03b8\u2081*, \u00b1\u03b8\u2082*): same h");
      const w = textLength(text, 140) + 22; // star, gap, text
      text.attr("x", -w / 2 + 20);
      legend.insert("rect", "text").attr("x", -w / 2 - 4).attr("width", w + 8).attr("height", 20)
        .attr("rx", 3).attr("fill", "#fff").attr("fill-opacity", 0.9).attr("stroke", "#bbb");
      legend.insert("path", "text").attr("d", STAR).attr("transform", `translate(${-w / 2 + 8},10) scale(0.8)`)
        .attr("fill", truth).attr("stroke", "#000").attr("stroke-width", 0.6);
      // axes and their labels
      thetaSvg.append("g").attr("transform", `translate(0,${top + side})`).call(axisBottom(x).ticks(5));
      thetaSvg.append("g").attr("transform", `translate(${x0},0)`).call(axisLeft(y).ticks(5));
      thetaSvg.append("text").attr("x", x0 + side / 2).attr("y", top + side + 34).attr("text-anchor", "middle").text("\u03b8\u2081");
      thetaSvg.append("text").attr("transform", `translate(${x0 - 34},${top + side / 2}) rotate(-90)`)
        .attr("text-anchor", "middle").text("\u03b8\u2082");
    };

    const drawCost = (result, color, nIter, others) => {
      const { width, height } = panelSize(costSvg);
      const m = { top: 30, right: 14, bottom: 40, left: 56 };
      const J = result.history;
      const limits = [J, ...others.map((k) => k.run.result.history)].map(costLimits); // kept runs fit too
      const x = scaleLinear().domain([0, Math.max(nIter, 1, ...others.map((k) => k.run.nIter))]).range([m.left, width - m.right]);
      const y = scaleLog().domain([Math.min(...limits.map((l) => l[0])), Math.max(...limits.map((l) => l[1]))])
        .range([height - m.bottom, m.top]);
      costSvg.selectAll("*").remove();
      const clip = `mlp-optimizer-clip-cost-${id}`;
      costSvg.append("clipPath").attr("id", clip).append("rect")
        .attr("x", m.left - 6).attr("y", m.top).attr("width", width - m.left - m.right + 12).attr("height", height - m.top - m.bottom);
      const ticks = decadeTicks(...y.domain());
      costSvg.append("g").selectAll("line").data(ticks).join("line")
        .attr("x1", m.left).attr("x2", width - m.right).attr("y1", y).attr("y2", y)
        .attr("stroke", "var(--mlp-grid)").attr("stroke-width", 1);
      const plot = costSvg.append("g").attr("clip-path", `url(#${clip})`);
      const labels = costSvg.append("g");
      drawKept(plot, labels, others.map((k) => ({ label: k.label, points: k.run.result.history.map((v, t) => [x(t), y(v)]) })),
        { left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom });
      // J (1.2) on all n examples after each step; pixel rows of huge J stay finite (log scale)
      plot.append("path").datum(J).attr("d", line().x((_, t) => x(t)).y((v) => y(v)))
        .attr("fill", "none").attr("stroke", color).attr("stroke-width", 1.8);
      const last = J.length - 1;
      plot.append("circle").attr("cx", x(last)).attr("cy", y(J[last])).attr("r", 3.5).attr("fill", color);
      costSvg.append("g").attr("transform", `translate(0,${height - m.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
      costSvg.append("g").attr("transform", `translate(${m.left},0)`).call(axisLeft(y).tickValues(ticks).tickFormat(decadeLabel));
      costSvg.append("text").attr("x", (m.left + width - m.right) / 2).attr("y", height - 6).attr("text-anchor", "middle").text("iteration");
      costSvg.append("text").attr("transform", `translate(14,${(m.top + height - m.bottom) / 2}) rotate(-90)`)
        .attr("text-anchor", "middle").text("J(\u03b8) on all n examples");
      // the run's legend, top right
      const legend = costSvg.append("g").attr("transform", `translate(${width - m.right - 8},${m.top + 14})`);
      const label = legend.append("text").attr("text-anchor", "end").text(LEGEND[model.get("algorithm")]);
      const textWidth = textLength(label, 180);
      legend.insert("rect", "text").attr("x", -textWidth - 36).attr("y", -15).attr("width", textWidth + 42).attr("height", 21)
        .attr("rx", 3).attr("fill", "#fff").attr("fill-opacity", 0.85);
      legend.append("line").attr("x1", -textWidth - 30).attr("x2", -textWidth - 8).attr("y1", -4).attr("y2", -4)
        .attr("stroke", color).attr("stroke-width", 2);
      const alpha = `\u03b1 = ${fmt(model.get("lr"), 3)}`;
      const title = result.diverged === null ? `${alpha}: final J = ${fmt(J[last], 3)}` : `${alpha}: diverged at iteration ${result.diverged}`;
      costSvg.append("text").attr("class", "mlp-title").attr("x", (m.left + width - m.right) / 2).attr("y", 18)
        .attr("text-anchor", "middle").text(title);
      costSvg.attr("aria-label", `The cost J on all n examples at iterations 0 to ${last} of ${SHORT[model.get("algorithm")]}, ` +
        `log scale: from ${fmt(J[0], 3)} to ${fmt(J[last], 3)}` +
        (result.diverged === null ? "." : `, then training diverged at iteration ${result.diverged}.`) +
        others.map((k) => ` Kept run (${k.label}): from ${fmt(k.run.result.history[0], 3)} to ${fmt(k.run.result.history.at(-1), 3)}.`).join(""));
    };

    const draw = () => {
      if (landscape === null) makeLandscape();
      const alg = model.get("algorithm");
      const color = model.get("colors")[alg];
      const nIter = model.get("n_iter");
      const result = p.run.result;
      const others = kept();
      const minibatch = alg === "minibatch";
      batch.input.disabled = !minibatch;
      batchLabel.textContent = minibatch ? "batch size B" : "batch size B (mini-batch only)";
      batch.input.title = alg === "gd" ? "GD uses all n examples at every step" : "SGD uses one example per step";
      redraw.disabled = alg === "gd";
      redraw.title = alg === "gd" ? "GD draws no examples: every step uses all n" : "draw other random examples (a new seed)";
      drawTheta(result, color);
      drawCost(result, color, nIter, others);
      const J = result.history;
      const theta = result.model.theta;
      const steps = J.length - 1;
      const who = `${SHORT[alg]}${minibatch ? ` (B = ${model.get("B")})` : ""}`;
      const seed = alg === "gd" ? "" : `, draw ${model.get("seed")}`;
      if (result.diverged === null) {
        readout.textContent = `${who}, \u03b1 = ${fmt(model.get("lr"), 3)}, ${steps} step${steps === 1 ? "" : "s"}${seed}: ` +
          `J = ${fmt(J[steps], 3)}, \u03b8 = (${num(theta[0])}, ${num(theta[1])})`;
        message.textContent = "";
      } else {
        readout.textContent = `${who}, \u03b1 = ${fmt(model.get("lr"), 3)}${seed}: diverged at iteration ` +
          `${result.diverged}; last finite J = ${fmt(J[steps], 3)}`;
        message.textContent = divergenceMessage(result.diverged, result.lr);
      }
      root.dataset.values = JSON.stringify({
        algorithm: alg, lr: model.get("lr"), B: model.get("B"), n_iter: nIter, seed: model.get("seed"),
        theta: theta, J: J[steps], history: J, path: result.models.map((mdl) => mdl.theta), diverged: result.diverged,
        kept: others.map((k) => ({ settings: k.settings, label: k.label, history: k.run.result.history })),
      });
    };

    // A setting makes a new run (the kept ones stay); another start theta0 or other data make
    // the kept runs meaningless (they started elsewhere, or fit other examples).
    const settingChanged = () => p.discard();
    const otherStart = () => { p.clearKept(); p.discard(); };
    const newData = () => {
      batch.input.max = n();
      landscape = null;
      otherStart();
    };
    const watched = [
      ...["algorithm", "lr", "B", "n_iter", "seed"].map((name) => [`change:${name}`, settingChanged]),
      ["change:theta0", otherStart],
      ...["minima", "colors"].map((name) => [`change:${name}`, draw]),
      ["change:X", newData], ["change:y", newData],
    ];
    for (const [event, cb] of watched) model.on(event, cb);
    // The view in the page's address (ui/state.js): the settings, then the kept runs.
    const fields = settingFields(model);
    link = linkState({ model, id: "optimizer", version: 1, root, notice, buttons,
      fields: [...fields, keptSetting(p, fields)] });
    draw();
    const stopResize = onResize(root, draw);
    return () => {
      stopResize();
      link.destroy();
      for (const [event, cb] of watched) model.off(event, cb);
    };
  },
};

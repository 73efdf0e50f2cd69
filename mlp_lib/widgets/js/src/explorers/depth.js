// Chapter 6's explorer: the network [1, m, ..., m, 1] of depth r (eqs. 2.12-2.13, ReLU hidden
// layers), its shapes and parameter counts, and gradient descent (eq. 1.3) on the chapter's
// data, animated: play, pause, step, reset, with the fit and the cost J drawn as it goes.
// Python side: mlp_lib/widgets/depth.py (DepthExplorer). The starting networks, the shape
// table and the three parameter counts come from mlp_lib; the tests check the page's run
// against mlp_lib.gd from the same start.
import { scaleLinear, scaleLog } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { line } from "d3-shape";
import { MLP } from "../core/mlp.js";
import { steps, divergenceMessage } from "../core/optimizers.js";
import { slider, logScale } from "../ui/controls.js";
import { player } from "../ui/player.js";
import { linkState, numberSetting, choiceSetting, stepSetting, keptSetting } from "../ui/state.js";
import { el } from "../ui/dom.js";
import { explorerFrame, panelSize, onResize, fmt } from "../ui/figure.js";
import { keptLabel as labelOf, drawKept } from "../ui/kept.js";

/** A whole run takes about this long when the network is small (a large one takes longer). */
const RUN_MS = 650;
/** A large network behind the clock may fill a frame this long (training and drawing; the browser paints after): >= 30 fps. */
const FRAME_MS = 24;

/** The hidden layers k (1..r-1) that output 0 on every example: every ReLU unit of them is dead. */
export function deadLayers(net, X) {
  const { A } = net.layers(X); // (2.13)
  const dead = [];
  for (let k = 1; k < net.r; k++) if (A[k].every((row) => row.every((v) => v === 0))) dead.push(k);
  return dead;
}

/**
 * Gradient descent (1.3) on the whole training set from mlp_lib's starting network, one step
 * at a time (the core's steps()): t, model (the last finite network), history (J at 0..t),
 * diverged (the iteration where a J or a parameter stopped being finite, or null).
 */
export class Run {
  constructor({ net, x, y, lr, nIter }) {
    Object.assign(this, { X: x.map((v) => [v]), y, lr, nIter });
    this.start = MLP.fromJSON(net);
    this.model = this.start;
    this.iterator = steps(this.start, this.X, y, lr, () => null); // (1.3): every example, every step
    Object.assign(this, { t: -1, history: [], diverged: null });
    this.advance(1); // t = 0: the start
  }

  get done() { return this.diverged !== null || this.t >= this.nIter; }

  /** J ended above where it started (the run is over and did not diverge). */
  get grew() { return this.done && this.diverged === null && this.history[this.t] > this.history[0]; }

  /** Up to k more steps (fewer at the end or at a divergence). */
  advance(k) {
    for (let i = 0; i < k && !this.done; i++) {
      const { value, done } = this.iterator.next();
      if (done) { this.diverged = value.diverged; break; }
      Object.assign(this, { t: value.t, model: value.model });
      this.history.push(value.J);
    }
    return this;
  }
}

/** A whole run at once. */
export function gdRun(settings) { return new Run(settings).advance(settings.nIter); }

// ---------------------------------------------------------------------------- drawing
const CSS = `
.mlp-depth .mlp-depth-tables { flex: 1 1 320px; min-width: 0; overflow-x: auto; }
.mlp-depth table { border-collapse: collapse; margin: 0 0 10px; font-size: 13px; width: 100%;
  font-variant-numeric: tabular-nums; color: var(--mlp-ink); background: none; }
.mlp-depth caption { caption-side: top; text-align: left; font-weight: 600; font-size: 13px;
  padding: 0 0 4px; color: var(--mlp-ink); }
.mlp-depth th, .mlp-depth td { border: 1px solid var(--mlp-grid); padding: 2px 6px; text-align: center;
  font-size: 13px; white-space: nowrap; background: none; }
.mlp-depth thead th { background: color-mix(in srgb, var(--mlp-grid) 40%, transparent); }
.mlp-depth tbody th { font-weight: 600; }
.mlp-depth .mlp-counts td:first-child, .mlp-depth .mlp-counts th:first-child { text-align: left; white-space: normal; }
.mlp-depth .mlp-counts td:last-child { text-align: right; }
.mlp-depth .mlp-wrong, .mlp-depth .mlp-wrong td, .mlp-depth .mlp-wrong th { color: var(--mlp-warning); }
.mlp-depth code { font-size: 13px; background: none; color: inherit; padding: 0; }
`;
const MARGIN = { top: 28, right: 12, bottom: 40, left: 50 };
const BIG = 1e5; // pixel coordinates stay within +-BIG (a diverging network leaves the plot)
const clampPx = (v) => (Number.isFinite(v) ? Math.max(-BIG, Math.min(BIG, v)) : (v > 0 ? BIG : -BIG));
let clipIds = 0;

function addCss() {
  if (document.getElementById("mlp-depth-css")) return;
  const style = document.createElement("style");
  style.id = "mlp-depth-css";
  style.textContent = CSS;
  document.head.append(style);
}

/** "W<sup>[k]</sup>" as DOM nodes: a symbol with the notes' layer superscript. */
const layerSymbol = (symbol, k) => [symbol, el("sup", {}, `[${k}]`)];
const shape = (s) => (s === null ? "–" : `(${s.join(", ")})`);

/** The shape table and the three parameter counts, as HTML tables (screen readers read them). */
function drawTables(box, table, n, colors) {
  const { sizes, rows, counts } = table;
  const r = sizes.length - 1;
  const head = el("tr", {}, ...[["k"], layerSymbol("W", "k"), layerSymbol("b", "k"),
    [...layerSymbol("a", "k"), ` for n = ${n}`]].map((c) => el("th", { scope: "col" }, ...c)));
  const body = rows.map((row) => {
    const note = row.k === 0 ? " = X" : row.k === r ? " = h" : "";
    return el("tr", {}, el("th", { scope: "row" }, String(row.k)), el("td", {}, shape(row.W)),
      el("td", {}, shape(row.b)), el("td", {}, shape(row.a) + note));
  });
  const shapes = el("table", { class: "mlp-shapes" },
    el("caption", {}, `Shapes for sizes = [${sizes.join(", ")}], r = ${r}`),
    el("thead", {}, head), el("tbody", {}, ...body));
  const excess = counts.notes_excess;
  const notes = el("tr", excess ? { class: "mlp-wrong" } : {},
    el("th", { scope: "row" }, "the notes' printed formula",
      excess ? ` (+${excess} = m`: " (agrees here)", excess ? el("sub", {}, "2") : null,
      excess ? " too many, see the errata page)" : null),
    el("td", {}, String(counts.notes_formula)));
  const countTable = el("table", { class: "mlp-counts" },
    el("caption", {}, "Number of parameters, three ways"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "way"), el("th", { scope: "col" }, "count"))),
    el("tbody", {},
      el("tr", {}, el("th", { scope: "row" }, el("code", {}, "net.num_params")), el("td", {}, String(counts.num_params))),
      el("tr", {}, el("th", { scope: "row" }, el("code", {}, "mlp_lib.param_count(sizes)")), el("td", {}, String(counts.param_count))),
      notes));
  box.replaceChildren(shapes, countTable);
}

/** A panel's frame at its pixel size: {width, height, inner, clip}; the svg is emptied. */
function panelFrame(svg, left = MARGIN.left) {
  const { width, height } = panelSize(svg);
  svg.selectAll("*").remove();
  const id = `mlp-depth-clip-${++clipIds}`;
  const inner = { left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  svg.append("clipPath").attr("id", id).append("rect").attr("x", inner.left).attr("y", inner.top)
    .attr("width", inner.right - inner.left).attr("height", inner.bottom - inner.top);
  return { width, height, inner, clip: `url(#${id})` };
}

/** How many ticks an axis of `pixels` gets. */
const tickCount = (pixels, spacing) => Math.max(3, pixels / spacing);

/** Both axes, their labels and the panel's title; returns the title's text selection. */
function drawAxes(svg, f, xs, ys, labels, logY = false) {
  const { inner } = f;
  svg.append("g").attr("transform", `translate(0,${inner.bottom})`).call(axisBottom(xs).ticks(tickCount(f.width, 90)));
  svg.append("g").attr("transform", `translate(${inner.left},0)`)
    .call(axisLeft(ys).ticks(tickCount(inner.bottom - inner.top, 45), logY ? "~g" : undefined));
  svg.append("text").attr("x", (inner.left + inner.right) / 2).attr("y", f.height - 6).attr("text-anchor", "middle").text(labels.x);
  svg.append("text").attr("transform", `translate(13,${(inner.top + inner.bottom) / 2}) rotate(-90)`)
    .attr("text-anchor", "middle").text(labels.y);
  return svg.append("text").attr("class", "mlp-title").attr("x", f.width / 2).attr("y", 16).attr("text-anchor", "middle");
}

/** The legend of the fit: [{label, color, dash, dot}], bottom-right (where sin 3x leaves room); "h_θ" as in the notes. */
function drawLegend(svg, inner, entries) {
  const g = svg.append("g");
  const back = g.append("rect").attr("fill", "var(--mlp-bg)").attr("opacity", 0.85).attr("rx", 3);
  let widest = 0;
  entries.forEach(({ label, color, dash, dot }, i) => {
    const cy = 10 + 16 * i;
    if (dot) g.append("circle").attr("cx", 11).attr("cy", cy).attr("r", 3).attr("fill", color);
    else g.append("line").attr("x1", 1).attr("x2", 21).attr("y1", cy).attr("y2", cy).attr("stroke", color)
      .attr("stroke-width", 2.2).attr("stroke-dasharray", dash || null);
    const text = g.append("text").attr("x", 27).attr("y", cy + 4);
    const parts = label.split("h_θ");
    parts.forEach((part, j) => {
      if (j > 0) {
        text.append("tspan").text("h");
        text.append("tspan").attr("dy", 4).attr("font-size", 11).text("θ");
      }
      text.append("tspan").attr("dy", j > 0 ? -4 : null).text(part);
    });
    widest = Math.max(widest, label.length * 6.6);
  });
  const size = [widest + 32, entries.length * 16 + 4];
  back.attr("width", size[0]).attr("height", size[1]);
  g.attr("transform", `translate(${inner.right - size[0] - 4},${inner.bottom - size[1] - 4})`);
}

export default {
  render({ model, el: host }) {
    addCss();
    const { root, controls, buttons, panels, message, notice, readout } = explorerFrame(host, {
      label: "Depth and width explorer: the shapes, the parameter count and gradient descent of a deep ReLU network",
      panelAspects: [0.75, 0.75],
    });
    root.classList.add("mlp-depth");
    const tableBox = el("div", { class: "mlp-depth-tables" });
    panels[1].node().parentNode.after(tableBox);
    const widths = model.get("widths");
    const [rLo, rHi] = model.get("depths");
    const lrRange = model.get("lr_range");
    controls.append(
      slider(model, "r", { label: "depth r", min: rLo, max: rHi, step: 1 }).element,
      slider(model, "m", { label: "width m", min: 0, max: widths.length - 1, step: 1,
        toSlider: (v) => Math.max(0, widths.indexOf(v)), fromSlider: (s) => widths[s] }).element,
      slider(model, "lr", { label: "learning rate α", min: Math.log10(lrRange[0]), max: Math.log10(lrRange[1]),
        step: 0.05, ...logScale, format: (v) => fmt(v) }).element,
    );

    let tableKey = null;
    let fitFrame = null; // the fit panel's fixed parts: {key, xs, ys, title, curves}
    const key = () => `${model.get("r")},${model.get("m")}`;
    const startNet = () => MLP.fromJSON(model.get("nets")[key()]);
    let link = null; // the page's address (below): it follows the kept runs too
    const p = player({
      model, buttons, redraw: () => redraw(), runMs: RUN_MS, frameMs: FRAME_MS, onKept: () => link && link.update(),
      controls: ["play", "pause", "step", "reset", "keep", "clear"],
      settings: () => ({ r: model.get("r"), m: model.get("m"), lr: model.get("lr") }),
      newRun: (s) => new Run({ net: model.get("nets")[`${s.r},${s.m}`], x: model.get("x"), y: model.get("y"),
        lr: s.lr, nIter: model.get("n_iter") }),
    });
    // The view in the page's address (ui/state.js), checked as DepthExplorer's traitlets are.
    const settingFields = [
      numberSetting(model, "r", "the depth r", () => model.get("depths"), { integer: true }),
      choiceSetting(model, "m", "the width m", () => model.get("widths")),
      numberSetting(model, "lr", "the learning rate lr", () => model.get("lr_range")),
    ];
    /** A kept run's label: the settings in which it differs from what is set now. */
    const WORDS = { r: (v) => `r = ${v}`, m: (v) => `m = ${v}`, lr: (v) => `α = ${fmt(v)}` };
    const keptLabel = ({ settings }) => labelOf(settings, p.settings(), WORDS);

    function messageText(shown, dead, n) {
      const run = p.run;
      if (run && run.diverged !== null) {
        return `${divergenceMessage(run.diverged, run.lr)} The drawing shows the network after step ${run.t}, ` +
          "the last one with finite parameters.";
      }
      if (run && run.grew) {
        return `J ended above where it started: from ${fmt(run.history[0], 4)} to ${fmt(run.history[run.t], 4)} ` +
          `after ${run.t} steps. The learning rate α = ${fmt(run.lr)} is too large for this network: try a smaller one.`;
      }
      if (dead.length) {
        const which = dead.length === 1 ? `Layer ${dead[0]} outputs` : `Layers ${dead.join(", ")} output`;
        return `${which} 0 for all ${n} examples: every ReLU unit there is dead. The layers above see the same ` +
          "input for every example, so h is a constant, and no gradient reaches the weights below (ReLU' = 0).";
      }
      return "";
    }

    function drawFit(panel, shown, colors) {
      const run = p.run;
      const { width } = panelSize(panel);
      const grid = model.get("grid");
      const fixedKey = JSON.stringify([width, colors, grid.length]);
      if (!fitFrame || fitFrame.key !== fixedKey) {
        const f = panelFrame(panel);
        const x = model.get("x"), y = model.get("y"), truth = model.get("truth");
        const lo = Math.min(...y, ...truth), hi = Math.max(...y, ...truth);
        const xs = scaleLinear().domain([grid[0], grid[grid.length - 1]]).range([f.inner.left, f.inner.right]);
        const ys = scaleLinear().domain([lo - 0.45 * (hi - lo), hi + 0.08 * (hi - lo)]).range([f.inner.bottom, f.inner.top]);
        const title = drawAxes(panel, f, xs, ys, { x: "x", y: "y" });
        const plot = panel.append("g").attr("clip-path", f.clip);
        plot.selectAll("circle").data(x).join("circle").attr("cx", (v) => xs(v)).attr("cy", (_, i) => ys(y[i]))
          .attr("r", 3).attr("fill", colors.data).attr("opacity", 0.75);
        plot.append("path").attr("d", line()(grid.map((v, i) => [xs(v), ys(truth[i])]))).attr("fill", "none")
          .attr("stroke", colors.truth).attr("stroke-width", 1.5).attr("stroke-dasharray", "5 3");
        const kept = plot.append("g"); // kept runs' fits, under the current one
        const startCurve = plot.append("path").attr("fill", "none").attr("stroke", "#777").attr("stroke-width", 1.8)
          .attr("stroke-dasharray", "2 3");
        const curve = plot.append("path").attr("fill", "none").attr("stroke", colors.model).attr("stroke-width", 2.5);
        const legendBox = panel.append("g");
        fitFrame = { key: fixedKey, f, xs, ys, title, kept, startCurve, curve, legendBox, legendKey: null };
      }
      const { xs, ys, f } = fitFrame;
      const X = grid.map((v) => [v]);
      const path = (net) => line()(net.forward(X).map((h, i) => [xs(grid[i]), clampPx(ys(h))])); // (2.12)
      const h = shown.forward(X);
      fitFrame.kept.selectAll("*").remove(); // kept runs' h (2.12), computed once each: faint, labelled
      drawKept(fitFrame.kept, fitFrame.kept, p.kept.map((k) => ({ label: keptLabel(k),
        points: (k.fitH ||= k.run.model.forward(X)).map((v, i) => [xs(grid[i]), clampPx(ys(v))]) })), f.inner);
      fitFrame.curve.attr("d", line()(h.map((v, i) => [xs(grid[i]), clampPx(ys(v))])));
      if (fitFrame.startOf !== run) { // the start's curve: once per run
        fitFrame.startCurve.attr("d", run ? path(run.start) : null).attr("display", run ? null : "none");
        fitFrame.startOf = run;
      }
      const entries = [{ label: "training data", color: colors.data, dot: true },
        { label: "sin(3x)", color: colors.truth, dash: "5 3" }];
      if (run) entries.push({ label: "h_θ(x), start", color: "#777", dash: "2 3" });
      entries.push({ label: run ? `h_θ(x), step ${run.t}` : "h_θ(x), start", color: colors.model });
      const legendKey = JSON.stringify(entries);
      if (legendKey !== fitFrame.legendKey) {
        fitFrame.legendBox.selectAll("*").remove();
        drawLegend(fitFrame.legendBox, f.inner, entries);
        fitFrame.legendKey = legendKey;
      }
      return h;
    }

    let costFrame = null; // the cost panel's axes, drawn again only when its size or scales change
    function drawCost(panel, history, colors, nIter) {
      const run = p.run;
      const { width, height } = panelSize(panel);
      const positive = history.map((v) => Math.max(v, 1e-300));
      const kept = p.kept.map((k) => ({ label: keptLabel(k), J: k.run.history.map((v) => Math.max(v, 1e-300)) }));
      const every = [positive, ...kept.map((k) => k.J)].flat();
      let lo = Math.min(...every), hi = Math.max(...every);
      if (!(hi > lo * 1.5)) { lo /= 1.5; hi *= 1.5; }
      const domain = scaleLog().domain([lo, hi]).nice().domain();
      const fixedKey = JSON.stringify([width, height, colors, nIter, domain, run !== null, kept.map((k) => k.label)]);
      if (!costFrame || costFrame.key !== fixedKey) {
        // room on the left for the longest tick label (1e+250 when training diverges)
        const probe = scaleLog().domain(domain);
        const count = tickCount(height - MARGIN.top - MARGIN.bottom, 45);
        const longest = Math.max(...probe.ticks(count).map(probe.tickFormat(count, "~g")).map((t) => t.length));
        const f = panelFrame(panel, Math.max(MARGIN.left, 26 + 7 * longest));
        const ts = scaleLinear().domain([0, nIter]).range([f.inner.left, f.inner.right]);
        const js = scaleLog().domain(domain).range([f.inner.bottom, f.inner.top]);
        const title = drawAxes(panel, f, ts, js, { x: "GD step t", y: "J (log scale)" }, true);
        const plot = panel.append("g").attr("clip-path", f.clip);
        drawKept(plot, panel, kept.map((k) => ({ label: k.label, points: k.J.map((v, t) => [ts(t), clampPx(js(v))]) })),
          f.inner); // kept runs: faint, each labelled by what differs from now
        const curve = plot.append("path").attr("fill", "none").attr("stroke", colors.model).attr("stroke-width", 1.8);
        const dot = plot.append("circle").attr("r", 4).attr("fill", colors.model);
        if (!run) {
          panel.append("text").attr("x", (f.inner.left + f.inner.right) / 2).attr("y", (f.inner.top + f.inner.bottom) / 2)
            .attr("text-anchor", "middle").text("play or step to train by GD");
        }
        costFrame = { key: fixedKey, ts, js, title, curve, dot };
      }
      const { ts, js } = costFrame;
      costFrame.curve.attr("d", line()(positive.map((v, t) => [ts(t), clampPx(js(v))])));
      const last = positive.length - 1;
      costFrame.dot.attr("cx", ts(last)).attr("cy", clampPx(js(positive[last])));
      return costFrame.title;
    }

    function redraw() {
      const run = p.run;
      const colors = model.get("colors");
      const x = model.get("x"), y = model.get("y");
      const table = model.get("tables")[key()];
      const nIter = run ? run.nIter : model.get("n_iter");
      const shown = run ? run.model : startNet();
      const J = run ? run.history[run.t] : shown.cost(x.map((v) => [v]), y); // (1.2)
      const history = run ? run.history : [J];
      const running = p.playing;
      const dead = deadLayers(shown, x.map((v) => [v]));

      if (tableKey !== key()) { drawTables(tableBox, table, x.length, colors); tableKey = key(); }
      const h = drawFit(panels[0], shown, colors);
      const where = run ? `after ${run.t} of ${nIter} GD steps` : "at the start";
      fitFrame.title.text(`J = ${fmt(J, 4)} ${run ? `after ${run.t} steps` : "at the start"}`);
      panels[0].attr("aria-label", `The ${x.length} training examples, the curve sin(3x) they come from, and the ` +
        `network h(x) of depth r = ${shown.r} and width m = ${model.get("m")} ${where}, with cost J = ${fmt(J, 4)}.`);
      drawCost(panels[1], history, colors, nIter).text(`J during gradient descent, α = ${fmt(model.get("lr"))}`);
      panels[1].attr("aria-label", run
        ? `The cost J at steps 0 to ${run.t} of gradient descent: from ${fmt(run.history[0], 4)} to ${fmt(J, 4)}.`
        : `No training yet: the cost of the starting network is J = ${fmt(J, 4)}.`);

      message.textContent = messageText(shown, dead, x.length);
      const status = run ? ` · GD step ${run.t} of ${nIter}${running ? " (playing)" : run.done ? " (done)" : " (paused)"}` : "";
      readout.textContent = `r = ${shown.r}, m = ${model.get("m")}: sizes = [${table.sizes.join(", ")}], ` +
        `${table.counts.num_params} parameters · ` +
        `J = ${fmt(J, 4)}${status}`;
      readout.setAttribute("aria-busy", running ? "true" : "false");
      root.dataset.values = JSON.stringify({
        r: shown.r, m: model.get("m"), lr: model.get("lr"), sizes: table.sizes, counts: table.counts, rows: table.rows,
        t: run ? run.t : 0, J, h, history, deadLayers: dead,
        run: run && { diverged: run.diverged, done: run.done, grew: run.grew, playing: running, nIter: run.nIter },
        kept: p.kept.map((k) => ({ settings: k.settings, t: k.run.t, label: keptLabel(k) })),
      });
    }

    // A change of any setting ends the run and shows the new starting network.
    const settingChanged = () => p.discard();
    const dataChanged = () => { fitFrame = null; costFrame = null; tableKey = null; settingChanged(); };
    const colorsChanged = () => { fitFrame = null; costFrame = null; tableKey = null; redraw(); };
    const watched = [
      ...["r", "m", "lr", "n_iter"].map((n) => [`change:${n}`, settingChanged]),
      ...["x", "y", "grid", "truth", "nets", "tables"].map((n) => [`change:${n}`, dataChanged]),
      ["change:colors", colorsChanged],
    ];
    for (const [event, cb] of watched) model.on(event, cb);
    const unobserve = onResize(root, () => { fitFrame = null; costFrame = null; redraw(); });
    const step = stepSetting(model, p, "t", "t", () => [0, model.get("n_iter")]);
    link = linkState({ model, id: "depth", version: 1, root, notice, buttons,
      fields: [...settingFields, keptSetting(p, settingFields, step), step] });
    redraw();
    return () => {
      p.destroy();
      link.destroy();
      unobserve();
      for (const [event, cb] of watched) model.off(event, cb);
    };
  },
};

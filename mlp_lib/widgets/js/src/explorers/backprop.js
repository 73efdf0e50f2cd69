// The explorer of the chapter "Backpropagation, a preview": the chapter's network ([3, 4, 1] or
// [3, 5, 4, 1], any activation) on one example or five, backpropagation one equation at a time
// (the player: step back, play, pause, step, to the end, reset; t in the model), each step's
// equation with its terms coloured on the diagram and its matrices' shapes in both layouts
// (chapter 5), a table of every number, and "check it": one parameter's derivative beside
// central differences as ε shrinks. Every setting and the step t are in the page's address
// (ui/state.js). Python side: mlp_lib/widgets/backprop.py (BackpropExplorer);
// every number is the core's MLP.backprop (core/mlp.js), which the tests hold to mlp_lib's.
import { MLP } from "../core/mlp.js";
import { backpropSteps, lastStep, paramNames } from "../core/backprop.js";
import { choice, select, slider } from "../ui/controls.js";
import { el } from "../ui/dom.js";
import { explorerFrame, onResize } from "../ui/figure.js";
import { player } from "../ui/player.js";
import { LinkError, choiceSetting, linkState, numberSetting, repr, stepSetting, valueOf } from "../ui/state.js";
import { checkParam, checkTable, checkWords, drawCheck } from "./backprop/check.js";
import { drawDiagram, pickOnClick } from "./backprop/diagram.js";
import { equationOf, quantityName } from "./backprop/notation.js";
import { everyNumberTable, rolesOf, stepPanel, stepSentence } from "./backprop/tables.js";

/** "play" walks the steps at this pace: time to read an equation and its numbers. */
export const STEP_MS = 1600;

/** The run the player walks: the steps of one network on one set of examples, t = 0..nIter. */
export class Walk {
  constructor({ net, X, y }) {
    this.net = MLP.fromJSON(net);
    Object.assign(this, { X, y }, backpropSteps(this.net, X, y)); // values, steps
    this.t = 0;
    this.nIter = this.steps.length - 1;
    this.index = new Map(this.steps.map((s, t) => [`${s.kind},${s.k}`, t])); // when each quantity is computed
  }

  get done() { return this.t >= this.nIter; }

  advance(k) { this.t = Math.min(this.nIter, this.t + k); return this; }

  /** Has quantity (q, k) been computed by step t? */
  shown(q, k) { const at = this.index.get(`${q === "a" && k === 0 ? "x" : q},${k}`); return at !== undefined && at <= this.t; }
}

/**
 * The settings a link holds, in the order a link applies them, checked as BackpropExplorer's
 * traitlets are (SETTINGS of backprop.py: one_of, in_range; the parameter and the step t against
 * the network of the link's r), and the step t of the player `p`.
 */
export function linkFields(model, p) {
  const settings = model.get("settings");
  const r = (values) => valueOf(model, values, "r");
  const sizes = (depth) => model.get("nets")[`${depth},${settings.activation.default}`].sizes;
  const choiceOf = (name) => choiceSetting(model, name, settings[name].what, () => settings[name].choices);
  const param = {
    name: "param", read: () => model.get("param"), write: (v) => { model.set("param", v); model.save_changes(); },
    format: String,
    parse: (text, values) => {
      const network = sizes(r(values));
      const names = paramNames(network);
      if (!names.includes(text)) {
        throw new LinkError(`param must name a parameter of the network [${network.join(", ")}], W[k][j,i] or ` +
          `b[k][j] (${names[0]} to ${names.at(-1)}), got ${repr(text)}.`);
      }
      return text;
    },
  };
  return [...["r", "activation", "n", "examples_as", "view"].map(choiceOf),
    numberSetting(model, "example", settings.example.what, () => settings.example.range, { integer: true }), param,
    stepSetting(model, p, "t", settings.t.what, (values) => [0, lastStep(r(values))])];
}

const CSS = `
.mlp-bp .mlp-panel { flex: 1 1 100%; padding: 6px 8px; }
.mlp-bp .mlp-panel p { margin: 4px 0; }
.mlp-bp .mlp-bp-where { font-weight: 600; }
.mlp-bp .mlp-bp-equation { font-size: 16px; }
.mlp-bp .mlp-bp-number { display: inline-block; min-width: 4.2em; font-weight: 600; }
.mlp-bp .mlp-bp-terms { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: flex-start; margin: 6px 0; }
.mlp-bp figure { margin: 0; text-align: left; }
.mlp-bp figcaption { font-size: 13px; text-align: left; }
.mlp-bp .mlp-bp-shape { color: #555; font-weight: 400; }
.mlp-bp table { margin: 4px 0; border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; color: #222; background: none; }
.mlp-bp .mlp-bp-matrix { border-left: 2px solid #444; border-right: 2px solid #444; margin: 2px 0; }
.mlp-bp .mlp-bp-matrix td { padding: 0 4px; text-align: right; border: 0; }
.mlp-bp caption { caption-side: top; text-align: left; font-weight: 600; font-size: 13px; color: #222; padding: 4px 0; }
.mlp-bp .mlp-bp-shapes th, .mlp-bp .mlp-bp-shapes td, .mlp-bp .mlp-bp-table th, .mlp-bp .mlp-bp-table td,
.mlp-bp .mlp-bp-numbers th, .mlp-bp .mlp-bp-numbers td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
.mlp-bp .mlp-bp-table .mlp-bp-values { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-word; }
.mlp-bp .mlp-bp-current, .mlp-bp .mlp-bp-best { background: #fff3c4; }
.mlp-bp .mlp-bp-scroll { overflow-x: auto; max-width: 100%; }
.mlp-bp .mlp-bp-check-head { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
.mlp-bp .mlp-bp-check-head .mlp-title { font-size: 14px; }
.mlp-bp [hidden] { display: none !important; }
`;

function addCss() {
  if (document.getElementById("mlp-bp-css")) return;
  const style = document.createElement("style");
  style.id = "mlp-bp-css";
  style.textContent = CSS;
  document.head.append(style);
}

const ACTIVATION_NAMES = { relu: "ReLU", sigmoid: "sigmoid", tanh: "tanh", identity: "identity" };

export default {
  render({ model, el: host }) {
    addCss();
    const { root, controls, buttons, panels, message, notice, readout } = explorerFrame(host, {
      label: "Backpropagation explorer: the chapter's network, one equation at a time, and a check by central differences",
      panelAspects: [0.8, 0.5],
    });
    root.classList.add("mlp-bp");
    root.dataset.stepMs = STEP_MS; // play is paced for reading, not an animation (benchmarks/bench_explorers.py)
    const [diagram, plot] = panels;
    pickOnClick(diagram, (name) => { // an edge or a bias of the network shown
      if (paramNames(p.run.net.sizes).includes(name)) { model.set("param", name); model.save_changes(); }
    });
    const settings = model.get("settings");
    const sizesOf = (r) => model.get("nets")[`${r},${settings.activation.default}`].sizes;
    const runSettings = () => ({ r: model.get("r"), activation: model.get("activation"), n: model.get("n") });
    const p = player({
      model, buttons, redraw: () => redraw(), eager: true, runMs: (run) => run.nIter * STEP_MS,
      controls: ["back", "play", "pause", "step", "end", "reset"],
      settings: runSettings,
      newRun: (s) => new Walk({ net: model.get("nets")[`${s.r},${s.activation}`], X: model.get("X").slice(0, s.n),
        y: model.get("y").slice(0, s.n) }),
    });

    // the controls, from the one declaration of the settings (mlp_lib/widgets/backprop.py: SETTINGS)
    const stepSlider = slider(model, "t", { label: "step t", min: 0, max: p.run.nIter, step: 1,
      format: (t) => `${t} of ${p.run ? p.run.nIter : "?"}` });
    const exampleSlider = slider(model, "example", { label: settings.example.label, min: settings.example.range[0],
      max: settings.example.range[1], step: 1 });
    controls.append(
      choice(model, "r", settings.r.label, settings.r.choices.map((r) => [`[${sizesOf(r).join(", ")}]`, r])).element,
      choice(model, "activation", settings.activation.label,
        settings.activation.choices.map((a) => [ACTIVATION_NAMES[a] || a, a])).element,
      choice(model, "n", settings.n.label, settings.n.choices.map((n) => [n === 1 ? "one" : `a batch of ${n}`, n])).element,
      choice(model, "examples_as", settings.examples_as.label, [["rows (mlp_lib)", "rows"], ["columns (the notes)", "columns"]]).element,
      choice(model, "view", settings.view.label, [["diagram", "diagram"], ["table", "table"]]).element,
      stepSlider.element, exampleSlider.element,
    );

    // the panels: the step (HTML), the diagram or the table, and "check it"
    const stepBox = el("div", { class: "mlp-panel mlp-bp-step" });
    const diagramPanel = diagram.node().parentNode;
    const tableBox = el("div", { class: "mlp-panel mlp-bp-scroll mlp-bp-every", tabindex: 0, role: "region", "data-lm-suppress-shortcuts": "true",
      "aria-label": "every number so far" });
    diagramPanel.before(stepBox);
    diagramPanel.after(tableBox);
    const checkPanel = plot.node().parentNode;
    checkPanel.classList.add("mlp-bp-check");
    const checkWordsBox = el("p", { class: "mlp-bp-check-words" });
    const checkTableBox = el("div", { class: "mlp-bp-scroll", tabindex: 0, role: "region", "data-lm-suppress-shortcuts": "true",
      "aria-label": "central differences, one row per ε" });
    let paramSelect = null;
    const checkHead = el("div", { class: "mlp-bp-check-head" }, el("p", { class: "mlp-title" },
      "Check it: backpropagation against central differences (J(θ + ε) − J(θ − ε)) / 2ε"));
    checkPanel.prepend(checkHead, checkWordsBox);
    checkPanel.append(checkTableBox);
    /** The menu of parameters: made once, its options those of the network shown. */
    const makeParamSelect = () => {
      const names = paramNames(p.run.net.sizes);
      if (!paramSelect) {
        paramSelect = select(model, "param", settings.param.label, names.map((name) => [name, name]));
        checkHead.append(paramSelect.element);
      } else if (paramSelect.input.options.length !== names.length) {
        paramSelect.input.replaceChildren(...names.map((name) => new Option(name, name)));
        paramSelect.sync();
      }
    };

    let checked = null; // {run, param, result}: "check it" for the current network and parameter
    let checkDrawn = null; // [result, width, colors] of the "check it" panel on the page
    const checkNow = () => {
      const run = p.run, param = model.get("param");
      if (!checked || checked.run !== run || checked.param !== param) {
        checked = { run, param, result: checkParam(run.net, run.X, run.y, run.values, param, model.get("epsilons")) };
      }
      return checked.result;
    };

    // The panels' drawing width, read when the explorer is laid out or resized, never in a redraw
    // (a read after the page changed costs a whole layout).
    const measure = () => Math.max(280, Math.round(checkPanel.clientWidth || 480) - 16);
    let panelWidth = measure();
    let holding = false; // while a setting changes: one redraw, at the end

    function redraw() {
      if (holding) return;
      const run = p.run;
      const r = run.net.r, n = run.X.length;
      const ctx = { r, n, layout: model.get("examples_as"), sizes: run.net.sizes, digits: panelWidth < 540 ? 3 : 4 };
      const data = { net: run.net, v: run.values, y: run.y };
      const step = run.steps[run.t];
      const eq = equationOf(step, ctx);
      const example = Math.min(model.get("example"), n) - 1;
      const view = model.get("view");
      const colors = model.get("colors");

      stepSlider.input.max = run.nIter;
      if (model.get("t") !== run.t) { model.set("t", run.t); model.save_changes(); } // play: the slider and Python follow each step
      stepSlider.sync();
      exampleSlider.input.disabled = n === 1;
      stepPanel(stepBox, step, run.t, run.nIter, ctx, data);
      readout.textContent = stepSentence(step, run.t, run.nIter, ctx, data);

      diagramPanel.hidden = view !== "diagram";
      tableBox.hidden = view !== "table";
      if (view === "diagram") {
        drawDiagram(diagram, panelWidth, { sizes: run.net.sizes, net: run.net, v: run.values, y: run.y, example,
          shown: (q, k) => run.shown(q, k), roles: rolesOf(eq), param: model.get("param") });
        diagram.attr("aria-label", `The network [${run.net.sizes.join(", ")}] with ${ACTIVATION_NAMES[run.net.activation]} ` +
          `units, example ${example + 1} of ${n}, at step ${run.t} of ${run.nIter}: ${quantityName(eq.result, ctx)} ` +
          "is highlighted with the terms it comes from; each node lists its values so far (the table view lists them all).");
      } else {
        diagram.selectAll("*").remove(); // nothing hidden to click
        tableBox.replaceChildren(everyNumberTable(run.steps, run.t, ctx, data));
      }

      makeParamSelect();
      const c = checkNow();
      const checkKey = [c, panelWidth, colors];
      if (!checkDrawn || checkKey.some((v, i) => v !== checkDrawn[i])) { // a step leaves "check it" as it is
        checkWordsBox.textContent = checkWords(c, c.param);
        drawCheck(plot, panelWidth, c, colors);
        plot.attr("aria-label", `The error of the central difference for ${c.param} against ε from 10⁻¹ to 10⁻¹³ ` +
          `on log scales: smallest at ε = ${c.epsilons[c.best]}.`);
        checkTableBox.replaceChildren(checkTable(c, c.param));
        checkDrawn = checkKey;
      }

      message.textContent = messageText(run, step, example);
      root.dataset.values = JSON.stringify({
        r, activation: run.net.activation, n, examples_as: ctx.layout, view, example: example + 1, t: run.t, T: run.nIter,
        sizes: run.net.sizes, steps: run.steps, J: run.values.J, param: c.param,
        check: { backprop: c.backprop, central: c.central, errors: c.errors, best: c.best },
        playing: p.playing,
      });
    }

    /** Edge states in words: ReLU units that pass no gradient back at this step. */
    function messageText(run, step, i) {
      if (run.net.activation !== "relu" || step.kind !== "dz" || step.k === run.net.r) return "";
      const z = run.values.Z[step.k][i];
      const flat = z.map((v, j) => (v > 0 ? null : j + 1)).filter((j) => j !== null);
      if (!flat.length) return "";
      const units = flat.length === 1 ? `unit ${flat[0]}` : `units ${flat.join(", ")}`;
      return `ReLU′ = 0 for ${units} of layer ${step.k} (z ≤ 0 for example ${i + 1}): δ is 0 there, so no gradient ` +
        "reaches the weights into them from this example.";
    }

    // A change of network or examples: the same step t of the new walk (clipped to its steps).
    const settingChanged = () => {
      const t = p.run.t;
      holding = true;
      if (!paramNames(sizesOf(model.get("r"))).includes(model.get("param"))) {
        model.set("param", settings.param.default);
        model.save_changes();
      }
      p.discard();
      holding = false;
      p.trainTo(Math.min(t, p.run.nIter));
    };
    const tChanged = () => { if (model.get("t") !== p.run.t) p.trainTo(model.get("t")); };
    const watched = [
      ...["r", "activation", "n"].map((name) => [`change:${name}`, settingChanged]),
      ...["examples_as", "view", "example", "param", "colors"].map((name) => [`change:${name}`, () => redraw()]),
      ["change:t", tChanged],
    ];
    for (const [event, cb] of watched) model.on(event, cb);
    const unobserve = onResize(root, () => { panelWidth = measure(); redraw(); });
    p.trainTo(model.get("t"));
    // The view in the page's address (ui/state.js): every setting, then the step t.
    const link = linkState({ model, id: "backprop", version: 1, root, notice, buttons, fields: linkFields(model, p) });
    return () => {
      p.destroy();
      link.destroy();
      unobserve();
      for (const [event, cb] of watched) model.off(event, cb);
    };
  },
};

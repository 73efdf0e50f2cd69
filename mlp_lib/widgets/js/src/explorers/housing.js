// Explorer of the chapter "Stacking neurons": the housing network of eq. (2.3), Figure 2.
// Twelve sliders set theta_1..theta_12 and one picks a house. Left: Figure 2 with the chosen
// house's value at every node and, under each hidden unit, the share of houses for which
// it is 0; hover or focus a node or an edge to read it. Right: h_theta(x) against the true
// price y for every house, with J(theta) (1.2). Where each theta_n sits in the network
// (theta_edges, theta_biases), the data and the colours come from mlp_lib as traitlets. The
// twelve theta and the house are in the page's address (ui/state.js).
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLinear, scalePoint } from "d3-scale";
import { select as d3select } from "d3-selection";
import { MLP } from "../core/mlp.js";
import { meanSquaredCost } from "../core/losses.js";
import { button, ownKeys, slider } from "../ui/controls.js";
import { explorerFrame, fmt, onResize, panelSize } from "../ui/figure.js";
import { LinkError, exactly, linkState, numberSetting, repr, toNumber, g } from "../ui/state.js";

// ------------------------------------------------------------------ the mathematics

/**
 * The network of eq. (2.3) for theta (theta[0] is theta_1): `blank` is mlp_lib's
 * housing_net at theta = 0 (mlp_to_page form: sizes, activation, the zeros of the missing
 * edges), and theta_n goes where mlp_lib puts it: [k, j, i, n] in W[k][j][i], [k, j, n] in b[k][j].
 */
export function housingNet(blank, theta, edges, biases) {
  const W = blank.W.map((Wk) => Wk.map((row) => row.slice()));
  const b = blank.b.map((bk) => bk.slice());
  for (const [k, j, i, n] of edges) W[k - 1][j][i] = theta[n - 1];
  for (const [k, j, n] of biases) b[k - 1][j] = theta[n - 1];
  return MLP.fromJSON({ sizes: blank.sizes, activation: blank.activation, W, b });
}

/**
 * What the explorer shows for one network over all houses: z and a = (a_1, a_2, a_3) of
 * every house, the predictions h, the cost J and, per hidden unit, the share of houses
 * where it is exactly 0.
 */
export function housingState(net, X, y) {
  const { Z, A } = net.layers(X); // (2.3): a_j = ReLU(z_j), h = theta_9 a_1 + ... + theta_12
  const h = A[net.r].map((row) => row[0]);
  const J = meanSquaredCost(h, y); // (1.2)
  const off = A[1][0].map((_, j) => A[1].filter((a) => a[j] === 0).length / X.length);
  return { z: Z[1], a: A[1], h, J, off };
}

// ------------------------------------------------------------------ the link

/**
 * The settings a link holds: theta, as "1,0.5,-1,...", checked as HousingExplorer's traitlet
 * is (12 finite numbers, each in theta_range: the same words), then the house (in_range).
 */
export function settingFields(model) {
  const n = model.get("X").length;
  const theta = {
    name: "theta", read: () => model.get("theta"), format: (t) => t.map(exactly).join(","),
    write: (t) => { model.set("theta", t); model.save_changes(); },
    parse: (text) => {
      const t = text.split(",").map(toNumber);
      if (t.length !== 12 || !t.every(Number.isFinite)) { // finite_numbers of _explorer.py, and its repr(value)
        throw new LinkError(`theta (theta_1..theta_12) must be a list of 12 finite numbers, got ${`[${t.map(repr).join(", ")}]`.slice(0, 80)}.`);
      }
      const [low, high] = model.get("theta_range");
      const outside = t.findIndex((v) => !(low <= v && v <= high));
      if (outside >= 0) {
        throw new LinkError(`theta must hold 12 numbers from ${g(low)} to ${g(high)} (the sliders' range), ` +
          `got theta_${outside + 1} = ${g(t[outside])}.`);
      }
      return t;
    },
  };
  return [theta, numberSetting(model, "house", "house (a row of X)", () => [0, n - 1], { integer: true })];
}

// ------------------------------------------------------------------ look

const CSS = `
.mlp-housing .mlp-panel { position: relative; }
.mlp-housing .mlp-theta-groups { display: flex; flex-wrap: wrap; gap: 8px 12px; flex: 1 1 100%; }
.mlp-housing fieldset { flex: 1 1 250px; min-width: 0; margin: 0; padding: 2px 10px 4px;
  border: 1px solid var(--mlp-grid); border-radius: 6px;
  display: grid; grid-template-columns: max-content minmax(70px, 1fr) 2.6em; gap: 0 8px; align-items: center; align-content: start; }
.mlp-housing legend { font-weight: 600; padding: 0 4px; }
.mlp-housing fieldset .mlp-control { display: contents; }
.mlp-housing fieldset .mlp-control output { min-width: 0; text-align: right; }
.mlp-housing .mlp-house { flex: 1 1 100%; max-width: 560px; }
.mlp-explorer.mlp-housing .mlp-item[tabindex]:focus-visible { outline: none; }
.mlp-housing .mlp-item:focus-visible .mlp-ring, .mlp-housing .mlp-item:hover .mlp-ring { stroke: #1a73e8; opacity: 0.6; }
.mlp-housing .mlp-node .mlp-ring { stroke-width: 3; }
.mlp-housing .mlp-ring { fill: none; stroke: none; opacity: 0; }
.mlp-housing .mlp-hit { stroke: transparent; fill: none; }
.mlp-housing .mlp-label-box { fill: var(--mlp-bg); fill-opacity: 0.9; }
.mlp-housing .mlp-halo { paint-order: stroke; stroke: var(--mlp-bg); stroke-width: 4px; stroke-linejoin: round; }
.mlp-housing .mlp-tip { position: absolute; z-index: 5; pointer-events: none; max-width: min(300px, 90%);
  background: var(--mlp-bg); color: var(--mlp-ink); border: 1px solid var(--mlp-muted); border-radius: 4px;
  padding: 4px 8px; box-shadow: 0 2px 6px rgba(0,0,0,.2); font-size: 12px; }
.mlp-housing .mlp-tip[hidden] { display: none; }
`;

const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).replace(/\d/g, (d) => SUBSCRIPTS[d]);
const thetaName = (n) => `θ${sub(n)}`;
/** The symbol of unit j of layer k: x₁.., a₁.., h. */
const unitName = (k, j) => (k === 2 ? "h" : `${k === 0 ? "x" : "a"}${sub(j + 1)}`);
/** Long names ("zip code (centrality 0-1)") as two lines, split before the parenthesis. */
const twoLines = (name) => { const i = name.indexOf(" ("); return i < 0 ? [name] : [name.slice(0, i), name.slice(i + 1)]; };
/** A theta as its slider shows it: one decimal (1.0, -0.5), more only when it has more. */
const thetaText = (v) => (Number.isFinite(v) && Math.abs(v) < 1e6 && Math.round(v * 10) === v * 10 ? v.toFixed(1) : fmt(v, 3));
const percent = (share) => `${Math.round(100 * share)}%`;
/** Write `text` into an SVG text selection, each "hθ" as the notes' h with a subscript θ. */
function svgText(sel, text) {
  sel.text(null);
  text.split("hθ").forEach((part, i) => {
    if (i > 0) {
      sel.append("tspan").text("h");
      sel.append("tspan").attr("baseline-shift", "sub").attr("font-size", 11).text("θ");
    }
    if (part) sel.append("tspan").text(part);
  });
}

/** The same for an HTML element (a <sub>θ</sub> after each h). */
function htmlText(element, text) {
  element.replaceChildren(...text.split("hθ").flatMap((part, i) => {
    const sub = document.createElement("sub");
    sub.textContent = "θ";
    return i > 0 ? ["h", sub, part] : [part];
  }));
}

/** Predictions farther than this from 0 are not drawn (only far outside the sliders' range). */
const DRAWABLE = 1e9;

// ------------------------------------------------------------------ the explorer

export default {
  render({ model, el }) {
    const { root, controls, buttons, panels, message, notice, readout } = explorerFrame(el, {
      label: "Explorer of the housing network, eq. (2.3): twelve parameters and one house",
      panelAspects: [1.15, 0.85],
    });
    root.classList.add("mlp-housing");
    const css = document.createElement("style"); // this explorer's own rules, scoped by .mlp-housing
    css.textContent = CSS;
    root.prepend(css);
    const [diagramSvg, fitSvg] = panels;
    // the diagram holds focusable nodes and edges: a group (an img's children are hidden)
    diagramSvg.attr("role", "group");
    const listeners = [];
    const listen = (event, callback) => { model.on(event, callback); listeners.push([event, callback]); };
    // the model as the controls see it: their listeners are removed with ours at cleanup
    const tracked = { get: (name) => model.get(name), set: (name, v) => model.set(name, v),
      save_changes: () => model.save_changes(), on: listen };

    // --- controls: the house, then theta_1..theta_12 grouped by the unit they feed
    const houseSlider = slider(tracked, "house", {
      label: "house #", min: 0, max: model.get("X").length - 1, step: 1, format: (v) => String(v),
    });
    houseSlider.element.classList.add("mlp-house");
    controls.append(houseSlider.element);
    const groups = document.createElement("div");
    groups.className = "mlp-theta-groups";
    controls.append(groups);
    const [lo, hi] = model.get("theta_range");
    const labels = model.get("theta_labels");
    for (const { legend, thetas } of model.get("theta_groups")) {
      const fieldset = document.createElement("fieldset");
      const caption = document.createElement("legend");
      caption.textContent = legend;
      fieldset.append(caption);
      for (const n of thetas) {
        // theta_n alone, as slider() expects a traitlet of one number
        const entry = {
          ...tracked,
          get: () => model.get("theta")[n - 1],
          set: (_, v) => { const t = model.get("theta").slice(); t[n - 1] = v; model.set("theta", t); },
          on: (_, callback) => listen("change:theta", callback),
        };
        const s = slider(entry, `theta${n}`, { label: labels[n - 1], min: lo, max: hi, step: 0.1, format: thetaText });
        fieldset.append(s.element);
      }
      groups.append(fieldset);
    }
    const reset = button("reset to the θ that made the data", () => {
      model.set("theta", model.get("theta_data").slice());
      model.save_changes();
    });
    reset.dataset.action = "reset"; // an instructor's link may hide it (hide=reset)
    buttons.append(reset);

    // --- the tooltip of the diagram (hover or focus a node or an edge)
    const tip = document.createElement("div");
    tip.className = "mlp-tip";
    tip.setAttribute("role", "tooltip");
    tip.id = `mlp-housing-tip-${Math.random().toString(36).slice(2)}`;
    tip.hidden = true;
    diagramSvg.node().parentNode.append(tip);
    let tipFor = null; // the item whose tooltip shows: {element, text()}
    function placeTip() {
      if (!tipFor) return;
      tip.textContent = tipFor.item.tip();
      tip.hidden = false;
      const box = tipFor.element.getBoundingClientRect();
      const panel = tip.parentNode.getBoundingClientRect();
      const width = tip.offsetWidth;
      const left = Math.min(Math.max(0, box.left + box.width / 2 - panel.left - width / 2), panel.width - width);
      const below = box.bottom - panel.top + 6;
      const top = below + tip.offsetHeight > panel.height ? box.top - panel.top - tip.offsetHeight - 6 : below;
      tip.style.left = `${Math.round(left)}px`;
      tip.style.top = `${Math.round(Math.max(0, top))}px`;
    }
    function showTip(element, item) { tipFor = { element, item }; element.setAttribute("aria-describedby", tip.id); placeTip(); }
    function hideTip() { tipFor = null; tip.hidden = true; }
    const onKey = (event) => { if (event.key === "Escape") hideTip(); };
    root.addEventListener("keydown", onKey);

    // --- what is shown: recomputed from the traitlets at every redraw
    let s = null;
    function compute() {
      const X = model.get("X"), y = model.get("y"), theta = model.get("theta");
      const n = X.length;
      const house = Math.min(Math.max(0, Math.round(Number(model.get("house"))) || 0), n - 1);
      const net = housingNet(model.get("blank_net"), theta, model.get("theta_edges"), model.get("theta_biases"));
      return { X, y, theta, n, house, net, ...housingState(net, X, y) };
    }

    const features = model.get("features"), hidden = model.get("hidden");
    const edgesOf = model.get("theta_edges"), biasesOf = model.get("theta_biases");
    const biasOf = (k, j) => biasesOf.find(([kk, jj]) => kk === k && jj === j)[2];
    const fullName = (k, j) => (k === 0 ? `${unitName(0, j)} (${features[j]})`
      : k === 1 ? `${unitName(1, j)} (${hidden[j]})` : "h (the predicted price)");
    const thetaValue = (n) => `${thetaName(n)} = ${thetaText(s.theta[n - 1])}`;
    /** theta_1 x_1 + theta_2 x_2 + theta_3: the sum unit j of layer k forms (2.3). */
    const sumOf = (k, j) => edgesOf.filter(([kk, jj]) => kk === k && jj === j)
      .map(([, , i, n]) => `${thetaName(n)}${unitName(k - 1, i)}`).concat(thetaName(biasOf(k, j))).join(" + ");
    const unitValue = (k, j) => (k === 0 ? s.X[s.house][j] : k === 1 ? s.a[s.house][j] : s.h[s.house]);

    // the diagram's items in reading (and Tab) order: inputs, their edges, hidden units, theirs, h
    const sizes = model.get("blank_net").sizes;
    const items = [];
    for (let k = 0; k < sizes.length; k++) {
      if (k > 0) {
        for (const [kk, j, i, n] of edgesOf) if (kk === k) items.push({ kind: "edge", key: `e${n}`, k, j, i, n });
      }
      for (let j = 0; j < sizes[k]; j++) items.push({ kind: "node", key: `n${k}-${j}`, k, j });
    }
    for (const item of items) {
      const { k, j, i, n } = item;
      if (item.kind === "edge") {
        item.tip = () => `${thetaValue(n)}: the weight from ${fullName(k - 1, i)} to ${fullName(k, j)}; `
          + `for house #${s.house} it adds ${thetaName(n)}${unitName(k - 1, i)} = ${fmt(s.theta[n - 1] * unitValue(k - 1, i))} to the sum of ${unitName(k, j)}.`;
      } else if (k === 0) {
        item.tip = () => `${fullName(0, j)} = ${fmt(unitValue(0, j))} for house #${s.house}.`;
      } else if (k === 1) {
        item.tip = () => `${fullName(1, j)} = ReLU(${sumOf(1, j)}) = ReLU(${fmt(s.z[s.house][j])}) = ${fmt(unitValue(1, j))} `
          + `for house #${s.house}${unitValue(1, j) === 0 ? " (off)" : ""}; it is 0 for ${percent(s.off[j])} of the ${s.n} houses. `
          + `Bias ${thetaValue(biasOf(1, j))}.`;
      } else {
        item.tip = () => `h_θ(x) = ${sumOf(2, 0)} = ${fmt(unitValue(2, 0))} for house #${s.house} `
          + `(true price y = ${fmt(s.y[s.house])}). Bias ${thetaValue(biasOf(2, 0))}.`;
      }
    }

    const ink = "var(--mlp-ink)", muted = "var(--mlp-muted)";
    const style = model.get("edge_style");
    const edgeColor = (w) => (w > 0 ? style.positive : w < 0 ? style.negative : style.neutral);
    const edgeWidth = (w) => { const [w0, w1] = style.widths; return w0 + (w1 - w0) * Math.min(Math.abs(w) / style.scale, 1) || w0; };
    const faces = { 0: "#dfe7f3", 1: "#e6e1f0", 2: "#f8e2d3" };

    const diagram = diagramSvg.append("g");
    const title = diagramSvg.append("text").attr("class", "mlp-title").attr("text-anchor", "middle");
    const itemSel = diagram.selectAll("g.mlp-item").data(items, (d) => d.key).join((enter) => {
      const g = enter.append("g").attr("class", (d) => `mlp-item mlp-${d.kind}`).attr("tabindex", 0).attr("role", "img");
      g.each(function () { ownKeys(this); });
      g.filter((d) => d.kind === "edge").call((e) => {
        e.append("line").attr("class", "mlp-ring");
        e.append("line").attr("class", "mlp-wire").attr("stroke-linecap", "round");
        e.append("line").attr("class", "mlp-hit").attr("stroke-width", 16);
        e.append("rect").attr("class", "mlp-label-box").attr("rx", 3);
        e.append("text").attr("class", "mlp-edge-label").attr("text-anchor", "middle").attr("dy", "0.35em");
      });
      g.filter((d) => d.kind === "node").call((nd) => {
        nd.append("circle").attr("class", "mlp-ring");
        nd.append("circle").attr("class", "mlp-disc").attr("stroke-width", 1.2);
        nd.append("text").attr("class", "mlp-symbol").attr("text-anchor", "middle").attr("dy", "0.35em");
        nd.append("text").attr("class", "mlp-name mlp-halo");
        nd.append("text").attr("class", "mlp-below mlp-halo").attr("text-anchor", "middle");
      });
      g.on("mouseenter focus", (event, d) => showTip(event.currentTarget, d))
        .on("mouseleave blur", hideTip);
      return g;
    });

    function drawDiagram() {
      const { width, height } = panelSize(diagramSvg);
      const narrow = width < 520;
      const left = narrow ? 100 : 150; // room for the input names
      const R = Math.max(11, Math.min(17, height / 26));
      const x = scaleLinear().domain([0, sizes.length - 1]).range([left + R, width - (narrow ? 48 : 70)]);
      const top = 40;
      const rows = sizes.map((m, k) => scalePoint().domain([...Array(m).keys()])
        .range(k === 0 ? [top, height - 16] : [top + 16, height - 44]).padding(0.5));
      const at = (k, j) => [x(k), rows[k](j)];
      // the long title where it fits (about 7 px a character at 13 px), the short one elsewhere
      const long = `house #${s.house} (true price y = ${fmt(s.y[s.house])}) through the network`;
      title.attr("x", width / 2).attr("y", 16)
        .text(long.length * 7 < width ? long : `house #${s.house}, true price y = ${fmt(s.y[s.house])}`);

      itemSel.filter((d) => d.kind === "edge").each(function (d) {
        const [x0, y0] = at(d.k - 1, d.i), [x1, y1] = at(d.k, d.j);
        const length = Math.hypot(x1 - x0, y1 - y0), ux = (x1 - x0) / length, uy = (y1 - y0) / length;
        const ends = { x1: x0 + ux * R, y1: y0 + uy * R, x2: x1 - ux * R, y2: y1 - uy * R };
        const w = s.theta[d.n - 1];
        const g = d3select(this).attr("aria-label", d.tip());
        g.selectAll("line").attr("x1", ends.x1).attr("y1", ends.y1).attr("x2", ends.x2).attr("y2", ends.y2);
        g.select(".mlp-ring").attr("stroke-width", edgeWidth(w) + 8);
        g.select(".mlp-wire").attr("stroke", edgeColor(w)).attr("stroke-width", edgeWidth(w)).attr("stroke-opacity", 0.9);
        const t = d.k === 1 ? (narrow ? 0.3 : 0.4) : 0.45; // clear of the texts around the hidden units
        g.select("text").attr("x", x0 + t * (x1 - x0)).attr("y", y0 + t * (y1 - y0))
          .attr("font-size", 12).attr("fill", ink)
          .text(narrow ? thetaName(d.n) : thetaValue(d.n));
      });
      // each edge label's own background, so the edge does not cross it (all read, then all set: one layout)
      const edgeSel = itemSel.filter((d) => d.kind === "edge");
      const boxes = edgeSel.nodes().map((g) => g.querySelector("text").getBBox());
      edgeSel.select("rect").each(function (_, i) {
        const box = boxes[i];
        d3select(this).attr("x", box.x - 2).attr("y", box.y).attr("width", box.width + 4).attr("height", box.height);
      });

      itemSel.filter((d) => d.kind === "node").each(function (d) {
        const { k, j } = d;
        const [cx, cy] = at(k, j);
        const v = unitValue(k, j);
        const off = k === 1 && v === 0;
        const g = d3select(this).attr("transform", `translate(${cx},${cy})`).attr("aria-label", d.tip());
        g.select(".mlp-ring").attr("r", R + 3);
        g.select(".mlp-disc").attr("r", R).attr("fill", off ? "#f2f2f2" : faces[k]).attr("stroke", off ? "#bbbbbb" : "#444444");
        g.select(".mlp-symbol").attr("font-size", Math.round(R * 0.9)).attr("fill", off ? "#999999" : "#222222").text(unitName(k, j));
        const name = g.select(".mlp-name").attr("font-size", 12);
        const below = g.select(".mlp-below").attr("font-size", 12);
        let lines = [`= ${fmt(v)}`];
        if (k === 0) {
          // the input's name at the left, on two lines when long
          const parts = twoLines(features[j]);
          name.attr("text-anchor", "end").attr("fill", ink).attr("font-weight", null)
            .selectAll("tspan").data(parts).join("tspan")
            .attr("x", -R - 6).attr("dy", (_, i) => (i === 0 ? `${0.35 - 0.6 * (parts.length - 1)}em` : "1.2em"))
            .attr("font-size", (_, i) => (i === 0 ? 12 : 11)).attr("fill", (_, i) => (i === 0 ? ink : muted)).text((p) => p);
        } else {
          name.attr("text-anchor", "middle").attr("fill", k === 1 ? model.get("colors").hidden : ink)
            .attr("font-weight", k === 1 ? 600 : null)
            .selectAll("tspan").data([k === 1 ? hidden[j] : "price"]).join("tspan")
            .attr("x", 0).attr("dy", null).attr("y", -R - 6).attr("font-size", 12).attr("fill", null).text((p) => p);
          lines = k === 1
            ? [`= ${fmt(v)}${off ? " (off)" : ""}`, `off for ${percent(s.off[j])}`, `bias ${thetaValue(biasOf(1, j))}`]
            : [`= ${fmt(v)}`, `bias ${thetaValue(biasOf(2, 0))}`];
          if (narrow) lines = lines.slice(0, k === 1 ? 2 : 1); // the biases: in the sliders and the tooltips
        }
        below.selectAll("tspan").data(lines).join("tspan")
          .attr("x", 0).attr("y", (_, i) => R + 14 + 13.5 * i)
          .attr("fill", (_, i) => (i === 0 ? ink : muted)).text((line) => line);
      });

      const a = s.a[s.house];
      const offNotes = s.off.map((share, j) => `${unitName(1, j)} off for ${percent(share)} of the houses`).join(", ");
      diagramSvg.attr("aria-label", `Figure 2 for house #${s.house}: inputs x = (${s.X[s.house].map((v) => fmt(v)).join(", ")}), `
        + `hidden units a = (${a.map((v) => fmt(v)).join(", ")}), prediction h = ${fmt(s.h[s.house])}, `
        + `true price y = ${fmt(s.y[s.house])}; ${offNotes}. Tab to a node or an edge to read it.`);
    }

    // --- the right panel: h_theta(x) against y for every house
    const fit = fitSvg.append("g");
    const xAxis = fit.append("g"), yAxis = fit.append("g");
    const diagonal = fit.append("line").attr("stroke-dasharray", "5 4").attr("stroke-width", 1.2);
    const dots = fit.append("g");
    const chosen = fit.append("circle").attr("fill", "none").attr("stroke-width", 2.2);
    const fitTitle = fitSvg.append("text").attr("class", "mlp-title").attr("text-anchor", "middle");
    const xLabel = fitSvg.append("text").attr("text-anchor", "middle").text("true price y ($100k)");
    const yLabel = fitSvg.append("text").attr("text-anchor", "middle").call(svgText, "prediction hθ(x)");
    const legend = fitSvg.append("g").attr("font-size", 12);

    function drawFit() {
      const { width, height } = panelSize(fitSvg);
      const colors = model.get("colors");
      const m = { top: 30, right: 14, bottom: 44, left: 54 };
      const shown = s.h.map((h, i) => i).filter((i) => Math.abs(s.h[i]) <= DRAWABLE);
      let lo = Math.min(...s.y, ...shown.map((i) => s.h[i]));
      let hi = Math.max(...s.y, ...shown.map((i) => s.h[i]));
      if (!(hi > lo)) { lo -= 1; hi += 1; }
      const pad = 0.05 * (hi - lo);
      const sx = scaleLinear().domain([lo - pad, hi + pad]).range([m.left, width - m.right]);
      const sy = scaleLinear().domain([lo - pad, hi + pad]).range([height - m.bottom, m.top]);
      xAxis.attr("transform", `translate(0,${height - m.bottom})`).call(axisBottom(sx).ticks(Math.max(3, width / 80)));
      yAxis.attr("transform", `translate(${m.left},0)`).call(axisLeft(sy).ticks(Math.max(3, height / 60)));
      diagonal.attr("x1", sx(lo - pad)).attr("y1", sy(lo - pad)).attr("x2", sx(hi + pad)).attr("y2", sy(hi + pad))
        .attr("stroke", colors.truth);
      const r = width < 520 ? 2.6 : 3.2;
      dots.selectAll("circle").data(shown).join("circle")
        .attr("cx", (i) => sx(s.y[i])).attr("cy", (i) => sy(s.h[i])).attr("r", r)
        .attr("fill", colors.data).attr("fill-opacity", 0.55);
      const chosenShown = shown.includes(s.house);
      chosen.attr("display", chosenShown ? null : "none").attr("stroke", colors.model).attr("r", 7)
        .attr("cx", chosenShown ? sx(s.y[s.house]) : 0).attr("cy", chosenShown ? sy(s.h[s.house]) : 0);
      fitTitle.attr("x", (m.left + width - m.right) / 2).attr("y", 16).text(`J(θ) = ${fmt(s.J, 4)}`);
      xLabel.attr("x", (m.left + width - m.right) / 2).attr("y", height - 8);
      yLabel.attr("transform", `translate(14,${(m.top + height - m.bottom) / 2}) rotate(-90)`);
      const entries = [
        { text: "houses", draw: (g) => g.append("circle").attr("r", 3.2).attr("fill", colors.data).attr("fill-opacity", 0.55) },
        { text: `house #${s.house}`, draw: (g) => g.append("circle").attr("r", 6).attr("fill", "none").attr("stroke", colors.model).attr("stroke-width", 2.2) },
        { text: "hθ(x) = y", draw: (g) => g.append("line").attr("x1", -9).attr("x2", 9).attr("stroke", colors.truth).attr("stroke-dasharray", "5 4").attr("stroke-width", 1.2) },
      ];
      legend.attr("transform", `translate(${m.left + 16},${m.top + 12})`).selectAll("g").data(entries).join((enter) => enter.append("g").each(function (d) {
        d.draw(d3select(this));
        d3select(this).append("text").attr("class", "mlp-halo").attr("x", 14).attr("dy", "0.35em");
      })).attr("transform", (_, i) => `translate(0,${18 * i})`).select("text").each(function (d) { svgText(d3select(this), d.text); });
      fitSvg.attr("aria-label", `Predicted price h against true price y for ${s.n} houses, with the diagonal h = y; `
        + `J(θ) = ${fmt(s.J, 4)}; house #${s.house}: h = ${fmt(s.h[s.house])}, y = ${fmt(s.y[s.house])}.`);
    }

    // --- words: the readout and the edge states
    function describe() {
      htmlText(readout, `J(θ) = ${fmt(s.J, 4)} (eq. 1.2) over ${s.n} houses · house #${s.house}: `
        + `hθ(x) = ${fmt(s.h[s.house])}, true price y = ${fmt(s.y[s.house])}`);
      const notes = [];
      const dead = s.off.map((share, j) => j).filter((j) => s.off[j] === 1);
      if (dead.length === s.off.length) {
        notes.push(`Every hidden unit is 0 for every house, so every prediction is the bias ${thetaValue(biasOf(2, 0))}.`);
      } else {
        for (const j of dead) {
          const [, , , n] = edgesOf.find(([k, jj, i]) => k === 2 && i === j);
          notes.push(`${fullName(1, j)} is 0 for every house (its ReLU is off everywhere), so ${thetaName(n)} changes no prediction.`);
        }
      }
      const lost = s.h.filter((h) => !(Math.abs(h) <= DRAWABLE)).length;
      if (lost > 0) notes.push(`θ is far outside the sliders' range: ${lost} of the predictions are too large to draw${s.h.some((h) => !Number.isFinite(h)) ? " or to compute" : ""}.`);
      message.textContent = notes.join(" ");
      root.dataset.values = JSON.stringify({
        theta: s.theta, house: s.house, x: s.X[s.house], a: s.a[s.house], h: s.h[s.house], y: s.y[s.house],
        predictions: s.h, off: s.off, J: s.J, W: s.net.W.slice(1), b: s.net.b.slice(1),
      });
    }

    function redraw() {
      s = compute();
      drawDiagram();
      drawFit();
      describe();
      placeTip();
    }
    function relayout() { drawDiagram(); drawFit(); placeTip(); }

    for (const name of ["theta", "house", "X", "y"]) listen(`change:${name}`, redraw);
    // The view in the page's address (ui/state.js): theta and the house.
    const link = linkState({ model, id: "housing", version: 1, root, notice, buttons, fields: settingFields(model) });
    redraw();
    const stopResize = onResize(root, relayout);
    return () => {
      stopResize();
      link.destroy();
      root.removeEventListener("keydown", onKey);
      for (const [event, callback] of listeners) model.off(event, callback);
      root.remove();
    };
  },
};

// The network diagram of the backpropagation explorer: one column of nodes per layer, the
// edges W[k] between them, and in every node the values computed so far for one example
// (b, z, a on the way forward; ∂J/∂a, δ, ∂J/∂b on the way back; y and J beside the output).
// The step's result and terms are highlighted; a click on an edge or a bias picks that
// parameter for "check it".
import { fmt } from "../../ui/figure.js";

/** Highlight colours (Okabe-Ito vermillion and blue; dark enough for text on white). */
export const ROLE_COLORS = { result: "#c23b00", term: "#0a66a8" };
const LINE = 14; // px between a node's lines
const GAP = 10; // px between nodes of a layer
const TOP = 26; // room for the layers' titles

/** The lines a node of layer k shows (k = 0..r; "J" for the cost node): [label, quantity q]. */
function nodeLines(k, r) {
  if (k === "J") return [["y", "y"], ["J", "J"]];
  if (k === 0) return [["x", "a"], ["∂x", "da"]];
  if (k === r) return [["b", "b"], ["h", "z"], ["δ", "dz"], ["∂b", "db"]];
  return [["b", "b"], ["z", "z"], ["a", "a"], ["∂a", "da"], ["δ", "dz"], ["∂b", "db"]];
}

/** Which node line shows a highlighted quantity: σ'(z) is read at z, h is z of layer r. */
const lineOf = (q) => (q === "sp" || q === "h" ? "z" : q);

/**
 * Draw the diagram into the svg selection (emptied first) at the given pixel width.
 * d: {sizes, net, v (the core's backprop values), y, example (0-based row), shown(q, k) (is the
 * quantity computed by now?), roles (Map "q,k" -> "result" | "term"), param (picked name),
 * onPick(name)}. Returns the drawn height.
 */
export function drawDiagram(svg, width, d) {
  const { sizes, net, v, y, example: i, shown, roles, param } = d;
  const r = sizes.length - 1;
  svg.selectAll("*").remove();
  const nodeW = Math.max(70, Math.min(92, Math.floor((width - 8) / (r + 1)) - 28)); // room between columns for the edges
  const colX = (k) => 4 + ((width - 8 - nodeW) * k) / r; // left edge of column k
  const height = (k) => nodeLines(k, r).length * LINE + 8;
  const tallest = Math.max(...sizes.map((m, k) => m * height(k) + (m - 1) * GAP), height(r) + GAP + height("J"));
  const total = TOP + tallest + 22;
  svg.attr("height", total).attr("viewBox", `0 0 ${width} ${total}`);

  // where every node sits: {x, y, w, h}
  const box = {};
  sizes.forEach((m, k) => {
    const span = m * height(k) + (m - 1) * GAP + (k === r ? GAP + height("J") : 0);
    let top = TOP + (tallest - span) / 2;
    for (let j = 0; j < m; j++) {
      box[`${k},${j}`] = { x: colX(k), y: top, w: nodeW, h: height(k) };
      top += height(k) + GAP;
    }
    if (k === r) box.J = { x: colX(k), y: top, w: nodeW, h: height("J") };
  });

  // titles
  sizes.forEach((m, k) => {
    const [title, x, anchor] = k === 0 ? ["input x", colX(k), "start"] : k === r ? [`layer ${k}, linear`, colX(k) + nodeW, "end"]
      : [`layer ${k}, σ`, colX(k) + nodeW / 2, "middle"];
    svg.append("text").attr("x", x).attr("y", 14).attr("text-anchor", anchor).attr("class", "mlp-title").text(title);
  });

  // edges W[k][j][i], from node (k-1, i) to (k, j)
  const edges = svg.append("g");
  for (let k = 1; k <= r; k++) {
    const dWknown = shown("dW", k);
    const values = dWknown ? v.gradW[k] : net.W[k];
    const biggest = Math.max(1e-300, ...values.flat().map(Math.abs));
    const role = roles.get(`dW,${k}`) || roles.get(`W,${k}`);
    values.forEach((row, j) => row.forEach((value, l) => {
      const from = box[`${k - 1},${l}`], to = box[`${k},${j}`];
      const x1 = from.x + from.w, y1 = from.y + from.h / 2, x2 = to.x, y2 = to.y + to.h / 2;
      const name = `W[${k}][${j + 1},${l + 1}]`;
      const picked = name === param;
      const g = edges.append("g").attr("class", "mlp-bp-edge").attr("data-param", name);
      g.append("line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2)
        .attr("stroke", role ? ROLE_COLORS[role] : picked ? "#000" : dWknown ? "#555" : "#999")
        .attr("stroke-width", (picked ? 2 : 0.8) + (dWknown ? 4 : 2) * (Math.abs(value) / biggest))
        .attr("stroke-dasharray", picked ? "6 3" : null)
        .attr("opacity", role || picked ? 1 : 0.8);
      g.append("line").attr("class", "mlp-bp-hit").attr("data-param", name).attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2)
        .attr("stroke", "transparent").attr("stroke-width", 12).style("cursor", "pointer")
        .on("click", () => d.onPick(name))
        .append("title").text(`W[${k}] row ${j + 1}, column ${l + 1}: ${fmt(net.W[k][j][l], 4)}` +
          (dWknown ? `, ∂J/∂W = ${fmt(v.gradW[k][j][l], 4)}` : "") + " (click to check it)");
    }));
  }

  // nodes
  const value = (q, k, j) => {
    switch (q) {
      case "a": return v.A[k][i][j];
      case "z": return v.Z[k][i][j];
      case "b": return net.b[k][j];
      case "da": return v.dA[k][i][j];
      case "dz": return v.dZ[k][i][j];
      case "db": return v.gradb[k][j];
      case "y": return y[i];
      case "J": return v.J;
      default: throw new Error(q);
    }
  };
  const nodes = svg.append("g");
  const drawNode = (key, k, j) => {
    const b = box[key];
    const g = nodes.append("g").attr("class", "mlp-bp-node").attr("transform", `translate(${b.x},${b.y})`);
    g.append("rect").attr("width", b.w).attr("height", b.h).attr("rx", 6).attr("fill", "#fff").attr("stroke", "#777");
    const layer = key === "J" ? "J" : k;
    nodeLines(layer, r).forEach(([label, q], line) => {
      const qk = q === "y" || q === "J" ? r : k;
      const y0 = 4 + line * LINE;
      const role = roles.get(`${q},${qk}`) || (q === "z" && (roles.get(`sp,${qk}`) || roles.get(`h,${qk}`))) ||
        (q === "y" && roles.get(`y,${r}`)) || null;
      const name = q === "b" ? `b[${k}][${j + 1}]` : null;
      const picked = name !== null && name === param;
      if (role || picked) {
        g.append("rect").attr("x", 2).attr("y", y0).attr("width", b.w - 4).attr("height", LINE).attr("rx", 3)
          .attr("fill", role ? ROLE_COLORS[role] : "none").attr("fill-opacity", role ? 0.14 : 0)
          .attr("stroke", picked ? "#000" : role ? ROLE_COLORS[role] : "none").attr("stroke-dasharray", picked ? "4 2" : null);
      }
      const known = shown(lineOf(q), qk) || q === "b" || q === "y" || (q === "a" && k === 0);
      const text = g.append("text").attr("y", y0 + LINE - 3).style("font-size", "11px");
      text.append("tspan").attr("x", 5).attr("fill", role ? ROLE_COLORS[role] : "#555").attr("font-weight", role ? 700 : null).text(label);
      text.append("tspan").attr("x", b.w - 5).attr("text-anchor", "end").attr("font-weight", role ? 700 : null)
        .attr("fill", role ? ROLE_COLORS[role] : "#222").text(known ? fmt(value(q, qk, j), 3) : "·");
      if (name) {
        g.append("rect").attr("class", "mlp-bp-hit").attr("data-param", name).attr("x", 0).attr("y", y0)
          .attr("width", b.w).attr("height", LINE).attr("fill", "transparent").style("cursor", "pointer")
          .on("click", () => d.onPick(name))
          .append("title").text(`b[${k}] entry ${j + 1}: ${fmt(net.b[k][j], 4)} (click to check it)`);
      }
    });
  };
  sizes.forEach((m, k) => { for (let j = 0; j < m; j++) drawNode(`${k},${j}`, k, j); });
  drawNode("J", r, 0);
  return total;
}

// The network diagram of the backpropagation explorer: one column of nodes per layer, the
// edges W[k] between them, and in every node the values computed so far for one example
// (b, z, a on the way forward; ∂J/∂a, δ, ∂J/∂b on the way back; y and J beside the output).
// The step's result and terms are highlighted. Edges and biases carry data-param: a click
// there picks that parameter for "check it" (one listener on the svg, see pickOnClick).
// The SVG is written as one string and parsed once: a step redraws ~600 elements in a few ms.
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

/** Text for SVG markup: &, < and " escaped. */
const esc = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
const num = (v) => Math.round(v * 10) / 10;

/**
 * Draw the diagram into the svg selection at the given pixel width; returns the drawn height.
 * d: {sizes, net, v (the core's backprop values), y, example (0-based row), shown(q, k) (is the
 * quantity computed by now?), roles (Map "q,k" -> "result" | "term"), param (the picked name)}.
 */
export function drawDiagram(svg, width, d) {
  const { sizes, net, v, y, example: i, shown, roles, param } = d;
  const r = sizes.length - 1;
  const nodeW = Math.max(70, Math.min(92, Math.floor((width - 8) / (r + 1)) - 28)); // room between columns for the edges
  const colX = (k) => 4 + ((width - 8 - nodeW) * k) / r; // left edge of column k
  const height = (k) => nodeLines(k, r).length * LINE + 8;
  const tallest = Math.max(...sizes.map((m, k) => m * height(k) + (m - 1) * GAP), height(r) + GAP + height("J"));
  const total = TOP + tallest + 22;

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

  const out = [];
  sizes.forEach((m, k) => { // the layers' titles
    const [title, x, anchor] = k === 0 ? ["input x", colX(k), "start"] : k === r ? [`layer ${k}, linear`, colX(k) + nodeW, "end"]
      : [`layer ${k}, σ`, colX(k) + nodeW / 2, "middle"];
    out.push(`<text x="${num(x)}" y="14" text-anchor="${anchor}" class="mlp-title">${esc(title)}</text>`);
  });

  // edges W[k][j][i], from node (k-1, i) to (k, j): thicker where |W| (|dJ/dW| once known) is larger
  for (let k = 1; k <= r; k++) {
    const dWknown = shown("dW", k);
    const values = dWknown ? v.gradW[k] : net.W[k];
    const biggest = Math.max(1e-300, ...values.flat().map(Math.abs));
    const role = roles.get(`dW,${k}`) || roles.get(`W,${k}`);
    values.forEach((row, j) => row.forEach((value, l) => {
      const from = box[`${k - 1},${l}`], to = box[`${k},${j}`];
      const ends = `x1="${num(from.x + from.w)}" y1="${num(from.y + from.h / 2)}" x2="${num(to.x)}" y2="${num(to.y + to.h / 2)}"`;
      const name = `W[${k}][${j + 1},${l + 1}]`;
      const picked = name === param;
      const stroke = role ? ROLE_COLORS[role] : picked ? "#000" : dWknown ? "#555" : "#999";
      const strokeWidth = (picked ? 2 : 0.8) + (dWknown ? 4 : 2) * (Math.abs(value) / biggest);
      const title = `W[${k}] row ${j + 1}, column ${l + 1}: ${fmt(net.W[k][j][l], 4)}` +
        (dWknown ? `, ∂J/∂W = ${fmt(v.gradW[k][j][l], 4)}` : "") + " (click to check it)";
      out.push(`<g class="mlp-bp-edge" data-param="${name}"><line ${ends} stroke="${stroke}" ` +
        `stroke-width="${num(strokeWidth * 10) / 10}"${picked ? ' stroke-dasharray="6 3"' : ""} opacity="${role || picked ? 1 : 0.8}"/>` +
        `<line class="mlp-bp-hit" data-param="${name}" ${ends} stroke="transparent" stroke-width="12" style="cursor: pointer">` +
        `<title>${esc(title)}</title></line></g>`);
    }));
  }

  // nodes: a line per value, "·" until it is computed
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
  const lineRole = (q, k) => roles.get(`${q},${k}`) ||
    (q === "z" && (roles.get(`sp,${k}`) || roles.get(`h,${k}`))) || null; // σ'(z) is read at z; h is z of layer r
  const drawNode = (b, layer, k, j) => {
    out.push(`<g class="mlp-bp-node" transform="translate(${num(b.x)},${num(b.y)})">` +
      `<rect width="${b.w}" height="${b.h}" rx="6" fill="#fff" stroke="#777"/>`);
    nodeLines(layer, r).forEach(([label, q], line) => {
      const qk = q === "y" || q === "J" ? r : k;
      const y0 = 4 + line * LINE;
      const role = lineRole(q, qk);
      const name = q === "b" ? `b[${k}][${j + 1}]` : null;
      const picked = name !== null && name === param;
      if (role || picked) {
        out.push(`<rect x="2" y="${y0}" width="${b.w - 4}" height="${LINE}" rx="3" ` +
          `fill="${role ? ROLE_COLORS[role] : "none"}" fill-opacity="${role ? 0.14 : 0}" ` +
          `stroke="${picked ? "#000" : ROLE_COLORS[role]}"${picked ? ' stroke-dasharray="4 2"' : ""}/>`);
      }
      const known = q === "b" || q === "y" || (q === "a" && k === 0) || shown(q, qk);
      const bold = role ? ' font-weight="700"' : "";
      out.push(`<text y="${y0 + LINE - 3}" style="font-size: 11px">` +
        `<tspan x="5" fill="${role ? ROLE_COLORS[role] : "#555"}"${bold}>${label}</tspan>` +
        `<tspan x="${b.w - 5}" text-anchor="end" fill="${role ? ROLE_COLORS[role] : "#222"}"${bold}>` +
        `${known ? esc(fmt(value(q, qk, j), 3)) : "·"}</tspan></text>`);
      if (name) {
        out.push(`<rect class="mlp-bp-hit" data-param="${name}" x="0" y="${y0}" width="${b.w}" height="${LINE}" ` +
          `fill="transparent" style="cursor: pointer"><title>${esc(`b[${k}] entry ${j + 1}: ${fmt(net.b[k][j], 4)} ` +
          "(click to check it)")}</title></rect>`);
      }
    });
    out.push("</g>");
  };
  sizes.forEach((m, k) => { for (let j = 0; j < m; j++) drawNode(box[`${k},${j}`], k, k, j); });
  drawNode(box.J, "J", r, 0);

  svg.attr("height", total).attr("viewBox", `0 0 ${width} ${total}`).html(out.join(""));
  return total;
}

/** One click listener for the diagram: a click on an edge or a bias calls onPick(its name). */
export function pickOnClick(svg, onPick) {
  svg.on("click", (event) => {
    const hit = event.target.closest("[data-param]");
    if (hit) onPick(hit.getAttribute("data-param"));
  });
}

// The backpropagation explorer's text panels: the step's equation with its matrices, the
// shapes of those matrices in both layouts (chapter 5's batch view), and the table of every
// number computed so far (for screen readers, and for copying).
import { el } from "../../ui/dom.js";
import { fmt } from "../../ui/figure.js";
import { ROLE_COLORS } from "./diagram.js";
import { equationOf, partsText, phaseOf, quantityName, shapes, shownMatrix } from "./notation.js";

const roleStyle = (role) => (role ? `color: ${ROLE_COLORS[role]}; font-weight: 700` : null);

/** An equation's parts as DOM: symbols with their superscripts, coloured by the role of what they name. */
export function equationElement(parts, roleOf) {
  return parts.map((p) => {
    if (typeof p === "string") return p;
    const sup = `${p.k === null ? "" : `[${p.k}]`}${p.T ? "⊤" : ""}`;
    return el("span", { style: roleStyle(roleOf(p.ref)), class: "mlp-bp-symbol" }, p.base, sup ? el("sup", {}, sup) : null);
  });
}

/** A matrix of numbers between brackets (an HTML table: screen readers read it by row). */
export function matrixElement(M, label, digits = 4) {
  return el("table", { class: "mlp-bp-matrix", "aria-label": label },
    el("tbody", {}, ...M.map((row) => el("tr", {}, ...row.map((v) => el("td", {}, fmt(v, digits)))))));
}

/** A matrix as plain text, numpy-like: "[[0.1, 0.2], [0.3, 0.4]]" ("[0.5]" for one number). */
export function matrixText(M, digits = 4) {
  if (M.length === 1 && M[0].length === 1) return fmt(M[0][0], digits);
  return `[${M.map((row) => `[${row.map((v) => fmt(v, digits)).join(", ")}]`).join(", ")}]`;
}

/** Every quantity of a step: its result first, then its terms. */
const quantities = (eq) => [eq.result, ...eq.terms];
const key = ({ q, k }) => `${q},${k}`;

/** Roles of the step's quantities: Map "q,k" -> "result" | "term". */
export function rolesOf(eq) {
  const roles = new Map(eq.terms.map((t) => [key(t), "term"]));
  roles.set(key(eq.result), "result");
  return roles;
}

/** What the live region says for a step: where, the equation and the result's numbers. */
export function stepSentence(step, t, T, ctx, data) {
  const eq = equationOf(step, ctx);
  const where = step.kind === "x" ? "the input" : step.kind === "J" ? "the cost" :
    `${phaseOf(step.kind)}, layer ${step.kind === "da" ? step.k + 1 : step.k}`;
  const numbers = matrixText(shownMatrix(eq.result, data, ctx.layout), 3);
  return `Step ${t} of ${T}, ${where}: ${eq.number ? `${eq.number} ` : ""}${partsText(eq.parts)}: ` +
    `${quantityName(eq.result, ctx)} = ${numbers}.`;
}

/** The step panel: title, the equation (terms coloured), what it does in words, and every matrix in it. */
export function stepPanel(box, step, t, T, ctx, data) {
  const eq = equationOf(step, ctx);
  const roles = rolesOf(eq);
  const roleOf = (ref) => roles.get(key(ref)) || null;
  const where = step.kind === "x" ? "the input" : step.kind === "J" ? "the cost" :
    `${phaseOf(step.kind)} through layer ${step.kind === "da" ? step.k + 1 : step.k}`;
  const matrices = quantities(eq).map((ref) => {
    const name = quantityName(ref, ctx);
    const shape = shapes(ref, ctx);
    return el("figure", { class: "mlp-bp-term" },
      el("figcaption", { style: roleStyle(roleOf(ref)) }, name, el("span", { class: "mlp-bp-shape" },
        ` ${ctx.layout === "columns" ? shape.columns : shape.rows}`)),
      matrixElement(shownMatrix(ref, data, ctx.layout), name, ctx.digits));
  });
  box.replaceChildren(
    el("p", { class: "mlp-bp-where" }, `Step ${t} of ${T}: ${where}`),
    el("p", { class: "mlp-bp-equation" }, el("span", { class: "mlp-bp-number" }, eq.number || "given"), " ",
      ...equationElement(eq.parts, roleOf)),
    el("p", { class: "mlp-bp-words" }, eq.words, " ",
      el("span", { style: roleStyle("result") }, "Computed"), " and ", el("span", { style: roleStyle("term") }, "used"),
      " are coloured in the diagram too."),
    el("div", { class: "mlp-bp-terms" }, ...matrices),
    shapesTable(step, eq, ctx));
}

/** Chapter 5's batch view: the step's equation and its matrices' shapes in both layouts. */
export function shapesTable(step, eq, ctx) {
  const other = { ...ctx, layout: ctx.layout === "columns" ? "rows" : "columns" };
  const rowsCtx = ctx.layout === "rows" ? ctx : other, colsCtx = ctx.layout === "rows" ? other : ctx;
  const eqRows = equationOf(step, rowsCtx), eqCols = equationOf(step, colsCtx);
  const head = el("tr", {}, el("th", { scope: "col" }, ""),
    el("th", { scope: "col" }, "mlp_lib: a row per example"), el("th", { scope: "col" }, "the notes: a column per example"));
  const equationRow = el("tr", {}, el("th", { scope: "row" }, "equation"),
    el("td", {}, ...equationElement(eqRows.parts, () => null)), el("td", {}, ...equationElement(eqCols.parts, () => null)));
  const rows = quantities(eq).map((ref) => {
    const shape = shapes(ref, ctx);
    return el("tr", {}, el("th", { scope: "row" }, quantityName(ref, rowsCtx)), el("td", {}, shape.rows), el("td", {}, shape.columns));
  });
  return el("table", { class: "mlp-bp-shapes" },
    el("caption", {}, `Shapes for n = ${ctx.n} example${ctx.n === 1 ? "" : "s"}: the same numbers, transposed`),
    el("thead", {}, head), el("tbody", {}, equationRow, ...rows));
}

/** The table view: the given numbers (X, y, every W[k] and b[k]) and every step up to t. */
export function everyNumberTable(steps, t, ctx, data) {
  const given = [{ ref: { q: "y", k: ctx.r }, label: "y" }];
  for (let k = 1; k <= ctx.r; k++) given.push({ ref: { q: "W", k } }, { ref: { q: "b", k } });
  const row = (first, number, name, shape, M, current = false) => el("tr", current ? { "aria-current": "step", class: "mlp-bp-current" } : {},
    el("th", { scope: "row" }, first), el("td", {}, number), el("td", {}, name, el("br"), shape),
    el("td", { class: "mlp-bp-values" }, matrixText(M, 6)));
  const shapeOf = (ref) => { const s = shapes(ref, ctx); return ctx.layout === "columns" ? s.columns : s.rows; };
  const body = [
    ...given.map(({ ref }) => row("given", "", quantityName(ref, ctx), shapeOf(ref), shownMatrix(ref, data, ctx.layout))),
    ...steps.slice(0, t + 1).map((step, s) => {
      const eq = equationOf(step, ctx);
      return row(String(s), eq.number || "given", partsText(eq.parts), shapeOf(eq.result),
        shownMatrix(eq.result, data, ctx.layout), s === t);
    }),
  ];
  return el("table", { class: "mlp-bp-table" },
    el("caption", {}, `Every number up to step ${t} (${ctx.layout === "columns" ? "the notes' layout: a column per example"
      : "mlp_lib's layout: a row per example"}; 6 significant digits)`),
    el("thead", {}, el("tr", {}, ...["step", "equation", "what", "values"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ...body));
}

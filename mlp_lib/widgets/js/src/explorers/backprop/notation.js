// How the backpropagation explorer writes each step: its equation (with the number it has in
// the chapter "Backpropagation, a preview", or the notes' for the forward pass), the quantity
// it computes (the result) and the ones it uses (the terms), in either layout:
//   rows:    mlp_lib's and the chapter's, one row per example (Z[k] = A[k-1] W[k]ᵀ + 1 b[k]ᵀ);
//   columns: the notes', one column per example (Z[k] = W[k] A[k-1] + b[k] 1ᵀ; z = W a + b for
//            one example).
// A quantity is {q, k}: q one of x a z h y J W b dz dW db da sp (sp: σ'(z[k])).
import { mapMatrix } from "../../core/linalg.js";

/** The phase of a step, for the reader: "forward", "cost", "backward". */
export function phaseOf(kind) {
  return kind === "x" || kind === "z" || kind === "a" ? "forward" : kind === "J" ? "cost" : "backward";
}

/**
 * The equation of a step: {number, parts, result, terms, words}. parts: strings and symbols
 * {base, k, T, ref} (base with superscript [k], ⊤ if T; ref the quantity it names, for
 * highlighting); ctx: {r, n, layout}.
 */
export function equationOf(step, { r, n, layout }) {
  const { kind, k } = step;
  const cols = layout === "columns";
  const big = !(cols && n === 1); // capitals for matrices; the notes' lower case for one column
  const L = (letter) => (big ? letter : letter.toLowerCase());
  const S = (base, kk, ref, T = false) => ({ base, k: kk, T, ref });
  const ref = (q, kk = k) => ({ q, k: kk });
  const one = n > 1;
  const A = (kk, T = false) => (kk === 0 ? S(L("X"), null, ref("a", 0), T) : S(L("A"), kk, ref("a", kk), T));
  const dA = (kk) => S(kk === 0 ? `∂J/∂${L("X")}` : `∂J/∂${L("A")}`, kk === 0 ? null : kk, ref("da", kk));
  const H = S(L("H"), null, ref("h", r));
  const Y = S("y", null, ref("y", r), !cols && false);
  switch (kind) {
    case "x":
      return { number: "", parts: [A(0), cols ? ", a column per example" : ", a row per example"],
        result: ref("a", 0), terms: [], words: "The input: nothing is computed yet." };
    case "z": {
      const lhs = k === r ? [H, " = "] : [S(L("Z"), k, ref("z")), " = "];
      const rhs = cols
        ? [S("W", k, ref("W")), " ", A(k - 1), " + ", S("b", k, ref("b")), one ? " 1ᵀ" : ""]
        : [A(k - 1), " ", S("W", k, ref("W"), true), " + ", one ? "1 " : "", S("b", k, ref("b"), true)];
      return { number: k === r ? "(2.12)" : "(2.9)", parts: [...lhs, ...rhs], result: ref("z"),
        terms: [ref("a", k - 1), ref("W"), ref("b")],
        words: k === r ? "The output layer is linear: h is its z." : `Layer ${k}: each unit weighs the layer below and adds its bias.` };
    }
    case "a":
      return { number: "(2.13)", parts: [A(k), " = σ(", S(L("Z"), k, ref("z")), ")"], result: ref("a"), terms: [ref("z")],
        words: `σ acts on every entry of z[${k}].` };
    case "J":
      return { number: one ? "(1.1), (1.2)" : "(1.1)",
        parts: one ? ["J = (1/n) Σᵢ ½ (", H, "ᵢ − ", Y, "ᵢ)²"] : ["J = ½ (", H, " − ", Y, ")²"],
        result: ref("J"), terms: [ref("h", r), ref("y", r)], words: one ? "The cost: the mean over the n examples." : "The cost of this one example." };
    case "dz":
      if (k === r) {
        return { number: "(BP1)", parts: [S("δ", r, ref("dz")), " = (1/n)(", H, " − ", Y, ")"], result: ref("dz"),
          terms: [ref("h", r), ref("y", r)], words: "Backward starts at the output: the error divided by n (layer r is linear)." };
      }
      return { number: "(BP5)", parts: [S("δ", k, ref("dz")), " = ", dA(k), " ⊙ σ′(", S(L("Z"), k, ref("sp")), ")"],
        result: ref("dz"), terms: [ref("da"), ref("sp")], words: `Through σ: each entry of ∂J/∂a[${k}] times the slope σ′ at its z.` };
    case "dW":
      return { number: "(BP2)",
        parts: [S("∂J/∂W", k, ref("dW")), " = ", ...(cols ? [S("δ", k, ref("dz")), " ", A(k - 1, true)] : [S("δ", k, ref("dz"), true), " ", A(k - 1)])],
        result: ref("dW"), terms: [ref("dz"), ref("a", k - 1)],
        words: one ? "Each weight's gradient: δ of the unit it feeds times the a it carries, summed over the examples."
          : "Each weight's gradient: δ of the unit it feeds times the a it carries." };
    case "db":
      return { number: "(BP3)", parts: [S("∂J/∂b", k, ref("db")), " = ", S("δ", k, ref("dz"), !cols), " 1"],
        result: ref("db"), terms: [ref("dz")], words: one ? "Each bias's gradient: its unit's δ summed over the examples." : "Each bias's gradient is its unit's δ." };
    case "da":
      return { number: "(BP4)",
        parts: [dA(k), " = ", ...(cols ? [S("W", k + 1, ref("W", k + 1), true), " ", S("δ", k + 1, ref("dz", k + 1))]
          : [S("δ", k + 1, ref("dz", k + 1)), " ", S("W", k + 1, ref("W", k + 1))])],
        result: ref("da"), terms: [ref("dz", k + 1), ref("W", k + 1)],
        words: k === 0 ? "One layer further down is the input: training never needs ∂J/∂x (x is data), but it is there."
          : `One layer down: δ[${k + 1}] sent back along the weights W[${k + 1}].` };
    default:
      throw new Error(`unknown step '${kind}'`);
  }
}

/** A symbol as plain text: "W[2]ᵀ", "∂J/∂A[1]", "X". */
export function symbolText({ base, k, T }) {
  return `${base}${k === null ? "" : `[${k}]`}${T ? "ᵀ" : ""}`;
}

/** An equation's parts as plain text (the live region, the table). */
export function partsText(parts) {
  return parts.map((p) => (typeof p === "string" ? p : symbolText(p))).join("");
}

/** The name of a quantity as plain text, in a layout: "Z[1]", "δ[2]", "∂J/∂W[1]", "σ′(Z[1])". */
export function quantityName({ q, k }, { r, n, layout }) {
  const big = !(layout === "columns" && n === 1);
  const L = (letter) => (big ? letter : letter.toLowerCase());
  switch (q) {
    case "a": return k === 0 ? L("X") : `${L("A")}[${k}]`;
    case "z": return k === r ? `${L("H")} = ${L("Z")}[${k}]` : `${L("Z")}[${k}]`;
    case "h": return L("H");
    case "y": return "y";
    case "J": return "J";
    case "W": return `W[${k}]`;
    case "b": return `b[${k}]`;
    case "dz": return `δ[${k}]`;
    case "dW": return `∂J/∂W[${k}]`;
    case "db": return `∂J/∂b[${k}]`;
    case "da": return k === 0 ? `∂J/∂${L("X")}` : `∂J/∂${L("A")}[${k}]`;
    case "sp": return `σ′(${L("Z")}[${k}])`;
    default: throw new Error(`unknown quantity '${q}'`);
  }
}

/** Is this quantity one number per example (a row of mlp_lib's matrices, a column of the notes')? */
const perExample = (q) => ["a", "z", "h", "y", "dz", "da", "sp"].includes(q);

/**
 * The numbers of a quantity as a matrix in mlp_lib's layout (rows: examples), from the core's
 * backprop values v: b[k] and dJ/db[k] as one row, y as one column, J as 1 x 1.
 */
export function rowsMatrix({ q, k }, { net, v, y }) {
  switch (q) {
    case "a": return v.A[k];
    case "z": case "h": return v.Z[k];
    case "y": return y.map((value) => [value]);
    case "J": return [[v.J]];
    case "W": return net.W[k];
    case "b": return [net.b[k]];
    case "dz": return v.dZ[k];
    case "dW": return v.gradW[k];
    case "db": return [v.gradb[k]];
    case "da": return v.dA[k];
    case "sp": return mapMatrix(v.Z[k], net.sigmaDerivative); // σ'(z[k]) entry by entry
    default: throw new Error(`unknown quantity '${q}'`);
  }
}

export function transpose(M) { return M[0].map((_, j) => M.map((row) => row[j])); }

/** The matrix shown in a layout: the notes' columns are the transposes of mlp_lib's rows (b as a column). */
export function shownMatrix(ref, data, layout) {
  const M = rowsMatrix(ref, data);
  return layout === "columns" && (perExample(ref.q) || ref.q === "b" || ref.q === "db") ? transpose(M) : M;
}

/** The shape of a quantity in mlp_lib's arrays (numpy's tuple) and in the notes (rows x columns). */
export function shapes({ q, k }, { sizes, n }) {
  const m = sizes[k];
  switch (q) {
    case "J": return { rows: "a number", columns: "a number" };
    case "W": case "dW": return { rows: `(${m}, ${sizes[k - 1]})`, columns: `${m} × ${sizes[k - 1]}` };
    case "b": case "db": return { rows: `(${m},)`, columns: `${m} × 1` };
    case "y": return { rows: `(${n},)`, columns: `1 × ${n}` };
    default: return { rows: `(${n}, ${m})`, columns: `${m} × ${n}` };
  }
}

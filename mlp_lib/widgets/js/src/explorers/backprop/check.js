// "Check it": one parameter's derivative by backpropagation beside central differences as ε
// shrinks (the chapter's last section, live), and where the estimate breaks down, in words.
import { scaleLog } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { line } from "d3-shape";
import { centralDifferences, gradientOf, parseParam } from "../../core/backprop.js";
import { fmt } from "../../ui/figure.js";

/** Below this an error is drawn at the floor of the plot (an exact 0 has no logarithm). */
const FLOOR = 1e-18;

/**
 * The check of one parameter: {param, backprop, epsilons, central (mlp_lib.gradcheck's numbers),
 * errors |central - backprop|, best (index of the smallest error), J}.
 */
export function checkParam(net, X, y, values, param, epsilons) {
  const backprop = gradientOf(values, parseParam(param));
  const central = centralDifferences(net, X, y, param, epsilons);
  const errors = central.map((c) => Math.abs(c - backprop));
  const best = errors.indexOf(Math.min(...errors));
  return { param, backprop, epsilons, central, errors, best, J: values.J };
}

/** How many significant digits of `estimate` agree with `exact` (0 to 16). */
export function digitsRight(estimate, exact) {
  const error = Math.abs(estimate - exact);
  if (error === 0) return 16;
  if (exact === 0) return 0;
  return Math.max(0, Math.min(16, Math.floor(-Math.log10(error / Math.abs(exact)))));
}

const epsText = (eps) => `10${superscript(Math.round(Math.log10(eps)))}`;
function superscript(n) {
  const digits = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
  return String(n).split("").map((c) => digits[c]).join("");
}

/** What the check shows, in words: the best ε, the truncation error above it, rounding below it. */
export function checkWords(c, name) {
  const { backprop, epsilons, central, errors, best } = c;
  const last = epsilons.length - 1;
  const at = (i) => `ε = ${epsText(epsilons[i])}`;
  const agree = (i) => (errors[i] === 0 ? "every digit agrees" : `${digitsRight(central[i], backprop)} significant digits agree`);
  let words = `Backpropagation: ∂J/∂${name} = ${fmt(backprop, 12)}.`;
  if (errors.every((e) => e === 0)) return `${words} Every central difference equals it exactly.`;
  if (backprop === 0) {
    const off = errors.map((e, i) => (e === 0 ? null : `${at(i)} (${fmt(central[i], 2)})`)).filter((v) => v !== null);
    return `${words} J does not change when this parameter moves a little: the unit it feeds is at 0 ` +
      "(ReLU′ = 0) on every example. The central differences are exactly 0 too" +
      (off.length < epsilons.length ? `, except at ${off.join(", ")}: a step that large moves a z across ReLU's kink at 0.`
        : `; here they are not: ${off.slice(0, 3).join(", ")}.`);
  }
  words += ` The central difference comes closest at ${at(best)}, where ${agree(best)}` +
    (errors[best] === 0 ? "." : ` (they differ by ${fmt(errors[best], 2)}).`);
  if (best > 0 && errors[1] > 0) {
    const factor = errors[0] / errors[1];
    words += ` From ${at(0)} to ${epsText(epsilons[1])} the error fell ${fmt(factor, 2)}-fold` + (factor > 20 && factor < 500
      ? ": above the best ε the error is the formula's truncation error, about ε² times a constant (100-fold per tenfold smaller ε)."
      : ", not the 100-fold of a smooth J (a step that large may cross ReLU's kink at 0).");
  }
  if (best < last) {
    const right = digitsRight(central[last], backprop);
    words += ` Below ${at(best)} the estimate gets worse again: at ${at(last)} only ${right} digit${right === 1 ? " is" : "s are"} ` +
      "right. J(θ + ε) and J(θ − ε) then agree in nearly all of their 16 digits, and what is left after subtracting them " +
      "is rounding error, about 10⁻¹⁶·J/ε: it grows as ε shrinks.";
  }
  return words;
}

/** The log-log plot of |central difference - backprop| against ε (shrinking to the right). */
export function drawCheck(svg, width, c, colors) {
  const height = Math.round(Math.min(300, Math.max(220, width * 0.5)));
  svg.attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
  svg.selectAll("*").remove();
  const m = { top: 24, right: 14, bottom: 40, left: 54 };
  const { epsilons, errors, best, J } = c;
  const rounding = epsilons.map((eps) => 1e-16 * Math.max(Math.abs(J), 1e-300) / eps);
  const shown = errors.map((e) => Math.max(e, FLOOR));
  const lo = Math.min(...shown, ...rounding), hi = Math.max(...shown, ...rounding);
  const xs = scaleLog().domain([epsilons[0], epsilons[epsilons.length - 1]]).range([m.left, width - m.right]);
  const ys = scaleLog().domain([lo / 3, hi * 3]).range([height - m.bottom, m.top]).nice();
  const ticks = (s, count) => s.ticks(count).filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  const xTicks = ticks(xs, 13).filter((t, i) => width > 460 || i % 2 === 0);
  const yTicks = ticks(ys, 20).filter((t, i, all) => i % Math.ceil(all.length / 6) === 0);
  svg.append("g").attr("transform", `translate(0,${height - m.bottom})`)
    .call(axisBottom(xs).tickValues(xTicks).tickFormat(epsText));
  svg.append("g").attr("transform", `translate(${m.left},0)`).call(axisLeft(ys).tickValues(yTicks).tickFormat(epsText));
  svg.append("text").attr("x", (m.left + width - m.right) / 2).attr("y", height - 6).attr("text-anchor", "middle")
    .text("step ε (shrinking →)");
  svg.append("text").attr("transform", `translate(13,${(m.top + height - m.bottom) / 2}) rotate(-90)`)
    .attr("text-anchor", "middle").text("|central − backprop|");
  svg.append("text").attr("class", "mlp-title").attr("x", width / 2).attr("y", 15).attr("text-anchor", "middle")
    .text(`best at ε = ${epsText(epsilons[best])}`);
  const pts = (ys_) => epsilons.map((eps, i) => [xs(eps), ys(ys_[i])]);
  svg.append("path").attr("d", line()(pts(rounding))).attr("fill", "none").attr("stroke", "#777")
    .attr("stroke-dasharray", "5 4").attr("stroke-width", 1.5);
  const label = pts(rounding)[0];
  svg.append("text").attr("x", label[0] + 6).attr("y", label[1] + 16).text("rounding, about 10⁻¹⁶·J/ε");
  svg.append("path").attr("d", line()(pts(shown))).attr("fill", "none").attr("stroke", colors.model).attr("stroke-width", 2);
  svg.append("g").selectAll("circle").data(pts(shown)).join("circle").attr("cx", (p) => p[0]).attr("cy", (p) => p[1])
    .attr("r", (_, i) => (i === best ? 5 : 3)).attr("fill", (_, i) => (i === best ? "#fff" : colors.model))
    .attr("stroke", colors.model).attr("stroke-width", 2);
  if (errors.some((e) => e < FLOOR)) {
    svg.append("text").attr("x", width - m.right).attr("y", ys(FLOOR) - 8).attr("text-anchor", "end")
      .text(`on the floor: exactly 0 (drawn at ${epsText(FLOOR)})`);
  }
  return height;
}

/** The table of the check: ε, the central difference, its difference from backprop. */
export function checkTable(c, name) {
  const table = document.createElement("table");
  table.className = "mlp-bp-numbers";
  table.createCaption().textContent = `∂J/∂${name}: central differences against backpropagation (${fmt(c.backprop, 12)})`;
  const head = table.createTHead().insertRow();
  for (const text of ["ε", "central difference", "minus backprop"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  c.epsilons.forEach((eps, i) => {
    const row = body.insertRow();
    if (i === c.best) row.className = "mlp-bp-best";
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = epsText(eps);
    row.append(th);
    row.insertCell().textContent = fmt(c.central[i], 12);
    row.insertCell().textContent = fmt(c.central[i] - c.backprop, 2);
  });
  return table;
}

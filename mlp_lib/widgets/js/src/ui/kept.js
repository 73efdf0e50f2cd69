// Runs a reader keeps to compare (the player's kept runs, ui/player.js): each drawn faint under
// the current run, labelled by the settings in which it differs from what is set now
// ("α = 0.3, B = 5"), its label at the end of its line, the labels kept apart.
import { line } from "d3-shape";
import { differing } from "./player.js";

/** Pixels between two labels' baselines (11 px text). */
const LABEL_GAP = 13;

/**
 * A kept run's label: the settings in which `settings` differs from `now` (all of them if none
 * does: the player's differing), each written by words[name](value, settings) (a word that
 * returns null, or a name without words, is left out: a batch size that GD does not use),
 * joined by commas; "the same settings" when none is left.
 */
export function keptLabel(settings, now, words) {
  const parts = differing(settings, now).map((k) => (words[k] ? words[k](settings[k], settings) : null)).filter(Boolean);
  return parts.length ? parts.join(", ") : "the same settings";
}

/** Label heights ys (pixels, any order) moved apart by at least `gap`, within [top, bottom],
 * each as little as it can: returns the new heights in the same order. */
export function spreadLabels(ys, top, bottom, gap = LABEL_GAP) {
  const order = ys.map((y, i) => i).sort((a, b) => ys[a] - ys[b]);
  const out = ys.slice();
  let below = -Infinity;
  for (const i of order) { out[i] = Math.max(ys[i], below + gap, top); below = out[i]; }
  let above = Infinity; // then from the bottom up, for labels pushed past the bottom
  for (const i of order.reverse()) { out[i] = Math.min(out[i], above - gap, bottom); above = out[i]; }
  return out;
}

/**
 * Draw kept runs: in `plot` (a d3 selection, clipped to the plot) each run's points [[x, y],
 * ...] (null breaks the line) as a faint line, class "mlp-kept"; in `labels` (not clipped) its
 * label at its last point, class "mlp-kept-label", kept inside box {left, right, top, bottom}.
 * runs: [{points, label}].
 */
export function drawKept(plot, labels, runs, box) {
  const path = line().defined((p) => p !== null);
  for (const { points } of runs) {
    plot.append("path").attr("class", "mlp-kept").attr("d", path(points)).attr("fill", "none")
      .attr("stroke", "var(--mlp-muted)").attr("stroke-width", 1.5).attr("opacity", 0.6);
  }
  const ends = runs.map(({ points }) => points.filter((p) => p !== null).at(-1) || [box.right, box.top]);
  const ys = spreadLabels(ends.map(([, y]) => y - 4), box.top + 10, box.bottom - 4);
  runs.forEach(({ label }, i) => {
    const x = Math.max(box.left + 4, Math.min(ends[i][0], box.right) - 2);
    labels.append("text").attr("class", "mlp-kept-label").attr("x", x).attr("y", ys[i])
      .attr("text-anchor", x < (box.left + box.right) / 2 ? "start" : "end")
      .attr("font-size", 11).attr("fill", "var(--mlp-muted)").text(label)
      .attr("stroke", "var(--mlp-bg)").attr("stroke-width", 3).attr("paint-order", "stroke"); // legible on contours
  });
}

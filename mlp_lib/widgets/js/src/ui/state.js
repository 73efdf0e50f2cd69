// A link to any explorer view: the page's address holds each explorer's settings, its step t,
// the runs it keeps and the controls an instructor hid, one part per explorer, as TensorFlow
// Playground keeps its state in the fragment:
//   chapter.html#neuron.v=1&neuron.w=0.5&neuron.lr=0.03&neuron.t=40&neuron.hide=lr,activation
// Opening such an address restores that view (the same settings, trained to the same step) and
// scrolls to it; a part that is not right (an unknown key, a value out of range, a link made
// for another version) is said in words on the explorer's notice line and the explorer keeps
// its defaults. Values are checked by the rules the Python traitlets use (inRange and oneOf
// mirror in_range and one_of of mlp_lib/widgets/_explorer.py, with ranges the page gets from
// mlp_lib). Only on the book's site (the anywidget host sets globalThis.mlpBookSite): in
// Jupyter or Colab the address is the notebook server's, not the book's.
import { button } from "./controls.js";

/** What a link's value broke: a message for the reader (as the Python TraitError's). */
export class LinkError extends Error {}

/** Python's format(v, "g"): 6 significant digits, exponent below 1e-4 or from 1e6 ("1e-05"). */
export function g(v) {
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : v < 0 ? "-inf" : "nan";
  const exp = Number(v.toExponential(5).split("e")[1]);
  if (exp < -4 || exp >= 6) {
    const [mantissa, e] = v.toExponential(5).split("e");
    const m = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
    const n = Math.abs(Number(e));
    return `${m}e${Number(e) < 0 ? "-" : "+"}${n < 10 ? "0" : ""}${n}`;
  }
  const fixed = v.toPrecision(6);
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

/** in_range of _explorer.py: `value` if a finite number (an integer if `integer`) from low to
 * high (above low, if `above`); else a LinkError naming the setting, the range and the value. */
export function inRange(value, name, low, high, { integer = false, above = false } = {}) {
  const fits = integer ? Number.isInteger(value) : Number.isFinite(value);
  if (typeof value !== "number" || !(fits && (above ? low < value : low <= value) && value <= high)) {
    const shown = integer ? (v) => String(v) : g;
    const span = above ? `above ${shown(low)} and at most ${shown(high)}` : `from ${shown(low)} to ${shown(high)}`;
    // (Python shows repr(value): 99 for an int, 0.5 for a float; a link's whole number reads as an int)
    throw new LinkError(`${name} must be ${integer ? "an integer" : "a number"} ${span}, got ${repr(value)}.`);
  }
  return value;
}

/** one_of of _explorer.py: `value` if it is one of `choices`; else a LinkError listing them. */
export function oneOf(value, name, choices) {
  if (!choices.some((c) => c === value)) {
    throw new LinkError(`${name} must be one of ${choices.map(repr).join(", ")}, got ${repr(value)}.`);
  }
  return value;
}

/** Python's repr of a value from a link: 'text', 5 (a whole number), 0.3, 1e-05, inf. */
export function repr(v) {
  if (typeof v === "string") return `'${v}'`;
  if (typeof v !== "number" || Number.isInteger(v)) return String(v);
  if (!Number.isFinite(v)) return g(v);
  const [mantissa, e] = v.toExponential().split("e"); // the shortest digits that read back as v
  const exp = Number(e);
  if (exp >= -4 && exp < 16) return String(v);
  return `${mantissa}e${exp < 0 ? "-" : "+"}${Math.abs(exp) < 10 ? "0" : ""}${Math.abs(exp)}`;
}

/** A link's text as a number (the whole text, as Python's float() reads it; else the text). */
export function toNumber(text) {
  const t = String(text).trim();
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : t;
}

// ------------------------------------------------------------------ the fields of a link
// A field: {parse(text, values) -> value (throws LinkError), format(value) -> text, read(),
// write(value)}. `values` (a Map name -> value) holds what the link set before this field, in
// the fields' order: a range that depends on another setting (the step t on the depth r) reads
// the link's value of it, as Python checks a traitlet against the ones set before it.

/** The link's value of `name` if it set one before, else the model's. */
export const valueOf = (model, values, name) => (values && values.has(name) ? values.get(name) : model.get(name));

/** A number setting bound to the traitlet `name`, in [range(values)] (read when the link is read). */
export function numberSetting(model, name, what, range, opts = {}) {
  return {
    name, read: () => model.get(name), write: (v) => { model.set(name, v); model.save_changes(); },
    parse: (text, values) => inRange(toNumber(text), what, ...range(values), opts),
    format: (v) => (opts.integer ? String(v) : exactly(v)),
  };
}

/** A number as a link writes it: Python's "g" (0.3162), or all its digits when "g" would not
 * read back as the same number (10 ** -1.5 is 0.03162277660168379, not 0.0316228). */
export const exactly = (v) => (Number(g(v)) === v ? g(v) : repr(v));

/** A setting with a few choices (numbers or strings: choices(values)), bound to the traitlet `name`. */
export function choiceSetting(model, name, what, choices) {
  return {
    name, read: () => model.get(name), write: (v) => { model.set(name, v); model.save_changes(); },
    parse: (text, values) => {
      const list = choices(values);
      const value = typeof list[0] === "number" ? toNumber(text) : String(text);
      return oneOf(value, what, list);
    },
    format: String,
  };
}

/** The step t of the player `p` (0 to range()[1]): a link trains the run to it. */
export function stepSetting(model, p, name, what, range) {
  return { ...numberSetting(model, name, what, range, { integer: true }), write: (v) => p.trainTo(v) };
}

/** The runs the player `p` keeps (its kept runs' settings, each one's step t), as
 * "lr:0.3;t:120|lr:1;t:500": each setting checked by its field, t by `step`. Without `step`
 * (an explorer that draws each run whole) a kept run is its settings alone: "lr:0.3|lr:1". */
export function keptSetting(p, settingFields, step = null) {
  const byName = new Map(settingFields.map((f) => [f.name, f]));
  return {
    name: "keep", traitlet: false,
    read: () => (p.kept.length ? p.kept : null),
    write: (list) => p.setKept(list),
    format: (kept) => kept.map(({ settings, run }) => [...Object.entries(settings)
      .map(([k, v]) => `${k}:${byName.get(k).format(v)}`), ...(step ? [`t:${run.t}`] : [])].join(";")).join("|"),
    parse: (text) => text.split("|").map((one, i) => {
      const pairs = new Map(one.split(";").map((kv) => [kv.slice(0, kv.indexOf(":")), kv.slice(kv.indexOf(":") + 1)]));
      const settings = {};
      const values = new Map(); // this run's settings so far: a range may depend on one before it
      for (const [k, f] of byName) {
        if (!pairs.has(k)) throw new LinkError(`kept run ${i + 1} has no ${k}`);
        settings[k] = f.parse(pairs.get(k), values);
        values.set(k, settings[k]);
      }
      const extra = [...pairs.keys()].filter((k) => !(step && k === "t") && !byName.has(k));
      if (extra.length) throw new LinkError(`kept run ${i + 1} names ${extra.map(repr).join(", ")}, which are not settings`);
      return { settings, t: step ? step.parse(pairs.get("t") ?? "", values) : Infinity }; // Infinity: the whole run
    }),
  };
}

// ------------------------------------------------------------------ the address
/** The parts of a fragment: Map of "id.key" -> text, and the plain anchor if there was one. */
export function readFragment(hash) {
  const parts = new Map();
  let anchor = null;
  for (const piece of hash.replace(/^#/, "").split("&").filter(Boolean)) {
    const at = piece.indexOf("=");
    const key = decodeURIComponent(at < 0 ? piece : piece.slice(0, at));
    if (at < 0 || !key.includes(".")) { if (anchor === null && at < 0) anchor = key; continue; }
    parts.set(key, decodeURIComponent(piece.slice(at + 1)));
  }
  return { parts, anchor };
}

/** Characters a fragment may hold as they are (RFC 3986), kept readable: , : ; ~ | */
const encode = (text) => encodeURIComponent(text).replace(/%2C/gi, ",").replace(/%3A/gi, ":")
  .replace(/%3B/gi, ";").replace(/%7C/gi, "|");

/** A fragment from parts (Map "id.key" -> text), in their order. */
export function writeFragment(parts) {
  return [...parts].map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&");
}

/** This explorer's keys in a fragment's parts: Map key -> text (without "id."). */
export function ownParts(parts, id) {
  const own = new Map();
  for (const [key, value] of parts) if (key.startsWith(`${id}.`)) own.set(key.slice(id.length + 1), value);
  return own;
}

/**
 * Check a link's part against the fields: {values: Map name -> value, hide: [names]} or
 * {problems: [words]}. Every key must be a field, "v" (the version) or "hide" (names of
 * hideable controls), and v must be `version`. Fields are read in their order, whatever the
 * order of the keys, so that each sees the values before it.
 */
export function readLink(own, { version, fields, hideable }) {
  const problems = [];
  const byName = new Map(fields.map((f) => [f.name, f]));
  if (!own.has("v")) problems.push(`the link has no version (v=${version}): it was made for an older page`);
  else if (own.get("v") !== String(version)) {
    problems.push(`the link was made for version ${own.get("v")} of this explorer, and this is version ${version}`);
  }
  let hide = [];
  for (const [key, text] of own) {
    if (key === "hide") {
      hide = text.split(",").filter(Boolean);
      const unknown = hide.filter((h) => !hideable.includes(h));
      if (unknown.length) problems.push(`hide names ${unknown.map(repr).join(", ")}, which this explorer does not have (it has ${hideable.map(repr).join(", ")})`);
    } else if (key !== "v" && !byName.has(key)) {
      problems.push(`${repr(key)} is not a setting of this explorer (its settings: ${[...byName.keys()].map(repr).join(", ")})`);
    }
  }
  const values = new Map();
  for (const field of fields.filter((f) => own.has(f.name))) {
    try { values.set(field.name, field.parse(own.get(field.name), values)); } catch (error) {
      if (!(error instanceof LinkError)) throw error;
      problems.push(error.message.replace(/\.$/, ""));
    }
  }
  return problems.length ? { problems } : { values, hide };
}

/** Hide the controls named (a setting's control has data-setting, a button data-action), and
 * take them out of the tab order; show the others. */
export function hideControls(root, names) {
  for (const element of root.querySelectorAll("[data-setting], [data-action]")) {
    const name = element.dataset.setting || element.dataset.action;
    element.hidden = names.includes(name);
    if (element.hidden) element.setAttribute("inert", "");
    else element.removeAttribute("inert");
  }
}

/**
 * Link the explorer to the page's address. opts: {id (its part's prefix, e.g. "neuron"),
 * version, root (the explorer's element, scrolled to when a link restores it), notice (the
 * element that says what was wrong with a link), buttons (where "copy link" goes), fields (in
 * the order a link applies them: settings first, then t), page ({location, history,
 * clipboard}: for tests)}. Returns {update(): rewrite this part now, destroy()}; a no-op off
 * the book's site.
 */
export function linkState(opts) {
  const { id, version, root, notice, buttons, fields } = opts;
  const page = opts.page || (typeof window !== "undefined" && globalThis.mlpBookSite
    ? { location: window.location, history: window.history, clipboard: navigator.clipboard } : null);
  if (!page) return { update() {}, destroy() {}, restored: false };
  const hideable = [...root.querySelectorAll("[data-setting], [data-action]")]
    .map((e) => e.dataset.setting || e.dataset.action).filter((n) => n !== "copy");
  let hidden = [];
  let timer = null;

  const write = () => {
    timer = null;
    const { parts } = readFragment(page.location.hash);
    for (const key of [...parts.keys()]) if (key.startsWith(`${id}.`)) parts.delete(key);
    parts.set(`${id}.v`, String(version));
    for (const f of fields) {
      const v = f.read();
      if (v !== null && v !== undefined) parts.set(`${id}.${f.name}`, f.format(v));
    }
    if (hidden.length) parts.set(`${id}.hide`, hidden.join(","));
    const url = `${page.location.pathname}${page.location.search}#${writeFragment(parts)}`;
    page.history.replaceState(page.history.state, "", url);
    return page.location.href;
  };
  // Safari refuses more than 100 replaceState calls in 30 s: a slider dragged writes once it rests.
  const update = () => { if (timer === null) timer = setTimeout(write, 250); };

  // Restore the view a link names.
  const own = ownParts(readFragment(page.location.hash).parts, id);
  let restored = false;
  if (own.size) {
    const link = readLink(own, { version, fields, hideable });
    if (link.problems) {
      notice.textContent = `This link's view could not be shown, so the explorer starts as usual: ${link.problems.join("; ")}.`;
    } else {
      for (const f of fields) if (link.values.has(f.name)) f.write(link.values.get(f.name));
      hidden = link.hide;
      hideControls(root, hidden);
      restored = true;
      root.scrollIntoView({ block: "start" });
    }
  }

  const copy = button("copy link", async () => {
    clearTimeout(timer);
    const url = write();
    try {
      await page.clipboard.writeText(url);
      notice.textContent = "Link copied: it opens this explorer as it is now.";
    } catch {
      notice.textContent = `Copy this link to share the view: ${url}`;
    }
  });
  copy.dataset.action = "copy";
  buttons.append(copy);
  const watched = fields.filter((f) => f.traitlet !== false).map((f) => [`change:${f.name}`, update]);
  for (const [event, cb] of watched) opts.model?.on(event, cb);
  return {
    update, restored,
    destroy() { clearTimeout(timer); for (const [event, cb] of watched) opts.model?.off(event, cb); },
  };
}

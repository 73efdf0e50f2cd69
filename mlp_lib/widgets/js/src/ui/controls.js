// Native, labelled HTML controls for the explorers: operable by keyboard, named for screen
// readers, usable on a phone. Each reads and writes one traitlet of the widget's model, so
// the page, Python (with a kernel) and the saved state agree on every setting.

let uid = 0;
const nextId = (stem) => `mlp-${stem}-${++uid}`;

/**
 * Keys pressed on `element` are its own. In JupyterLab and Notebook 7 the notebook's command-mode
 * shortcuts (Lumino's) would take them first: ArrowRight on a slider moved to the next cell, Enter
 * on a button opened a cell's editor. Lumino skips its shortcuts for a target inside an element
 * that carries data-lm-suppress-shortcuts; elsewhere the attribute does nothing.
 */
export function ownKeys(element) {
  element.setAttribute("data-lm-suppress-shortcuts", "true");
  return element;
}

/** A <div class="mlp-control"> holding a <label for> and the control. */
function field(labelText, control) {
  const wrap = document.createElement("div");
  wrap.className = "mlp-control";
  const label = document.createElement("label");
  label.htmlFor = control.id;
  label.textContent = labelText;
  wrap.append(label, control);
  return wrap;
}

/**
 * A range input bound to the traitlet `name`; the drawing follows while it is dragged.
 * opts: {label, min, max, step, format (value -> text), toSlider/fromSlider (for log scales)}.
 * Returns {element, input, sync()}.
 */
export function slider(model, name, opts) {
  const toSlider = opts.toSlider || ((v) => v);
  const fromSlider = opts.fromSlider || ((s) => s);
  const format = opts.format || ((v) => String(v));
  const input = ownKeys(document.createElement("input"));
  input.type = "range";
  input.id = nextId(name);
  Object.assign(input, { min: opts.min, max: opts.max, step: opts.step });
  const output = document.createElement("output");
  output.htmlFor = input.id;
  const element = field(opts.label, input);
  element.dataset.setting = name;
  element.append(output);
  const sync = () => {
    const v = model.get(name);
    input.value = toSlider(v);
    output.textContent = format(v);
    input.setAttribute("aria-valuetext", format(v));
  };
  input.addEventListener("input", () => {
    model.set(name, fromSlider(Number(input.value)));
    model.save_changes();
  });
  model.on(`change:${name}`, sync);
  sync();
  return { element, input, sync };
}

/**
 * A <select> bound to the traitlet `name`; options: [[label, value], ...]. A numeric
 * traitlet (e.g. a width) gets numbers back, not the option's text.
 */
export function select(model, name, label, options) {
  const input = ownKeys(document.createElement("select"));
  input.id = nextId(name);
  for (const [text, value] of options) input.add(new Option(text, value));
  const element = field(label, input);
  element.dataset.setting = name;
  const sync = () => { input.value = model.get(name); };
  const parse = typeof model.get(name) === "number" ? Number : String;
  input.addEventListener("change", () => { model.set(name, parse(input.value)); model.save_changes(); });
  model.on(`change:${name}`, sync);
  sync();
  return { element, input, sync };
}

/**
 * Radio buttons bound to the traitlet `name`, in a <fieldset> named by its <legend>: every
 * choice in view, one click (or tap) away, and the arrow keys move between them. options:
 * [[label, value], ...]; a numeric traitlet gets numbers back.
 */
export function choice(model, name, label, options) {
  const element = document.createElement("fieldset");
  element.className = "mlp-control mlp-choice";
  element.dataset.setting = name;
  const legend = document.createElement("legend");
  legend.textContent = label;
  element.append(legend);
  const group = nextId(name);
  const parse = typeof model.get(name) === "number" ? Number : String;
  const inputs = options.map(([text, value]) => {
    const input = ownKeys(document.createElement("input"));
    Object.assign(input, { type: "radio", name: group, id: nextId(name), value: String(value) });
    const option = document.createElement("label");
    option.htmlFor = input.id;
    option.textContent = text;
    input.addEventListener("change", () => {
      if (input.checked) { model.set(name, parse(input.value)); model.save_changes(); }
    });
    const pair = document.createElement("span"); // a radio and its label never part at a line break
    pair.className = "mlp-choice-option";
    pair.append(input, option);
    element.append(pair);
    return input;
  });
  const sync = () => { for (const input of inputs) input.checked = input.value === String(model.get(name)); };
  model.on(`change:${name}`, sync);
  sync();
  return { element, inputs, sync };
}

/** A <button type="button"> that calls onClick. */
export function button(text, onClick) {
  const element = ownKeys(document.createElement("button"));
  element.type = "button";
  element.className = "mlp-button";
  element.textContent = text;
  element.addEventListener("click", onClick);
  return element;
}

/** A polite live region: screen readers announce its text when it changes. */
export function readout(className = "mlp-readout") {
  const element = document.createElement("p");
  element.className = className;
  element.setAttribute("aria-live", "polite");
  return element;
}

/** Log-scale helpers for a slider over 10^min..10^max (learning rates). */
export const logScale = {
  toSlider: (v) => Math.log10(v),
  fromSlider: (s) => Number((10 ** s).toPrecision(4)),
};

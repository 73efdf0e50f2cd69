// What a printed page says about its explorers (the print styles hide their controls and
// buttons: book/_site/_static/companion.css, ui/figure.js):
// - each explorer that is shown gets a settings line (seen only in print), written when it
//   is drawn and again when the reader prints (beforeprint): every control's label and value
//   as the controls show them, then the address where the explorer is live ("hidden units m = 10 · activation σ = ReLU ...");
// - each view not shown yet (the host shows one when the reader comes near it) carries a
//   note, seen only in print, with that address: a print cannot wait for the explorer's
//   front end to load (measured: chromium lays the page out for print within about 100 ms of
//   beforeprint; the saved state and the front end take longer), so instead of a blank the
//   paper says where to find it.

/** The address of the part of the page that holds `node`: the page's own address with the
 *  explorer's view when the address holds one (ui/state.js), else that of its section. */
export function addressOf(node, loc = node.ownerDocument.defaultView?.location) {
  if (!loc) return "";
  const page = loc.href.split("#")[0];
  if (/(^#|&)[A-Za-z0-9_-]+\.v=/.test(loc.hash)) return loc.href;
  const section = node.closest("section[id]");
  return section ? `${page}#${section.id}` : page;
}

function liveLink(doc, address) {
  const link = doc.createElement("a");
  link.className = "anywidget-live-link";
  link.href = address;
  link.textContent = address;
  return link;
}

/** The note a view carries until it is shown (companion.css shows it in print only). */
export function printNote(area, address = addressOf(area)) {
  const doc = area.ownerDocument;
  const note = doc.createElement("p");
  note.className = "anywidget-print-note";
  note.append("An interactive figure is here, which this copy was printed without (it is drawn " +
    "when the page is open in a browser and the reader comes near it). See it and use it at ",
  liveLink(doc, address), ".");
  area.append(note);
  return note;
}

const squash = (text) => String(text).replace(/\s+/g, " ").trim();

/** [label, value] of every setting an explorer's controls show: sliders (the value their
 *  <output> shows), menus (the chosen option's words), radio groups (the checked one's). */
export function settings(root) {
  const found = [];
  for (const control of root.querySelectorAll("input[type=range], select, fieldset")) {
    if (control.tagName === "FIELDSET") {
      const checked = control.querySelector("input[type=radio]:checked");
      const legend = control.querySelector("legend");
      if (checked && legend) found.push([squash(legend.textContent), squash(checked.labels?.[0]?.textContent ?? checked.value)]);
      continue;
    }
    const label = squash(control.labels?.[0]?.textContent ?? control.getAttribute("aria-label") ?? "");
    if (!label) continue;
    const output = control.id && root.querySelector(`output[for="${control.id}"]`);
    const value = control.tagName === "SELECT" ? control.selectedOptions[0]?.textContent
      : output ? output.textContent : control.value;
    found.push([label, squash(value ?? "")]);
  }
  return found;
}

/** Write (or bring up to date) the settings line of every explorer shown in `scope` (a
 *  document or an element). */
export function writeSettingsLines(scope = document) {
  const doc = scope.ownerDocument ?? scope;
  for (const root of scope.querySelectorAll(".mlp-explorer")) {
    let line = root.querySelector(":scope > .mlp-settings");
    if (!line) {
      line = doc.createElement("p");
      line.className = "mlp-settings";
      root.prepend(line);
    }
    const pairs = settings(root).map(([label, value]) => `${label} = ${value}`);
    line.replaceChildren(pairs.length ? `Settings: ${pairs.join(" · ")}. Live at ` : "Live at ",
      liveLink(doc, addressOf(root)), ".");
  }
}

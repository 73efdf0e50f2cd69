// The book's maths, typeset when the site is built (book/_ext/maths.py runs this under node):
// TeX in, SVG out, with MathJax 3 (the engine the pages used to load from a CDN), so a page
// needs no script and no font to show its equations. Each SVG is aria-hidden and followed by
// the same expression in MathML (MathJax's assistive MathML), which is what a screen reader
// reads. Glyph outlines are shared within a page: each page gets one hidden <svg> of <defs>
// that its equations <use>.
//
// Protocol, one JSON object per line on stdin, one answer per line on stdout:
//   {"maths": [{"tex": "...", "display": true}, ...]}
//     -> {"html": ["<mjx-container ...>", ...], "defs": "<svg ...><defs>...</defs></svg>",
//         "errors": [null or "the TeX error", ...]}
//   {"css": true} -> {"css": "the stylesheet the SVGs and the assistive MathML need"}
import { createInterface } from "node:readline";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AssistiveMmlHandler } from "mathjax-full/js/a11y/assistive-mml.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
// tags "none": the book numbers its equations itself, with the notes' numbers in \tag{...}
const tex = new TeX({ packages: AllPackages.filter((p) => p !== "bussproofs"), tags: "none" });
const svg = new SVG({ fontCache: "global" });
const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });

// MathJax labels every SVG group with its MathML node and every glyph with its character
// (data-mml-node, data-c): for its own menus and explorers, which a typeset page does not
// have. Dropping them, then every <g> left without an attribute (its children take its
// place), and folding a <g> that only moves its one child into that child, draws the same
// picture with about half the elements: each one costs the browser style and layout work
// whenever a script touches the page, a second or more on a phone for a long chapter.
const UNUSED = ["data-mml-node", "data-c", "data-mjx-texclass"];

function lean(node) {
  for (const child of [...adaptor.childNodes(node)]) {
    if (adaptor.kind(child) !== "#text") lean(child);
  }
  if (adaptor.kind(node) === "#text") return;
  for (const name of UNUSED) {
    if (!(name === "data-mml-node" && adaptor.getAttribute(node, name) === "merror")) adaptor.removeAttribute(node, name);
  }
  if (adaptor.kind(node) !== "g") return;
  const attributes = adaptor.allAttributes(node);
  const children = adaptor.childNodes(node);
  if (attributes.length === 1 && attributes[0].name === "transform" && children.length === 1 &&
      adaptor.kind(children[0]) !== "#text") {
    // <g transform="A"><x transform="B"/></g> draws as <x transform="A B"/>
    const own = adaptor.getAttribute(children[0], "transform");
    adaptor.setAttribute(children[0], "transform", own ? `${attributes[0].value} ${own}` : attributes[0].value);
    adaptor.removeAttribute(node, "transform");
  }
  if (adaptor.allAttributes(node).length === 0) {
    for (const child of [...adaptor.childNodes(node)]) adaptor.insert(child, node);
    adaptor.remove(node);
  }
}

function typesetPage(maths) {
  svg.fontCache.clearCache();
  const html = [], errors = [];
  for (const { tex: source, display } of maths) {
    const node = doc.convert(source, { display: Boolean(display), em: 16, ex: 8, containerWidth: 1280 });
    const error = adaptor.tags(node, "mjx-merror")[0] || adaptor.tags(node, "merror")[0];
    errors.push(error ? (adaptor.getAttribute(error, "data-mjx-error") || adaptor.textContent(error)) : null);
    for (const svgNode of adaptor.tags(node, "svg")) if (adaptor.parent(svgNode) === node) lean(svgNode);
    html.push(adaptor.outerHTML(node));
  }
  const defs = adaptor.outerHTML(svg.svg("svg", { style: { display: "none" }, "aria-hidden": "true" },
    [svg.fontCache.getCache()]));
  return { html, defs, errors };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  const answer = request.css ? { css: adaptor.textContent(svg.styleSheet(doc)) } : typesetPage(request.maths);
  process.stdout.write(JSON.stringify(answer) + "\n");
}

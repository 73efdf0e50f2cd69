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

function typesetPage(maths) {
  svg.fontCache.clearCache();
  const html = [], errors = [];
  for (const { tex: source, display } of maths) {
    const node = doc.convert(source, { display: Boolean(display), em: 16, ex: 8, containerWidth: 1280 });
    const error = adaptor.tags(node, "mjx-merror")[0] || adaptor.tags(node, "merror")[0];
    errors.push(error ? (adaptor.getAttribute(error, "data-mjx-error") || adaptor.textContent(error)) : null);
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

// Regenerates every generated JavaScript file of the book (`npm ci && npm run build` here):
// 1. each explorer's front end, src/explorers/<name>.js with the core and d3's modules,
//    bundled by esbuild into one ES module, ../static/<name>.js (what mlp_lib's anywidget
//    classes load, committed so that `pip install mlp_lib[widgets]` needs no node);
// 2. the book's anywidget host, src/host/page.js bundled into one classic script,
//    book/_site/_static/widgets/anywidget-host.js: it renders the explorers a static page
//    saved, with no widget manager and no request that leaves the site (book/_ext/widgets.py
//    puts it on every page whose saved widgets are all anywidget's);
// 3. the book's typesetter, src/maths/tex-to-svg.js with MathJax bundled into one node
//    program, book/_ext/tex_to_svg.mjs: book/_ext/maths.py runs it while the site is built,
//    so every equation is SVG (with MathML for screen readers) in the page itself.
// With --check, writes nothing and exits 1 naming every committed file that differs.
import { build } from "esbuild";
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes("--check");
const staticDir = join(here, "..", "static");
const bookDir = join(here, "..", "..", "..", "book");
const siteDir = join(bookDir, "_site", "_static", "widgets");
const stale = [];

function emit(path, contents) {
  const old = existsSync(path) ? readFileSync(path) : null;
  if (old !== null && Buffer.compare(old, Buffer.from(contents)) === 0) return;
  if (check) { stale.push(path); return; }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
}

async function bundle(entry, { node = false, format = "esm" } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format,
    minify: true,
    platform: node ? "node" : "browser",
    target: node ? "node18" : "es2020",
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].contents;
}

const explorers = readdirSync(join(here, "src", "explorers")).filter((f) => f.endsWith(".js"));
for (const file of explorers) {
  emit(join(staticDir, file), await bundle(join(here, "src", "explorers", file)));
}
// a classic script (not a module): a page opened from disk (file://) may not load modules
emit(join(siteDir, "anywidget-host.js"), await bundle(join(here, "src", "host", "page.js"), { format: "iife" }));
emit(join(bookDir, "_ext", "tex_to_svg.mjs"), await bundle(join(here, "src", "maths", "tex-to-svg.js"), { node: true }));
// Nothing else lives in the site's widget folder: a file left there is served to no page.
for (const file of existsSync(siteDir) ? readdirSync(siteDir) : []) {
  if (file !== "anywidget-host.js") {
    if (check) stale.push(`${join(siteDir, file)} (made by no build: delete it)`);
    else rmSync(join(siteDir, file));
  }
}

if (stale.length) {
  console.error("These generated files differ from what `npm run build` makes (run it in " +
    "mlp_lib/widgets/js and commit the result):\n  " + stale.join("\n  "));
  process.exit(1);
}
console.log(check ? "generated files are up to date" : `built ${explorers.length} explorers, the site's anywidget host and the maths typesetter`);

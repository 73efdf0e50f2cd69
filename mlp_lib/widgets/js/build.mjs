// Regenerates every generated JavaScript file of the book (`npm ci && npm run build` here):
// 1. each explorer's front end, src/explorers/<name>.js with the core and d3's modules,
//    bundled by esbuild into one ES module, ../static/<name>.js (what mlp_lib's anywidget
//    classes load, committed so that `pip install mlp_lib[widgets]` needs no node);
// 2. the widget scripts the site serves itself (book/_site/_static/widgets/): require.js,
//    the Jupyter widget manager (html-manager's embed-amd.js) and anywidget's AMD module,
//    copied from the exact npm versions in package-lock.json, so no page asks a CDN for them
//    (book/_site/_static/widgets/widget-paths.js, written by hand, points require.js at them).
// With --check, writes nothing and exits 1 naming every committed file that differs.
import { build } from "esbuild";
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes("--check");
const staticDir = join(here, "..", "static");
const siteDir = join(here, "..", "..", "..", "book", "_site", "_static", "widgets");
const stale = [];

function emit(path, contents) {
  const old = existsSync(path) ? readFileSync(path) : null;
  if (old !== null && Buffer.compare(old, Buffer.from(contents)) === 0) return;
  if (check) { stale.push(path); return; }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
}

const explorers = readdirSync(join(here, "src", "explorers")).filter((f) => f.endsWith(".js"));
for (const file of explorers) {
  const result = await build({
    entryPoints: [join(here, "src", "explorers", file)],
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2020",
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  emit(join(staticDir, file), result.outputFiles[0].contents);
}

const copies = {
  "require.js": "requirejs/require.js",
  "embed-amd.js": "@jupyter-widgets/html-manager/dist/embed-amd.js",
  "anywidget.js": "anywidget/dist/index.js",
};
// The icon fonts the widget manager's CSS asks for, beside it (chromium takes the woff2).
const managerDist = join(here, "node_modules", "@jupyter-widgets", "html-manager", "dist");
for (const font of readdirSync(managerDist).filter((f) => f.endsWith(".woff2"))) {
  copies[font] = `@jupyter-widgets/html-manager/dist/${font}`;
}
for (const [name, source] of Object.entries(copies)) {
  emit(join(siteDir, name), readFileSync(join(here, "node_modules", source)));
}

if (stale.length) {
  console.error("These generated files differ from what `npm run build` makes (run it in " +
    "mlp_lib/widgets/js and commit the result):\n  " + stale.join("\n  "));
  process.exit(1);
}
console.log(check ? "generated files are up to date" : `built ${explorers.length} explorers and ${Object.keys(copies).length} site scripts`);

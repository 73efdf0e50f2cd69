// Lighthouse CI over the built book (.ci/run: `npx lhci autorun` here, after the build).
// One run per page of the book, with only the audits that gate: what the page transfers
// (gzipped by lhci's static server, as GitHub Pages serves it) and whether anything came
// from another host. Byte counts do not vary from run to run, so they can gate CI; scores and
// times do, and live in benchmarks/bench_pages.py (the Performance page).
// Budgets (issue 18): at most 500 KiB transferred on a first visit, nothing from another host.
const { readdirSync } = require("node:fs");
const { join } = require("node:path");

const site = join(__dirname, "..", "..", "_build", "html");
const pages = readdirSync(join(site, "book")).filter((f) => f.endsWith(".html")).sort();

module.exports = {
  ci: {
    collect: {
      staticDistDir: site,
      url: pages.map((page) => `http://localhost/book/${page}`),
      numberOfRuns: 1,
      chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
      settings: {
        onlyAudits: ["resource-summary", "network-requests", "third-party-summary"],
        chromeFlags: "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
      },
    },
    assert: {
      assertions: {
        "resource-summary:total:size": ["error", { maxNumericValue: 500 * 1024 }],
        "resource-summary:third-party:count": ["error", { maxNumericValue: 0 }],
      },
    },
    upload: { target: "filesystem", outputDir: join(__dirname, "..", "..", "_build", "lighthouse") },
  },
};

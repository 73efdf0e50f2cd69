// Runs a piece of JavaScript against the explorers' core, for tests/node_core.py.
// Reads {code, inputs} as JSON from stdin; `code` is the body of an async function of
// (core, inputs) whose result is printed as JSON. `core` holds every export of
// mlp_lib/widgets/js/src/core/*.js, so a test reads e.g. `new core.MLP(...)`.
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const coreDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "mlp_lib", "widgets", "js", "src", "core");
const core = {};
for (const file of readdirSync(coreDir).filter((f) => f.endsWith(".js")).sort()) {
  Object.assign(core, await import(pathToFileURL(join(coreDir, file)).href));
}
const { code, inputs } = JSON.parse(readFileSync(0, "utf8"));
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
const result = await new AsyncFunction("core", "inputs", code)(core, inputs);
process.stdout.write(JSON.stringify(result, (k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)));

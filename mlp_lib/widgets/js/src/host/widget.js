// An anywidget front end from the `_esm` source a model carries: imported as an ES module from
// a Blob URL (the page stays self-contained: no request leaves it), then turned into the
// widget definition {initialize?, render?} anywidget's protocol allows: a default export that
// is that object, or a function returning it (sync or async).

export async function importSource(source) {
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return await import(/* @vite-ignore */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function widgetDefinition(module) {
  const exported = module.default;
  const definition = typeof exported === "function" ? await exported() : exported;
  if (definition === null || typeof definition !== "object" || typeof definition.render !== "function") {
    throw new TypeError("an anywidget module must export default {render({model, el})} " +
      `(or a function returning it), got a default export of type ${definition === null ? "null" : typeof definition}`);
  }
  return definition;
}

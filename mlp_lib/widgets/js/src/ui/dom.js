// Building the explorers' HTML (tables, captions, text panels) in a line each.

/** An element with attributes and children: el("td", {class: "x"}, "text", other). Attributes
 * whose value is null or undefined, and children that are null, undefined or false, are left out. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

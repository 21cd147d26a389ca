// <rich-text nodes="..."> content, which shop pages use for descriptions and notices.

type RichNode = { type?: string; text?: string; name?: string; attrs?: Record<string, string>; children?: RichNode[] };

/** Renders `nodes` (an HTML string or the node array form) as the element's children. */
export function renderRichText(element: Element, nodes: unknown) {
  element.replaceChildren();
  // jsdom runs no scripts or event handlers by default, so HTML from page data is inert here.
  if (typeof nodes === "string") element.innerHTML = nodes;
  else if (Array.isArray(nodes)) element.append(...(nodes as RichNode[]).map((node) => toDom(element.ownerDocument, node)));
}

function toDom(document: Document, node: RichNode): Node {
  if (node.type === "text") return document.createTextNode(node.text ?? "");
  const element = document.createElement(node.name ?? "div");
  for (const [name, value] of Object.entries(node.attrs ?? {})) element.setAttribute(name, value);
  element.append(...(node.children ?? []).map((child) => toDom(document, child)));
  return element;
}

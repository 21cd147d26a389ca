// What a shopper can read on the rendered page.

// Built-ins that flow inline; every other built-in (view, button, navigator...) is a block on screen.
const inlineBuiltIns = new Set(["WX-TEXT", "WX-IMAGE", "WX-ICON", "WX-LABEL"]);
// Block-level HTML that rich-text may contain.
const blockHtml = new Set(["ADDRESS", "ARTICLE", "BLOCKQUOTE", "BR", "DD", "DIV", "DL", "DT", "H1", "H2", "H3", "H4", "H5", "H6", "HR", "LI", "OL", "P", "PRE", "SECTION", "TABLE", "TD", "TH", "TR", "UL"]);

/**
 * Text outside `hidden` elements, whitespace-normalised. Blocks are separated by a space and inline text
 * runs together, as on screen: `<view>龙井</view><view><text>¥</text><text>38</text></view>` reads
 * "龙井 ¥38". Custom component hosts add nothing of their own.
 */
export function visibleText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === node.TEXT_NODE) parts.push(node.textContent ?? "");
    if (node.nodeType !== node.ELEMENT_NODE) return;
    const element = node as Element;
    if (element.hasAttribute("hidden")) return;
    const block = element.tagName.startsWith("WX-") ? !inlineBuiltIns.has(element.tagName) : blockHtml.has(element.tagName);
    if (block) parts.push(" ");
    element.childNodes.forEach(walk);
    if (block) parts.push(" ");
  };
  walk(root);
  return parts.join("").replace(/\s+/g, " ").trim();
}

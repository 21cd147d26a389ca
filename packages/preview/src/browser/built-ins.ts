// WeChat's built-in tags (view, text, image, swiper...) as HTML, the way WeChat's own web view draws them: an element
// named wx-<tag>, whose attributes that change what a shopper sees are carried onto it. Registered under ids of
// their own and mapped into every component's usingComponents, so they never clash with another renderer's.
import { jComponent, uniqueId, type ComponentInstance } from "./j-component";

type Host = ComponentInstance & { _exparserNode: { $$: HTMLElement } };
/** Runs when the attribute's value changes, with the element that stands for the tag. */
type Apply = (element: HTMLElement, value: unknown, context: BuiltInContext) => void;

export type BuiltInContext = {
  /** The URL a package-relative picture ("/assets/...") is shown from. */
  imageUrl(src: string): string;
};

const reflect =
  (attribute: string): Apply =>
  (element, value) => {
    // As in WXML, `hidden="{{false}}"` and an empty value mean the attribute is absent.
    if (value === false || value === null || value === undefined || value === "") element.removeAttribute(attribute);
    else element.setAttribute(attribute, value === true ? "" : String(value));
  };

// How each image mode fits the picture in its box; widthFix and heightFix are sized by the picture itself.
const IMAGE_MODES: Record<string, string> = {
  scaleToFill: "100% 100%",
  aspectFit: "contain",
  aspectFill: "cover",
  widthFix: "100% auto",
  heightFix: "auto 100%",
};

function paintImage(element: HTMLElement, context: BuiltInContext) {
  const src = element.getAttribute("src");
  element.style.backgroundImage = src ? `url(${JSON.stringify(context.imageUrl(src))})` : "";
  element.style.backgroundSize = IMAGE_MODES[element.getAttribute("mode") ?? "scaleToFill"] ?? "100% 100%";
  // widthFix keeps the picture's proportions at the element's width: a hidden <img> gives the ratio.
  if (src && element.getAttribute("mode") === "widthFix") {
    const probe = new Image();
    probe.onload = () => {
      if (probe.naturalWidth > 0) element.style.aspectRatio = `${probe.naturalWidth} / ${probe.naturalHeight}`;
    };
    probe.src = context.imageUrl(src);
  }
}

/** The real field inside an input or textarea tag, made on first use: what the shopper types into. */
function fieldOf(element: HTMLElement): HTMLInputElement | HTMLTextAreaElement {
  const existing = element.firstElementChild;
  if (existing instanceof HTMLInputElement || existing instanceof HTMLTextAreaElement) return existing;
  const field = element.ownerDocument.createElement(element.localName === "wx-textarea" ? "textarea" : "input");
  field.className = "kdp-field";
  element.prepend(field);
  return field;
}

/** An attribute of the tag carried onto its field; the value only when it differs, so typing keeps its caret. */
const fieldAttribute =
  (name: "value" | "placeholder" | "maxLength" | "inputMode"): Apply =>
  (element, value) => {
    const field = fieldOf(element);
    if (name === "maxLength") {
      const max = Number(value);
      if (Number.isInteger(max) && max > 0) field.maxLength = max;
      return;
    }
    if (name === "inputMode") {
      // WXML's type="number" or "digit" brings up the phone's digit keyboard.
      field.inputMode = value === "number" ? "numeric" : value === "digit" ? "decimal" : "text";
      return;
    }
    const text = value === null || value === undefined ? "" : String(value);
    if (field[name] !== text) field[name] = text;
  };

const field = { value: fieldAttribute("value"), placeholder: fieldAttribute("placeholder"), maxlength: fieldAttribute("maxLength"), type: fieldAttribute("inputMode") };

const shared: Record<string, Apply> = { hidden: reflect("hidden") };
const builtIns: Record<string, Record<string, Apply>> = {
  view: {},
  text: {},
  block: {},
  label: {},
  form: {},
  icon: {},
  picker: {},
  "scroll-view": { "scroll-x": reflect("scroll-x"), "scroll-y": reflect("scroll-y") },
  swiper: {
    current: (element, value) => element.style.setProperty("--wx-swiper-current", String(Number(value) || 0)),
    "indicator-dots": reflect("indicator-dots"),
  },
  "swiper-item": {},
  "cover-view": {},
  button: { "open-type": reflect("open-type"), type: reflect("type"), size: reflect("size"), plain: reflect("plain"), disabled: reflect("disabled") },
  image: {
    src: (element, value, context) => {
      reflect("src")(element, value, context);
      paintImage(element, context);
    },
    mode: (element, value, context) => {
      reflect("mode")(element, value, context);
      paintImage(element, context);
    },
  },
  "cover-image": { src: reflect("src") },
  navigator: { url: reflect("url"), "open-type": reflect("open-type") },
  input: field,
  textarea: { value: field.value, placeholder: field.placeholder, maxlength: field.maxlength },
  "rich-text": { nodes: (element, value) => renderRichText(element, value) },
};

// Tags drawn by their own template; the rest hold their children. An input or textarea holds a real field instead.
const TEMPLATES: Record<string, string> = {};

/** Registers the built-in tags for one preview and returns the usingComponents entries naming them. */
export function registerBuiltIns(context: BuiltInContext): Record<string, string> {
  const using: Record<string, string> = {};
  for (const [tag, own] of Object.entries(builtIns)) {
    const properties = Object.fromEntries(
      Object.entries({ ...shared, ...own }).map(([attribute, apply]) => [
        attribute.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()),
        {
          type: null,
          observer(this: Host, value: unknown) {
            apply(this._exparserNode.$$, value, context);
          },
        },
      ]),
    );
    const id = uniqueId("kdpwx");
    jComponent.register({ id, tagName: `wx-${tag}`, path: "", template: TEMPLATES[tag] ?? "<slot/>", usingComponents: {}, properties });
    using[tag] = id;
  }
  return using;
}

type RichNode = { type?: string; text?: string; name?: string; attrs?: Record<string, string>; children?: RichNode[] };

// The elements rich text may use, as WeChat's rich-text allows them; anything else becomes a plain container and
// no attribute but class and style is kept, so merchant content never runs script or loads what it likes.
const RICH_TAGS = new Set(["p", "div", "span", "strong", "b", "em", "i", "u", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "img", "hr", "sub", "sup", "del", "ins", "small"]);

function renderRichText(element: HTMLElement, nodes: unknown) {
  element.replaceChildren();
  if (typeof nodes === "string") element.textContent = nodes;
  else if (Array.isArray(nodes)) element.append(...(nodes as RichNode[]).map((node) => toDom(element.ownerDocument, node)));
}

function toDom(document: Document, node: RichNode): Node {
  if (node.type === "text") return document.createTextNode(node.text ?? "");
  const name = RICH_TAGS.has(node.name ?? "") ? (node.name as string) : "div";
  const element = document.createElement(name);
  for (const [attribute, value] of Object.entries(node.attrs ?? {})) {
    if (attribute === "class" || attribute === "style") element.setAttribute(attribute, value);
  }
  element.append(...(node.children ?? []).map((child) => toDom(document, child)));
  return element;
}

// miniprogram-simulate registers the built-in tags as bare `<slot/>` components, so their attributes never
// reach the DOM: `hidden` content would count as visible, an image's src or an input's value could not be
// checked, and rich-text would stay empty. These re-registrations keep the same ids and tag names and
// carry what a shopper would notice onto the element.
import type { ComponentInstance, JComponent } from "./j-component";
import { renderRichText } from "./rich-text";

/** Runs when the attribute's value changes, with the element that stands for the tag in the DOM. */
type Apply = (element: Element, value: unknown) => void;

const reflect =
  (attribute: string): Apply =>
  (element, value) => {
    // As in WXML, `hidden="{{false}}"` and an empty value mean the attribute is absent.
    if (value === false || value === null || value === undefined || value === "") element.removeAttribute(attribute);
    else element.setAttribute(attribute, value === true ? "" : String(value));
  };

const shared: Record<string, Apply> = { hidden: reflect("hidden") };
const builtIns: Record<string, Record<string, Apply>> = {
  view: {},
  text: {},
  "scroll-view": {},
  swiper: {},
  "swiper-item": {},
  "cover-view": {},
  button: { "open-type": reflect("open-type") },
  image: { src: reflect("src"), mode: reflect("mode") },
  "cover-image": { src: reflect("src") },
  navigator: { url: reflect("url"), "open-type": reflect("open-type") },
  input: { value: reflect("value"), placeholder: reflect("placeholder") },
  textarea: { value: reflect("value"), placeholder: reflect("placeholder") },
  "rich-text": { nodes: renderRichText },
};

export function registerBuiltIns(j: JComponent) {
  for (const [tag, own] of Object.entries(builtIns)) {
    const properties = Object.fromEntries(
      Object.entries({ ...shared, ...own }).map(([attribute, apply]) => [
        attribute.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()),
        {
          type: null,
          observer(this: ComponentInstance & { _exparserNode: { $$: Element } }, value: unknown) {
            apply(this._exparserNode.$$, value);
          },
        },
      ]),
    );
    j.register({ id: tag, tagName: `wx-${tag}`, path: "", template: "<slot/>", usingComponents: {}, properties });
  }
}

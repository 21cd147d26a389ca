// Browser entry: renders runtime pages with j-component. Loads j-component and exparser, which need a DOM.
export { renderPreview, type NavigationRequest, type PreviewHandle, type PreviewOptions } from "./render";

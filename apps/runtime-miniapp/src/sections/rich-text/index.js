// Structured blocks shown as text. No <rich-text nodes>: merchant text is never parsed as markup.
Component({
  options: { styleIsolation: "apply-shared" },
  properties: { settings: { type: Object, value: null } },
});

// miniprogram-simulate only knows Component(); a Page is rendered as the component it is underneath.

/** Turns `Page({...})` options into a component definition with the same data, methods and fields. */
export function pageToComponent(options: Record<string, unknown>): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === "data" || key === "behaviors") continue;
    if (typeof value === "function") methods[key] = value;
    else fields[key] = value;
  }
  return {
    data: options.data ?? {},
    behaviors: options.behaviors ?? [],
    // Lifecycle handlers (onLoad, onShow...) become methods too, so the harness calls them the same way
    // for pages written with Page() and with Component().
    methods,
    lifetimes: {
      created(this: Record<string, unknown>) {
        // Page copies its other fields onto the instance; the module is fresh per render, so no deep copy.
        Object.assign(this, fields);
      },
    },
  };
}

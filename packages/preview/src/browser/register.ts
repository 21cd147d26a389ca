// Runs each page and component script of the bundle and registers what it defines with j-component.
import type { BundleComponent } from "../bundle";
import { jComponent, uniqueId } from "./j-component";
import { dirname, lookupBases, type ModuleLoader } from "./module-loader";
import { pageToComponent } from "./page-shim";
import type { TemplateFunction } from "./types";

type Options = Record<string, unknown>;

export type Constructors = {
  Component(options: Options): void;
  Page(options: Options): void;
  Behavior(options: Options): string;
};

export type Registry = {
  constructors: Constructors;
  /** Registers the components (each after those it uses) and returns the j-component id of the last, the page. */
  register(components: BundleComponent[], templates: (wxmlPath: string) => TemplateFunction, loader: ModuleLoader, builtIns: Record<string, string>): string;
};

export function createRegistry(): Registry {
  let receive: ((options: Options) => void) | undefined;
  // A method of the real runtime j-component lacks (@vant/weapp calls it).
  const runtimeMethods = jComponent.behavior({ methods: { groupSetData: (callback?: () => void) => callback?.() } });

  const Component = (options: Options) => {
    if (!receive) throw new Error("Component() and Page() must be called while the page or component file itself loads");
    receive(options);
  };
  const constructors: Constructors = {
    Component,
    Page: (options) => Component(pageToComponent(options)),
    Behavior: (options) => jComponent.behavior(options),
  };

  function define(component: BundleComponent, loader: ModuleLoader): Options {
    let definition: Options | undefined;
    receive = (options) => {
      if (definition) throw new Error(`${component.file}.js called Component() or Page() twice`);
      definition = options;
    };
    try {
      loader.load(`${component.file}.js`);
    } finally {
      receive = undefined;
    }
    if (!definition) throw new Error(`${component.file}.js did not call Page() or Component()`);
    return definition;
  }

  function register(components: BundleComponent[], templates: (wxmlPath: string) => TemplateFunction, loader: ModuleLoader, builtIns: Record<string, string>): string {
    const ids = new Map(components.map((component) => [component.file, uniqueId("kdp")]));
    // The element of a component is named after the first tag that uses it; the page is <wx-page>.
    const tagNames = new Map<string, string>();
    for (const component of components) {
      for (const [tag, file] of Object.entries(component.using)) if (!tagNames.has(file)) tagNames.set(file, tag);
    }
    const idOf = (file: string) => ids.get(file) as string;
    for (const component of components) {
      const definition = define(component, loader);
      relationsToIds(definition, component.file, ids);
      jComponent.register({
        ...definition,
        behaviors: [...((definition.behaviors as unknown[] | undefined) ?? []), runtimeMethods],
        id: idOf(component.file),
        path: component.file,
        tagName: tagNames.get(component.file) ?? "wx-page",
        template: templates(`${component.file}.wxml`),
        usingComponents: { ...builtIns, ...Object.fromEntries(Object.entries(component.using).map(([tag, file]) => [tag, idOf(file)])) },
      });
    }
    const page = components.at(-1);
    if (!page) throw new Error("No page to register");
    return idOf(page.file);
  }

  return { constructors, register };
}

/** j-component links related components (vant's sidebar and its items) by id, not by the path the code names. */
function relationsToIds(definition: Options, file: string, ids: Map<string, string>) {
  const relations = definition.relations as Record<string, Options> | undefined;
  if (!relations) return;
  for (const [key, relation] of Object.entries(relations)) {
    const target = lookupBases(dirname(file), key)
      .map((base) => ids.get(base))
      .find(Boolean);
    if (!target) continue;
    relations[target] = { ...relation, target };
    delete relations[key];
  }
}

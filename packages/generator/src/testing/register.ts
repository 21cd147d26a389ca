// Runs each page and component file and registers what it defines with j-component.
import path from "node:path";
import { pageToComponent } from "@kaidian/preview";
import type { ComponentFiles } from "@kaidian/preview/node";
import { jComponent, type TemplateFunction } from "./j-component";
import type { ModuleLoader } from "./module-loader";

type Options = Record<string, unknown>;

/** The constructors page code calls; `Component` and `Page` only work while `register` runs that file. */
export type Constructors = {
  Component(options: Options): void;
  Page(options: Options): void;
  Behavior(options: Options): string;
};

export type Registry = {
  constructors: Constructors;
  /** Registers the components (each after those it uses) and returns the j-component id of the last, the page. */
  register(packageDir: string, components: ComponentFiles[], templates: (wxmlPath: string) => TemplateFunction, loader: ModuleLoader): string;
};

let registered = 0;

// j-component keeps one registry per process, so ids must never repeat across renders. Letters only, as
// miniprogram-simulate does: the id doubles as a tag name.
function uniqueId(): string {
  registered += 1;
  return `kd${registered.toString(26).replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 26)))}`;
}

export function createRegistry(): Registry {
  let receive: ((options: Options) => void) | undefined;
  // Instance methods of the runtime that j-component lacks: @vant/weapp's tabs call groupSetData.
  const runtimeMethods = jComponent().behavior({
    methods: {
      groupSetData(callback?: () => void) {
        callback?.();
      },
    },
  });

  const Component = (options: Options) => {
    if (!receive) throw new Error("Component() and Page() must be called while the page or component file itself loads");
    receive(options);
  };
  const constructors: Constructors = {
    Component,
    Page: (options) => Component(pageToComponent(options)),
    Behavior: (options) => jComponent().behavior(options),
  };

  function define(component: ComponentFiles, loader: ModuleLoader): Options {
    let definition: Options | undefined;
    receive = (options) => {
      if (definition) throw new Error(`${component.relative}.js called Component() or Page() twice`);
      definition = options;
    };
    try {
      loader.load(`${component.file}.js`);
    } finally {
      receive = undefined;
    }
    if (!definition) throw new Error(`${component.relative}.js did not call Page() or Component()`);
    return definition;
  }

  function register(packageDir: string, components: ComponentFiles[], templates: (wxmlPath: string) => TemplateFunction, loader: ModuleLoader): string {
    // Ids first: relations and usingComponents name components registered later in the loop.
    const ids = new Map(components.map((component) => [component.file, uniqueId()]));
    // The DOM element of a component is named after the first tag that uses it; the page is <page>.
    const tagNames = new Map<string, string>();
    for (const component of components) {
      for (const [tag, file] of Object.entries(component.using)) if (!tagNames.has(file)) tagNames.set(file, tag);
    }
    // collectComponents listed every file a `using` names, so each has an id.
    const idOf = (file: string) => ids.get(file) as string;

    for (const component of components) {
      const definition = define(component, loader);
      relationsToIds(definition, packageDir, component.file, ids);
      jComponent().register({
        ...definition,
        behaviors: [...((definition.behaviors as unknown[] | undefined) ?? []), runtimeMethods],
        id: idOf(component.file),
        path: component.file,
        tagName: tagNames.get(component.file) ?? "page",
        template: templates(`${component.relative}.wxml`),
        usingComponents: Object.fromEntries(Object.entries(component.using).map(([tag, file]) => [tag, idOf(file)])),
      });
    }
    const page = components.at(-1);
    if (!page) throw new Error("No page to register");
    return idOf(page.file);
  }

  return { constructors, register };
}

/** j-component links related components (vant's form and cell groups) by id, not by the path the code names. */
function relationsToIds(definition: Options, packageDir: string, file: string, ids: Map<string, string>) {
  const relations = definition.relations as Record<string, Options> | undefined;
  if (!relations) return;
  for (const [key, relation] of Object.entries(relations)) {
    const target = ids.get(key.startsWith("/") ? path.join(packageDir, key) : path.resolve(path.dirname(file), key));
    if (!target) continue;
    relations[target] = { ...relation, target };
    delete relations[key];
  }
}

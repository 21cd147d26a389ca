// What the browser needs to run the Mini Program runtime: built once from the runtime's dist/ (node/build-bundle.ts)
// and served to the dashboard as one JSON document.

/** A page or component: its script is `${file}.js`, its template `${file}.wxml`. Paths are package-relative. */
export type BundleComponent = {
  file: string;
  /** Tag name -> `file` of the component it stands for. */
  using: Record<string, string>;
};

export type PreviewBundle = {
  /** The runtime's version (runtime.json). */
  runtimeVersion: string;
  /** sha256 of everything below: the bundle's cache key. */
  hash: string;
  /** Every route app.json lists -> the page and each component it reaches, each after those it uses. */
  pages: Record<string, BundleComponent[]>;
  /** Every script of the package by package-relative path ("lib/site.js"). */
  scripts: Record<string, string>;
  /** The package's WXSS as CSS for a 375 px wide phone: app.wxss first, then each page's and component's. */
  css: string;
  /** wcc's output over every .wxml and .wxs file: JavaScript defining `$gwx`. */
  wxml: string;
  /** Pictures packaged with the runtime (the tab icons), as data: URLs by package-relative path. */
  images: Record<string, string>;
};

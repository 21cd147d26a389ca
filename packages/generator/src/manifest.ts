import { createHash } from "node:crypto";

export type Manifest = {
  tenant: { id: string; slug: string };
  appid: string;
  templateId: string;
  configVersion: number;
  versions: { template: string; runtime: string; generator: string };
  /** "compiled": ready for WeChat as it is; "source": miniprogram-ci compiles it on upload. */
  form: "compiled" | "source";
  /** sha256 over every file's path and sha256: equal hashes mean byte-identical packages. */
  contentHash: string;
  /** Bytes WeChat counts (see validate/sizes.ts) and the zip's own size. */
  sizes: { main: number; subpackages: { root: string; bytes: number }[]; total: number; zip: number };
  files: { path: string; bytes: number; sha256: string }[];
};

export function sha256(content: Buffer | string): string {
  return createHash("sha256").update(content).digest("hex");
}

export function describeFiles(files: ReadonlyMap<string, Buffer>): { files: Manifest["files"]; contentHash: string } {
  const list = [...files.keys()].sort().map((path) => {
    const content = files.get(path)!;
    return { path, bytes: content.length, sha256: sha256(content) };
  });
  const contentHash = sha256(list.map((file) => `${file.path}\0${file.sha256}\n`).join(""));
  return { files: list, contentHash };
}

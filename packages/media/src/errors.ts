/**
 * An upload refused for what it is. `code` is a message key the dashboard translates (under `errors`); `params`
 * fill its placeholders (the limits, the image's own size).
 */
export class MediaRefusedError extends Error {
  override name = "MediaRefusedError";
  constructor(
    readonly code: "media.missingFile" | "media.unsupported" | "media.tooLarge" | "media.tooSmall" | "media.dimensions",
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

// Reading an upload from an HTTP request (multipart/form-data, field `file`) without trusting its size: at most
// the image limit plus room for the multipart envelope is read, so a huge body is refused, not buffered whole.
import { MediaRefusedError } from "./errors";
import { MEDIA_LIMIT_PARAMS, MEDIA_MAX_BYTES } from "./limits";

/** Multipart boundaries, part headers and a long file name fit easily in this. */
const ENVELOPE_BYTES = 64 * 1024;
export const MEDIA_MAX_REQUEST_BYTES = MEDIA_MAX_BYTES + ENVELOPE_BYTES;

export type UploadedFile = { bytes: Uint8Array; originalName: string };

const tooLarge = () => new MediaRefusedError("media.tooLarge", MEDIA_LIMIT_PARAMS);

async function readAtMost(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The file in the request's `file` field; MediaRefusedError when the body is too large or holds no file. */
export async function readUpload(request: Request): Promise<UploadedFile> {
  const body = await readAtMost(request, MEDIA_MAX_REQUEST_BYTES);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new MediaRefusedError("media.missingFile");
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) throw new MediaRefusedError("media.missingFile");
  return { bytes: new Uint8Array(await file.arrayBuffer()), originalName: file instanceof File ? file.name : "" };
}

import { readPreviewBundle } from "@kaidian/preview/node";

// The current preview bundle's address: short-lived, so a deploy's new runtime is picked up; the bundle itself is
// served at its content hash and cached for good.
export async function GET(request: Request): Promise<Response> {
  const { hash } = await readPreviewBundle();
  return new Response(null, {
    status: 307,
    headers: { Location: new URL(`/api/preview/bundle/${hash}`, request.url).pathname, "Cache-Control": "no-cache" },
  });
}

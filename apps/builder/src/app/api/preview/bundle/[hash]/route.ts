import { readPreviewBundle } from "@kaidian/preview/node";
import { jsonError } from "@/server/read-api";

// The runtime's files for the dashboard's live preview (packages/preview). Public: it is the same code every
// store's Mini Program carries, with no store's data in it.
export async function GET(_request: Request, { params }: { params: Promise<{ hash: string }> }): Promise<Response> {
  const bundle = await readPreviewBundle();
  if ((await params).hash !== bundle.hash) return jsonError(404, "preview.bundleNotFound", "No preview bundle has this hash.");
  return Response.json(bundle, { headers: { "Cache-Control": "public, max-age=31536000, immutable" } });
}

import { sampleAsset } from "@kaidian/templates";
import { jsonError } from "@/server/read-api";

// The templates' sample pictures, for web previews (a Mini Program carries them in its package, under the same
// /assets/samples/<name>.svg path this route ends with). They are drawn by code and change only with a deploy,
// hence a week's cache; the CSP keeps an SVG opened on its own from running anything.
const HEADERS = {
  "Content-Type": "image/svg+xml",
  "Cache-Control": "public, max-age=604800",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  "Access-Control-Allow-Origin": "*",
  "X-Content-Type-Options": "nosniff",
};

export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  const svg = sampleAsset(`/assets/samples/${(await params).name}`);
  return svg ? new Response(svg, { headers: HEADERS }) : jsonError(404, "asset.notFound", "No sample picture has this name.");
}

// What the browser may import too: the limits and the shape of a media ref. Storage and the database side are in
// "@kaidian/media/server".
export * from "./limits";
export { mediaRef, parseMediaFileName } from "./refs";

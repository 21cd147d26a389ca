// Sample pictures, drawn as small SVGs from code so a new store has real images without shipping binaries. Each is
// a package asset (`/assets/samples/<name>.svg`) that the generator copies into the packages that use it.

export type Motif = "cup" | "beans" | "bag" | "bed" | "bowl" | "glass" | "leaf" | "star" | "key";

export type Artwork = { width: number; height: number; from: string; to: string; motif: Motif; label?: string };

const MOTIFS: Record<Motif, string> = {
  cup: '<path d="M-60-40h100v60a50 50 0 0 1-100 0z"/><path d="M40-20h15a20 20 0 0 1 0 40h-15" fill="none" stroke="#fff" stroke-width="10"/>',
  beans: '<ellipse cx="-30" cy="0" rx="28" ry="40"/><ellipse cx="30" cy="0" rx="28" ry="40"/>',
  bag: '<rect x="-55" y="-30" width="110" height="90" rx="10"/><path d="M-25-30v-15a25 25 0 0 1 50 0v15" fill="none" stroke="#fff" stroke-width="10"/>',
  bed: '<rect x="-80" y="0" width="160" height="40" rx="8"/><rect x="-80" y="-35" width="50" height="35" rx="8"/><rect x="-80" y="40" width="12" height="20"/><rect x="68" y="40" width="12" height="20"/>',
  bowl: '<path d="M-80-10h160a80 70 0 0 1-160 0z"/><path d="M-30-30v-40M0-30v-50M30-30v-40" stroke="#fff" stroke-width="8"/>',
  glass: '<path d="M-40-60h80l-12 120h-56z"/><circle cx="0" cy="-75" r="12"/>',
  leaf: '<path d="M0 70C-70 20-50-60 0-80C50-60 70 20 0 70z"/>',
  star: '<path d="M0-70l20 45 50 5-38 33 12 49-44-26-44 26 12-49-38-33 50-5z"/>',
  key: '<circle cx="-30" cy="0" r="30"/><rect x="-5" y="-8" width="90" height="16"/><rect x="60" y="8" width="12" height="20"/>',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderArtwork(art: Artwork): string {
  const scale = Math.min(art.width, art.height) / 300;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${art.width}" height="${art.height}" viewBox="0 0 ${art.width} ${art.height}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${art.from}"/><stop offset="1" stop-color="${art.to}"/></linearGradient></defs>`,
    `<rect width="100%" height="100%" fill="url(#g)"/>`,
    `<g transform="translate(${art.width / 2} ${art.height * 0.44}) scale(${scale.toFixed(3)})" fill="#fff" fill-opacity="0.92">${MOTIFS[art.motif]}</g>`,
    art.label
      ? `<text x="50%" y="${Math.round(art.height * 0.86)}" text-anchor="middle" font-family="sans-serif" font-size="${Math.round(26 * scale)}" fill="#fff">${escapeXml(art.label)}</text>`
      : "",
    `</svg>`,
  ].join("");
}

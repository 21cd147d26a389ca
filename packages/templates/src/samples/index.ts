import { renderArtwork, type Artwork } from "./artwork";

// Banner pictures carry no words: a slide's own title is drawn over them, and a sample must not name a store.
const banner = { width: 750, height: 360 };
const square = { width: 400, height: 400 };

const artworks: Record<string, Artwork> = {
  "banner-1": { ...banner, from: "#ff7a45", to: "#d4380d", motif: "star" },
  "banner-2": { ...banner, from: "#36cfc9", to: "#08979c", motif: "leaf" },
  "ad-1": { ...banner, from: "#9254de", to: "#531dab", motif: "bag", label: "限时优惠 Limited offer" },
  "coffee-banner": { ...banner, from: "#a0522d", to: "#5c3317", motif: "cup" },
  "coffee-beans": { ...square, from: "#8b5a2b", to: "#4a2c12", motif: "beans", label: "云南小粒咖啡豆" },
  "drip-bags": { ...square, from: "#c08552", to: "#7a4b24", motif: "cup", label: "挂耳咖啡" },
  "cold-brew": { ...square, from: "#5b8def", to: "#1d39c4", motif: "glass", label: "冷萃咖啡液" },
  "kettle": { ...square, from: "#8c8c8c", to: "#434343", motif: "cup", label: "手冲壶" },
  "mug": { ...square, from: "#ffd666", to: "#d48806", motif: "cup", label: "陶瓷马克杯" },
  "tote": { ...square, from: "#95de64", to: "#389e0d", motif: "bag", label: "帆布袋" },
  "cookies": { ...square, from: "#ffc069", to: "#d46b08", motif: "star", label: "曲奇礼盒" },
  "lake-banner": { ...banner, from: "#5cdbd3", to: "#006d75", motif: "leaf" },
  "room-king": { ...square, from: "#87e8de", to: "#13c2c2", motif: "bed", label: "大床房" },
  "room-twin": { ...square, from: "#91d5ff", to: "#1890ff", motif: "bed", label: "双床房" },
  "room-lake": { ...square, from: "#5cdbd3", to: "#08979c", motif: "bed", label: "湖景大床房" },
  "room-family": { ...square, from: "#ffd591", to: "#fa8c16", motif: "bed", label: "家庭套房" },
  "room-suite": { ...square, from: "#d3adf7", to: "#722ed1", motif: "key", label: "行政套房" },
  "room-tatami": { ...square, from: "#b7eb8f", to: "#52c41a", motif: "bed", label: "榻榻米房" },
  "noodle-banner": { ...banner, from: "#ff7875", to: "#a8071a", motif: "bowl" },
  "beef-noodles": { ...square, from: "#ff9c6e", to: "#d4380d", motif: "bowl", label: "招牌牛肉面" },
  "rib-noodles": { ...square, from: "#ffbb96", to: "#ad2102", motif: "bowl", label: "红烧排骨面" },
  "dandan": { ...square, from: "#ff7a45", to: "#871400", motif: "bowl", label: "担担面" },
  "hot-sour": { ...square, from: "#ff4d4f", to: "#820014", motif: "bowl", label: "酸辣粉" },
  "potstickers": { ...square, from: "#ffe58f", to: "#d4b106", motif: "star", label: "锅贴" },
  "cucumber": { ...square, from: "#b7eb8f", to: "#389e0d", motif: "leaf", label: "拍黄瓜" },
  "plum-drink": { ...square, from: "#ffadd2", to: "#c41d7f", motif: "glass", label: "酸梅汤" },
};

export type SampleAssetName = keyof typeof artworks;

/** `/assets/samples/<name>.svg`, the reference stored in configs and catalogs. */
export function sampleImage(name: string): string {
  if (!(name in artworks)) throw new Error(`No sample artwork named ${name}`);
  return `/assets/samples/${name}.svg`;
}

/** The file content behind a packaged sample reference, or undefined when the reference is not a sample. */
export function sampleAsset(ref: string): string | undefined {
  const match = /^\/assets\/samples\/([a-z0-9-]+)\.svg$/.exec(ref);
  const art = match?.[1] ? artworks[match[1]] : undefined;
  return art ? renderArtwork(art) : undefined;
}

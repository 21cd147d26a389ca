// The registry of section types. Adding a section = a definition file here plus a renderer component of the same
// type in apps/runtime-miniapp/src/sections/.
import { banner } from "./banner";
import { bookingBar } from "./booking-bar";
import { categoryGrid } from "./category-grid";
import { couponStrip } from "./coupon-strip";
import { imageAd } from "./image-ad";
import { itemGrid } from "./item-grid";
import { memberCard } from "./member-card";
import { menu } from "./menu";
import { notice } from "./notice";
import { queueTicket } from "./queue-ticket";
import { richText } from "./rich-text";
import { roomList } from "./room-list";
import { search } from "./search";
import { storeInfo } from "./store-info";

export const sections = {
  banner,
  notice,
  search,
  "category-grid": categoryGrid,
  "item-grid": itemGrid,
  "coupon-strip": couponStrip,
  "image-ad": imageAd,
  "rich-text": richText,
  "store-info": storeInfo,
  "member-card": memberCard,
  "room-list": roomList,
  "booking-bar": bookingBar,
  menu,
  "queue-ticket": queueTicket,
} as const;

export type SectionType = keyof typeof sections;
export const SECTION_TYPES = Object.keys(sections) as SectionType[];

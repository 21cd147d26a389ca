import "server-only";
import { type DiningTableView, tableLink, tableScene } from "@kaidian/catalog/server";
import QRCode from "qrcode";
import { phoneAddress } from "@/server/phone-address";

export type TableCard = { id: string; name: string; seats: number; scene: string; link: string; svg: string };

/** A QR code of `text` as an SVG document: black modules on white with a quiet zone, scaled by its container. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

/** What a printed table card shows: its name, its scene and the QR code of its link. */
export async function tableCards(tenantId: string, tables: DiningTableView[], base = phoneAddress().base): Promise<TableCard[]> {
  return Promise.all(
    tables.map(async (table) => {
      const link = tableLink(base, tenantId, table.code);
      return { id: table.id, name: table.name, seats: table.seats, scene: tableScene(table.code), link, svg: await qrSvg(link) };
    }),
  );
}

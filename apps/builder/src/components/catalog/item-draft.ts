// The item form's state: what the merchant typed, as text, so nothing they entered is lost or reformatted while
// it is wrong. `toItemInput` turns it into the catalog's item input (prices read exactly from yuan); the catalog's
// own schema then checks it, here for inline messages and again on the server.
import { type Cancellation, formatYuan, halfWidthNumber, type Item, type ItemEditInput, type ItemKind, parseYuan, type Problem, skuMatrix } from "@kaidian/catalog";

export type SkuDraft = { options: string[]; price: string; stock: string };
export type OptionDraft = { name: string; extra: string };
export type GroupDraft = { name: string; required: boolean; multiple: boolean; options: OptionDraft[] };

export type ItemDraft = {
  title: string;
  categoryId: string;
  description: string;
  price: string;
  images: string[];
  specs: { name: string; options: string }[];
  skus: SkuDraft[];
  capacity: string;
  bedType: string;
  areaSqm: string;
  amenities: string;
  breakfast: boolean;
  rooms: string;
  cancellation: Cancellation["kind"];
  hoursBefore: string;
  /** What a partial-refund policy gives back, in percent. */
  refundPercent: string;
  groups: GroupDraft[];
  soldOut: boolean;
};

/** Lists typed in one box: commas (either width) or the Chinese enumeration comma separate entries. */
export function splitList(text: string): string[] {
  return text.split(/[,，、]/).map((entry) => entry.trim()).filter(Boolean);
}

const joinList = (entries: readonly string[]) => entries.join("、");

export function draftOf(item: Item | null): ItemDraft {
  const draft: ItemDraft = {
    title: item?.title ?? "",
    categoryId: item?.categoryId ?? "",
    description: item?.description ?? "",
    price: item ? formatYuan(item.priceFen) : "",
    images: item?.images ?? [],
    specs: [],
    skus: [],
    capacity: "2",
    bedType: "",
    areaSqm: "0",
    amenities: "",
    breakfast: false,
    rooms: "1",
    cancellation: "free",
    hoursBefore: "24",
    refundPercent: "50",
    groups: [],
    soldOut: false,
  };
  if (item?.kind === "product") {
    draft.specs = item.details.specs.map((spec) => ({ name: spec.name, options: joinList(spec.options) }));
    draft.skus = item.details.skus.map((sku) => ({ options: sku.options, price: formatYuan(sku.priceFen), stock: String(sku.stock) }));
  } else if (item?.kind === "room") {
    const { details } = item;
    Object.assign(draft, {
      capacity: String(details.capacity), bedType: details.bedType, areaSqm: String(details.areaSqm), amenities: joinList(details.amenities),
      breakfast: details.breakfast, rooms: String(details.rooms), cancellation: details.cancellation.kind,
      hoursBefore: details.cancellation.kind === "free" ? String(details.cancellation.hoursBefore) : "24",
      refundPercent: details.cancellation.kind === "partial" ? String(details.cancellation.percent) : "50",
    });
  } else if (item?.kind === "dish") {
    draft.groups = item.details.optionGroups.map((group) => ({
      ...group,
      options: group.options.map((option) => ({ name: option.name, extra: formatYuan(option.extraFen) })),
    }));
    draft.soldOut = item.details.soldOut;
  }
  return draft;
}

/** The SKU rows for the draft's specs, keeping the rows of combinations that remain. */
export function withSkus(draft: ItemDraft): ItemDraft {
  const specs = draft.specs.map((spec) => ({ options: splitList(spec.options) }));
  return { ...draft, skus: skuMatrix(specs, draft.skus, (options) => ({ options, price: draft.price, stock: "0" })) };
}

/** A number typed as text; an empty box is no number (NaN), which the schema refuses as it refuses "1.5". */
const whole = (text: string): number => (text.trim() === "" ? Number.NaN : Number(halfWidthNumber(text)));

/** The draft as the catalog's item input, and the prices that could not be read (each at its field's path). */
export function toItemInput(kind: ItemKind, draft: ItemDraft): { input: ItemEditInput; problems: Problem[] } {
  const problems: Problem[] = [];
  const fen = (text: string, path: Problem["path"]) => {
    const parsed = parseYuan(text);
    if (parsed.ok) return parsed.fen;
    problems.push({ path, code: parsed.problem });
    return 0;
  };
  const base = {
    categoryId: draft.categoryId || null,
    title: draft.title.trim(),
    description: draft.description,
    priceFen: fen(draft.price, ["priceFen"]),
    images: draft.images,
  };
  let input: ItemEditInput;
  if (kind === "product") {
    input = {
      ...base,
      kind,
      details: {
        specs: draft.specs.map((spec) => ({ name: spec.name.trim(), options: splitList(spec.options) })),
        skus: draft.skus.map((sku, index) => ({
          options: sku.options,
          priceFen: fen(sku.price, ["details", "skus", index, "priceFen"]),
          stock: whole(sku.stock),
        })),
      },
    };
  } else if (kind === "room") {
    input = {
      ...base,
      kind,
      details: {
        capacity: whole(draft.capacity),
        bedType: draft.bedType.trim(),
        areaSqm: whole(draft.areaSqm),
        amenities: splitList(draft.amenities),
        breakfast: draft.breakfast,
        rooms: whole(draft.rooms),
        cancellation:
          draft.cancellation === "free" ? { kind: "free", hoursBefore: whole(draft.hoursBefore) }
          : draft.cancellation === "partial" ? { kind: "partial", percent: whole(draft.refundPercent) }
          : { kind: "nonRefundable" },
      },
    };
  } else {
    input = {
      ...base,
      kind,
      details: {
        soldOut: draft.soldOut,
        optionGroups: draft.groups.map((group, g) => ({
          name: group.name.trim(),
          required: group.required,
          multiple: group.multiple,
          options: group.options.map((option, o) => ({
            name: option.name.trim(),
            extraFen: fen(option.extra.trim() === "" ? "0" : option.extra, ["details", "optionGroups", g, "options", o, "extraFen"]),
          })),
        })),
      },
    };
  }
  return { input, problems };
}

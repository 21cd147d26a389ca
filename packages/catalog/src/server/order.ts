// The merchant's order: position, then creation, then id, the same order the read API uses.
export const positionOrder: { position?: "asc"; createdAt?: "asc"; id?: "asc" }[] = [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }];

export type Direction = "up" | "down";

/**
 * `ids` (every row, in order) after moving `id` one place among the rows `sameGroup` accepts. Null when it cannot
 * move further. Rows of other groups keep their places, so one numbering serves the whole store.
 */
export function moved(ids: string[], id: string, direction: Direction, sameGroup: (id: string) => boolean): string[] | null {
  const from = ids.indexOf(id);
  if (from < 0) return null;
  const step = direction === "up" ? -1 : 1;
  let to = from + step;
  while (to >= 0 && to < ids.length && !sameGroup(ids[to]!)) to += step;
  if (to < 0 || to >= ids.length) return null;
  const next = [...ids];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** Writes positions 0..n-1 in `order`, touching only rows whose position changes. */
export async function renumber(
  rows: { id: string; position: number }[],
  order: string[],
  write: (id: string, position: number) => Promise<unknown>,
): Promise<void> {
  const current = new Map(rows.map((row) => [row.id, row.position]));
  for (const [position, id] of order.entries()) {
    if (current.get(id) !== position) await write(id, position);
  }
}

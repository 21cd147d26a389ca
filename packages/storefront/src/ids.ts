import { z } from "zod";

// z.uuid()'s own pattern, tested directly: shop-api checks ids on every request, and a parse allocates its result.
const UUID = z.regexes.uuid();

/** Store, category and item ids are UUIDs; PostgreSQL refuses anything else in their place with an error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

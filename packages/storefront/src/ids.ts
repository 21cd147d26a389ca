import { z } from "zod";

const uuidSchema = z.uuid();

/** Store, category and item ids are UUIDs; PostgreSQL refuses anything else in their place with an error. */
export function isUuid(value: string): boolean {
  return uuidSchema.safeParse(value).success;
}

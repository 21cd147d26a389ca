import { z } from "zod";

const uuid = z.uuid();

/** Store ids are UUIDs; anything else in their place can only be a slug or a forged link. */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}

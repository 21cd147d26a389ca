import { Prisma, type Transaction } from "@kaidian/db";
import { DomainError } from "./errors";
import { hashPassword } from "./passwords";
import type { NewAccount } from "./schemas";

export type AccountUser = { id: string; email: string; name: string };

const PUBLIC_FIELDS = { id: true, email: true, name: true } as const;

/** Hash outside any transaction (it takes ~50 ms of CPU), then call createUser inside one. */
export async function prepareAccount(account: NewAccount) {
  return { email: account.email, name: account.name, passwordHash: await hashPassword(account.password) };
}

export async function createUser(
  tx: Transaction,
  account: Awaited<ReturnType<typeof prepareAccount>>,
): Promise<AccountUser> {
  try {
    return await tx.user.create({ data: account, select: PUBLIC_FIELDS });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("email.taken", "email");
    }
    throw error;
  }
}

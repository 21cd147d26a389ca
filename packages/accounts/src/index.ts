export * from "./errors";
export * from "./schemas";
export { hashPassword, verifyPassword } from "./passwords";
export { createUser, prepareAccount, type AccountUser } from "./users";
export { createSession, resolveSession, revokeSession } from "./sessions";
export { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_EMAIL_AND_IP, MAX_FAILURES_PER_IP, THROTTLE_WINDOW_MS } from "./throttle";
export { randomToken, sha256Hex } from "./tokens";
export { signIn, type SignedIn } from "./sign-in";

export * from "./errors";
export * from "./schemas";
export { hashPassword, verifyPassword } from "./passwords";
export { createUser, findUser, prepareAccount, type AccountUser } from "./users";
export { createSession, resolveSession, revokeSession, SESSION_TTL_MS } from "./sessions";
export { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, THROTTLE_WINDOW_MS } from "./throttle";
export { signIn, type SignedIn } from "./sign-in";

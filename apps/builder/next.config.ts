import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them with the app.
  transpilePackages: [
    "@kaidian/accounts",
    "@kaidian/audit",
    "@kaidian/catalog",
    "@kaidian/client-address",
    "@kaidian/db",
    "@kaidian/design",
    "@kaidian/preview",
    "@kaidian/publishing",
    "@kaidian/secrets",
    "@kaidian/storefront",
    "@kaidian/templates",
    "@kaidian/tenancy",
    "@kaidian/wechat",
  ],
  serverExternalPackages: ["@node-rs/argon2", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;

import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them with the app.
  transpilePackages: [
    "@kaidian/accounts",
    "@kaidian/catalog",
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
  // A CSV import of a full catalog is posted to a server action (the action itself refuses files over 8 MB).
  experimental: { serverActions: { bodySizeLimit: "9mb" } },
  typedRoutes: false,
};

export default config;

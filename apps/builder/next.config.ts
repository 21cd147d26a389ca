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
  typedRoutes: false,
  // WeChat fetches a table-code rule's check file from the rule's last directory, /q/<store id>/<name>.txt, where
  // table codes live too; the file is served by its own route.
  async rewrites() {
    return [{ source: "/q/:tenant/:file([A-Za-z0-9_-]{1,64}\\.txt)", destination: "/api/qr-verification/:tenant/:file" }];
  },
};

export default config;

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
  // The headers every response carries, pages or not; pages also get their CSP (and HSTS over https) from
  // src/proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default config;

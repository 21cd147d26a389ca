import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them with the app.
  transpilePackages: [
    "@kaidian/accounts",
    "@kaidian/analytics",
    "@kaidian/audit",
    "@kaidian/catalog",
    "@kaidian/client-address",
    "@kaidian/db",
    "@kaidian/design",
    "@kaidian/members",
    "@kaidian/messages",
    "@kaidian/payments",
    "@kaidian/orders",
    "@kaidian/preview",
    "@kaidian/publishing",
    "@kaidian/queue",
    "@kaidian/secrets",
    "@kaidian/storefront",
    "@kaidian/templates",
    "@kaidian/tenancy",
    "@kaidian/wechat",
  ],
  serverExternalPackages: ["@node-rs/argon2", "pg", "wechatpay-axios-plugin"],
  poweredByHeader: false,
  // A CSV import of a full catalog is posted to a server action (the action itself refuses files over 8 MB).
  experimental: { serverActions: { bodySizeLimit: "9mb" } },
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
  // WeChat fetches a table-code rule's check file from the rule's last directory, /q/<store id>/<name>.txt, where
  // table codes live too; the file is served by its own route.
  async rewrites() {
    return [{ source: "/q/:tenant/:file([A-Za-z0-9_-]{1,64}\\.txt)", destination: "/api/qr-verification/:tenant/:file" }];
  },
};

export default config;

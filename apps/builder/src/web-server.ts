// The dashboard's web server: Next's production server behind one step of our own. Route handlers and server
// actions never see the socket, so this step settles who the client is (@kaidian/client-address, TRUSTED_PROXIES)
// and overwrites X-Forwarded-For and X-Forwarded-Proto with that answer on every request: whatever a client sends
// in them is replaced before Next reads a byte. The app believes those two headers only when this process marked
// itself as having done so (see src/server/client.ts); under `next dev` it believes neither.
import http from "node:http";
import path from "node:path";
import { markClientResolved, parseTrustedProxies, TrustedProxiesError, settleClient } from "@kaidian/client-address";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
let proxies;
try {
  proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  if (!(error instanceof TrustedProxiesError)) throw error;
  console.error(`[kaidian] ${error.message}`);
  process.exit(1);
}

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), port });
const handle = app.getRequestHandler();
await app.prepare();
markClientResolved();

const server = http.createServer((request, response) => {
  settleClient(request, proxies);
  void handle(request, response);
});
server.listen(port, () => console.log(`[kaidian] dashboard listening on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}

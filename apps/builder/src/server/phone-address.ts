// Where a phone can open the dashboard's links (phone previews, table QR codes): the public address when the
// deployment has one (PUBLIC_URL), else this machine's address on the local network, which a phone on the same
// Wi-Fi reaches, else only this computer. The dashboard says which, so nobody prints a code no phone can open.
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

export type PhoneReach = "public" | "lan" | "thisComputer";
export type PhoneAddress = { base: string; reach: PhoneReach };

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

// RFC 1918 ranges, and RFC 5737's documentation range some virtual networks hand out.
const PRIVATE = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.0\.2\./];

/** This machine's IPv4 address on a local network, a private one first; undefined when it has none. */
export function lanAddress(interfaces: Interfaces = networkInterfaces()): string | undefined {
  const external = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => info.family === "IPv4" && !info.internal && !info.address.startsWith("169.254."));
  return (external.find((info) => PRIVATE.some((range) => range.test(info.address))) ?? external[0])?.address;
}

export function phoneAddress(env: Record<string, string | undefined> = process.env, interfaces?: Interfaces): PhoneAddress {
  const configured = env.PUBLIC_URL?.trim().replace(/\/+$/, "");
  if (configured) return { base: configured, reach: "public" };
  const port = env.PORT ?? "3000";
  const lan = lanAddress(interfaces);
  return lan ? { base: `http://${lan}:${port}`, reach: "lan" } : { base: `http://localhost:${port}`, reach: "thisComputer" };
}

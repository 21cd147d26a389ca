import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { lanAddress, phoneAddress } from "./phone-address";

const info = (address: string, internal = false): NetworkInterfaceInfo =>
  ({ address, internal, family: "IPv4", netmask: "255.255.255.0", mac: "00:00:00:00:00:00", cidr: `${address}/24` }) as NetworkInterfaceInfo;

describe("where a phone can open the dashboard's links", () => {
  const loopbackOnly = { lo: [info("127.0.0.1", true)] };
  const wifi = { lo: [info("127.0.0.1", true)], docker0: [info("8.8.4.4")], wlan0: [info("192.168.1.23")] };

  it("uses PUBLIC_URL when the deployment has one", () => {
    expect(phoneAddress({ PUBLIC_URL: "https://shop.example/", PORT: "3000" }, wifi)).toEqual({ base: "https://shop.example", reach: "public" });
  });

  it("otherwise offers the machine's address on the local network, a private one first", () => {
    expect(lanAddress(wifi)).toBe("192.168.1.23");
    expect(phoneAddress({ PORT: "4500" }, wifi)).toEqual({ base: "http://192.168.1.23:4500", reach: "lan" });
  });

  it("says when only this computer can open the link", () => {
    expect(phoneAddress({ PORT: "4500" }, loopbackOnly)).toEqual({ base: "http://localhost:4500", reach: "thisComputer" });
    expect(lanAddress({ eth0: [info("169.254.3.4")] })).toBeUndefined();
  });
});

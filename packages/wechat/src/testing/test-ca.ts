// A certificate authority made for one test run, and a certificate it signs for servicewechat.com, so the real
// miniprogram-ci reaches the fake WeChat over TLS it verifies (it trusts the authority via NODE_EXTRA_CA_CERTS).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import selfsigned from "selfsigned";

export type TestCertificates = { caFile: string; key: string; cert: string };

export async function makeTestCertificates(dir: string, host = "servicewechat.com"): Promise<TestCertificates> {
  const ca = await selfsigned.generate([{ name: "commonName", value: "Kaidian test authority" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await selfsigned.generate([{ name: "commonName", value: host }], {
    keySize: 2048,
    algorithm: "sha256",
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "subjectAltName", altNames: [{ type: 2, value: host }] },
    ],
  });
  const caFile = path.join(dir, "fake-wechat-ca.pem");
  await writeFile(caFile, ca.cert);
  return { caFile, key: leaf.private, cert: leaf.cert };
}

/**
 * How listing releases scales through src/kube: N release Secrets of about
 * 9 KiB each in a sandbox, then the label-selected metadata-only list that
 * `listRefs` uses against the full list that `query` needs (decoding
 * included). Prints figures; asserts nothing.
 *
 *   npx tsx bench/kube.ts [count=10000]
 */
import { randomBytes } from "node:crypto";
import { SecretDriver } from "../src/engine/storage/secrets.js";
import { KubeClient } from "../src/kube/client.js";
import { kubeConfigFromString } from "../src/kube/config.js";
import { startSandbox } from "../src/sandbox/index.js";
import { makeRelease } from "../test/support/releases.js";
import { coreResources } from "../src/kube/coreResources.js";

const count = Number(process.argv[2] ?? 10_000);
const sandbox = await startSandbox();
const client = new KubeClient(kubeConfigFromString(sandbox.kubeconfigYaml("bench")), {
  timeoutMs: 120_000,
});
const driver = new SecretDriver(coreResources(client, "secrets"));
await client.objects.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "bench" } });

// ~9 KiB of payload that gzip cannot shrink much, as a real chart's templates would not.
const filler = randomBytes(5_000).toString("base64");
const started = Date.now();
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < count) {
      const i = next++;
      await driver.create(
        makeRelease({
          name: `rel-${Math.floor(i / 10)}`,
          namespace: "bench",
          version: (i % 10) + 1,
          status: i % 10 === 9 ? "deployed" : "superseded",
          manifest: `---\n# filler\n${filler}\n`,
        }),
      );
    }
  }),
);
const created = Date.now() - started;
const one = await coreResources(client, "secrets").get("bench", "sh.helm.release.v1.rel-0.v1");
const size = Buffer.byteLength(JSON.stringify(one.data));

async function time<T>(label: string, f: () => Promise<T>, runs = 3): Promise<T> {
  let best = Infinity;
  let out: T | undefined;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    out = await f();
    best = Math.min(best, performance.now() - t);
  }
  console.log(`${label.padEnd(48)} ${best.toFixed(0).padStart(6)} ms (best of ${runs})`);
  return out as T;
}

console.log(`${count} release Secrets, ${size} bytes of data each, created in ${created} ms`);
const refs = await time("listRefs (metadata-only list, all namespaces)", () => driver.listRefs({}));
await time("listSecretMetadata owner=helm in namespace", () =>
  coreResources(client, "secrets").listMetadata("bench", "owner=helm"),
);
await time("listSecrets owner=helm (full list, no decoding)", () =>
  coreResources(client, "secrets").list("bench", "owner=helm"),
);
const all = await time("query (full list + decode every payload)", () =>
  driver.query({ namespace: "bench" }),
);
await time("listRefs status=deployed (label-selected)", () =>
  driver.listRefs({ status: "deployed" }),
);
console.log(`refs: ${refs.length}, decoded: ${all.length}`);
const mem = process.memoryUsage();
console.log(
  `process RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB (sandbox and client share this process)`,
);
client.close();
await sandbox.close();

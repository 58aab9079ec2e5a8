/** Copies every Secret of one cluster into another, so a sandbox holds what a real server holds. */
import type { KubeClient } from "../../src/kube/client.js";
import { coreResources } from "../../src/kube/coreResources.js";

/**
 * All Secrets of `from` (every namespace: a list across namespaces costs what all of them weigh,
 * including other users' records) created in `to`, with the server-set metadata dropped.
 */
export async function mirrorSecrets(from: KubeClient, to: KubeClient): Promise<number> {
  const started = Date.now();
  const secrets = await coreResources(from, "secrets").list(undefined);
  const target = coreResources(to, "secrets");
  const namespaces = new Set(secrets.map((s) => s.metadata.namespace ?? "default"));
  for (const name of namespaces)
    if (name !== "default")
      await to.objects.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  const failed: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < secrets.length) {
        const s = secrets[next++]!;
        const { name, namespace, labels, annotations } = s.metadata;
        await target
          .create({
            ...s,
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name, namespace, labels, annotations },
          })
          .catch((e: unknown) => {
            failed.push(`${namespace}/${name}: ${(e as Error).message}`);
          });
      }
    }),
  );
  console.log(
    `mirrored         ${secrets.length} Secrets in ${namespaces.size} namespaces in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (failed.length > 0)
    console.log(`not mirrored     ${failed.length}: ${failed.slice(0, 3).join("; ")}`);
  return secrets.length - failed.length;
}

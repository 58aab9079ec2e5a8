/**
 * Seeds release records of the webapp demo chart into a cluster through its API (records already
 * there are kept), for benchmarks against a real API server:
 *
 *   npx tsx bench/seed.ts --kubeconfig /tmp/real-apiserver/kubeconfig --namespaces i13c-list-0 \
 *     --releases 1000 --revisions 10
 */
import { seedReleases } from "./support/seedReleases.js";
import { connectTarget, flag } from "./support/target.js";

const kubeconfig = flag("kubeconfig", process.env.KUBECONFIG);
const namespaces = flag("namespaces");
if (kubeconfig === undefined || namespaces === undefined) {
  console.error(
    "usage: bench/seed.ts --kubeconfig FILE --namespaces A,B --releases N --revisions M",
  );
  process.exit(2);
}
const target = connectTarget(kubeconfig);
await seedReleases(
  target.client,
  target.driver,
  Number(flag("releases", "1000")),
  Number(flag("revisions", "10")),
  namespaces.split(","),
);
target.client.close();

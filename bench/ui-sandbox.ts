/**
 * The built UI against the sandbox (issue 5): 1,000 releases in the cluster,
 * `wheelhouse -A` started in a real terminal (tmux, 120×40), time until the
 * first full frame shows release names and statuses. Target < 1.5 s.
 * (bench/ui.tsx measures keypress-to-frame latency over 10,000 rows.)
 *
 *   npm run build && npx tsx bench/ui-sandbox.ts [releases=1000]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SecretDriver } from "../src/engine/storage/secrets.js";
import { KubeClient } from "../src/kube/client.js";
import { kubeConfigFromString } from "../src/kube/config.js";
import { startSandbox } from "../src/sandbox/index.js";
import { seedReleases } from "./support/seedReleases.js";
import { coreResources } from "../src/kube/coreResources.js";

const releases = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), "wh-bench-ui-"));
const kubeconfig = join(dir, "kubeconfig");
const sandbox = await startSandbox();
sandbox.writeKubeconfig(kubeconfig);
const client = new KubeClient(kubeConfigFromString(sandbox.kubeconfigYaml()), {
  timeoutMs: 120_000,
});
await seedReleases(client, new SecretDriver(coreResources(client, "secrets")), releases, 1);

const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const session = `wh-bench-ui-${process.pid}`;
const results: number[] = [];
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "120",
    "-y",
    "40",
    `KUBECONFIG=${kubeconfig} HOME=${dir} node ${resolve("dist/cli/main.js")} -A`,
  );
  for (;;) {
    const screen = tmux("capture-pane", "-p", "-t", session);
    if (
      /rel-0000\s+default\s+1\s+deployed/.test(screen) &&
      new RegExp(`${releases} releases`).test(screen)
    )
      break;
    if (performance.now() - started > 30_000) throw new Error(`no first frame:\n${screen}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  results.push(performance.now() - started);
  tmux("kill-session", "-t", session);
  await new Promise((r) => setTimeout(r, 300));
}
console.log(
  `first full frame ${results.map((t) => `${t.toFixed(0)} ms`).join(", ")} (${releases} releases, target < 1.5 s; includes process start)`,
);
client.close();
await sandbox.close();

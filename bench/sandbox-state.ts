/**
 * Seeding release-like Secrets (about 9 KiB of data each) into a sandbox with a state file:
 * every answer waits until its change is synced to the journal, so this is what durability
 * costs. Also without a state file, one client at a time, the last fold (close) and a restart.
 * Run: npx tsx bench/sandbox-state.ts [count] [concurrency]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../src/sandbox/index.js";

const COUNT = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const payload = Buffer.alloc((9 * 1024 * 3) / 4, 7).toString("base64");

function post(sandbox: Sandbox, agent: Agent, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sandbox.url}/api/v1/namespaces/default/secrets`,
      {
        method: "POST",
        agent,
        headers: {
          Authorization: `Bearer ${sandbox.token}`,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Creates `count` Secrets from `clients` clients at once: the milliseconds taken, and each answer's. */
async function seed(
  sandbox: Sandbox,
  count: number,
  clients: number,
): Promise<{ ms: number; latencies: number[] }> {
  const latencies: number[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: clients, ca: sandbox.ca });
  const releases = Math.max(1, Math.ceil(count / 10));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const n = next++;
        const name = `r${n % releases}`;
        const version = Math.floor(n / releases) + 1;
        const body = JSON.stringify({
          metadata: {
            name: `sh.helm.release.v1.${name}.v${version}`,
            labels: { owner: "helm", name, version: String(version), status: "superseded" },
          },
          type: "helm.sh/release.v1",
          data: { release: payload },
        });
        const sent = performance.now();
        const status = await post(sandbox, agent, body);
        latencies.push(performance.now() - sent);
        if (status !== 201) throw new Error(`create answered ${status}`);
      }
    }),
  );
  agent.destroy();
  return { ms: performance.now() - t0, latencies: latencies.sort((a, b) => a - b) };
}

/** p50, p99 and the slowest answer (a fold of the journal holds the answers waiting on it). */
function spread(sorted: number[]): string {
  const at = (p: number): string =>
    (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms`;
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const rate = (n: number, ms: number): string => `${((n / ms) * 1000).toFixed(0)}/s`;

async function run(label: string, count: number, clients: number, state: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "wheelhouse-bench-state-"));
  const file = join(dir, "state.json");
  try {
    const sandbox = await startSandbox(state ? { stateFile: file } : {});
    const { ms, latencies } = await seed(sandbox, count, clients);
    const journal = state ? statSync(`${file}.journal`).size : 0;
    const t1 = performance.now();
    await sandbox.close();
    const closeMs = performance.now() - t1;
    let restart = "";
    if (state) {
      const t2 = performance.now();
      const again = await startSandbox({ stateFile: file });
      restart = `, restart ${(performance.now() - t2).toFixed(0)} ms`;
      await again.close();
      restart += `, state ${mib(statSync(file).size)} (journal was ${mib(journal)} before close)`;
    }
    console.log(
      `${label.padEnd(28)} ${String(count).padStart(6)} Secrets in ${(ms / 1000).toFixed(2).padStart(6)} s (${rate(count, ms)}; ${spread(latencies)}), close ${closeMs.toFixed(0)} ms${restart}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await run(`no state file, ${CONCURRENCY} clients`, COUNT, CONCURRENCY, false);
await run(`--state, ${CONCURRENCY} clients`, COUNT, CONCURRENCY, true);
await run("--state, 1 client", Math.min(COUNT, 1000), 1, true);

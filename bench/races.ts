/**
 * The race suite (issue 14): every pair of mutating operations — install, upgrade, upgrade
 * --history-max 2, rollback, uninstall, uninstall --keep-history, recover — run at the same time
 * on one release as two `wheelhouse` processes, one slowed by a proxy that holds each chunk it
 * sends for 0–--max-delay ms. Per trial it checks that the two overlapped on the wire, that the
 * end (history, live objects, exit statuses) is one of the two serial orders or one side refused
 * by the lock with the other's result, that no revision was lost, and that what is stored is
 * what is live. Prints figures per pair; exits 1 when any trial broke a rule.
 *
 *   npm run build && npx tsx bench/races.ts [--trials 100] [--pairs upgrade,uninstall]
 *   npx tsx bench/races.ts --kubeconfig /tmp/real-apiserver/kubeconfig --trials 10
 *
 * --pairs takes two operations (`upgrade,uninstall`) or a list of pairs (`upgrade:uninstall,
 * install:install`); without it, all 28. --max-delay MS (default 40); --stagger MS (a side drawn
 * per trial starts up to that much later; default 0); --seed N; --namespace NS (default i14-races
 * on a real server); --cli PATH (the wheelhouse to race; default dist/cli/main.js); --verbose (a
 * line per trial). Without --kubeconfig it starts the sandbox in this process. On a real server
 * the namespace is kept (no controller may be there to finish deleting it); every record and
 * object the suite made is deleted after its trial.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startSandbox } from "../src/sandbox/index.js";
import { allPairs, parsePairs } from "./support/races/operations.js";
import { printReport } from "./support/races/report.js";
import { runRaceSuite } from "./support/races/suite.js";
import { flag } from "./support/target.js";

// --cli races another build (e.g. main's, built elsewhere) with this suite.
const cli = resolve(flag("cli", "dist/cli/main.js")!);
if (!existsSync(cli)) {
  console.error(`${cli} is missing: run \`npm run build\` first`);
  process.exit(2);
}
const number = (name: string, fallback: string): number => {
  const n = Number(flag(name, fallback));
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name}: expected a number, got "${flag(name)}"`);
    process.exit(2);
  }
  return n;
};
const trials = number("trials", "100");
const maxDelayMs = number("max-delay", "40");
const staggerMs = number("stagger", "0");
const seed = number("seed", String(Date.now() % 1_000_000));
const pairsFlag = flag("pairs");
let pairs;
try {
  pairs = pairsFlag === undefined ? allPairs() : parsePairs(pairsFlag);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const verbose = process.argv.includes("--verbose");
const workDir = mkdtempSync(join(tmpdir(), "wh-bench-races-"));
const real = flag("kubeconfig");
const sandbox = real === undefined ? await startSandbox({ readyDelayMs: 20 }) : undefined;
const kubeconfig = real ?? join(workDir, "sandbox-kubeconfig");
sandbox?.writeKubeconfig(kubeconfig);
const namespace = flag("namespace", real === undefined ? "races" : "i14-races")!;

console.log(
  `race suite on ${real ?? "the sandbox"} (namespace ${namespace}): ${pairs.length} pairs × ${trials} trials of ${cli}, slow side delayed 0–${maxDelayMs} ms per chunk (max × r²), one side starting 0–${staggerMs} ms later, seed ${seed}`,
);
const started = Date.now();
try {
  const results = await runRaceSuite({
    kubeconfig,
    namespace,
    pairs,
    trials,
    maxDelayMs,
    staggerMs,
    seed,
    cli,
    workDir,
    onPair: (r) =>
      console.log(
        `${r.pair.join(" ∥ ")}: ${r.trials} trials, ${r.overlapped} overlapped, ${r.serialEquivalent} serial, ${r.trials - r.clean} with a violation (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      ),
    onTrial: (pair, trial, verdict, slow) => {
      if (!verbose) return;
      const bad = verdict.violations.map((v) => v.kind).join(", ");
      console.log(
        `  ${pair.join(" ∥ ")} #${trial} (${slow.side} +${slow.delayMs} ms/chunk, ${slow.late} starts +${slow.staggerMs} ms): ${verdict.overlapped ? "overlapped" : "no overlap"}, ${verdict.matched ?? "no serial order"}${bad ? `; ${bad}` : ""}\n      ${verdict.exits}`,
      );
    },
  });
  console.log("");
  printReport(results);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = results.some((r) => r.violations.size > 0) ? 1 : 0;
} finally {
  await sandbox?.close();
  rmSync(workDir, { recursive: true, force: true });
}

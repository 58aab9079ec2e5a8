/*
 * A few trials of the race suite (bench/races.ts) on the pairs that lost revisions or left
 * stored and live state apart (issue 14, items 4 and 5), with two that never did as controls.
 * Not part of `npm test`: it runs real processes for a minute. `npm run test:races` builds the
 * CLI and runs it; the full suite, 100 trials of every pair, is `npm run bench:races`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePairs } from "../../bench/support/races/operations.js";
import { runRaceSuite } from "../../bench/support/races/suite.js";
import type { PairResult } from "../../bench/support/races/suite.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/index.js";

const enabled = process.env.WHEELHOUSE_TEST_RACES === "1";

describe.skipIf(!enabled)("two operations racing on one release", () => {
  let sandbox: Sandbox;
  let dir: string;
  let results: PairResult[];

  beforeAll(async () => {
    sandbox = await startSandbox({ readyDelayMs: 20 });
    dir = mkdtempSync(join(tmpdir(), "wheelhouse-races-"));
    sandbox.writeKubeconfig(join(dir, "kubeconfig"));
    results = await runRaceSuite({
      kubeconfig: join(dir, "kubeconfig"),
      namespace: "races",
      pairs: parsePairs(
        "upgrade:upgrade,upgrade:upgrade-hmax,upgrade-hmax:upgrade-hmax,upgrade:uninstall,upgrade:uninstall-keep,rollback:uninstall,install:install",
      ),
      trials: 6,
      maxDelayMs: 40,
      staggerMs: 0,
      seed: 14,
      cli: resolve("dist/cli/main.js"),
      workDir: dir,
    });
  }, 600_000);

  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("really runs them at once: both have spoken to the server before either has its last answer", () => {
    expect(results.map((r) => `${r.pair.join(" ∥ ")}: ${r.overlapped}/${r.trials}`)).toEqual(
      results.map((r) => `${r.pair.join(" ∥ ")}: ${r.trials}/${r.trials}`),
    );
  });

  it("ends each race as a serial order would, loses no revision, and stores what is live", () => {
    const violations = results.flatMap((r) =>
      [...r.violations].map(
        ([kind, v]) => `${r.pair.join(" ∥ ")}: ${v.trials}× ${kind}, e.g. ${v.examples[0]}`,
      ),
    );
    expect(violations).toEqual([]);
  });
});

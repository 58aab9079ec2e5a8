/**
 * Runs pairs of mutating operations on one release at the same time, as two real `wheelhouse`
 * processes, one of them slowed by a delaying proxy, and judges every trial (verdict.ts). Each
 * pair is first run serially both ways to learn what the two orders end in.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadChart } from "../../../src/engine/chart/loadChart.js";
import { pairGate, startDelayProxy } from "../delayProxy.js";
import type { DelayProxy, WireTimes } from "../delayProxy.js";
import { connectRaceCluster, proxiedKubeconfig, removeRelease, snapshot } from "./cluster.js";
import { commandLine, prepare, startFor, writeRaceChart } from "./operations.js";
import type { Operation, Side, Start } from "./operations.js";
import { RecordWatch } from "./recordWatch.js";
import { judge, references, stateKey } from "./verdict.js";
import type { Reference, SerialRuns, SideRun, Verdict } from "./verdict.js";

/** How long one side's first request waits for the other's (a side that fails before any request). */
const GATE_TIMEOUT_MS = 3_000;

export interface SuiteOptions {
  /** The cluster (its current context). */
  kubeconfig: string;
  /** A namespace of the suite's own; created when missing. */
  namespace: string;
  pairs: Array<[Operation, Operation]>;
  trials: number;
  /** Largest delay the slow side's proxy adds to each chunk it sends (ms); each trial draws one. */
  maxDelayMs: number;
  /**
   * One side, drawn per trial, sends its first request up to this many ms after the other: an
   * operation that makes one request (an uninstall of nothing) then lands inside the other's
   * rather than always before it.
   */
  staggerMs: number;
  seed: number;
  /** dist/cli/main.js of the build under test. */
  cli: string;
  /** Scratch folder: the chart, kubeconfigs, the processes' HOME. */
  workDir: string;
  /** Told when a pair's trials are done. */
  onPair?: (result: PairResult) => void;
  onTrial?: (
    pair: [Operation, Operation],
    trial: number,
    verdict: Verdict,
    slow: TrialSlowness,
  ) => void;
}

/** Which side a trial slowed and by how much, and which side began how much later. */
export interface TrialSlowness {
  side: Side;
  delayMs: number;
  late: Side;
  staggerMs: number;
}

export interface PairResult {
  pair: [Operation, Operation];
  start: Start;
  refs: Reference[];
  trials: number;
  overlapped: number;
  processesOverlapped: number;
  serialEquivalent: number;
  /** Trials with no violation at all. */
  clean: number;
  /** How many trials ended as each reference ("a then b", "b, a refused", …). */
  endings: Map<string, number>;
  /** Violation kind → trials with it, and the first few details. */
  violations: Map<string, { trials: number; examples: string[] }>;
  /** Median wall time of the fast and of the slow process (ms). */
  medianMs: { fast: number; slow: number };
}

/** A small deterministic generator (mulberry32), so a run can be repeated with --seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runRaceSuite(options: SuiteOptions): Promise<PairResult[]> {
  const rc = await connectRaceCluster(options.kubeconfig, options.namespace);
  const home = join(options.workDir, "home");
  mkdirSync(home, { recursive: true });
  const chartDir = writeRaceChart(options.workDir);
  const chart = await loadChart(chartDir);
  const server = new URL(rc.client.server);
  const upstreamPort = Number(server.port || (server.protocol === "https:" ? 443 : 80));
  const proxies: Record<Side, DelayProxy> = {
    a: await startDelayProxy(server.hostname, upstreamPort),
    b: await startDelayProxy(server.hostname, upstreamPort),
  };
  const kubeconfigs: Record<Side, string> = {
    a: join(options.workDir, "kubeconfig-a"),
    b: join(options.workDir, "kubeconfig-b"),
  };
  for (const side of ["a", "b"] as const)
    proxiedKubeconfig(options.kubeconfig, proxies[side].port, kubeconfigs[side]);
  const watch = await RecordWatch.start(rc);
  const rng = random(options.seed);
  const env = (kubeconfig: string) => ({
    PATH: process.env.PATH,
    HOME: home,
    KUBECONFIG: kubeconfig,
  });
  const runSide = (op: Operation, side: Side, release: string, kubeconfig: string) =>
    runProcess(
      options.cli,
      op,
      commandLine(op, side, release, rc.namespace, chartDir),
      env(kubeconfig),
    );

  const results: PairResult[] = [];
  try {
    for (const [index, pair] of options.pairs.entries()) {
      const [opA, opB] = pair;
      const start = startFor(opA, opB);
      const fresh = async (release: string) => {
        await prepare(rc.ctx, chart, release, rc.namespace, start);
        return snapshot(rc, release);
      };
      const finish = async (release: string) => {
        const snap = await snapshot(rc, release);
        // A copy: the deletes below come back through the watch.
        const seen = structuredClone(watch.revisions(release));
        await removeRelease(rc, release, snap);
        watch.forget(release);
        return { snap, seen };
      };

      // The two serial orders, each step through a process of its own, as a user would run them.
      const serial = {} as SerialRuns;
      for (const [key, first, second] of [
        ["ab", ["a", opA], ["b", opB]],
        ["ba", ["b", opB], ["a", opA]],
      ] as const) {
        const release = `s${index}-${key}`;
        await fresh(release);
        const one = await runSide(first[1], first[0], release, options.kubeconfig);
        const afterFirst = stateKey(await snapshot(rc, release), release);
        const two = await runSide(second[1], second[0], release, options.kubeconfig);
        const both = stateKey((await finish(release)).snap, release);
        serial[key] = { first: afterFirst, both, codes: [one.code, two.code] };
      }
      const refs = references(serial);

      const result: PairResult = {
        pair,
        start,
        refs,
        trials: 0,
        overlapped: 0,
        processesOverlapped: 0,
        serialEquivalent: 0,
        clean: 0,
        endings: new Map(),
        violations: new Map(),
        medianMs: { fast: 0, slow: 0 },
      };
      const fastMs: number[] = [];
      const slowMs: number[] = [];
      for (let trial = 0; trial < options.trials; trial++) {
        const release = `r${index}-${trial}`;
        const before = await fresh(release);
        const slow: Side = trial % 2 === 0 ? "a" : "b";
        const fast: Side = slow === "a" ? "b" : "a";
        const slowness: TrialSlowness = {
          side: slow,
          // Skewed toward small delays: the narrow windows (a prune between another client's
          // create and its supersede) open at a few ms, the wide ones need tens.
          delayMs: Math.round(rng() ** 2 * options.maxDelayMs),
          late: rng() < 0.5 ? "a" : "b",
          staggerMs: Math.round(rng() * options.staggerMs),
        };
        proxies[slow].delayMs = slowness.delayMs;
        proxies[fast].delayMs = 0;
        // Both processes' first requests wait for each other, so the race starts when both are
        // ready to talk rather than when Node happened to finish starting each.
        const gate = pairGate(GATE_TIMEOUT_MS);
        for (const side of ["a", "b"] as const)
          proxies[side].reset({
            ...gate,
            extraMs: side === slowness.late ? slowness.staggerMs : 0,
          });
        const [a, b] = await Promise.all([
          runSide(opA, "a", release, kubeconfigs.a),
          runSide(opB, "b", release, kubeconfigs.b),
        ]);
        await watch.sync();
        const ranA: SideRun = { ...a, wire: proxies.a.times() };
        const ranB: SideRun = { ...b, wire: proxies.b.times() };
        const { snap: after, seen } = await finish(release);
        const verdict = judge({ release, runs: [ranA, ranB], before, after, seen, refs });
        tally(result, verdict);
        (slow === "a" ? slowMs : fastMs).push(ranA.ended - ranA.started);
        (slow === "b" ? slowMs : fastMs).push(ranB.ended - ranB.started);
        options.onTrial?.(pair, trial, verdict, slowness);
      }
      result.medianMs = { fast: median(fastMs), slow: median(slowMs) };
      results.push(result);
      options.onPair?.(result);
    }
  } finally {
    await watch.stop();
    await proxies.a.close();
    await proxies.b.close();
    rc.client.close();
  }
  return results;
}

function tally(result: PairResult, verdict: Verdict): void {
  result.trials++;
  if (verdict.overlapped) result.overlapped++;
  if (verdict.processesOverlapped) result.processesOverlapped++;
  if (verdict.matched !== undefined) {
    result.serialEquivalent++;
    result.endings.set(verdict.matched, (result.endings.get(verdict.matched) ?? 0) + 1);
  }
  if (verdict.violations.length === 0) result.clean++;
  const kinds = new Set<string>();
  for (const v of verdict.violations) {
    const entry = result.violations.get(v.kind) ?? { trials: 0, examples: [] };
    if (!kinds.has(v.kind)) entry.trials++;
    kinds.add(v.kind);
    if (entry.examples.length < 3) entry.examples.push(v.detail);
    result.violations.set(v.kind, entry);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
}

/** One `wheelhouse` process: exit status, output, and when it started and ended. */
function runProcess(
  cli: string,
  op: Operation,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<Omit<SideRun, "wire"> & { wire: WireTimes }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let ended = 0;
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", () => (ended = performance.now()));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ op, args, code: code ?? -1, stdout, stderr, started, ended, wire: {} }),
    );
  });
}

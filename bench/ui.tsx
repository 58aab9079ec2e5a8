/**
 * UI benchmark against the fake backend (no cluster):
 *  - time from start to the first full frame (names and statuses) with 1,000 releases;
 *  - keypress-to-frame latency while scrolling 10,000 rows (p50/p95/max).
 * Run: npx tsx bench/ui.tsx (keypresses 35 ms apart, like key repeat; 120×40 terminal).
 */
import { performance } from "node:perf_hooks";
import { runApp } from "../src/ui/runApp.js";
import { FakeBackend, manyReleases } from "../test/support/fakeBackend.js";
import { FakeTerminalInput, FakeTerminalOutput } from "../test/support/fakeTerminal.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForWrite(
  out: FakeTerminalOutput,
  from: number,
  test: (text: string) => boolean,
  timeoutMs = 5000,
): Promise<number> {
  const start = performance.now();
  for (;;) {
    for (let i = from; i < out.writes.length; i++) {
      if (test(out.writes[i]!.text)) return out.writes[i]!.at;
    }
    if (performance.now() - start > timeoutMs) throw new Error("timed out waiting for a frame");
    await sleep(1);
  }
}

function start(count: number) {
  const backend = new FakeBackend(manyReleases(count));
  const stdout = new FakeTerminalOutput(120, 40);
  const stdin = new FakeTerminalInput();
  const t0 = performance.now();
  const done = runApp({
    backend,
    options: { readonly: false, allNamespaces: true },
    stdin: stdin.asStream(),
    stdout: stdout.asStream(),
  });
  return { stdout, stdin, t0, done };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function firstFrame(): Promise<number> {
  const app = start(1000);
  const at = await waitForWrite(
    app.stdout,
    0,
    (t) => t.includes("app-00000") && t.includes("deployed") && t.includes("1/1000"),
  );
  app.stdin.send("q");
  await app.done;
  return at - app.t0;
}

const ROWS = 10_000;

async function scrollLatency(presses: number): Promise<number[]> {
  const app = start(ROWS);
  await waitForWrite(app.stdout, 0, (t) => t.includes(`1/${ROWS}`));
  await sleep(50);
  const latencies: number[] = [];
  for (let i = 1; i <= presses; i++) {
    const from = app.stdout.writes.length;
    const sent = performance.now();
    app.stdin.send("j");
    const at = await waitForWrite(app.stdout, from, (t) => t.includes(`${i + 1}/${ROWS}`));
    latencies.push(at - sent);
    await sleep(35);
  }
  app.stdin.send("q");
  await app.done;
  return latencies;
}

// The first run pays for loading (and, under tsx, transpiling) every module: a cold start.
const cold = await firstFrame();
const warm = await firstFrame();
const latencies = (await scrollLatency(200)).sort((a, b) => a - b);
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
process.stdout.write(
  [
    `first full frame, 1,000 releases:      cold ${fmt(cold)}  warm ${fmt(warm)} (target < 1500 ms)`,
    `keypress→frame, scrolling 10,000 rows: p50 ${fmt(percentile(latencies, 50))}  p95 ${fmt(
      percentile(latencies, 95),
    )}  max ${fmt(latencies.at(-1)!)} over ${latencies.length} presses (target p95 < 50 ms)`,
  ].join("\n") + "\n",
);

/** Prints the race suite's figures: one row per pair, then what went wrong and how often. */
import type { PairResult } from "./suite.js";

const ENDINGS = ["a then b", "b then a", "a, b refused", "b, a refused"];

export function printReport(
  results: PairResult[],
  log: (line: string) => void = console.log,
): void {
  const name = (r: PairResult) => `${r.pair[0]} ∥ ${r.pair[1]}`;
  const width = Math.max(...results.map((r) => name(r).length), 4);
  log(
    `${"pair".padEnd(width)}  start    trials  overlap  serial  ab/ba/a-only/b-only  fast/slow ms  violations`,
  );
  for (const r of results) {
    const endings = ENDINGS.map((e) => r.endings.get(e) ?? 0).join("/");
    const bad = [...r.violations.values()].length;
    log(
      `${name(r).padEnd(width)}  ${r.start.padEnd(7)}  ${String(r.trials).padStart(6)}  ${String(r.overlapped).padStart(7)}  ${String(r.serialEquivalent).padStart(6)}  ${endings.padEnd(19)}  ${`${r.medianMs.fast.toFixed(0)}/${r.medianMs.slow.toFixed(0)}`.padStart(12)}  ${bad === 0 ? "none" : [...r.violations].map(([k, v]) => `${v.trials}× ${k}`).join(", ")}`,
    );
  }
  const total = (f: (r: PairResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const failing = results.filter((r) => r.violations.size > 0);
  log(
    `${"all".padEnd(width)}  ${"".padEnd(7)}  ${String(total((r) => r.trials)).padStart(6)}  ${String(total((r) => r.overlapped)).padStart(7)}  ${String(total((r) => r.serialEquivalent)).padStart(6)}  trials with a violation: ${total((r) => trialsWithViolation(r))}; pairs with one: ${failing.length}/${results.length}`,
  );
  log(
    `overlap: both had sent the API server a request before either had its last answer; as processes (both started before either exited): ${total((r) => r.processesOverlapped)}/${total((r) => r.trials)}`,
  );
  for (const r of failing) {
    log("");
    log(`${name(r)} (start: ${r.start}); serial orders end as:`);
    for (const ref of r.refs)
      log(`    ${ref.label.padEnd(13)} exits ${ref.codes.join(",").padEnd(13)} ${ref.state}`);
    for (const [kind, v] of r.violations) {
      log(`  ${v.trials}× ${kind}, e.g.`);
      for (const e of v.examples) log(`    - ${e}`);
    }
  }
}

/** Trials with at least one violation (one trial may show several kinds). */
function trialsWithViolation(r: PairResult): number {
  return r.trials - r.clean;
}

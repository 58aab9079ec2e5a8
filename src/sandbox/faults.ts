/** Fault injection: added latency, a random error rate, and failing chosen requests. */
import { StatusError, reasonForCode } from "./errors.js";
import type { FailRequestRule, SandboxFaults } from "./types.js";

export class Faults {
  private faults: SandboxFaults = {};
  /** Matching requests seen per rule (for `nth` and `times`). */
  private seen: number[] = [];
  private failed: number[] = [];

  constructor(
    faults: SandboxFaults = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(faults);
  }

  set(faults: SandboxFaults): void {
    this.faults = { ...faults, failRequests: [...(faults.failRequests ?? [])] };
    this.seen = this.faults.failRequests?.map(() => 0) ?? [];
    this.failed = this.seen.map(() => 0);
  }

  get(): SandboxFaults {
    return this.faults;
  }

  latency(): number {
    return this.faults.latencyMs ?? 0;
  }

  /** The error to answer this request with, if a fault applies. */
  check(method: string, pathWithQuery: string): StatusError | undefined {
    const rules = this.faults.failRequests ?? [];
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (r === undefined) continue;
      if (r.method !== undefined && r.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathWithQuery.includes(r.pathIncludes)) continue;
      const seen = (this.seen[i] ?? 0) + 1;
      this.seen[i] = seen;
      if (r.nth !== undefined && seen !== r.nth) continue;
      if (r.times !== undefined && (this.failed[i] ?? 0) >= r.times) continue;
      this.failed[i] = (this.failed[i] ?? 0) + 1;
      return injected(r.status);
    }
    const rate = this.faults.failRate ?? 0;
    if (rate > 0 && this.random() < rate) return injected(500);
    return undefined;
  }
}

function injected(code: number): StatusError {
  const reason = reasonForCode(code);
  return new StatusError(code, reason, `sandbox: injected fault (${code} ${reason})`, {
    causes: [{ reason: "InjectedFault", message: "injected by the sandbox's fault settings" }],
    ...(code === 429 || code === 503 ? { retryAfterSeconds: 1 } : {}),
  });
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/**
 * Parses a fail rule written on a command line, e.g. `GET /secrets 503 nth=2` or
 * `/api/v1/namespaces 500 times=3`: an optional method, a path substring, a status,
 * then `nth=N` (fail only the Nth match) and/or `times=N` (fail the first N matches).
 */
export function parseFailRule(spec: string): FailRequestRule {
  const words = spec
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  const rule: Partial<FailRequestRule> = {};
  if (words[0] !== undefined && METHODS.has(words[0].toUpperCase())) {
    rule.method = words.shift()?.toUpperCase();
  }
  const path = words.shift();
  const status = Number(words.shift());
  if (path === undefined || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new Error(
      `cannot read fail rule "${spec}": expected [METHOD] PATH STATUS [nth=N] [times=N]`,
    );
  }
  rule.pathIncludes = path;
  rule.status = status;
  for (const w of words) {
    const m = /^(nth|times)=(\d+)$/.exec(w);
    if (m === null) throw new Error(`cannot read fail rule "${spec}": unknown option "${w}"`);
    rule[m[1] as "nth" | "times"] = Number(m[2]);
  }
  return rule as FailRequestRule;
}

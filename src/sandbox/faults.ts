/** Fault injection: added latency, a random error rate, and failing chosen requests. */
import { StatusError, reasonForCode } from "./errors.js";
import type { SandboxFaults } from "./types.js";

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

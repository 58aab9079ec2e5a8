import { WheelhouseError } from "../../errors.js";
import type { ClusterAccess } from "../cluster/clusterAccess.js";
import { describeRef, refOf } from "../cluster/clusterAccess.js";
import { pollDelay } from "./runHooks.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import type { Readiness } from "../cluster/readiness.js";
import { assessReadiness } from "../cluster/readiness.js";

/** Kinds --wait waits for, as helm's legacy waiter does (docs/release-storage.md#waiting). */
const WAITED_KINDS = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "Pod",
  "PersistentVolumeClaim",
  "Service",
]);

export class WaitTimeoutError extends WheelhouseError {
  constructor(timeoutMs: number, notReady: string[]) {
    super(
      "timeout",
      `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${notReady.length} resource(s) to be ready`,
      {
        details: notReady.map((line) => `  ${line}`).join("\n"),
      },
    );
  }
}

export class ResourceFailedError extends WheelhouseError {
  constructor(what: string, message: string) {
    super("failed", `${what} failed: ${message}`);
  }
}

export interface WaitOptions {
  timeoutMs: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onStatus?: (object: KubeObject, readiness: Readiness) => void;
}

/**
 * Polls until every workload, Job, Pod, claim and Service of the release is
 * ready (see assessReadiness), a Job or Deployment fails, or the timeout
 * passes — then names each resource still not ready and why.
 */
export async function waitForReady(
  cluster: ClusterAccess,
  objects: KubeObject[],
  options: WaitOptions,
): Promise<void> {
  const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  let pending = objects.filter((o) => WAITED_KINDS.has(o.kind));
  for (let attempt = 0; ; attempt++) {
    const stillPending: KubeObject[] = [];
    const reasons: string[] = [];
    for (const object of pending) {
      const readiness = assessReadiness(await cluster.get(refOf(object)));
      options.onStatus?.(object, readiness);
      if (readiness.state === "failed") {
        throw new ResourceFailedError(describeRef(refOf(object)), readiness.message);
      }
      if (readiness.state !== "ready") {
        stillPending.push(object);
        reasons.push(`${describeRef(refOf(object))}: ${readiness.message}`);
      }
    }
    pending = stillPending;
    if (pending.length === 0) return;
    if (now() >= deadline) throw new WaitTimeoutError(options.timeoutMs, reasons);
    await sleep(Math.min(pollDelay(attempt, options.pollMs), Math.max(0, deadline - now())));
  }
}

import { WheelhouseError, errorMessage } from "../../errors.js";
import type { ClusterAccess } from "../cluster/clusterAccess.js";
import { describeRef, refOf } from "../cluster/clusterAccess.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import { formatGoTime } from "../release/goTime.js";
import type { ApplyMethod, Hook, HookEvent } from "../release/types.js";
import { createObject } from "./clientSideApply.js";
import { readManifestDocument } from "../manifest/yaml.js";

export class HookFailedError extends WheelhouseError {
  constructor(event: HookEvent, hook: Hook, reason: string) {
    super("hook", `${event} hook ${hook.path} (${hook.kind} "${hook.name}") failed: ${reason}`);
  }
}

export interface HookRunOptions {
  event: HookEvent;
  namespace: string;
  fieldManager: string;
  /** How the release is applied: hooks are created the same way. */
  method: ApplyMethod;
  timeoutMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  pollMs?: number;
  /** Called after each hook's last_run changes, so the record can be saved as helm does. */
  onRecord?: () => Promise<void>;
}

/**
 * Runs a release's hooks for one event as helm does (docs/release-storage.md#hooks): hooks sorted
 * by weight then name; each one's previous copy deleted first (before-hook-creation, the default
 * policy), created, and — for Jobs and Pods — waited on until it succeeds or fails. The first
 * failure stops the run and applies hook-failed deletions; after success, hook-succeeded ones.
 * Hooks carry no ownership metadata and are never deleted by uninstall.
 */
export async function runHooks(
  cluster: ClusterAccess,
  hooks: Hook[],
  options: HookRunOptions,
): Promise<void> {
  const selected = hooks
    .filter((h) => h.events.includes(options.event))
    .sort((a, b) => a.weight - b.weight || a.name.localeCompare(b.name));
  const succeeded: Array<{ hook: Hook; object: KubeObject }> = [];
  for (const hook of selected) {
    const object = await hookObject(hook, options.namespace, cluster);
    const ref = refOf(object);
    if (deletePolicies(hook).includes("before-hook-creation")) await cluster.delete(ref);
    hook.last_run = { started_at: formatGoTime(options.now()), phase: "Running" };
    await options.onRecord?.();
    try {
      // As helm 4: a hook just deleted (before-hook-creation) has no fields to conflict on.
      await createObject(cluster, object, options.method, {
        fieldManager: options.fieldManager,
        force: false,
      });
      await waitForHook(cluster, object, options);
    } catch (err) {
      hook.last_run = {
        ...hook.last_run,
        completed_at: formatGoTime(options.now()),
        phase: "Failed",
      };
      await options.onRecord?.();
      if (deletePolicies(hook).includes("hook-failed"))
        await cluster.delete(ref).catch(() => false);
      for (const done of succeeded)
        await deleteIfPolicy(cluster, done.hook, done.object, "hook-succeeded");
      throw err instanceof HookFailedError
        ? err
        : new HookFailedError(options.event, hook, errorMessage(err));
    }
    hook.last_run = {
      ...hook.last_run,
      completed_at: formatGoTime(options.now()),
      phase: "Succeeded",
    };
    await options.onRecord?.();
    succeeded.push({ hook, object });
  }
  for (const done of succeeded)
    await deleteIfPolicy(cluster, done.hook, done.object, "hook-succeeded");
}

function deletePolicies(hook: Hook): string[] {
  return hook.delete_policies && hook.delete_policies.length > 0
    ? hook.delete_policies
    : ["before-hook-creation"];
}

async function deleteIfPolicy(
  cluster: ClusterAccess,
  hook: Hook,
  object: KubeObject,
  policy: string,
) {
  if (deletePolicies(hook).includes(policy)) await cluster.delete(refOf(object));
}

async function hookObject(
  hook: Hook,
  namespace: string,
  cluster: ClusterAccess,
): Promise<KubeObject> {
  const object = readManifestDocument(hook.manifest, hook.path) as KubeObject;
  const namespaced = await cluster.isNamespaced(object.apiVersion, object.kind);
  const { namespace: given, ...metadata } = object.metadata;
  return {
    ...object,
    metadata: namespaced ? { ...metadata, namespace: given ?? namespace } : metadata,
  };
}

/** Only Jobs and Pods are waited on; any other hook is done once created (H4 statuswait). */
async function waitForHook(
  cluster: ClusterAccess,
  object: KubeObject,
  options: HookRunOptions,
): Promise<void> {
  if (object.kind !== "Job" && object.kind !== "Pod") return;
  const deadline = options.now().getTime() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const live = await cluster.get(refOf(object));
    const outcome = live ? hookOutcome(live) : "failed";
    if (outcome === "succeeded") return;
    if (outcome === "failed")
      throw new Error(`${describeRef(refOf(object))} ${live ? "failed" : "disappeared"}`);
    if (options.now().getTime() >= deadline) {
      throw new Error(
        `timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for ${describeRef(refOf(object))}`,
      );
    }
    await options.sleep(pollDelay(attempt, options.pollMs));
  }
}

/** Quick first looks (most hooks finish fast), backing off to one poll per `max` ms. */
export function pollDelay(attempt: number, max = 1000): number {
  return Math.min(max, 50 * 2 ** attempt);
}

function hookOutcome(live: KubeObject): "succeeded" | "failed" | "running" {
  const status = (live.status ?? {}) as {
    phase?: string;
    conditions?: Array<{ type?: string; status?: string }>;
  };
  if (live.kind === "Pod") {
    return status.phase === "Succeeded"
      ? "succeeded"
      : status.phase === "Failed"
        ? "failed"
        : "running";
  }
  const conditions = status.conditions ?? [];
  if (conditions.some((c) => c.type === "Complete" && c.status === "True")) return "succeeded";
  if (conditions.some((c) => c.type === "Failed" && c.status === "True")) return "failed";
  return "running";
}

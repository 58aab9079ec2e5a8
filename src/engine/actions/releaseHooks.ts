import { runHooks } from "../apply/runHooks.js";
import type { HookEvent, Release } from "../release/types.js";
import type { ActionContext } from "./context.js";
import { DEFAULT_TIMEOUT_MS } from "./context.js";

/**
 * Runs a release's hooks for an event and saves the record whenever a hook's
 * last_run changes, as helm does (docs/release-storage.md#hooks). The record is the operation's
 * own (its pending revision, or the one its uninstall marked), written under the resourceVersion
 * of its last write (docs/release-storage.md#who-takes-what). A no-op with --no-hooks or no
 * hooks.
 */
export function releaseHooks(
  ctx: ActionContext,
  release: Release,
  options: { noHooks?: boolean; timeoutMs?: number },
): (event: HookEvent) => Promise<void> {
  return async (event) => {
    if (options.noHooks || !release.hooks?.length) return;
    await runHooks(ctx.cluster, release.hooks, {
      event,
      namespace: release.namespace,
      fieldManager: ctx.fieldManager,
      // Hooks are created the way the release is applied; a helm 3 record has no method.
      method: release.apply_method ?? "csa",
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      now: ctx.now,
      sleep: ctx.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      onRecord: () => ctx.storage.writeHeld(release, release.info.status),
    });
  };
}

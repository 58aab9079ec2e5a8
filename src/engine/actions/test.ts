import { runHooks } from "../apply/runHooks.js";
import { assertUnlocked } from "../release/lock.js";
import type { Hook, Release } from "../release/types.js";
import { ReleaseNotFoundError } from "../storage/errors.js";
import type { ActionContext } from "./context.js";
import { DEFAULT_TIMEOUT_MS } from "./context.js";
import { ActionError } from "./errors.js";

export interface TestOptions {
  timeoutMs?: number;
  /** helm's --filter: `name=a,b` runs only those tests, `!name=a` skips them. */
  filter?: string[];
}

/**
 * `helm test`: runs the test hooks (`helm.sh/hook: test`) of the latest
 * revision — created, waited on, deleted per their policies — and saves
 * each one's last_run in the release record, failures included, as helm
 * does (docs/release-storage.md#hooks). The release's status is unchanged; a
 * locked (pending) release is refused like every other operation.
 *
 * A test holds no lock, so the revision may move on while its tests run (an upgrade supersedes
 * it): each last_run is written into the record as it is then, under its resourceVersion,
 * never over it with the copy read at the start (docs/release-storage.md#who-takes-what).
 */
export async function testRelease(
  ctx: ActionContext,
  name: string,
  namespace: string,
  options: TestOptions = {},
): Promise<Release> {
  const stored = await ctx.storage.latestStored(namespace, name);
  if (!stored) throw new ReleaseNotFoundError(name, namespace);
  assertUnlocked(stored, ctx.now());
  const release = ctx.storage.readable(stored);
  const chosen = testFilter(options.filter ?? []);
  const tests = (release.hooks ?? []).filter((h) => h.events.includes("test") && chosen(h));
  let gone = false;
  const record = async () => {
    const saved = await ctx.storage.modify(namespace, name, release.version, (current) => {
      for (const hook of current.hooks ?? []) {
        const ran = tests.find((t) => sameHook(t, hook));
        if (ran) hook.last_run = { ...ran.last_run };
      }
      return true;
    });
    gone ||= saved === undefined;
  };
  await runHooks(ctx.cluster, tests, {
    event: "test",
    namespace,
    fieldManager: ctx.fieldManager,
    // helm 4's `test` creates its pods as the release was applied (release_testing.go).
    method: release.apply_method ?? "csa",
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    now: ctx.now,
    sleep: ctx.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    // The hooks are the release's own objects: their last_run is saved with it.
    onRecord: record,
  });
  if (gone) {
    throw new ActionError(
      `release "${name}" was uninstalled while its tests ran; their results were not recorded`,
    );
  }
  return release;
}

function sameHook(a: Hook, b: Hook): boolean {
  return a.name === b.name && a.kind === b.kind && a.path === b.path;
}

function testFilter(filters: string[]): (hook: Hook) => boolean {
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const filter of filters) {
    const match = /^(!?)name=(.+)$/.exec(filter.trim());
    if (!match) {
      throw new ActionError(`invalid --filter "${filter}": use name=TEST or !name=TEST`);
    }
    for (const test of match[2]!.split(",")) (match[1] ? exclude : include).add(test);
  }
  return (hook) => (include.size === 0 || include.has(hook.name)) && !exclude.has(hook.name);
}

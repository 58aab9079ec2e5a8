import { errorMessage } from "../../errors.js";
import { postRendered, type PostRenderer } from "../render/postRender.js";
import type { Chart } from "../chart/types.js";
import { formatGoTime } from "../release/goTime.js";
import { assertUnlocked } from "../release/lock.js";
import { toStoredChart } from "../release/storedChart.js";
import type { Release } from "../release/types.js";
import { isUnreadable, type StoredRevision } from "../storage/driver.js";
import { ReleaseNotFoundError } from "../storage/errors.js";
import type { Values } from "../values/types.js";
import { applyMethodFor } from "./applyMethod.js";
import type { ActionContext, ApplyingOptions } from "./context.js";
import { DEFAULT_HISTORY_MAX } from "./context.js";
import { ActionError, OperationFailedError, assertUnchanged } from "./errors.js";
import { install, type InstallResult } from "./install.js";
import { statusOf } from "./list.js";
import { performRevision } from "./performRevision.js";
import { rollback } from "./rollback.js";
import { changedLookups, type LookupRead } from "./lookupPrefetch.js";
import { renderForAction } from "./renderWithLookups.js";
import { reuseValuesWarning, type ReuseWarning } from "./reuseWarning.js";
import { upgradeValues, type ValuesMode } from "./upgradeValues.js";

export type { ValuesMode } from "./upgradeValues.js";
import type { RenderedRelease } from "./template.js";

export interface UpgradeOptions extends ApplyingOptions {
  name: string;
  namespace: string;
  chart: Chart;
  userValues: Values;
  valuesMode?: ValuesMode;
  historyMax?: number;
  /** true/"server": validate on the server, store nothing; "client": render only. */
  dryRun?: boolean | "client" | "server";
  /** Install when the release does not exist (or is uninstalled), as `upgrade --install`. */
  install?: boolean;
  /** On failure, roll back to the last good revision (helm's --atomic). */
  atomic?: boolean;
  /** The revision the reviewed diff was computed for; refuse if the release moved on. */
  expectedRevision?: number;
  /** Rewrites the rendered manifest before it is stored and applied (--post-renderer). */
  postRender?: PostRenderer;
  /** With `install`, leave the chart's crds/ folders alone (helm's --skip-crds). */
  skipCrds?: boolean;
}

/** Everything decided before anything is written: reviewable as a diff. */
export interface UpgradePlan {
  pending: Release;
  /** The revision whose manifest is live now (deployed, else the latest failed/superseded). */
  current: Release;
  latest: StoredRevision;
  rendered: RenderedRelease;
  /** What the chart's `lookup` calls read from the cluster to make this plan. */
  lookups: LookupRead[];
  /** With --reuse-values: the new chart's defaults it leaves out (docs/chart-engine.md#upgrade-value-modes). */
  reuseWarning?: ReuseWarning;
}

/** Computes the next revision without touching the cluster or the history. */
export async function planUpgrade(
  ctx: ActionContext,
  options: UpgradeOptions,
): Promise<UpgradePlan> {
  const { name, namespace } = options;
  const latest = await ctx.storage.latestStored(namespace, name);
  if (!latest) throw new ReleaseNotFoundError(name, namespace);
  assertUnlocked(latest, ctx.now());
  if (statusOf(latest) === "uninstalled") {
    throw new ActionError(`release "${name}" is uninstalled`, {
      hint: `install it again with \`wheelhouse upgrade --install ${name}\` or roll back to an earlier revision`,
    });
  }
  const current =
    !isUnreadable(latest) && latest.info.status === "deployed"
      ? latest
      : ((await ctx.storage.deployed(namespace, name)) ?? ctx.storage.readable(latest));
  if (isUnreadable(latest)) {
    // Not pending, so nothing holds the lock: the upgrade goes on from the deployed revision and
    // is numbered past the unreadable one (docs/release-storage.md#records-that-cannot-be-read).
    ctx.storage.warn(
      `${ctx.storage.unreadableError(latest).message}; upgrading from revision ${current.version}`,
    );
  }
  const readLatest = isUnreadable(latest) ? current : latest;

  const { chart, config } = upgradeValues(options, current);
  const version = latest.version + 1;
  const { lookups, ...rendered } = await renderForAction(
    ctx,
    {
      chart,
      userValues: config,
      release: { name, namespace, revision: version, isInstall: false, isUpgrade: true },
    },
    options.dryRun,
  );
  const pending: Release = {
    name,
    namespace,
    version,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: formatGoTime(ctx.now()),
      description: "Preparing upgrade",
      status: "pending-upgrade",
      ...(rendered.notes ? { notes: rendered.notes } : {}),
    },
    chart: toStoredChart(rendered.chart),
    ...(Object.keys(config).length > 0 ? { config } : {}),
    manifest: options.postRender
      ? await postRendered(options.postRender, rendered.manifest)
      : rendered.manifest,
    ...(rendered.hooks.length > 0 ? { hooks: rendered.hooks } : {}),
    // helm 4.1: auto follows the latest revision's method, whatever its status.
    apply_method: applyMethodFor(options, readLatest),
    ...(readLatest.labels ? { labels: readLatest.labels } : {}),
  };
  const reuseWarning =
    options.valuesMode === "reuse" ? reuseValuesWarning(pending, current, options) : undefined;
  return { pending, current, latest, rendered, lookups, ...(reuseWarning ? { reuseWarning } : {}) };
}

export type UpgradeResult = InstallResult & { installed: boolean; reuseWarning?: ReuseWarning };

/**
 * Upgrades a release to a new chart or new values (docs/release-storage.md#upgrade): the new
 * revision is written pending-upgrade, applied against the live one's manifest, and marked
 * deployed; the previous one superseded. On failure the new revision is recorded failed and the
 * previously deployed one stays deployed — or, with atomic, the release is rolled back to it as a
 * further revision.
 */
export async function upgrade(ctx: ActionContext, options: UpgradeOptions): Promise<UpgradeResult> {
  if (options.install) {
    const latest = await ctx.storage.latestStored(options.namespace, options.name);
    if (!latest || statusOf(latest) === "uninstalled") {
      const result = await install(ctx, { ...options, replace: latest !== undefined });
      return { ...result, installed: true };
    }
  }
  const plan = await planUpgrade(ctx, options);
  const result = await applyUpgrade(ctx, plan, options);
  return {
    ...result,
    installed: false,
    ...(plan.reuseWarning ? { reuseWarning: plan.reuseWarning } : {}),
  };
}

/** Applies a plan, refusing when the release moved on since it was made. */
export async function applyUpgrade(
  ctx: ActionContext,
  plan: UpgradePlan,
  options: UpgradeOptions,
): Promise<InstallResult> {
  const now = await ctx.storage.latestStored(plan.pending.namespace, plan.pending.name);
  assertUnlocked(now, ctx.now());
  assertUnchanged(
    plan.pending.name,
    now?.version ?? 0,
    options.expectedRevision ?? plan.pending.version,
  );
  // A reviewed plan wrote what its lookups read; refuse it if the cluster has moved on since.
  if (options.expectedRevision !== undefined && plan.lookups.length > 0) {
    const changed = await changedLookups(ctx.cluster, plan.lookups);
    if (changed.length > 0) {
      throw new ActionError(
        `the objects this upgrade's templates looked up changed since it was planned: ${changed.join(", ")}`,
        { hint: "review the upgrade again" },
      );
    }
  }
  try {
    const release = await performRevision(
      ctx,
      {
        pending: plan.pending,
        current: plan.current,
        // An unreadable latest revision is not claimed: an uninstall, which has to read it to
        // know what to delete, cannot take it either (docs/release-storage.md#claiming-the-latest-revision).
        base: isUnreadable(plan.latest) ? undefined : plan.latest,
        historyMax: options.historyMax ?? DEFAULT_HISTORY_MAX,
        successDescription: "Upgrade complete",
        failurePrefix: `Upgrade "${plan.pending.name}" failed`,
        phase: "upgrade",
        ...(options.dryRun ? { dryRun: options.dryRun } : {}),
      },
      options,
    );
    return { release, rendered: plan.rendered };
  } catch (err) {
    if (!options.atomic || !(err instanceof OperationFailedError) || !err.recorded) throw err;
    return await rollBackAfterFailure(ctx, plan, options, err);
  }
}

async function rollBackAfterFailure(
  ctx: ActionContext,
  plan: UpgradePlan,
  options: UpgradeOptions,
  failure: OperationFailedError,
): Promise<never> {
  const { name, namespace } = plan.pending;
  const history = await ctx.storage.refs(namespace, name);
  const good = history.filter((r) => r.status === "deployed" || r.status === "superseded").at(-1);
  if (!good) throw failure;
  try {
    const restored = await rollback(ctx, {
      ...options,
      name,
      namespace,
      revision: good.version,
      expectedRevision: undefined,
    });
    throw new ActionError(
      `${failure.description}; rolled back to revision ${good.version} as revision ${restored.version} (--atomic)`,
    );
  } catch (err) {
    if (err instanceof ActionError && err.message.startsWith(failure.description)) throw err;
    throw new ActionError(
      `${failure.description}; the atomic rollback failed too: ${errorMessage(err)}`,
      {
        hint: `revision ${failure.revision} is recorded as failed; roll back by hand with \`wheelhouse rollback ${name} ${good.version}\``,
      },
    );
  }
}

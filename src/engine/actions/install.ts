import { errorMessage } from "../../errors.js";
import { postRendered, type PostRenderer } from "../render/postRender.js";
import type { Chart } from "../chart/types.js";
import { formatGoTime } from "../release/goTime.js";
import { assertUnlocked } from "../release/lock.js";
import { validateReleaseName } from "../release/name.js";
import { toStoredChart } from "../release/storedChart.js";
import type { Release } from "../release/types.js";
import { isUnreadable } from "../storage/driver.js";
import type { Values } from "../values/types.js";
import { applyMethodFor } from "./applyMethod.js";
import type { ActionContext, ApplyingOptions } from "./context.js";
import { DEFAULT_HISTORY_MAX } from "./context.js";
import { ActionError, OperationFailedError, ReleaseInUseError } from "./errors.js";
import { chartCrds, installCrds } from "./installCrds.js";
import { statusOf } from "./list.js";
import { performRevision } from "./performRevision.js";
import { renderForAction } from "./renderWithLookups.js";
import type { RenderedRelease } from "./template.js";
import { uninstall } from "./uninstall.js";

export interface InstallOptions extends ApplyingOptions {
  name: string;
  namespace: string;
  chart: Chart;
  /** -f/--set values; stored as the release's `config`. */
  userValues: Values;
  historyMax?: number;
  /** true/"server": validate on the server, store nothing; "client": render only. */
  dryRun?: boolean | "client" | "server";
  /**
   * Reuse the name of a release whose latest revision is uninstalled or failed
   * (docs/release-storage.md#install, "Replace").
   */
  replace?: boolean;
  /** On failure, uninstall what was installed (helm's --atomic / --rollback-on-failure). */
  atomic?: boolean;
  /** Rewrites the rendered manifest before it is stored and applied (--post-renderer). */
  postRender?: PostRenderer;
  /** Leave the chart's crds/ folders alone (helm's --skip-crds). */
  skipCrds?: boolean;
}

export interface InstallResult {
  release: Release;
  rendered: RenderedRelease;
}

/**
 * Installs a chart as a new release (docs/release-storage.md#install): refuse a name in use,
 * render, write revision 1 (or last+1 when replacing) as pending-install, apply it and mark it
 * deployed. A failure leaves the revision `failed` with the reason — or, with atomic, uninstalls
 * the release again.
 */
export async function install(ctx: ActionContext, options: InstallOptions): Promise<InstallResult> {
  const { name, namespace } = options;
  validateReleaseName(name);
  const refs = await ctx.storage.refs(namespace, name);
  const top = refs.at(-1);
  const stored = top ? await ctx.storage.getStored(top) : undefined;
  assertUnlocked(stored, ctx.now());
  if (stored) {
    const status = statusOf(stored);
    if (!options.replace || (status !== "uninstalled" && status !== "failed")) {
      throw new ReleaseInUseError(name, namespace);
    }
  }
  // A replace marks the old latest superseded: one that cannot be read keeps its record as it is.
  const previous = stored && !isUnreadable(stored) ? stored : undefined;
  if (stored && isUnreadable(stored)) {
    ctx.storage.warn(`${ctx.storage.unreadableError(stored).message}; it is replaced as it is`);
  }
  const version = (refs.at(-1)?.version ?? 0) + 1;
  // As helm 4's install, and `upgrade --install` falling through to it: anything but false is true.
  const method = applyMethodFor(
    { serverSide: options.serverSide !== false, forceConflicts: options.forceConflicts ?? false },
    undefined,
  );
  // As helm: the crds/ folders go in before rendering, so the templates can see the new kinds;
  // a dry-run creates nothing.
  if (!options.dryRun && !options.skipCrds) {
    const crds = chartCrds(options.chart, options.userValues);
    if (crds.length > 0) {
      await installCrds(ctx, crds, {
        namespace,
        method,
        forceConflicts: options.forceConflicts ?? false,
      });
    }
  }
  const rendered = await renderForAction(
    ctx,
    {
      chart: options.chart,
      userValues: options.userValues,
      // Helm passes revision 1 to templates even when replacing (docs/release-storage.md#install).
      release: { name, namespace, revision: 1, isInstall: true, isUpgrade: false },
    },
    options.dryRun,
  );
  const now = formatGoTime(ctx.now());
  const pending: Release = {
    name,
    namespace,
    version,
    info: {
      first_deployed: now,
      last_deployed: now,
      description: "Initial install underway",
      status: "pending-install",
      ...(rendered.notes ? { notes: rendered.notes } : {}),
    },
    chart: toStoredChart(rendered.chart),
    ...(Object.keys(options.userValues).length > 0 ? { config: options.userValues } : {}),
    manifest: options.postRender
      ? await postRendered(options.postRender, rendered.manifest)
      : rendered.manifest,
    ...(rendered.hooks.length > 0 ? { hooks: rendered.hooks } : {}),
    apply_method: method,
  };
  try {
    const release = await performRevision(
      ctx,
      {
        pending,
        current: undefined,
        // A replace takes the old latest revision once revision N+1 exists, superseding it
        // (unless it failed) as helm does — helm does it before creating, which a loser of the
        // race to create would have done too (docs/release-storage.md#claiming-the-latest-revision).
        base: previous,
        claimChange: supersedeReplaced,
        historyMax: options.historyMax ?? DEFAULT_HISTORY_MAX,
        successDescription: "Install complete",
        failurePrefix: `Release "${name}" failed`,
        phase: "install",
        ...(options.dryRun ? { dryRun: options.dryRun } : {}),
      },
      options,
    );
    return { release, rendered };
  } catch (err) {
    if (!options.atomic || !(err instanceof OperationFailedError)) throw err;
    return await undoInstall(ctx, options, err);
  }
}

function supersedeReplaced(previous: Release): void {
  if (previous.info.status === "failed") return;
  previous.info.status = "superseded";
  previous.info.description = "superseded by new release";
}

async function undoInstall(
  ctx: ActionContext,
  options: InstallOptions,
  failure: OperationFailedError,
): Promise<never> {
  try {
    await uninstall(ctx, {
      name: options.name,
      namespace: options.namespace,
      ...(options.noHooks ? { noHooks: true } : {}),
    });
  } catch (undoError) {
    throw new ActionError(
      `${failure.description}; the atomic uninstall failed too: ${errorMessage(undoError)}`,
      {
        hint: `revision ${failure.revision} stays recorded; inspect it with \`wheelhouse status ${options.name}\``,
      },
    );
  }
  throw new ActionError(`${failure.description}; the release was uninstalled (--atomic)`);
}

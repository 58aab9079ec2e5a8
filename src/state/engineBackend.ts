import type { RegistryOptions } from "../engine/oci/client.js";
import { resolveApplyMethod } from "../engine/actions/applyMethod.js";
import { WheelhouseError } from "../errors.js";
import type { ActionContext } from "../engine/actions/context.js";
import { releaseValues } from "../engine/actions/getValues.js";
import { history } from "../engine/actions/history.js";
import { list } from "../engine/actions/list.js";
import { findStaleLock, recover } from "../engine/actions/recover.js";
import { rollback } from "../engine/actions/rollback.js";
import { getRevision } from "../engine/actions/status.js";
import { uninstall } from "../engine/actions/uninstall.js";
import type {
  UpgradeOptions,
  UpgradePlan as EngineUpgradePlan,
} from "../engine/actions/upgrade.js";
import type { ApplyProgress } from "../engine/apply/applyRelease.js";
import type { Release } from "../engine/release/types.js";
import { describeRef } from "../engine/cluster/clusterAccess.js";
import { encodedSize, recordSizeWarning } from "../engine/release/recordSize.js";
import type { RevisionRef } from "../engine/release/types.js";
import type { StorageDriver } from "../engine/storage/driver.js";
import { ReleaseNotFoundError } from "../engine/storage/errors.js";
import { refFromLabels } from "../engine/storage/records.js";
import { UnreadableRecordError } from "../engine/storage/unreadable.js";
import { editableValuesYaml, parseEditedValues } from "../engine/values/editedValues.js";
import type { KubeClient } from "../kube/client.js";
import { coreResources } from "../kube/coreResources.js";
import { listWatchMetadata } from "../kube/listWatch.js";
import type {
  Backend,
  ClusterInfo,
  DiffPair,
  NamespaceList,
  OperationProgress,
  OperationResult,
  ReleaseChange,
  ReleaseRef,
  ReleaseRow,
  ReleaseWatch,
  ResourceListener,
  ResourceWatch,
  RevisionDetail,
  RevisionRow,
  RollbackPlan,
  Scope,
  UpgradePlan,
  UpgradeRequest,
  ValuesDiffPair,
} from "./backend.js";
import { ReleaseFeed } from "./releaseFeed.js";
import { watchReleaseResources } from "./resourceFeed.js";
import { releaseRow, revisionRow } from "./releaseRows.js";

// The chart loader, the renderer and the diff engine load on first use: the
// first frame needs none of them, and they are a quarter of a second to import.
const chartReferences = () => import("../engine/repo/loadChartReference.js");
const upgradeActions = () => import("../engine/actions/upgrade.js");
const diffActions = () => import("../engine/actions/diff.js");
const liveActions = () => import("../engine/actions/liveDrift.js");
const valuesDiffActions = () => import("../engine/actions/valuesDiff.js");

const POLL_MS = 5_000;

const scopeKey = (scope: Scope) => scope.namespace ?? "";

/** The cluster resource a driver keeps its records in; none for the memory driver. */
function recordResource(driver: StorageDriver): "secrets" | "configmaps" | undefined {
  if (driver.name === "secret") return "secrets";
  return driver.name === "configmap" ? "configmaps" : undefined;
}

/**
 * The memory driver's records live in this process only: nothing to watch
 * and nothing to pay for a list, so it is asked again now and then.
 */
function pollReleases(onChange: (change: ReleaseChange) => void): ReleaseWatch {
  const poller = setInterval(() => onChange({ kind: "records" }), POLL_MS);
  return { show: () => {}, stop: () => clearInterval(poller) };
}

/**
 * The Backend port over the real engine and a cluster: what `wheelhouse`
 * (the TUI) runs on. Plans remember what they were computed against so that
 * executing refuses when the release moved on in between.
 */
export class EngineBackend implements Backend {
  private readonly plans = new WeakMap<UpgradePlan, EngineUpgradePlan>();
  /** The release records of the scope in view, listed once and watched. */
  private live: { key: string; feed: ReleaseFeed } | undefined;

  constructor(
    private readonly ctx: ActionContext,
    private readonly client: KubeClient,
    private readonly cwd: string,
    /** Where repository settings come from (XDG and WHEELHOUSE_REPOSITORY_* variables). */
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Opens a backend on another kubeconfig context; without it `:ctx` is refused. */
    private readonly openContext?: (name: string) => Promise<Backend>,
    /** How oci:// charts are fetched (credentials come from helm's registry config by default). */
    private readonly registry?: RegistryOptions,
  ) {}

  async cluster(): Promise<ClusterInfo> {
    const info: ClusterInfo = {
      context: this.client.context,
      server: this.client.server,
      namespace: this.client.namespace,
      contexts: this.client.config.kubeConfig.getContexts().map((c) => c.name),
      kubeconfig: this.client.config.sources,
    };
    try {
      info.serverVersion = (await this.client.serverVersion()).gitVersion;
    } catch {
      // The header shows the version when the server says; the lists report reachability errors themselves.
    }
    return info;
  }

  namespaceExists(name: string): Promise<boolean | undefined> {
    return this.client.namespaceExists(name);
  }

  async namespaces(): Promise<NamespaceList> {
    const listing = await this.client.namespaces();
    const scope: Scope = listing.fallback
      ? { namespace: listing.names[0] ?? this.client.namespace }
      : {};
    const counts = await this.releaseCounts(scope);
    return {
      namespaces: listing.names.map((name) => ({ name, releases: counts.get(name) ?? 0 })),
      forbidden: listing.fallback,
    };
  }

  /**
   * Starts listing the release records of the scope the UI opens on, so that
   * the list is on its way while the UI's modules load.
   */
  prefetch(scope: Scope): void {
    this.feedFor(scope);
  }

  async releases(scope: Scope): Promise<ReleaseRow[]> {
    const feed = this.feedFor(scope);
    if (feed) {
      await feed.ready();
      return feed.rows();
    }
    const result = await list(this.ctx, {
      ...(scope.namespace ? { namespace: scope.namespace } : {}),
      max: 0,
    });
    return result.releases.map(releaseRow);
  }

  watchReleases(scope: Scope, onChange: (change: ReleaseChange) => void): ReleaseWatch {
    const feed = this.feedFor(scope);
    if (!feed) return pollReleases(onChange);
    const unsubscribe = feed.subscribe(onChange);
    return {
      show: (releases) => feed.show(releases),
      stop: () => {
        unsubscribe();
        // Nobody looks at this scope any more: end its watch.
        if (feed.subscribers === 0 && this.live?.feed === feed) this.closeFeed();
      },
    };
  }

  /** Ends the watch the UI kept open; the backend lists again if asked. */
  close(): void {
    this.closeFeed();
  }

  /**
   * The one list+watch of release records kept for a scope (one scope at a
   * time: the one in view), for the drivers whose records live in the
   * cluster. The memory driver has nothing to watch.
   */
  private feedFor(scope: Scope): ReleaseFeed | undefined {
    const resource = recordResource(this.ctx.storage.driver);
    if (!resource) return undefined;
    const key = scopeKey(scope);
    if (this.live?.key === key) return this.live.feed;
    this.closeFeed();
    const feed = new ReleaseFeed({
      listWatch: (handlers) =>
        listWatchMetadata(this.client, resource, scope.namespace, "owner=helm", handlers),
      payload: async (ref) => {
        try {
          return await this.ctx.storage.get(ref.namespace, ref.name, ref.version);
        } catch (err) {
          if (err instanceof ReleaseNotFoundError) return undefined;
          if (err instanceof UnreadableRecordError) {
            return { ...ref, unreadable: err.reason, record: err.record };
          }
          throw err;
        }
      },
    });
    this.live = { key, feed };
    return feed;
  }

  /** Releases per namespace in scope, for the namespaces pane. */
  private async releaseCounts(scope: Scope): Promise<Map<string, number>> {
    // At start-up no list is kept yet: the one for the counts is kept, and
    // serves the release list too when that shows every namespace (`-A`).
    const feed = !this.live || this.live.key === scopeKey(scope) ? this.feedFor(scope) : undefined;
    if (feed) {
      await feed.ready();
      return feed.releasesPerNamespace();
    }
    let refs: RevisionRef[];
    const resource = recordResource(this.ctx.storage.driver);
    if (resource) {
      // A browsing read: from the watch cache, labels only.
      const items = await coreResources(this.client, resource, {
        consistency: "cached",
      }).listMetadata(scope.namespace, "owner=helm");
      refs = items.flatMap((item) => {
        const ref = refFromLabels(
          item.metadata.name,
          item.metadata.namespace ?? "",
          item.metadata.labels,
        );
        return ref ? [ref] : [];
      });
    } else {
      refs = await this.ctx.storage.driver.listRefs(scope);
    }
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    for (const ref of refs) {
      if (seen.has(`${ref.namespace}/${ref.name}`)) continue;
      seen.add(`${ref.namespace}/${ref.name}`);
      counts.set(ref.namespace, (counts.get(ref.namespace) ?? 0) + 1);
    }
    return counts;
  }

  private closeFeed(): void {
    this.live?.feed.stop();
    this.live = undefined;
  }

  async history(release: ReleaseRef): Promise<RevisionRow[]> {
    return (await history(this.ctx, release.name, release.namespace, 0)).map(revisionRow);
  }

  async revision(release: ReleaseRef, revision: number): Promise<RevisionDetail> {
    const r = await getRevision(this.ctx, release.name, release.namespace, revision);
    return {
      revision: r.version,
      manifest: r.manifest,
      userValues: r.config ?? {},
      computedValues: releaseValues(r, { all: true }),
      notes: r.info.notes ?? "",
    };
  }

  watchResources(release: ReleaseRef, listener: ResourceListener): ResourceWatch {
    return watchReleaseResources(this.ctx, this.client, release, listener);
  }

  async diffRevisions(release: ReleaseRef, from: number, to: number): Promise<DiffPair> {
    const [a, b] = await Promise.all([
      getRevision(this.ctx, release.name, release.namespace, from),
      getRevision(this.ctx, release.name, release.namespace, to),
    ]);
    return this.diffPair(release.namespace, a.manifest, b.manifest);
  }

  async diffValues(release: ReleaseRef, from: number, to: number): Promise<ValuesDiffPair> {
    const [a, b] = await Promise.all([
      getRevision(this.ctx, release.name, release.namespace, from),
      getRevision(this.ctx, release.name, release.namespace, to),
    ]);
    return this.valuesPair(a, b);
  }

  /**
   * Values are user data, shown as `get values` shows them: nothing to mask. With nothing
   * deployed (`a` missing) every value is added, as every object is.
   */
  private async valuesPair(a: Release | undefined, b: Release): Promise<ValuesDiffPair> {
    const { valuesDiffOf } = await valuesDiffActions();
    const from = a ?? { ...b, config: {}, chart: null };
    return {
      user: valuesDiffOf(from, b).changes,
      computed: valuesDiffOf(from, b, { all: true }).changes,
    };
  }

  async planUpgrade(request: UpgradeRequest): Promise<UpgradePlan> {
    const { reference, version } = splitVersion(request);
    const [{ loadChartReference }, { planUpgrade: planEngineUpgrade }] = await Promise.all([
      chartReferences(),
      upgradeActions(),
    ]);
    const chart = await loadChartReference(reference, this.cwd, {
      env: this.env,
      ...(version ? { version } : {}),
      ...(this.registry ? { registry: this.registry } : {}),
    });
    const options = this.upgradeOptions(request, chart);
    const plan = await planEngineUpgrade(this.ctx, options);
    const { upgradeValuesDiff } = await valuesDiffActions();
    const computed = upgradeValuesDiff(plan, { all: true });
    const pair = await this.diffPair(
      request.release.namespace,
      plan.current.manifest,
      plan.pending.manifest,
    );
    const applyMethod = plan.pending.apply_method ?? "csa";
    const result: UpgradePlan = {
      request,
      revision: plan.pending.version,
      chart: `${plan.rendered.chart.metadata.name}-${plan.rendered.chart.metadata.version}`,
      diff: pair,
      values: {
        user: upgradeValuesDiff(plan).changes,
        computed: computed.changes,
        ...(computed.reuseWarning ? { reuseWarning: computed.reuseWarning.message } : {}),
      },
      notes: plan.rendered.notes,
      applyMethod,
      // The UI applies without --force-conflicts.
      liveChanges: await (
        await liveActions()
      ).planLiveChanges(this.ctx, request.release.namespace, plan, applyMethod),
      ...this.sizeWarning(encodedSize(plan.pending)),
    };
    this.plans.set(result, plan);
    return result;
  }

  async executeUpgrade(
    plan: UpgradePlan,
    onProgress: (p: OperationProgress) => void,
  ): Promise<OperationResult> {
    const engine = this.plans.get(plan);
    if (!engine)
      throw new WheelhouseError("ui", "this upgrade plan is stale; review the diff again");
    const { applyUpgrade } = await upgradeActions();
    const { release } = await applyUpgrade(this.ctx, engine, {
      name: plan.request.release.name,
      namespace: plan.request.release.namespace,
      chart: engine.rendered.chart,
      userValues: {},
      expectedRevision: plan.revision,
      onProgress: (p) => onProgress(progress(p)),
    });
    return operationResult(release);
  }

  async planRollback(release: ReleaseRef, revision: number): Promise<RollbackPlan> {
    const { rollbackSides } = await diffActions();
    const [{ from, to }, refs] = await Promise.all([
      rollbackSides(this.ctx, release.name, release.namespace, revision),
      this.ctx.storage.refs(release.namespace, release.name),
    ]);
    const applyMethod = resolveApplyMethod("auto", to);
    return {
      release,
      target: revision,
      revision: (refs.at(-1)?.version ?? 0) + 1,
      diff: await this.diffPair(release.namespace, from?.manifest ?? "", to.manifest),
      values: await this.valuesPair(from, to),
      applyMethod,
      ...(from ? {} : { nothingDeployed: true as const }),
      liveChanges: await (
        await liveActions()
      ).planLiveChanges(this.ctx, release.namespace, { current: from, pending: to }, applyMethod),
      // The new revision is a copy of the target: as big, within a description.
      ...this.sizeWarning(to.storedBytes ?? encodedSize(to)),
    };
  }

  /** Warns before a write the API server would refuse (docs/release-storage.md#release-size). */
  private sizeWarning(bytes: number): { sizeWarning?: string } {
    const warning = recordSizeWarning(bytes, this.ctx.storage.driver.name);
    return warning ? { sizeWarning: warning } : {};
  }

  async executeRollback(
    plan: RollbackPlan,
    onProgress: (p: OperationProgress) => void,
  ): Promise<OperationResult> {
    const release = await rollback(this.ctx, {
      name: plan.release.name,
      namespace: plan.release.namespace,
      revision: plan.target,
      expectedRevision: plan.revision,
      onProgress: (p) => onProgress(progress(p)),
    });
    return operationResult(release);
  }

  async uninstall(
    release: ReleaseRef,
    options: { keepHistory: boolean },
    onProgress: (p: OperationProgress) => void,
  ): Promise<void> {
    await uninstall(this.ctx, {
      name: release.name,
      namespace: release.namespace,
      keepHistory: options.keepHistory,
      onProgress: (p) => onProgress(progress(p)),
    });
  }

  async recover(release: ReleaseRef): Promise<void> {
    await recover(this.ctx, await findStaleLock(this.ctx, release.name, release.namespace));
  }

  switchContext(name: string): Promise<Backend> {
    if (!this.openContext) {
      return Promise.reject(
        new WheelhouseError(
          "ui",
          "this session cannot switch contexts; restart with --kube-context",
        ),
      );
    }
    return this.openContext(name);
  }

  async currentValuesYaml(release: ReleaseRef): Promise<string> {
    const deployed =
      (await this.ctx.storage.deployed(release.namespace, release.name)) ??
      (await getRevision(this.ctx, release.name, release.namespace));
    return editableValuesYaml(deployed.config, deployed.chart?.values ?? null);
  }

  async checkChart(chart: string): Promise<string> {
    const { reference, version } = splitVersion({ chart });
    const { loadChartReference } = await chartReferences();
    const loaded = await loadChartReference(reference, this.cwd, {
      env: this.env,
      ...(version ? { version } : {}),
    });
    return `${loaded.metadata.name}-${loaded.metadata.version}`;
  }

  private upgradeOptions(request: UpgradeRequest, chart: UpgradeOptions["chart"]): UpgradeOptions {
    const base = { name: request.release.name, namespace: request.release.namespace, chart };
    switch (request.values.mode) {
      case "reuse":
        return { ...base, userValues: {}, valuesMode: "default" };
      case "reset":
        return { ...base, userValues: {}, valuesMode: "reset" };
      case "edited":
        return { ...base, userValues: parseEditedValues(request.values.yaml), valuesMode: "reset" };
    }
  }

  private async diffPair(namespace: string, before: string, after: string): Promise<DiffPair> {
    const { diffReleaseManifestsBothWays } = await diffActions();
    return diffReleaseManifestsBothWays(this.ctx, namespace, before, after);
  }
}

function operationResult(release: Release): OperationResult {
  return {
    revision: release.version,
    status: release.info.status,
    notes: release.info.notes ?? "",
  };
}

/**
 * The chart field takes a folder, a .tgz, a URL, REPO/CHART or oci://HOST/PATH/CHART; a repository
 * or registry chart may carry its version range after "@" (`demo/webapp@1.3.x`), except that
 * `oci://…@sha256:…` is a digest, as helm reads it (docs/oci.md#references).
 */
function splitVersion(request: Pick<UpgradeRequest, "chart" | "version">): {
  reference: string;
  version?: string;
} {
  if (request.version) return { reference: request.chart, version: request.version };
  const at = request.chart.lastIndexOf("@");
  if (/^oci:\/\//i.test(request.chart) && request.chart.slice(at + 1).startsWith("sha256:"))
    return { reference: request.chart };
  if (at > 0 && !/^https?:/i.test(request.chart) && request.chart.slice(0, at).includes("/")) {
    return { reference: request.chart.slice(0, at), version: request.chart.slice(at + 1) };
  }
  return { reference: request.chart };
}

function progress(p: ApplyProgress): OperationProgress {
  return {
    step: p.step,
    resource: describeRef(p.ref),
    state: p.state,
    ...(p.message ? { message: p.message } : {}),
  };
}

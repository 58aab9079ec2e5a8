import type { DiffLine, ManifestDiff, ResourceDiff } from "../../src/engine/diff/types.js";
import { parseDescription } from "../../src/engine/release/attribution.js";
import type { ReleaseStatus } from "../../src/engine/release/types.js";
import type {
  ApplyMethodName,
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
  ResourceRow,
  ResourceWatch,
  RevisionDetail,
  RevisionRow,
  RollbackPlan,
  Scope,
  UpgradePlan,
  UpgradeRequest,
  ValuesDiffPair,
} from "../../src/state/backend.js";
import { diffValues } from "../../src/engine/values/valuesDiff.js";

/** One stored revision of a fake release. */
export interface FakeRevision {
  revision: number;
  status: ReleaseStatus;
  chart: string;
  chartVersion: string;
  appVersion: string;
  updated: Date;
  description: string;
  /** Data of the release's ConfigMap; it becomes the manifest. */
  data: Record<string, string>;
  /** Data of the release's Secret, masked in diffs. */
  secret?: Record<string, string>;
  userValues: Record<string, unknown>;
  notes: string;
  unreadable?: string;
}

export interface FakeRelease {
  name: string;
  namespace: string;
  revisions: FakeRevision[];
  /** How its revisions were applied; helm 3's releases are client-side. Default "ssa". */
  applyMethod?: ApplyMethodName;
}

type Method = keyof Backend;

interface Deferred {
  resolve: () => void;
  reject: (err: unknown) => void;
}

const NOW = new Date("2026-11-28T05:00:00Z");

/** A revision with sensible defaults; `data` drives the manifest so revisions differ. */
export function fakeRevision(
  revision: number,
  status: ReleaseStatus,
  fields: Partial<FakeRevision> = {},
): FakeRevision {
  return {
    revision,
    status,
    chart: "web",
    chartVersion: `1.${revision - 1}.0`,
    appVersion: `2.${revision - 1}`,
    updated: new Date(NOW.getTime() - (10 - revision) * 3_600_000),
    description: revision === 1 ? "Install complete" : "Upgrade complete",
    data: { replicas: String(revision) },
    userValues: { replicas: revision },
    notes: `web revision ${revision} is up`,
    ...fields,
  };
}

/** A release whose last revision is deployed and earlier ones superseded. */
export function fakeRelease(name: string, namespace: string, count = 1): FakeRelease {
  const revisions: FakeRevision[] = [];
  for (let r = 1; r <= count; r++) {
    revisions.push(fakeRevision(r, r === count ? "deployed" : "superseded"));
  }
  return { name, namespace, revisions };
}

/** `count` releases spread over a few namespaces, for scrolling and benchmarks. */
export function manyReleases(count: number): FakeRelease[] {
  const out: FakeRelease[] = [];
  for (let i = 0; i < count; i++) {
    const release = fakeRelease(`app-${String(i).padStart(5, "0")}`, `ns-${i % 7}`, 1);
    if (i % 13 === 5) release.revisions[0]!.status = "failed";
    out.push(release);
  }
  return out;
}

/**
 * An in-memory Backend for statechart and UI tests. Every call is recorded;
 * methods can be held (to observe in-flight states) or made to fail.
 */
export class FakeBackend implements Backend {
  readonly calls: Array<{ method: Method; args: unknown[] }> = [];
  clusterInfo: ClusterInfo = {
    context: "kind-dev",
    server: "https://127.0.0.1:6443",
    namespace: "default",
    serverVersion: "v1.31.0",
    contexts: ["kind-dev"],
    kubeconfig: ["/home/dev/.kube/config"],
  };
  /** What switchContext(name) returns; other names fail as an unknown context does. */
  readonly otherContexts = new Map<string, FakeBackend>();
  forbiddenNamespaces = false;
  /** The --reuse-values warning upgrade plans carry (the engine's words), when set. */
  reuseWarning?: string;
  /** Reading a namespace by name is forbidden too (namespaceExists cannot tell). */
  forbiddenNamespaceGet = false;
  /** Namespaces that exist without releases in them. */
  readonly emptyNamespaces = new Set<string>(["default"]);
  readonly releasesByKey = new Map<string, FakeRelease>();
  private readonly failures = new Map<Method, unknown>();
  private readonly held = new Set<Method>();
  private readonly pending = new Map<Method, Deferred[]>();
  private readonly watchers = new Set<{
    scope: Scope;
    onChange: (change: ReleaseChange) => void;
  }>();
  private readonly resourceWatchers = new Set<{ ref: ReleaseRef; listener: ResourceListener }>();
  private readonly liveResources = new Map<string, ResourceRow[]>();
  /** What each running watch was told is on screen, in order. */
  readonly shown: ReleaseRef[][] = [];

  constructor(releases: FakeRelease[] = []) {
    for (const r of releases) this.releasesByKey.set(key(r), r);
  }

  /** Makes every call of `method` fail with `err` until `succeed` is called. */
  fail(method: Method, err: unknown = new Error(`${method} failed`)): this {
    this.failures.set(method, err);
    return this;
  }

  succeed(method: Method): this {
    this.failures.delete(method);
    return this;
  }

  /** Calls of `method` wait until `resolve` or `reject` is called for it. */
  hold(method: Method): this {
    this.held.add(method);
    return this;
  }

  /** Lets every waiting call of `method` proceed, and stops holding it. */
  resolve(method: Method): void {
    this.held.delete(method);
    for (const d of this.pending.get(method) ?? []) d.resolve();
    this.pending.delete(method);
  }

  reject(method: Method, err: unknown = new Error(`${method} failed`)): void {
    this.held.delete(method);
    for (const d of this.pending.get(method) ?? []) d.reject(err);
    this.pending.delete(method);
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  lastCall(method: Method): unknown[] | undefined {
    return this.calls.filter((c) => c.method === method).at(-1)?.args;
  }

  watcherCount(): number {
    return this.watchers.size;
  }

  /** Simulates a change of release records seen by the watch (of these releases, or any). */
  emitChange(releases?: ReleaseRef[]): void {
    for (const w of [...this.watchers])
      w.onChange({ kind: "records", ...(releases ? { releases } : {}) });
  }

  /** Simulates the arrival of payloads of the releases shown. */
  emitDetails(): void {
    for (const w of [...this.watchers]) w.onChange({ kind: "details" });
  }

  release(ref: ReleaseRef): FakeRelease | undefined {
    return this.releasesByKey.get(key(ref));
  }

  private async gate(method: Method, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    if (this.held.has(method)) {
      await new Promise<void>((resolve, reject) => {
        const list = this.pending.get(method) ?? [];
        list.push({ resolve, reject });
        this.pending.set(method, list);
      });
    } else {
      await Promise.resolve();
    }
    if (this.failures.has(method)) throw this.failures.get(method);
  }

  private must(ref: ReleaseRef): FakeRelease {
    const r = this.release(ref);
    if (!r) throw new Error(`release: not found: ${ref.namespace}/${ref.name}`);
    return r;
  }

  async switchContext(name: string): Promise<Backend> {
    await this.gate("switchContext", [name]);
    const other = this.otherContexts.get(name);
    if (!other) throw new Error(`context "${name}" not found in the kubeconfig`);
    return other;
  }

  async cluster(): Promise<ClusterInfo> {
    await this.gate("cluster", []);
    return { ...this.clusterInfo };
  }

  async namespaces(): Promise<NamespaceList> {
    await this.gate("namespaces", []);
    const counts = new Map<string, number>();
    for (const r of this.releasesByKey.values()) {
      counts.set(r.namespace, (counts.get(r.namespace) ?? 0) + 1);
    }
    if (this.forbiddenNamespaces) {
      const ns = this.clusterInfo.namespace;
      return { namespaces: [{ name: ns, releases: counts.get(ns) ?? 0 }], forbidden: true };
    }
    if (!counts.has("default")) counts.set("default", 0);
    const namespaces = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, releases]) => ({ name, releases }));
    return { namespaces, forbidden: false };
  }

  async namespaceExists(name: string): Promise<boolean | undefined> {
    await this.gate("namespaceExists", [name]);
    if (this.forbiddenNamespaceGet) return undefined;
    return (
      this.emptyNamespaces.has(name) ||
      [...this.releasesByKey.values()].some((r) => r.namespace === name)
    );
  }

  async releases(scope: Scope): Promise<ReleaseRow[]> {
    await this.gate("releases", [scope]);
    const rows: ReleaseRow[] = [];
    for (const r of this.releasesByKey.values()) {
      if (scope.namespace !== undefined && r.namespace !== scope.namespace) continue;
      const last = r.revisions.at(-1);
      if (!last) continue;
      rows.push({
        name: r.name,
        namespace: r.namespace,
        revision: last.revision,
        status: last.status,
        chart: `${last.chart}-${last.chartVersion}`,
        appVersion: last.appVersion,
        updated: last.updated,
        description: last.description,
        ...(last.unreadable ? { unreadable: last.unreadable } : {}),
      });
    }
    return rows.sort(
      (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
  }

  watchReleases(scope: Scope, onChange: (change: ReleaseChange) => void): ReleaseWatch {
    this.calls.push({ method: "watchReleases", args: [scope] });
    const w = { scope, onChange };
    this.watchers.add(w);
    return {
      show: (releases) => this.shown.push(releases),
      stop: () => this.watchers.delete(w),
    };
  }

  async history(ref: ReleaseRef): Promise<RevisionRow[]> {
    await this.gate("history", [ref]);
    return this.must(ref).revisions.map((r) => {
      // Who and why come out of the description, as the engine's backend reads them.
      const { text, ...who } = parseDescription(r.description);
      return {
        revision: r.revision,
        status: r.status,
        chartVersion: r.chartVersion,
        appVersion: r.appVersion,
        updated: r.updated,
        description: text,
        ...who,
        ...(r.unreadable ? { unreadable: r.unreadable } : {}),
      };
    });
  }

  async revision(ref: ReleaseRef, revision: number): Promise<RevisionDetail> {
    await this.gate("revision", [ref, revision]);
    const rev = this.must(ref).revisions.find((r) => r.revision === revision);
    if (!rev) throw new Error(`revision ${revision} of ${ref.name} not found`);
    return {
      revision,
      manifest: manifestOf(ref, rev, true)
        .map((d) => d.text)
        .join("---\n"),
      userValues: rev.userValues,
      computedValues: computedOf(rev.userValues),
      notes: rev.notes,
    };
  }

  watchResources(ref: ReleaseRef, listener: ResourceListener): ResourceWatch {
    const watcher = { ref, listener };
    let stopped = false;
    void (async () => {
      try {
        await this.gate("watchResources", [ref]);
        this.must(ref);
      } catch (err) {
        if (!stopped) listener.failed(err);
        return;
      }
      if (stopped) return;
      this.resourceWatchers.add(watcher);
      listener.rows(this.resourcesOf(ref));
    })();
    return {
      stop: () => {
        stopped = true;
        this.resourceWatchers.delete(watcher);
      },
    };
  }

  /** Simulates a change of a release's live objects, seen by the watches of its resources. */
  setResources(ref: ReleaseRef, rows: ResourceRow[], options = { seen: true }): void {
    this.liveResources.set(key(ref), rows);
    // Unseen: as if the objects changed while nothing watched them (before a new revision's apply).
    if (!options.seen) return;
    for (const w of [...this.resourceWatchers]) {
      if (key(w.ref) === key(ref)) w.listener.rows(rows);
    }
  }

  resourceWatcherCount(): number {
    return this.resourceWatchers.size;
  }

  private resourcesOf(ref: ReleaseRef): ResourceRow[] {
    const set = this.liveResources.get(key(ref));
    if (set) return set;
    return [
      {
        kind: "ConfigMap",
        name: `${ref.name}-config`,
        namespace: ref.namespace,
        state: "ready",
        message: "",
      },
      {
        kind: "Deployment",
        name: ref.name,
        namespace: ref.namespace,
        state: "progressing",
        message: "1/2 replicas ready",
      },
    ];
  }

  async diffRevisions(ref: ReleaseRef, from: number, to: number): Promise<DiffPair> {
    await this.gate("diffRevisions", [ref, from, to]);
    return this.diffOf(ref, this.revisionOf(ref, from), this.revisionOf(ref, to));
  }

  async diffValues(ref: ReleaseRef, from: number, to: number): Promise<ValuesDiffPair> {
    await this.gate("diffValues", [ref, from, to]);
    return valuesPair(this.revisionOf(ref, from).userValues, this.revisionOf(ref, to).userValues);
  }

  /** Charts that do not load, by the reference typed, with why. */
  readonly unloadableCharts = new Map<string, Error>();

  async checkChart(chart: string): Promise<string> {
    await this.gate("checkChart", [chart]);
    const err = this.unloadableCharts.get(chart);
    if (err) throw err;
    return `web-9.0.0`;
  }

  async planUpgrade(request: UpgradeRequest): Promise<UpgradePlan> {
    await this.gate("planUpgrade", [request]);
    const unloadable = this.unloadableCharts.get(request.chart);
    if (unloadable) throw unloadable;
    const r = this.must(request.release);
    const deployed = deployedOf(r);
    const next = r.revisions.at(-1)!.revision + 1;
    const values = request.values.mode === "reset" ? {} : { ...deployed.userValues };
    const target = fakeRevision(next, "deployed", {
      chartVersion: `9.${next}.0`,
      data: { replicas: String(next), chart: request.chart },
      userValues: values,
      // A chart without NOTES.txt (its path says so) renders no notes.
      notes: request.chart.includes("no-notes") ? "" : `upgraded to ${request.chart}`,
      description: "Upgrade complete",
    });
    return {
      request,
      revision: next,
      chart: `web-9.${next}.0`,
      diff: this.diffOf(request.release, deployed, target),
      values: {
        ...valuesPair(deployed.userValues, values),
        ...(this.reuseWarning ? { reuseWarning: this.reuseWarning } : {}),
      },
      notes: target.notes,
      applyMethod: r.applyMethod ?? "ssa",
    };
  }

  async executeUpgrade(
    plan: UpgradePlan,
    onProgress: (p: OperationProgress) => void,
  ): Promise<OperationResult> {
    await this.gate("executeUpgrade", [plan]);
    const r = this.must(plan.request.release);
    onProgress({
      step: "apply",
      resource: `ConfigMap ${r.namespace}/${r.name}-config`,
      state: "done",
    });
    this.supersede(r);
    r.revisions.push(
      fakeRevision(plan.revision, "deployed", {
        chartVersion: plan.chart.replace(/^web-/, ""),
        data: { replicas: String(plan.revision), chart: plan.request.chart },
        notes: plan.notes,
        updated: NOW,
      }),
    );
    this.emitChange();
    return { revision: plan.revision, status: "deployed", notes: plan.notes };
  }

  async planRollback(ref: ReleaseRef, revision: number): Promise<RollbackPlan> {
    await this.gate("planRollback", [ref, revision]);
    const r = this.must(ref);
    return {
      release: ref,
      target: revision,
      revision: r.revisions.at(-1)!.revision + 1,
      diff: this.diffOf(ref, deployedOf(r), this.revisionOf(ref, revision)),
      values: valuesPair(deployedOf(r).userValues, this.revisionOf(ref, revision).userValues),
      applyMethod: r.applyMethod ?? "ssa",
    };
  }

  async executeRollback(
    plan: RollbackPlan,
    onProgress: (p: OperationProgress) => void,
  ): Promise<OperationResult> {
    await this.gate("executeRollback", [plan]);
    const r = this.must(plan.release);
    const target = this.revisionOf(plan.release, plan.target);
    onProgress({
      step: "apply",
      resource: `ConfigMap ${r.namespace}/${r.name}-config`,
      state: "done",
    });
    this.supersede(r);
    r.revisions.push({
      ...target,
      revision: plan.revision,
      status: "deployed",
      updated: NOW,
      description: `Rollback to ${plan.target}`,
    });
    this.emitChange();
    return { revision: plan.revision, status: "deployed", notes: target.notes };
  }

  async uninstall(
    ref: ReleaseRef,
    options: { keepHistory: boolean },
    onProgress: (p: OperationProgress) => void,
  ): Promise<void> {
    await this.gate("uninstall", [ref, options]);
    const r = this.must(ref);
    onProgress({
      step: "delete",
      resource: `ConfigMap ${r.namespace}/${r.name}-config`,
      state: "done",
    });
    if (options.keepHistory) r.revisions.at(-1)!.status = "uninstalled";
    else this.releasesByKey.delete(key(ref));
    this.emitChange();
  }

  async recover(ref: ReleaseRef): Promise<void> {
    await this.gate("recover", [ref]);
    const last = this.must(ref).revisions.at(-1)!;
    last.status = "failed";
  }

  async currentValuesYaml(ref: ReleaseRef): Promise<string> {
    await this.gate("currentValuesYaml", [ref]);
    const v = deployedOf(this.must(ref)).userValues;
    return Object.entries(v)
      .map(([k, val]) => `${k}: ${JSON.stringify(val)}\n`)
      .join("");
  }

  private supersede(r: FakeRelease): void {
    for (const rev of r.revisions) if (rev.status === "deployed") rev.status = "superseded";
  }

  private revisionOf(ref: ReleaseRef, revision: number): FakeRevision {
    const rev = this.must(ref).revisions.find((r) => r.revision === revision);
    if (!rev) throw new Error(`revision ${revision} of ${ref.name} not found`);
    return rev;
  }

  private diffOf(ref: ReleaseRef, from: FakeRevision, to: FakeRevision): DiffPair {
    const build = (reveal: boolean): ManifestDiff => {
      const before = manifestOf(ref, from, reveal);
      const after = manifestOf(ref, to, reveal);
      const resources: ResourceDiff[] = [];
      for (const a of after) {
        const b = before.find((x) => x.id === a.id);
        resources.push(resourceDiff(a, b?.text ?? ""));
      }
      const summary = { added: 0, changed: 0, removed: 0, unchanged: 0 };
      for (const r of resources) summary[r.change]++;
      return { resources, summary };
    };
    return { masked: build(false), revealed: build(true) };
  }
}

function key(ref: ReleaseRef): string {
  return `${ref.namespace}/${ref.name}`;
}

/** The computed values of a fake revision: one chart default under the user's values. */
const computedOf = (user: Record<string, unknown>) => ({ image: "web", ...user });

function valuesPair(a: Record<string, unknown>, b: Record<string, unknown>): ValuesDiffPair {
  return { user: diffValues(a, b), computed: diffValues(computedOf(a), computedOf(b)) };
}

function deployedOf(r: FakeRelease): FakeRevision {
  return r.revisions.find((x) => x.status === "deployed") ?? r.revisions.at(-1)!;
}

interface Doc {
  id: string;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  text: string;
}

function manifestOf(ref: ReleaseRef, rev: FakeRevision, reveal: boolean): Doc[] {
  const docs: Doc[] = [];
  const cm = `${ref.name}-config`;
  docs.push({
    id: `v1/ConfigMap/${ref.namespace}/${cm}`,
    kind: "ConfigMap",
    apiVersion: "v1",
    name: cm,
    namespace: ref.namespace,
    text: yamlDoc("ConfigMap", cm, ref.namespace, "data", rev.data),
  });
  if (rev.secret) {
    const sn = `${ref.name}-secret`;
    const data = reveal
      ? rev.secret
      : Object.fromEntries(Object.keys(rev.secret).map((k) => [k, "++++++++ # (masked)"]));
    docs.push({
      id: `v1/Secret/${ref.namespace}/${sn}`,
      kind: "Secret",
      apiVersion: "v1",
      name: sn,
      namespace: ref.namespace,
      text: yamlDoc("Secret", sn, ref.namespace, "stringData", data),
    });
  }
  return docs;
}

function yamlDoc(
  kind: string,
  name: string,
  namespace: string,
  field: string,
  data: Record<string, string>,
): string {
  const lines = [
    "apiVersion: v1",
    `kind: ${kind}`,
    "metadata:",
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `${field}:`,
    ...Object.entries(data).map(([k, v]) => `  ${k}: ${v}`),
  ];
  return lines.join("\n") + "\n";
}

/** A naive line diff (common prefix and suffix as context), enough for views. */
function resourceDiff(doc: Doc, beforeText: string): ResourceDiff {
  const before = beforeText === "" ? [] : beforeText.trimEnd().split("\n");
  const after = doc.text.trimEnd().split("\n");
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  const lines: DiffLine[] = [];
  for (let i = 0; i < head; i++) {
    lines.push({ op: "context", text: after[i]!, oldLine: i + 1, newLine: i + 1 });
  }
  for (let i = head; i < before.length - tail; i++) {
    lines.push({ op: "remove", text: before[i]!, oldLine: i + 1 });
  }
  for (let i = head; i < after.length - tail; i++) {
    lines.push({ op: "add", text: after[i]!, newLine: i + 1 });
  }
  for (let i = tail; i > 0; i--) {
    lines.push({
      op: "context",
      text: after[after.length - i]!,
      oldLine: before.length - i + 1,
      newLine: after.length - i + 1,
    });
  }
  const added = lines.filter((l) => l.op === "add").length;
  const removed = lines.filter((l) => l.op === "remove").length;
  const change = before.length === 0 ? "added" : added + removed === 0 ? "unchanged" : "changed";
  return {
    id: doc.id,
    apiVersion: doc.apiVersion,
    kind: doc.kind,
    namespace: doc.namespace,
    name: doc.name,
    change,
    lines,
    added,
    removed,
  };
}

/** The cluster behind the sandbox's HTTP API: kinds, objects, semantics, controllers, state file. */
import { Api } from "./api.js";
import type { CostModel } from "./cost.js";
import { Registry } from "./resources.js";
import { loadState, StateFile } from "./statefile.js";
import { Store } from "./store.js";
import { Simulator } from "./workloads.js";

/** What a fresh cluster has, as `kubeadm init` leaves it. */
const DEFAULT_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];
const SYSTEM = { fieldManager: "kube-apiserver" };

export interface ClusterOptions {
  /** Keep the cluster's objects in this file (and its journal) across restarts. */
  stateFile?: string;
  /** Called once if the state file can no longer be written (writes then go unacknowledged). */
  onStateFailure?: (e: Error) => void;
  /** How long workloads take to report ready after a change. */
  readyDelayMs: number;
  /** How often watches that allow bookmarks get one (default 30 s). */
  bookmarkMs?: number;
  /** Charge lists what a real API server takes (bench/ turns it on; tests leave it off). */
  cost?: CostModel;
}

export class Cluster {
  readonly registry = new Registry();
  readonly store = new Store();
  readonly api = new Api(this.registry, this.store);
  private readonly simulator: Simulator;
  private readonly state: StateFile | undefined;
  readonly bookmarkMs: number | undefined;
  /** Each open watch: how to end it cleanly, and how to break its connection. */
  private readonly watches = new Map<() => void, () => void>();
  /** What lists cost, as on a real API server (cost.ts); undefined: nothing is charged. */
  cost: CostModel | undefined;
  /** The user the token stands for, as a SelfSubjectReview tells it. */
  userName = "sandbox-admin";

  constructor(options: ClusterOptions) {
    this.bookmarkMs = options.bookmarkMs;
    this.cost = options.cost;
    const file = options.stateFile;
    const load =
      file === undefined
        ? { loaded: false, compact: false }
        : loadState(file, this.store, this.registry);
    // Before seeding: the controllers give each new namespace its default ServiceAccount.
    this.simulator = new Simulator(this.api, options.readyDelayMs);
    if (load.loaded) this.simulator.scheduleAll();
    else this.seed();
    this.state =
      file === undefined
        ? undefined
        : new StateFile(file, this.store, load.compact, options.onStateFailure);
  }

  private seed(): void {
    const nsType = this.registry.get("", "namespaces");
    if (nsType !== undefined)
      for (const name of DEFAULT_NAMESPACES)
        this.api.create(nsType, "v1", undefined, { metadata: { name } }, SYSTEM);
    const svcType = this.registry.get("", "services");
    if (svcType !== undefined) {
      this.api.create(
        svcType,
        "v1",
        "default",
        {
          metadata: {
            name: "kubernetes",
            labels: { component: "apiserver", provider: "kubernetes" },
          },
          spec: {
            clusterIP: "10.96.0.1",
            ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
          },
        },
        SYSTEM,
      );
    }
  }

  /**
   * Keeps an open watch's stop function so that stop() can end it, and how to
   * break its connection for dropWatches(); returns its removal.
   */
  trackWatch(stop: () => void, drop: () => void = stop): () => void {
    this.watches.set(stop, drop);
    return () => this.watches.delete(stop);
  }

  /** Breaks every open watch's connection (no clean end); returns how many there were. */
  dropWatches(): number {
    const drops = [...this.watches.values()];
    this.watches.clear();
    for (const drop of drops) drop();
    return drops.length;
  }

  /** Folds the state file's journal into its snapshot now (when there is one). */
  flush(): Promise<void> {
    return this.state?.flush() ?? Promise.resolve();
  }

  /**
   * Resolves when every change made so far is on disk; undefined when there is no state file or
   * nothing to wait for. Answers wait for it (server.ts): an acknowledged write is durable.
   */
  durable(): Promise<void> | undefined {
    return this.state?.durable();
  }

  /** The last fold of the state file, which is then closed. */
  closeState(): Promise<void> {
    return this.state?.close() ?? Promise.resolve();
  }

  /** Stops the controllers and ends every open watch. */
  stop(): void {
    this.simulator.close();
    for (const stop of [...this.watches.keys()]) stop();
  }
}

/** The sandbox HTTPS server: a local Kubernetes-API-compatible endpoint on 127.0.0.1. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { checkAccess, newToken } from "./access.js";
import { selfSignedCertificate } from "./certificate.js";
import { Cluster } from "./cluster.js";
import type { CostModel } from "./cost.js";
import { StatusError, internalError } from "./errors.js";
import { Faults } from "./faults.js";
import { holdAnswers, sendStatus, sleep } from "./http.js";
import { kubeconfigYaml, writeKubeconfig } from "./kubeconfig.js";
import { ownFetch } from "./ownFetch.js";
import { probe, route } from "./router.js";
import type { Request } from "./router.js";
import type { SandboxFaults } from "./types.js";

export interface SandboxOptions {
  /** Port to listen on; 0 or absent lets the OS pick one. */
  port?: number;
  /**
   * Keep the cluster's objects in this file across restarts (with `FILE.journal`, both 0600).
   * Each answer then waits until the changes before it are on disk.
   */
  stateFile?: string;
  faults?: SandboxFaults;
  /** How long workloads take to report ready after a change (default 100 ms). */
  readyDelayMs?: number;
  /**
   * Charge lists the time a real API server takes (cost.ts; REAL_SERVER_COST for the one this
   * project is measured against). Off by default: tests want the sandbox fast.
   */
  cost?: CostModel;
  /** Called after each API request is answered (for a verbose log). */
  onRequest?: (event: RequestEvent) => void;
  /** How often watches that allow bookmarks get one (default 30 s, as often as a real server or less). */
  bookmarkMs?: number;
  /**
   * The bearer token every request must carry (the kubeconfig's `token`); a new random one for
   * each start when absent. Several sandboxes given one token can share a kubeconfig user.
   */
  token?: string;
  /** Who the token belongs to, as a SelfSubjectReview answers (default "sandbox-admin"). */
  userName?: string;
}

/** An API request as it arrived (a watch is logged when it starts, not when it ends). */
export interface LoggedRequest {
  method: string;
  /** Path with query string. */
  path: string;
}

/** How many requests requestLog() keeps, newest last. */
const REQUEST_LOG_SIZE = 10_000;

export interface RequestEvent {
  method: string;
  /** Path with query string. */
  path: string;
  status: number;
  ms: number;
}

export interface Sandbox {
  /** e.g. https://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** The bearer token requests must carry (in the kubeconfig as the user's `token`). */
  readonly token: string;
  /** The server's self-signed certificate, PEM (the kubeconfig's certificate authority). */
  readonly ca: string;
  /** fetch() of a path here (`/api/v1/...`), trusting `ca` and sending the token (unless the call sets Authorization). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the server, ends watches and folds the state file's journal into it. */
  close(): Promise<void>;
  /** A kubeconfig whose current context `sandbox` points here. */
  kubeconfigYaml(namespace?: string): string;
  writeKubeconfig(path: string, namespace?: string): void;
  setFaults(faults: SandboxFaults): void;
  getFaults(): SandboxFaults;
  /** Folds the state file's journal into the state file now (when there is one). */
  flush(): Promise<void>;
  /** Number of API requests served so far. */
  requestCount(): number;
  /** The latest API requests in the order they arrived (at most 10,000). */
  requestLog(): readonly LoggedRequest[];
  /** Breaks the connection of every open watch, as a restarted server or proxy would; returns how many. */
  dropWatches(): number;
  /** Forgets the watch history (etcd compaction): resuming from an older resourceVersion gets 410 Gone. */
  compact(): void;
  /** Turns the cost model on (a model) or off (undefined). */
  setCost(cost: CostModel | undefined): void;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const faults = new Faults(options.faults ?? {});
  const cluster = new Cluster({
    stateFile: options.stateFile,
    readyDelayMs: options.readyDelayMs ?? 100,
    ...(options.bookmarkMs !== undefined ? { bookmarkMs: options.bookmarkMs } : {}),
    cost: options.cost,
    onStateFailure: (e) =>
      process.emitWarning(`sandbox: cannot write ${options.stateFile ?? ""}: ${e.message}`),
  });
  let requests = 0;
  const log: LoggedRequest[] = [];
  let host = "";
  const token = options.token ?? newToken();
  if (options.userName !== undefined) cluster.userName = options.userName;
  const tls = selfSignedCertificate();
  let port = 0;

  /**
   * Who is asking first (access.ts), then probes; then every API request counts, waits out the
   * latency and may be failed.
   */
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request: Request = {
      req,
      res,
      path: url.pathname.replace(/\/+$/, "") || "/",
      query: url.searchParams,
    };
    checkAccess({ token, port }, req.headers, request.path);
    const health = probe(request);
    if (health !== undefined) return health();
    requests += 1;
    log.push({ method: req.method ?? "GET", path: `${url.pathname}${url.search}` });
    if (log.length > REQUEST_LOG_SIZE) log.splice(0, log.length - REQUEST_LOG_SIZE);
    const latency = faults.latency();
    if (latency > 0) await sleep(latency);
    const fault = faults.check(req.method ?? "GET", `${url.pathname}${url.search}`);
    if (fault !== undefined) throw fault;
    await route(cluster, host, request)();
  };

  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    if (options.stateFile !== undefined) holdAnswers(res, () => cluster.durable());
    if (options.onRequest !== undefined) {
      const started = performance.now();
      const notify = options.onRequest;
      res.on("finish", () =>
        notify({
          method: req.method ?? "GET",
          path: req.url ?? "/",
          status: res.statusCode,
          ms: performance.now() - started,
        }),
      );
    }
    handle(req, res).catch((e: unknown) => {
      const err =
        e instanceof StatusError ? e : internalError(e instanceof Error ? e.message : String(e));
      if (res.headersSent) {
        res.end();
        return;
      }
      // A body refused before its end (413, or turned away unread): close rather than read on.
      if (!req.complete) res.shouldKeepAlive = false;
      sendStatus(res, err);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  const url = `https://${host}`;
  const client = ownFetch(url, tls.cert, token);
  const user = { token, ca: tls.cert };

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    token,
    ca: tls.cert,
    fetch: client.fetch,
    kubeconfigYaml: (namespace?: string) => kubeconfigYaml(url, user, namespace),
    writeKubeconfig: (path: string, namespace?: string) =>
      writeKubeconfig(path, url, user, namespace),
    setFaults(f: SandboxFaults) {
      faults.set(f);
    },
    getFaults() {
      return faults.get();
    },
    flush: () => cluster.flush(),
    requestCount: () => requests,
    requestLog: () => log,
    dropWatches: () => cluster.dropWatches(),
    compact: () => cluster.store.compact(),
    setCost(cost: CostModel | undefined) {
      cluster.cost = cost;
    },
    close() {
      closed ??= (async () => {
        client.close();
        cluster.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await cluster.closeState();
      })();
      return closed;
    },
  };
}

/** The sandbox HTTP server: a local Kubernetes-API-compatible endpoint on 127.0.0.1. */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { parseYaml } from "./yaml.js";
import { Api } from "./api.js";
import { SCALABLE } from "./scale.js";
import { jsonPatch, mergePatch, strategicMergePatch } from "./patch.js";
import type { ListResult } from "./paging.js";
import {
  AGGREGATED_CONTENT_TYPE,
  SERVER_VERSION,
  aggregated,
  apiGroupDoc,
  apiGroupList,
  apiVersions,
  openApiV3Doc,
  openApiV2Doc,
  openApiV3Root,
  resourceList,
  wantsAggregated,
} from "./discovery.js";
import {
  StatusError,
  badRequest,
  internalError,
  methodNotAllowed,
  notAcceptable,
  pathNotFound,
} from "./errors.js";
import { Faults } from "./faults.js";
import { parseBody, readBody, sendJson, sendList, sendStatus, sendText, sleep } from "./http.js";
import { apiVersionOf } from "./identity.js";
import { Registry } from "./resources.js";
import { parseFieldSelector, parseLabelSelector } from "./selectors.js";
import { loadState, StateWriter } from "./statefile.js";
import { objectJson, partialJson, Store } from "./store.js";
import { acceptedForm, metaVersion, partial, table } from "./table.js";
import type { KObject, ResourceType, SandboxFaults, WriteOptions } from "./types.js";
import { serveWatch } from "./watch.js";
import { Simulator } from "./workloads.js";

export interface SandboxOptions {
  /** Port to listen on; 0 or absent lets the OS pick one. */
  port?: number;
  /** Keep the cluster's objects in this JSON file across restarts. */
  stateFile?: string;
  faults?: SandboxFaults;
  /** How long workloads take to report ready after a change (default 100 ms). */
  readyDelayMs?: number;
  /** Called after each API request is answered (for a verbose log). */
  onRequest?: (event: RequestEvent) => void;
}

export interface RequestEvent {
  method: string;
  /** Path with query string. */
  path: string;
  status: number;
  ms: number;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** Stops the server, ends watches and writes the state file. */
  close(): Promise<void>;
  /** A kubeconfig whose current context `sandbox` points here. */
  kubeconfigYaml(namespace?: string): string;
  writeKubeconfig(path: string, namespace?: string): void;
  setFaults(faults: SandboxFaults): void;
  getFaults(): SandboxFaults;
  /** Writes the state file now (when there is one). */
  flush(): Promise<void>;
  /** Number of API requests served so far. */
  requestCount(): number;
}

const DEFAULT_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

interface Route {
  type: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const registry = new Registry();
  const store = new Store();
  const api = new Api(registry, store);
  const faults = new Faults(options.faults ?? {});
  const loaded = options.stateFile !== undefined && loadState(options.stateFile, store, registry);
  const simulator = new Simulator(api, options.readyDelayMs ?? 100);
  if (!loaded) {
    const nsType = registry.get("", "namespaces");
    if (nsType !== undefined)
      for (const name of DEFAULT_NAMESPACES)
        api.create(
          nsType,
          "v1",
          undefined,
          { metadata: { name } },
          { fieldManager: "kube-apiserver" },
        );
  }
  if (!loaded) {
    const svcType = registry.get("", "services");
    if (svcType !== undefined) {
      api.create(
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
        { fieldManager: "kube-apiserver" },
      );
    }
  }
  if (loaded) simulator.scheduleAll();
  const writer =
    options.stateFile === undefined ? undefined : new StateWriter(options.stateFile, store);
  if (writer !== undefined) {
    store.onChange(() => writer.changed());
    if (!loaded) writer.changed();
  }
  const watches = new Set<() => void>();
  let requests = 0;
  let port = 0;

  const route = (parts: string[]): Route | undefined => {
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === "api") {
      group = "";
      version = parts[1] ?? "";
      rest = parts.slice(2);
    } else {
      group = parts[1] ?? "";
      version = parts[2] ?? "";
      rest = parts.slice(3);
    }
    let namespace: string | undefined;
    if (rest[0] === "namespaces" && rest.length >= 3) {
      const t = registry.lookup(group, version, rest[2] ?? "");
      if (t !== undefined && t.namespaced) {
        namespace = rest[1];
        rest = rest.slice(2);
      }
    }
    const t = registry.lookup(group, version, rest[0] ?? "");
    if (t === undefined || rest.length > 3) return undefined;
    if (!t.namespaced && namespace !== undefined) return undefined;
    if (t.namespaced && namespace === undefined && rest.length > 1) return undefined;
    const r: Route = { type: t, version, namespace, name: rest[1], subresource: rest[2] };
    const sub = r.subresource;
    if (
      sub !== undefined &&
      !(
        sub === "status" ||
        (sub === "scale" && SCALABLE.has(t.kind)) ||
        (t.kind === "Namespace" && sub === "finalize")
      )
    ) {
      return undefined;
    }
    return r;
  };

  const handleResource = async (
    req: IncomingMessage,
    res: ServerResponse,
    r: Route,
    query: URLSearchParams,
  ): Promise<void> => {
    const method = req.method ?? "GET";
    const t = r.type;
    const accept = req.headers.accept;
    const form = acceptedForm(accept);
    const mv = metaVersion(accept);
    const dryRun = query.getAll("dryRun").includes("All");
    if (!t.verbs.includes("list") && !(method === "POST" && r.name === undefined)) {
      throw methodNotAllowed(method);
    }
    const writeOpts: WriteOptions = {
      dryRun,
      fieldManager: query.get("fieldManager") ?? undefined,
      userAgent: req.headers["user-agent"],
      force: query.get("force") === "true",
      subresource: r.subresource === "finalize" ? undefined : r.subresource,
      fieldValidation: query.get("fieldValidation") ?? undefined,
      warnings: [],
    };
    const warn = (): void => {
      const w = writeOpts.warnings ?? [];
      if (w.length > 0 && !res.headersSent) {
        res.setHeader(
          "Warning",
          w.map((m) => `299 - ${JSON.stringify(m)}`),
        );
      }
    };
    const renderOne = (obj: KObject): unknown => {
      if (form === "Table")
        return table(t, [obj], {
          includeObject: query.get("includeObject") ?? undefined,
          version: mv,
          resourceVersion: obj.metadata.resourceVersion,
        });
      if (form === "PartialObjectMetadata" || form === "PartialObjectMetadataList")
        return partial(obj, mv);
      return obj;
    };
    if (r.name === undefined) {
      const labels = parseLabelSelector(query.get("labelSelector"));
      const fields = parseFieldSelector(query.get("fieldSelector"), t.kind);
      if (method === "GET") {
        const watch = query.get("watch");
        if (watch === "true" || watch === "1") {
          const timeout = query.get("timeoutSeconds");
          serveWatch(
            api,
            req,
            res,
            {
              type: t,
              version: r.version,
              namespace: r.namespace,
              labels,
              fields,
              resourceVersion: query.get("resourceVersion") ?? undefined,
              timeoutSeconds: timeout === null ? undefined : Number(timeout),
              sendInitialEvents: query.get("sendInitialEvents") === "true",
              allowBookmarks: query.get("allowWatchBookmarks") === "true",
              render: (obj) =>
                form === "Table"
                  ? table(t, [obj], {
                      includeObject: query.get("includeObject") ?? undefined,
                      version: mv,
                      noHeaders: true,
                    })
                  : form === "Object"
                    ? obj
                    : partial(obj, mv),
            },
            (stop) => {
              watches.add(stop);
              return () => watches.delete(stop);
            },
          );
          return;
        }
        const limit = query.get("limit");
        const result: ListResult = api.list(t, r.namespace, {
          labels,
          fields,
          limit: limit === null ? undefined : Number(limit),
          continueToken: query.get("continue") ?? undefined,
        });
        const meta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
        if (result.continueToken !== undefined) meta.continue = result.continueToken;
        if (result.remaining !== undefined) meta.remainingItemCount = result.remaining;
        if (form === "Table") {
          sendJson(
            res,
            200,
            table(
              t,
              result.items.map((o) => api.present(t, o, r.version)),
              {
                resourceVersion: result.resourceVersion,
                continueToken: result.continueToken,
                includeObject: query.get("includeObject") ?? undefined,
                version: mv,
              },
            ),
          );
          return;
        }
        if (form === "PartialObjectMetadataList" || form === "PartialObjectMetadata") {
          const head = JSON.stringify({
            kind: "PartialObjectMetadataList",
            apiVersion: `meta.k8s.io/${mv}`,
            metadata: meta,
          });
          sendList(
            res,
            `${head.slice(0, -1)},"items":[`,
            result.items.map((o) => partialJson(o, mv)),
          );
          return;
        }
        // Like the real server, items of built-in kinds carry no apiVersion/kind in a list.
        const av = apiVersionOf(t.group, r.version);
        const head = JSON.stringify({ kind: t.listKind, apiVersion: av, metadata: meta });
        sendList(
          res,
          `${head.slice(0, -1)},"items":[`,
          result.items.map((o) => (t.custom ? objectJson(o, av, t.kind) : objectJson(o))),
        );
        return;
      }
      if (method === "POST" && t.group === "authorization.k8s.io") {
        // No authorization here: every review allows everything.
        const body = (parseBody(await readBody(req), req.headers["content-type"]) ?? {}) as Record<
          string,
          unknown
        >;
        const status =
          t.kind === "SelfSubjectAccessReview"
            ? { allowed: true, reason: "the sandbox allows every request" }
            : {
                resourceRules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }],
                nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
                incomplete: false,
              };
        sendJson(res, 201, {
          ...body,
          apiVersion: apiVersionOf(t.group, r.version),
          kind: t.kind,
          metadata: {},
          status,
        });
        return;
      }
      if (method === "POST") {
        const body = parseBody(await readBody(req), req.headers["content-type"]);
        const created = api.create(t, r.version, r.namespace, body, writeOpts);
        warn();
        sendJson(res, 201, created);
        return;
      }
      if (method === "DELETE") {
        const raw = await readBody(req);
        const opts = (parseBody(raw, req.headers["content-type"]) ?? {}) as Record<string, unknown>;
        const policy =
          query.get("propagationPolicy") ?? (opts.propagationPolicy as string | undefined);
        const matched = api.list(t, r.namespace, { labels, fields }).items;
        const deleted = matched.map((o) =>
          api.delete(t, o.metadata.namespace, o.metadata.name ?? "", {
            dryRun: dryRun || (Array.isArray(opts.dryRun) && opts.dryRun.includes("All")),
            propagationPolicy: policy,
          }),
        );
        sendJson(res, 200, {
          kind: t.listKind,
          apiVersion: apiVersionOf(t.group, r.version),
          metadata: { resourceVersion: String(store.rv) },
          items: deleted,
        });
        return;
      }
      throw methodNotAllowed(method);
    }
    if (r.subresource === "scale") {
      if (method === "GET") {
        sendJson(res, 200, api.scale(t, r.namespace, r.name));
        return;
      }
      const raw = (await readBody(req)).toString("utf8");
      let scale: unknown;
      if (method === "PUT") scale = parseBody(Buffer.from(raw), req.headers["content-type"]);
      else if (method === "PATCH") {
        const ct = (req.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
        const current = api.scale(t, r.namespace, r.name);
        let body: unknown;
        try {
          body = ct === "application/apply-patch+yaml" ? parseYaml(raw) : JSON.parse(raw);
        } catch (e) {
          throw badRequest(`error decoding patch: ${(e as Error).message}`);
        }
        if (ct === "application/json-patch+json") scale = jsonPatch(current, body);
        else if (ct === "application/strategic-merge-patch+json")
          scale = strategicMergePatch(current, body);
        else scale = mergePatch(current, body);
      } else throw methodNotAllowed(method);
      sendJson(res, 200, api.updateScale(t, r.version, r.namespace, r.name, scale, writeOpts));
      return;
    }
    switch (method) {
      case "GET": {
        const obj = api.get(t, r.namespace, r.name);
        if (form === "Object")
          sendText(res, 200, objectJson(obj, apiVersionOf(t.group, r.version), t.kind));
        else sendJson(res, 200, renderOne(api.present(t, obj, r.version)));
        return;
      }
      case "PUT": {
        const body = parseBody(await readBody(req), req.headers["content-type"]);
        const updated = api.update(t, r.version, r.namespace, r.name, body, writeOpts);
        warn();
        sendJson(res, 200, updated);
        return;
      }
      case "PATCH": {
        const raw = (await readBody(req)).toString("utf8");
        const existed =
          store.get(api.key(t), t.namespaced ? r.namespace : undefined, r.name) !== undefined;
        const out = api.patch(
          t,
          r.version,
          r.namespace,
          r.name,
          req.headers["content-type"] ?? "",
          raw,
          writeOpts,
        );
        warn();
        sendJson(res, existed ? 200 : 201, out);
        return;
      }
      case "DELETE": {
        if (r.subresource !== undefined) throw methodNotAllowed(method);
        const raw = await readBody(req);
        const opts = (parseBody(raw, req.headers["content-type"]) ?? {}) as Record<string, unknown>;
        const deleted = api.delete(t, r.namespace, r.name, {
          dryRun: dryRun || (Array.isArray(opts.dryRun) && opts.dryRun.includes("All")),
          propagationPolicy:
            query.get("propagationPolicy") ?? (opts.propagationPolicy as string | undefined),
          preconditions: opts.preconditions as
            { uid?: string; resourceVersion?: string } | undefined,
        });
        sendJson(res, 200, deleted);
        return;
      }
      default:
        throw methodNotAllowed(method);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";
    if (/^\/(healthz|readyz|livez)(\/.*)?$/.test(path)) {
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("ok");
      return;
    }
    requests += 1;
    const latency = faults.latency();
    if (latency > 0) await sleep(latency);
    const fault = faults.check(method, `${url.pathname}${url.search}`);
    if (fault !== undefined) throw fault;
    const parts = path
      .split("/")
      .filter((p) => p !== "")
      .map(decodeURIComponent);
    const accept = req.headers.accept;
    if (path === "/version") {
      sendJson(res, 200, SERVER_VERSION);
      return;
    }
    if (path === "/api" || path === "/apis") {
      const agg = wantsAggregated(accept);
      if (agg !== undefined) {
        sendJson(
          res,
          200,
          aggregated(registry, path === "/api", agg),
          AGGREGATED_CONTENT_TYPE.replace("v=v2", `v=${agg}`),
        );
      } else {
        sendJson(
          res,
          200,
          path === "/api" ? apiVersions(`127.0.0.1:${port}`) : apiGroupList(registry),
        );
      }
      return;
    }
    if (path === "/openapi/v2") {
      // JSON only: a client that asks for the protobuf form alone is told so.
      const accept = req.headers.accept ?? "";
      if (accept !== "" && !/json|\*\/\*/.test(accept)) throw notAcceptable();
      sendJson(res, 200, openApiV2Doc(registry));
      return;
    }
    if (path === "/openapi/v3") {
      sendJson(res, 200, openApiV3Root(registry));
      return;
    }
    if (path.startsWith("/openapi/v3/")) {
      const gv = parts.slice(2);
      const doc =
        gv[0] === "api"
          ? openApiV3Doc(registry, "", gv[1] ?? "")
          : openApiV3Doc(registry, gv[1] ?? "", gv[2] ?? "");
      if (doc === undefined || (gv[0] !== "api" && gv[0] !== "apis")) throw pathNotFound();
      sendJson(res, 200, doc);
      return;
    }
    if ((parts[0] === "api" && parts.length === 2) || (parts[0] === "apis" && parts.length === 3)) {
      const doc =
        parts[0] === "api"
          ? resourceList(registry, "", parts[1] ?? "")
          : resourceList(registry, parts[1] ?? "", parts[2] ?? "");
      if (doc === undefined) throw pathNotFound();
      sendJson(res, 200, doc);
      return;
    }
    if (parts[0] === "apis" && parts.length === 2) {
      const doc = apiGroupDoc(registry, parts[1] ?? "");
      if (doc === undefined) throw pathNotFound();
      sendJson(res, 200, doc);
      return;
    }
    if (parts[0] === "api" || parts[0] === "apis") {
      const r = route(parts);
      if (r === undefined) throw pathNotFound();
      await handleResource(req, res, r, url.searchParams);
      return;
    }
    throw pathNotFound();
  };

  const server = createServer((req, res) => {
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
      sendStatus(res, err);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const kubeconfigYaml = (namespace = "default"): string =>
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "  - name: sandbox",
      "    cluster:",
      `      server: ${url}`,
      // client-node refuses plain http unless TLS verification is off; nothing is verified on http.
      "      insecure-skip-tls-verify: true",
      "contexts:",
      "  - name: sandbox",
      "    context:",
      "      cluster: sandbox",
      "      user: sandbox",
      `      namespace: ${namespace}`,
      "current-context: sandbox",
      "users:",
      "  - name: sandbox",
      "    user:",
      "      token: sandbox",
      "preferences: {}",
      "",
    ].join("\n");

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    kubeconfigYaml,
    writeKubeconfig(path: string, namespace?: string) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, kubeconfigYaml(namespace), { mode: 0o600 });
    },
    setFaults(f: SandboxFaults) {
      faults.set(f);
    },
    getFaults() {
      return faults.get();
    },
    flush: () => writer?.flush() ?? Promise.resolve(),
    requestCount: () => requests,
    close() {
      closed ??= (async () => {
        simulator.close();
        for (const stop of [...watches]) stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await writer?.flush();
      })();
      return closed;
    },
  };
}

/** Watch: newline-delimited JSON events (ADDED/MODIFIED/DELETED, ERROR, BOOKMARK) over a chunked response. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Api } from "./api.js";
import { statusBody } from "./errors.js";
import { apiVersionOf } from "./identity.js";
import type { FieldRequirement, Requirement } from "./selectors.js";
import { matchesFields, matchesLabels } from "./selectors.js";
import type { KObject, ResourceType, StoreEvent } from "./types.js";

export interface WatchRequest {
  type: ResourceType;
  version: string;
  namespace?: string;
  labels: Requirement[];
  fields: FieldRequirement[];
  resourceVersion?: string;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
  allowBookmarks?: boolean;
  /** How often a watch that allows bookmarks gets one (default 30 s). */
  bookmarkMs?: number;
  render: (obj: KObject) => unknown;
}

export function serveWatch(
  api: Api,
  req: IncomingMessage,
  res: ServerResponse,
  w: WatchRequest,
  track: (stop: () => void, drop: () => void) => () => void,
): void {
  const key = api.key(w.type);
  const matches = (o: KObject | undefined): boolean =>
    o !== undefined &&
    (w.namespace === undefined || o.metadata.namespace === w.namespace) &&
    matchesLabels(w.labels, o.metadata.labels) &&
    matchesFields(w.fields, o);
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache, private",
    "Transfer-Encoding": "chunked",
  });
  res.flushHeaders();
  const send = (type: string, obj: unknown): void => {
    res.write(`${JSON.stringify({ type, object: obj })}\n`);
  };
  const emit = (e: StoreEvent): void => {
    if (e.key !== key) return;
    const now = matches(e.object);
    const before = e.type === "MODIFIED" ? matches(e.previous) : now;
    const obj = api.present(w.type, e.object, w.version);
    if (e.type === "ADDED" && now) send("ADDED", w.render(obj));
    else if (e.type === "DELETED" && now) send("DELETED", w.render(obj));
    else if (e.type === "MODIFIED") {
      if (now && before) send("MODIFIED", w.render(obj));
      else if (now) send("ADDED", w.render(obj));
      else if (before) send("DELETED", w.render(obj));
    }
  };
  const rv = w.resourceVersion;
  const initial = rv === undefined || rv === "" || rv === "0" || w.sendInitialEvents === true;
  if (initial) {
    for (const o of api.store.list(key, w.type.namespaced ? w.namespace : undefined)) {
      if (matches(o)) send("ADDED", w.render(api.present(w.type, o, w.version)));
    }
    if (w.sendInitialEvents === true) {
      send("BOOKMARK", {
        kind: w.type.kind,
        apiVersion: apiVersionOf(w.type.group, w.version),
        metadata: {
          resourceVersion: String(api.store.rv),
          annotations: { "k8s.io/initial-events-end": "true" },
        },
      });
    }
  } else {
    const events = api.store.since(Number(rv));
    if (events === undefined || Number.isNaN(Number(rv))) {
      send(
        "ERROR",
        statusBody(410, "Expired", `too old resource version: ${rv} (${api.store.rv})`),
      );
      res.end();
      return;
    }
    for (const e of events) emit(e);
  }
  let stopped = false;
  const unsubscribe = api.store.subscribe(emit);
  let timer: NodeJS.Timeout | undefined;
  let bookmarks: NodeJS.Timeout | undefined;
  const finish = (): boolean => {
    if (stopped) return false;
    stopped = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    if (bookmarks !== undefined) clearInterval(bookmarks);
    untrack();
    return true;
  };
  const stop = (): void => {
    if (finish()) res.end();
  };
  // A broken connection, as the client sees one: the stream stops without its end.
  const untrack = track(stop, () => {
    if (finish()) res.socket?.destroy();
  });
  if (w.timeoutSeconds !== undefined && w.timeoutSeconds > 0)
    timer = setTimeout(stop, w.timeoutSeconds * 1000);
  if (w.allowBookmarks === true) {
    bookmarks = setInterval(() => {
      send("BOOKMARK", {
        kind: w.type.kind,
        apiVersion: apiVersionOf(w.type.group, w.version),
        metadata: { resourceVersion: String(api.store.rv) },
      });
    }, w.bookmarkMs ?? 30_000);
    bookmarks.unref();
  }
  req.on("close", stop);
  res.on("close", stop);
}

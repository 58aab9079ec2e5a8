/** `?watch=true` on a collection: the query's options for a watch stream. */
import { serveWatch } from "./watch.js";
import { renderer, type CollectionCall } from "./resourceCall.js";

export function watch(call: CollectionCall): void {
  const { cluster, target, query } = call;
  const timeout = query.get("timeoutSeconds");
  const render = renderer(call);
  serveWatch(
    cluster.api,
    call.req,
    call.res,
    {
      type: target.type,
      version: target.version,
      namespace: target.namespace,
      labels: call.labels,
      fields: call.fields,
      resourceVersion: query.get("resourceVersion") ?? undefined,
      timeoutSeconds: timeout === null ? undefined : Number(timeout),
      sendInitialEvents: query.get("sendInitialEvents") === "true",
      allowBookmarks: query.get("allowWatchBookmarks") === "true",
      bookmarkMs: cluster.bookmarkMs,
      render: (obj) => render(obj, { noHeaders: true }),
    },
    (stop, drop) => cluster.trackWatch(stop, drop),
  );
}

/** True when a GET of a collection asks for a watch. */
export function isWatch(query: URLSearchParams): boolean {
  const watch = query.get("watch");
  return watch === "true" || watch === "1";
}

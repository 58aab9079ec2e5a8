import { listMetadataPage, type CoreResource } from "./coreResources.js";
import { toKubeError, type KubeError } from "./errors.js";
import type { KubeRequest, KubeTransport } from "./transport.js";
import type { KubeResource, PartialObjectMetadata, WatchEvent } from "./types.js";
import { listThenWatch, type ListWatch, type ListWatchOptions } from "./listThenWatch.js";
import { METADATA_WATCH_ACCEPT, reconnectingWatch } from "./watch.js";

export interface ListWatchHandlers {
  /** A complete listing (the first, or again after 410 Gone): it replaces what the caller holds. */
  onList(items: PartialObjectMetadata[], resourceVersion: string): void;
  /** One change after the listing, in the server's order. */
  onEvent(event: WatchEvent<PartialObjectMetadata>): void;
  /** A failed list (listed again after a backoff) or a broken watch (resumed). */
  onError?(err: KubeError, during: "list" | "watch"): void;
}

export type { ListWatch, ListWatchOptions } from "./listThenWatch.js";

/**
 * One list and one watch of a core resource's metadata, kept going: what a
 * view that stays open needs, in place of listing again and again.
 *
 * The list is metadata only (no data moves), in protobuf where the server
 * speaks it (JSON.parse of a JSON list builds every object's managed
 * fields; the protobuf reader skips them), and is served from the API
 * server's watch cache (`resourceVersion=0`): a browsing read, which may be
 * a moment behind a write that just finished, and which costs a fraction of
 * a consistent list (that reads every object of the resource in scope from
 * etcd). The watch then brings it up to date: it starts at the list's
 * resourceVersion, asks for bookmarks so an idle stream still moves its
 * resourceVersion on, and when the connection breaks it resumes from the
 * last resourceVersion it saw. Only a 410 Gone (the server compacted past
 * it) lists again.
 */
export function listWatchMetadata(
  transport: KubeTransport,
  resource: CoreResource,
  namespace: string | undefined,
  labelSelector: string | undefined,
  handlers: ListWatchHandlers,
  options: ListWatchOptions = {},
): ListWatch {
  const path =
    namespace === undefined
      ? `/api/v1/${resource}`
      : `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}`;
  const scope = namespace === undefined ? {} : { namespace };
  const req: KubeRequest = {
    method: "GET",
    path,
    query: { labelSelector, resourceVersion: "0" },
    verb: "list",
    resource,
    ...scope,
  };
  return listThenWatch(
    {
      list: () => listMetadataPage(transport, req),
      listed: ({ items, resourceVersion }) => {
        handlers.onList(items, resourceVersion);
        return resourceVersion;
      },
      listFailed: (err) =>
        handlers.onError?.(
          toKubeError(err, transport.describe({ verb: "list", resource, ...scope })),
          "list",
        ),
      watch: (resourceVersion, { gone, live, minDelayMs, maxDelayMs }) =>
        reconnectingWatch<KubeResource>(
          transport.config.kubeConfig,
          path,
          { labelSelector },
          transport.describe({ verb: "watch", resource, ...scope }),
          (event) => {
            // PartialObjectMetadata, as asked for (a server that cannot send it sends the object).
            if (live()) handlers.onEvent(event);
          },
          {
            // "" (a server that gave none): from now, which may miss a change made since the list.
            ...(resourceVersion ? { resourceVersion } : {}),
            accept: METADATA_WATCH_ACCEPT,
            minDelayMs,
            maxDelayMs,
            onError: (err) => handlers.onError?.(err, "watch"),
            onGone: gone,
          },
        ),
    },
    options,
  );
}

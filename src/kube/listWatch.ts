import { listMetadataPage, type CoreResource } from "./coreResources.js";
import { toKubeError, type KubeError } from "./errors.js";
import type { KubeRequest, KubeTransport } from "./transport.js";
import type { KubeResource, PartialObjectMetadata, WatchEvent } from "./types.js";
import { METADATA_WATCH_ACCEPT, reconnectingWatch } from "./watch.js";

export interface ListWatchHandlers {
  /** A complete listing (the first, or again after 410 Gone): it replaces what the caller holds. */
  onList(items: PartialObjectMetadata[], resourceVersion: string): void;
  /** One change after the listing, in the server's order. */
  onEvent(event: WatchEvent<PartialObjectMetadata>): void;
  /** A failed list (listed again after a backoff) or a broken watch (resumed). */
  onError?(err: KubeError, during: "list" | "watch"): void;
}

export interface ListWatchOptions {
  /** First delay before listing again after a failed list (default 500 ms); doubles up to maxDelayMs. */
  minDelayMs?: number;
  /** Longest delay (default 30 s). */
  maxDelayMs?: number;
}

export interface ListWatch {
  /** Ends the watch; nothing is reported afterwards. */
  stop(): void;
  /** After a failed list, lists again now instead of after the backoff (a user's retry). */
  retry(): void;
}

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
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const path =
    namespace === undefined
      ? `/api/v1/${resource}`
      : `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}`;
  const scope = namespace === undefined ? {} : { namespace };
  let stopped = false;
  let delay = minDelay;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopWatch: (() => void) | undefined;

  const list = async (): Promise<void> => {
    retryTimer = undefined;
    const req: KubeRequest = {
      method: "GET",
      path,
      query: { labelSelector, resourceVersion: "0" },
      verb: "list",
      resource,
      ...scope,
    };
    let page: { resourceVersion: string; items: PartialObjectMetadata[] };
    try {
      page = await listMetadataPage(transport, req);
    } catch (err) {
      if (stopped) return;
      handlers.onError?.(
        toKubeError(err, transport.describe({ verb: "list", resource, ...scope })),
        "list",
      );
      retryTimer = setTimeout(() => void list(), delay);
      delay = Math.min(delay * 2, maxDelay);
      return;
    }
    if (stopped) return;
    delay = minDelay;
    const { items, resourceVersion } = page;
    handlers.onList(items, resourceVersion);
    if (!stopped) watchFrom(resourceVersion);
  };

  const watchFrom = (resourceVersion: string): void => {
    stopWatch = reconnectingWatch<KubeResource>(
      transport.config.kubeConfig,
      path,
      { labelSelector },
      transport.describe({ verb: "watch", resource, ...scope }),
      (event) => {
        // PartialObjectMetadata, as asked for (a server that cannot send it sends the object).
        if (!stopped) handlers.onEvent(event);
      },
      {
        // "" (a server that gave none): from now, which may miss a change made since the list.
        ...(resourceVersion ? { resourceVersion } : {}),
        accept: METADATA_WATCH_ACCEPT,
        minDelayMs: minDelay,
        maxDelayMs: maxDelay,
        onError: (err) => handlers.onError?.(err, "watch"),
        onGone: () => {
          stopWatch = undefined;
          if (!stopped) void list();
        },
      },
    );
  };

  void list();
  return {
    stop: () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      stopWatch?.();
    },
    retry: () => {
      if (stopped || !retryTimer) return;
      clearTimeout(retryTimer);
      void list();
    },
  };
}

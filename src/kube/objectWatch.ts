import type { KubeClient } from "./client.js";
import { toKubeError, type KubeError } from "./errors.js";
import type { ListWatch } from "./listWatch.js";
import type { KubeResource, ResourceRef } from "./types.js";
import { reconnectingWatch } from "./watch.js";

export interface ObjectWatchHandlers {
  /** The object as it is now: on the first list, and on every change; undefined while it does not exist. */
  onObject(object: KubeResource | undefined): void;
  /** A failed list (listed again after a backoff) or a broken watch (resumed). */
  onError?(err: KubeError, during: "list" | "watch"): void;
}

export interface ObjectWatchOptions {
  /** First delay before listing again after a failed list (default 500 ms); doubles up to maxDelayMs. */
  minDelayMs?: number;
  /** Longest delay (default 30 s). */
  maxDelayMs?: number;
}

/**
 * One object of any kind, kept current: a list of its collection narrowed to
 * its name (`fieldSelector=metadata.name=…`, which every kind serves), then a
 * watch from that list's resourceVersion — so an object that does not exist
 * yet is seen when it is created, and one that is deleted when it goes. As
 * the release list's watch (kube/listWatch.ts): the list is a browsing read
 * from the watch cache, the watch asks for bookmarks and resumes from the
 * last resourceVersion it saw after a drop, and only a 410 Gone lists again.
 */
export function listWatchObject(
  client: KubeClient,
  ref: ResourceRef,
  handlers: ObjectWatchHandlers,
  options: ObjectWatchOptions = {},
): ListWatch {
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const fieldSelector = `metadata.name=${ref.name}`;
  let stopped = false;
  let delay = minDelay;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopWatch: (() => void) | undefined;

  const failed = (err: unknown, what: { resource: string; namespace?: string }): void => {
    if (stopped) return;
    handlers.onError?.(
      toKubeError(err, client.describe({ verb: "list", ...what, name: ref.name })),
      "list",
    );
    retryTimer = setTimeout(() => void list(), delay);
    delay = Math.min(delay * 2, maxDelay);
  };

  const list = async (): Promise<void> => {
    retryTimer = undefined;
    let at: Awaited<ReturnType<KubeClient["objects"]["collectionOf"]>>;
    try {
      at = await client.objects.collectionOf(ref);
    } catch (err) {
      failed(err, { resource: ref.kind, ...(ref.namespace ? { namespace: ref.namespace } : {}) });
      return;
    }
    const scope = at.namespace !== undefined ? { namespace: at.namespace } : {};
    let page: { metadata?: { resourceVersion?: string }; items?: KubeResource[] };
    try {
      page = await client.request({
        method: "GET",
        path: at.path,
        query: { fieldSelector, resourceVersion: "0" },
        verb: "list",
        resource: at.resource,
        ...scope,
      });
    } catch (err) {
      failed(err, { resource: at.resource, ...scope });
      return;
    }
    if (stopped) return;
    delay = minDelay;
    const item = page.items?.[0];
    // A list's items come without apiVersion and kind; readiness judges by kind.
    handlers.onObject(item ? { ...item, apiVersion: ref.apiVersion, kind: ref.kind } : undefined);
    if (stopped) return;
    const resourceVersion = page.metadata?.resourceVersion ?? "";
    stopWatch = reconnectingWatch<KubeResource>(
      client.config.kubeConfig,
      at.path,
      { fieldSelector },
      client.describe({ verb: "watch", resource: at.resource, ...scope, name: ref.name }),
      (event) => {
        if (stopped) return;
        handlers.onObject(event.type === "DELETED" ? undefined : event.object);
      },
      {
        ...(resourceVersion ? { resourceVersion } : {}),
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

import type { KubeClient } from "./client.js";
import { toKubeError, type KubeError } from "./errors.js";
import { listThenWatch, type ListWatch, type ListWatchOptions } from "./listThenWatch.js";
import type { KubeResource, ResourceRef } from "./types.js";
import { reconnectingWatch } from "./watch.js";

export interface ObjectWatchHandlers {
  /** The object as it is now: on the first list, and on every change; undefined while it does not exist. */
  onObject(object: KubeResource | undefined): void;
  /** A failed list (listed again after a backoff) or a broken watch (resumed). */
  onError?(err: KubeError, during: "list" | "watch"): void;
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
  options: ListWatchOptions = {},
): ListWatch {
  const fieldSelector = `metadata.name=${ref.name}`;
  type Collection = Awaited<ReturnType<KubeClient["objects"]["collectionOf"]>>;
  const scopeOf = (at: Collection) =>
    at.namespace !== undefined ? { namespace: at.namespace } : {};
  /** A failure named by the step that failed: finding the collection, or listing it. */
  const named = (err: unknown, what: { resource: string; namespace?: string }) =>
    toKubeError(err, client.describe({ verb: "list", ...what, name: ref.name }));

  const list = async () => {
    let at: Collection;
    try {
      at = await client.objects.collectionOf(ref);
    } catch (err) {
      throw named(err, {
        resource: ref.kind,
        ...(ref.namespace ? { namespace: ref.namespace } : {}),
      });
    }
    try {
      const page = await client.request<{
        metadata?: { resourceVersion?: string };
        items?: KubeResource[];
      }>({
        method: "GET",
        path: at.path,
        query: { fieldSelector, resourceVersion: "0" },
        verb: "list",
        resource: at.resource,
        ...scopeOf(at),
      });
      return { at, page };
    } catch (err) {
      throw named(err, { resource: at.resource, ...scopeOf(at) });
    }
  };

  let collection: Collection | undefined;
  return listThenWatch(
    {
      list,
      listed: ({ at, page }) => {
        collection = at;
        const item = page.items?.[0];
        // A list's items come without apiVersion and kind; readiness judges by kind.
        handlers.onObject(
          item ? { ...item, apiVersion: ref.apiVersion, kind: ref.kind } : undefined,
        );
        return page.metadata?.resourceVersion ?? "";
      },
      listFailed: (err) => handlers.onError?.(err as KubeError, "list"),
      watch: (resourceVersion, { gone, live, minDelayMs, maxDelayMs }) => {
        const at = collection!;
        return reconnectingWatch<KubeResource>(
          client.config.kubeConfig,
          at.path,
          { fieldSelector },
          client.describe({ verb: "watch", resource: at.resource, ...scopeOf(at), name: ref.name }),
          (event) => {
            if (live()) handlers.onObject(event.type === "DELETED" ? undefined : event.object);
          },
          {
            ...(resourceVersion ? { resourceVersion } : {}),
            minDelayMs,
            maxDelayMs,
            onError: (err) => handlers.onError?.(err, "watch"),
            onGone: gone,
          },
        );
      },
    },
    options,
  );
}

import { Watch } from "./clientNode.js";
import type { KubeConfig } from "./clientNode.js";
import type { KubeError, RequestDescription } from "./errors.js";
import { toKubeError } from "./errors.js";
import type { KubeResource, WatchEvent, WatchEventType } from "./types.js";

export interface WatchOptions {
  /** Start from this resourceVersion; by default every existing object arrives as ADDED first. */
  resourceVersion?: string;
  /** Ask the server to end each connection after this long (it is then reopened). */
  timeoutSeconds?: number;
  /** First reconnect delay after a failure (default 500 ms); doubles up to maxDelayMs. */
  minDelayMs?: number;
  /** Longest reconnect delay (default 30 s). */
  maxDelayMs?: number;
  /** Told about each drop or failed connect (the watch keeps reconnecting). */
  onError?: (err: KubeError) => void;
  /** Told each time a connection is (re)established. */
  onConnect?: () => void;
  /**
   * Told when the server has compacted past the resourceVersion (410 Gone,
   * as an ERROR event or as the answer). With it the watch stops there, so
   * the caller can relist and watch again from the new list; without it the
   * watch restarts from no resourceVersion, replaying every object as ADDED.
   */
  onGone?: () => void;
  /**
   * An Accept header for the stream, e.g. METADATA_WATCH_ACCEPT for
   * metadata-only events (the objects' data is not sent).
   */
  accept?: string;
}

/** Accept header of a watch whose events carry PartialObjectMetadata (no data). */
export const METADATA_WATCH_ACCEPT =
  "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

/**
 * A watch that survives drops: when the stream ends or fails it connects
 * again from the last resourceVersion it saw, after a backoff that grows
 * on repeated failures and resets once a connection delivers events. A
 * 410 Gone (history compacted) restarts from the current state, which the
 * server sends again as ADDED events. Returns a function that stops it.
 */
export function reconnectingWatch<T extends KubeResource>(
  kubeConfig: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  describe: RequestDescription,
  onEvent: (event: WatchEvent<T>) => void,
  options: WatchOptions = {},
): () => void {
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const watch = new Watch(options.accept ? withAccept(kubeConfig, options.accept) : kubeConfig);
  let resourceVersion = options.resourceVersion;
  let stopped = false;
  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = minDelay;

  const schedule = (failed: boolean): void => {
    if (stopped) return;
    const wait = failed ? delay : 0;
    if (failed) delay = Math.min(delay * 2, maxDelay);
    timer = setTimeout(connect, wait);
  };

  const connect = (): void => {
    if (stopped) return;
    let gotEvent = false;
    let gone = false;
    let reported = false;
    const params: Record<string, string> = { allowWatchBookmarks: "true" };
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params[k] = v;
    if (resourceVersion) params.resourceVersion = resourceVersion;
    if (options.timeoutSeconds) params.timeoutSeconds = String(options.timeoutSeconds);
    let finished = false;
    const done = (err: unknown): void => {
      if (finished) return;
      finished = true;
      controller = undefined;
      if (stopped) return;
      if (!gone && isGone(err)) gone = true;
      if (gone && options.onGone) {
        stopped = true;
        options.onGone();
        return;
      }
      if (gone) {
        resourceVersion = undefined;
        schedule(false);
        return;
      }
      if (err || reported) {
        if (!reported) options.onError?.(toKubeError(err, describe));
        schedule(true);
        return;
      }
      // A clean end (server-side timeout, proxy close): reconnect at once if it was healthy.
      schedule(!gotEvent);
    };
    watch
      .watch(
        path,
        params,
        (type: string, object: unknown) => {
          if (stopped) return;
          const obj = object as T & { code?: number; kind?: string };
          if (type === "ERROR") {
            if (obj?.code === 410) gone = true;
            else {
              reported = true;
              options.onError?.(toKubeError({ code: obj?.code ?? 500, body: obj }, describe));
            }
            controller?.abort();
            return;
          }
          const rv = obj?.metadata?.resourceVersion;
          if (rv) resourceVersion = rv;
          if (type === "BOOKMARK") return;
          gotEvent = true;
          delay = minDelay;
          onEvent({ type: type as WatchEventType, object: obj });
        },
        done,
      )
      .then(
        (c) => {
          if (finished) return;
          controller = c;
          if (stopped) c.abort();
          else options.onConnect?.();
        },
        (err: unknown) => done(err ?? new Error("watch failed")),
      );
  };

  connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}

/** A 410 answer to the watch request itself (a server may refuse an expired resourceVersion so). */
function isGone(err: unknown): boolean {
  const e = err as { statusCode?: unknown; code?: unknown } | null;
  return e?.statusCode === 410 || e?.code === 410;
}

/**
 * The kubeconfig as client-node's Watch sees it, with one more header: the
 * Watch takes its request options from the config and has no header option.
 */
function withAccept(kubeConfig: KubeConfig, accept: string): KubeConfig {
  const wrapped = Object.create(kubeConfig) as KubeConfig;
  wrapped.applyToFetchOptions = async (opts) => {
    const init = await kubeConfig.applyToFetchOptions(opts);
    (init.headers as { set(name: string, value: string): void }).set("Accept", accept);
    return init;
  };
  return wrapped;
}

/** A list+watch that keeps going: what a view that stays open needs (kube/listWatch.ts, kube/objectWatch.ts). */
export interface ListWatch {
  /** Ends the watch; nothing is reported afterwards. */
  stop(): void;
  /** After a failed list, lists again now instead of after the backoff (a user's retry). */
  retry(): void;
}

export interface ListWatchOptions {
  /** First delay before listing again after a failed list (default 500 ms); doubles up to maxDelayMs. */
  minDelayMs?: number;
  /** Longest delay (default 30 s). */
  maxDelayMs?: number;
}

/** What one kind of list+watch does at each step; the order and the retries are listThenWatch's. */
export interface ListThenWatchSteps<Listing> {
  /** One list (throws when it fails). */
  list(): Promise<Listing>;
  /** Hands the listing to the caller; returns the resourceVersion to watch from. */
  listed(listing: Listing): string;
  /** Tells the caller a list failed; it is tried again after a backoff. */
  listFailed(err: unknown): void;
  /** Starts the watch from `resourceVersion` (it resumes by itself after a drop); returns its stop. */
  watch(resourceVersion: string, how: WatchControl): () => void;
}

export interface WatchControl {
  /** For a 410 Gone: the whole is listed again. */
  gone(): void;
  /** Whether events still matter (false once stopped). */
  live(): boolean;
  /** The backoff the watch's reconnects use: the list's. */
  minDelayMs: number;
  maxDelayMs: number;
}

/**
 * List, then watch from the list's resourceVersion; a failed list is tried again with a
 * doubling backoff, and only a 410 Gone lists again once watching.
 */
export function listThenWatch<Listing>(
  steps: ListThenWatchSteps<Listing>,
  options: ListWatchOptions = {},
): ListWatch {
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let stopped = false;
  let delay = minDelay;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopWatch: (() => void) | undefined;

  const list = async (): Promise<void> => {
    retryTimer = undefined;
    let listing: Listing;
    try {
      listing = await steps.list();
    } catch (err) {
      if (stopped) return;
      steps.listFailed(err);
      retryTimer = setTimeout(() => void list(), delay);
      delay = Math.min(delay * 2, maxDelay);
      return;
    }
    if (stopped) return;
    delay = minDelay;
    const resourceVersion = steps.listed(listing);
    if (stopped) return;
    stopWatch = steps.watch(resourceVersion, {
      gone: () => {
        stopWatch = undefined;
        if (!stopped) void list();
      },
      live: () => !stopped,
      minDelayMs: minDelay,
      maxDelayMs: maxDelay,
    });
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

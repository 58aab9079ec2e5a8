/**
 * Why a cache was not used ("ignoring template cache /x: owned by uid 1001"), said once per
 * process. The engine never prints: the program that runs it listens (the CLI writes these to
 * stderr as warnings); with nobody listening a notice is dropped, not held.
 */
type Listener = (message: string) => void;

const listeners: Listener[] = [];
const said = new Set<string>();

export function cacheNotice(message: string): void {
  const listener = listeners.at(-1);
  if (!listener || said.has(message)) return;
  said.add(message);
  listener(message);
}

/** Hears the notices until the returned function is called; the latest listener hears them. */
export function onCacheNotice(listener: Listener): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.lastIndexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

/**
 * `sandbox.fetch(path, init)`: fetch() against the sandbox, trusting its certificate and sending
 * its token, for tests and scripts. Node's global fetch takes no certificate authority, so this
 * goes through node:https and hands back a standard Response (its body streams, for watches).
 */
import { Agent, request } from "node:https";
import { Readable } from "node:stream";

/** Statuses whose Response may have no body. */
const NO_BODY = new Set([101, 204, 205, 304]);

export type OwnFetch = (path: string, init?: RequestInit) => Promise<Response>;

/** A fetch for paths under `url`, with the token unless the call sets Authorization itself. */
export function ownFetch(
  url: string,
  ca: string,
  token: string,
): { fetch: OwnFetch; close(): void } {
  const agent = new Agent({ ca, keepAlive: true });
  const fetchHere: OwnFetch = async (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
    const body =
      init.body === undefined || init.body === null
        ? undefined
        : Buffer.from(await new Response(init.body).arrayBuffer());
    const method = init.method ?? "GET";
    // Node sends a DELETE's body neither chunked nor with a length unless told its length.
    if (body !== undefined) headers.set("content-length", String(body.length));
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        `${url}${path}`,
        // The certificate is checked for "localhost" whatever Host the call sends (tests send others).
        { method, headers: Object.fromEntries(headers), agent, servername: "localhost" },
        (res) => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, one);
          }
          const status = res.statusCode ?? 0;
          const empty = NO_BODY.has(status) || method === "HEAD";
          if (empty) res.resume();
          resolve(
            new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
              status,
              statusText: res.statusMessage,
              headers: out,
            }),
          );
        },
      );
      const signal = init.signal;
      if (signal) {
        const abort = (): void => {
          req.destroy(new DOMException("This operation was aborted", "AbortError"));
        };
        if (signal.aborted) abort();
        else signal.addEventListener("abort", abort, { once: true });
      }
      req.on("error", reject);
      req.end(body);
    });
  };
  return { fetch: fetchHere, close: () => agent.destroy() };
}

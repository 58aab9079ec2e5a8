import http from "node:http";
import https from "node:https";
import { gunzipSync } from "node:zlib";
import fetch from "node-fetch";
import type { LoadedKubeConfig } from "./config.js";
import type { RequestDescription } from "./errors.js";
import {
  KubeError,
  KubeTimeoutError,
  errorFromResponse,
  isHtmlPage,
  isTooLargeResourceVersion,
  notKubernetesError,
  toKubeError,
} from "./errors.js";
import { ReadFloor } from "./readFloor.js";

export interface KubeClientOptions {
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** How many times an idempotent read is retried after Unreachable/5xx/429 (default 3). */
  retries?: number;
  /** First retry delay in ms (default 250); doubles each time, with jitter. */
  retryBaseMs?: number;
  /** Longest retry delay in ms (default 4 000). */
  retryMaxMs?: number;
  /** User-Agent header (default "wheelhouse"). */
  userAgent?: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface KubeRequest {
  method: HttpMethod;
  /** Absolute API path, e.g. /api/v1/namespaces/default/secrets. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** What is attempted, for error messages. */
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
  /**
   * Reads a successful answer's bytes instead of parsing them as JSON (for
   * protobuf, asked for in `accept`; the content type says what came).
   */
  decode?: (body: Buffer, contentType: string) => unknown;
  /** Retry on Unreachable/5xx/429; defaults to true for GET only. */
  idempotent?: boolean;
  timeoutMs?: number;
}

/**
 * HTTP to one API server. Auth, TLS and proxies come from client-node's
 * KubeConfig (its fetch options need node-fetch's agent); every call has a
 * timeout; idempotent reads are retried (bounded, with backoff) on
 * Unreachable, 5xx and 429; errors are KubeErrors that name what was
 * attempted.
 */
export class KubeTransport {
  readonly server: string;
  readonly context: string;
  /** The context's default namespace. */
  readonly namespace: string;
  readonly config: LoadedKubeConfig;
  /** This client's own writes, which its cached reads must not be older than. */
  readonly readFloor = new ReadFloor();
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly userAgent: string;
  private pooled?: { key: string; agent: http.Agent };

  constructor(config: LoadedKubeConfig, options: KubeClientOptions = {}) {
    this.config = config;
    this.server = config.server;
    this.context = config.context;
    this.namespace = config.namespace;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 4_000;
    this.userAgent = options.userAgent ?? "wheelhouse";
  }

  /** One API call: JSON in, JSON out; throws KubeError. */
  async request<T>(req: KubeRequest): Promise<T> {
    const idempotent = req.idempotent ?? req.method === "GET";
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(req);
      } catch (err) {
        if (!idempotent || attempt >= this.retries || !isRetryable(err)) throw err;
        await sleep(this.backoff(attempt, err));
      }
    }
  }

  /** What a request attempts, for the errors it may raise. */
  describe(
    req: Pick<KubeRequest, "verb" | "resource" | "namespace" | "name"> &
      Partial<Pick<KubeRequest, "method" | "path">>,
  ): RequestDescription {
    return {
      verb: req.verb,
      resource: req.resource,
      server: this.server,
      ...(req.method !== undefined ? { method: req.method } : {}),
      ...(req.path !== undefined ? { path: req.path } : {}),
      ...(req.namespace !== undefined ? { namespace: req.namespace } : {}),
      ...(req.name !== undefined ? { name: req.name } : {}),
    };
  }

  private async once<T>(req: KubeRequest): Promise<T> {
    const describe = this.describe(req);
    const url = new URL(this.server + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const init = await this.fetchOptions();
      init.agent = this.keepAlive(init.agent);
      const headers = init.headers as unknown as { set(k: string, v: string): void };
      headers.set("Accept", req.accept ?? "application/json");
      headers.set("User-Agent", this.userAgent);
      // A big list comes gzip'd (kube-apiserver compresses answers over 128 KiB),
      // and is inflated here in one call once it has all arrived: node-fetch's
      // streaming gunzip took a thread-pool round trip per chunk, which made
      // reading 1,000 release records' 3.4 MiB twice as slow as receiving them.
      headers.set("Accept-Encoding", "gzip");
      let body: string | undefined;
      if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers.set("Content-Type", req.contentType ?? "application/json");
      }
      const response = await fetch(url.toString(), {
        ...init,
        method: req.method,
        ...(body !== undefined ? { body } : {}),
        signal: controller.signal as never,
        compress: false,
      });
      const unreadable = (what: string, err: unknown) =>
        new KubeError(
          "Unknown",
          `the API server at ${this.server} answered ${req.method} ${req.path} with ${what}`,
          { status: response.status, details: (err as Error).message, cause: err },
        );
      let bytes = Buffer.from(await response.arrayBuffer());
      if (response.headers.get("content-encoding") === "gzip") {
        try {
          bytes = gunzipSync(bytes);
        } catch (err) {
          throw unreadable("a gzip body that does not inflate", err);
        }
      }
      const text = req.decode && response.ok ? "" : bytes.toString("utf8");
      if (response.status < 200 || response.status >= 300) {
        const retryAfter = response.headers.get("retry-after") ?? undefined;
        const error = errorFromResponse(response.status, text, describe, retryAfter);
        const seconds = Number(retryAfter);
        if (retryAfter && Number.isFinite(seconds)) {
          Object.assign(error, { retryAfterMs: seconds * 1000 });
        }
        throw error;
      }
      if (req.decode) {
        const contentType = response.headers.get("content-type") ?? "";
        try {
          return req.decode(bytes, contentType) as T;
        } catch (err) {
          const page = bytes.toString("utf8");
          if (isHtmlPage(page)) throw notKubernetesError(this.server, response.status, page);
          throw unreadable(`a body it could not read (${contentType || "no content type"})`, err);
        }
      }
      if (text.length === 0) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        if (isHtmlPage(text)) throw notKubernetesError(this.server, response.status, text);
        throw new KubeError(
          "Unknown",
          `the API server at ${this.server} answered ${req.method} ${req.path} with something that is not JSON`,
          { status: response.status, details: text.slice(0, 200), cause: err },
        );
      }
    } catch (err) {
      if (timedOut) {
        throw new KubeTimeoutError(
          `the API server at ${this.server} did not answer within ${formatMs(timeoutMs)} to ${req.verb} ${req.resource}${
            req.name ? ` "${req.name}"` : ""
          }${req.namespace ? ` in namespace "${req.namespace}"` : ""}`,
          { cause: err },
        );
      }
      throw toKubeError(err, describe);
    } finally {
      clearTimeout(timer);
    }
  }

  /** client-node's auth and TLS for one request (exec plugins may run here). */
  private async fetchOptions() {
    try {
      return await this.config.kubeConfig.applyToFetchOptions({});
    } catch (err) {
      const message = (err as Error).message;
      throw new KubeError(
        "Config",
        `cannot prepare a request to ${this.server} for context "${this.context}": ${message}`,
        {
          cause: err,
          ...(/HTTP protocol is not allowed/.test(message)
            ? {
                hint: "for an http:// server set `insecure-skip-tls-verify: true` on its kubeconfig cluster",
              }
            : {}),
        },
      );
    }
  }

  /**
   * client-node builds a fresh, non-keep-alive agent for every request;
   * reuse one keep-alive agent with the same TLS options instead (proxy
   * agents are left alone). A change of client certificate (exec auth)
   * makes a new one.
   */
  private keepAlive(agent: unknown): never {
    if (
      !(agent instanceof http.Agent) ||
      (agent.constructor !== http.Agent && agent.constructor !== https.Agent)
    ) {
      return agent as never;
    }
    const options = (agent as unknown as { options: Record<string, unknown> }).options;
    const isHttps = agent instanceof https.Agent;
    const key = [isHttps, options.cert, options.key, options.ca, options.rejectUnauthorized]
      .map((v) => String(v))
      .join("\u0000");
    if (this.pooled?.key !== key) {
      this.pooled?.agent.destroy();
      const keepAlive = { ...options, keepAlive: true };
      this.pooled = {
        key,
        agent: isHttps ? new https.Agent(keepAlive) : new http.Agent(keepAlive),
      };
    }
    agent.destroy();
    return this.pooled.agent as never;
  }

  /** Closes pooled connections. The client stays usable. */
  close(): void {
    this.pooled?.agent.destroy();
    this.pooled = undefined;
  }

  private backoff(attempt: number, err: unknown): number {
    const retryAfter = (err as { retryAfterMs?: number }).retryAfterMs;
    const exp = Math.min(this.retryBaseMs * 2 ** attempt, this.retryMaxMs);
    const jittered = exp / 2 + Math.random() * (exp / 2);
    return retryAfter !== undefined ? Math.min(retryAfter, this.retryMaxMs) : jittered;
  }
}

function isRetryable(err: unknown): boolean {
  if (!(err instanceof KubeError)) return false;
  if (isTooLargeResourceVersion(err)) return false; // the caller reads consistently instead
  if (err.reason === "TooManyRequests") return true;
  if (err.reason === "Unreachable") return !err.message.includes("TLS error"); // TLS will not heal
  return err.status !== undefined && err.status >= 500 && err.status !== 501;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

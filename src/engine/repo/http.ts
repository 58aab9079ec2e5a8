import { readFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { RepoError } from "./errors.js";

/** How to reach a repository: credentials and TLS settings (repositories.yaml fields). */
export interface HttpAuth {
  username?: string;
  password?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  /** Send credentials to other hosts a redirect leads to (Helm's --pass-credentials). */
  passCredentialsAll?: boolean;
}

/**
 * How long a whole download may take when the command sets no deadline: helm's `repo add
 * --timeout` default (2m0s) (docs/chart-engine.md#downloads).
 */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 120_000;

export interface FetchOptions extends HttpAuth {
  /** Refuse bodies larger than this. */
  maxBytes: number;
  /**
   * The deadline of the whole download — connecting, every redirect, the last byte of the body
   * (default DEFAULT_DOWNLOAD_TIMEOUT_MS; 0 is none, as for Go's http.Client). The idle timeout
   * alone never ends a server that sends one byte every few seconds.
   */
  timeoutMs?: number;
  /** How long the socket may stay silent (default 30 s). */
  idleTimeoutMs?: number;
  maxRedirects?: number;
}

export interface FetchResult {
  bytes: Buffer;
  /** The URL after redirects. */
  url: string;
}

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
]);

/** Strips user:password@ from a URL before it goes into a message. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = "";
      u.password = "";
    }
    return u.toString();
  } catch {
    return url;
  }
}

async function readOptional(path: string | undefined, what: string): Promise<Buffer | undefined> {
  if (!path) return undefined;
  try {
    return await readFile(path);
  } catch (err) {
    throw new RepoError(`cannot read the ${what} ${path}: ${(err as Error).message}`);
  }
}

/**
 * GETs a URL into memory with node:http/https: redirects followed up to
 * `maxRedirects` (credentials dropped when a redirect leaves the host), a
 * timeout, a size cap, basic auth, and client TLS options. Every failure is a
 * RepoError that names the URL and says what to do.
 */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  const ca = await readOptional(options.caFile, "CA file");
  const cert = await readOptional(options.certFile, "certificate file");
  const key = await readOptional(options.keyFile, "key file");
  if ((cert && !key) || (key && !cert))
    throw new RepoError("--cert-file and --key-file must be given together");
  const maxRedirects = options.maxRedirects ?? 10;
  const origin = safeUrl(url).host;
  const deadline = {
    at: Date.now() + (options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS),
    ms: options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
    chosen: options.timeoutMs !== undefined,
  };
  let current = url;
  for (let hop = 0; ; hop++) {
    const target = safeUrl(current);
    const sameHost = target.host === origin;
    const auth =
      options.username !== undefined && (sameHost || options.passCredentialsAll)
        ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ""}`).toString("base64")}`
        : undefined;
    const response = await requestOnce(target, {
      ...(auth ? { auth } : {}),
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
      insecure: options.insecureSkipTlsVerify === true,
      idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
      deadline,
      maxBytes: options.maxBytes,
    });
    if ("location" in response) {
      if (hop >= maxRedirects)
        throw new RepoError(`GET ${redactUrl(url)}: stopped after ${maxRedirects} redirects`);
      current = new URL(response.location, target).toString();
      continue;
    }
    return { bytes: response.bytes, url: current };
  }
}

function safeUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RepoError(`"${url}" is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new RepoError(`${redactUrl(url)}: only http:// and https:// URLs are supported`, {
      ...(parsed.protocol === "oci:"
        ? {
            hint: "an OCI registry is not a chart repository: name its charts as oci://HOST/PATH/CHART (docs/oci.md#references)",
          }
        : {}),
    });
  return parsed;
}

interface RequestSettings {
  auth?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  insecure: boolean;
  idleTimeoutMs: number;
  /** When the whole download must be over; `chosen` when the caller set it (a --timeout flag). */
  deadline: { at: number; ms: number; chosen: boolean };
  maxBytes: number;
}

function requestOnce(
  url: URL,
  settings: RequestSettings,
): Promise<{ bytes: Buffer } | { location: string }> {
  const shown = redactUrl(url.toString());
  const mod = url.protocol === "https:" ? https : http;
  return new Promise((resolvePromise, rejectPromise) => {
    let received = 0;
    let expected: number | undefined;
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
    };
    const resolve = (value: { bytes: Buffer } | { location: string }) => {
      if (settled) return;
      settle();
      resolvePromise(value);
    };
    const reject = (err: Error) => {
      if (settled) return;
      settle();
      req.destroy();
      rejectPromise(err);
    };
    const timer =
      settings.deadline.ms > 0
        ? setTimeout(
            () => reject(deadlineError(shown, settings.deadline, received, expected)),
            Math.max(0, settings.deadline.at - Date.now()),
          )
        : undefined;
    const headers: Record<string, string> = { "user-agent": "wheelhouse", accept: "*/*" };
    if (settings.auth) headers.authorization = settings.auth;
    const req = mod.get(
      url,
      {
        headers,
        timeout: settings.idleTimeoutMs,
        ...(url.protocol === "https:"
          ? {
              rejectUnauthorized: !settings.insecure,
              ...(settings.ca ? { ca: settings.ca } : {}),
              ...(settings.cert ? { cert: settings.cert } : {}),
              ...(settings.key ? { key: settings.key } : {}),
            }
          : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          resolve({ location: res.headers.location });
          return;
        }
        if (status !== 200) {
          res.resume();
          reject(statusError(shown, status, res.statusMessage ?? ""));
          return;
        }
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared)) expected = declared;
        if (Number.isFinite(declared) && declared > settings.maxBytes) {
          reject(tooLarge(shown, settings.maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > settings.maxBytes) {
            reject(tooLarge(shown, settings.maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => resolve({ bytes: Buffer.concat(chunks) }));
        res.on("error", (err) => reject(networkError(shown, err)));
        res.on("aborted", () =>
          reject(new RepoError(`GET ${shown}: the connection closed before the body was complete`)),
        );
      },
    );
    req.on("timeout", () =>
      reject(
        new RepoError(
          `GET ${shown}: no response within ${formatDuration(settings.idleTimeoutMs).replace(/^(\d+)ms$/, "$1 ms")}`,
        ),
      ),
    );
    req.on("error", (err) => reject(networkError(shown, err)));
  });
}

/** Go's time.Duration.String for whole milliseconds: 300ms, 1.5s, 2m0s, 1h0m0s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h > 0 ? `${h}h` : ""}${h > 0 || m > 0 ? `${m}m` : ""}${s}s`;
}

function deadlineError(
  url: string,
  deadline: RequestSettings["deadline"],
  received: number,
  expected: number | undefined,
): RepoError {
  const got = `${received} byte${received === 1 ? "" : "s"} received${expected !== undefined ? ` of ${expected}` : ""}`;
  return new RepoError(
    `GET ${url}: the download did not finish within ${formatDuration(deadline.ms)} (${got})`,
    {
      hint: deadline.chosen
        ? "the server is stalled or very slow; try again later, or give a longer --timeout"
        : "the server is stalled or very slow; `wheelhouse pull --timeout DURATION` downloads the chart with a longer deadline",
    },
  );
}

function statusError(url: string, status: number, text: string): RepoError {
  const line = `GET ${url}: ${status} ${text}`.trimEnd();
  if (status === 404) return new RepoError(`${line} (not found)`);
  if (status === 401 || status === 403)
    return new RepoError(`${line}: the repository refused the credentials`, {
      hint: "check --username and --password (or --password-stdin) for this repository",
    });
  return new RepoError(line);
}

function tooLarge(url: string, max: number): RepoError {
  return new RepoError(`GET ${url}: the response is larger than ${max / (1024 * 1024)} MiB`);
}

function networkError(url: string, err: Error): RepoError {
  const code = (err as { code?: string }).code ?? "";
  if (TLS_CODES.has(code) || /certificate|SSL|TLS/i.test(err.message)) {
    return new RepoError(`GET ${url}: TLS verification failed: ${err.message}`, {
      hint: "pass the server's CA with --ca-file, or --insecure-skip-tls-verify to skip the check",
      cause: err,
    });
  }
  return new RepoError(`GET ${url}: ${err.message}`, { cause: err });
}

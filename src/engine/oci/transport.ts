import { readFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, formatDuration } from "../repo/http.js";
import { RegistryError } from "./errors.js";

/** How to reach a registry: helm's --plain-http and TLS flags, and the download deadline. */
export interface TransportOptions {
  /** Speak plain HTTP instead of HTTPS (helm's --plain-http). */
  plainHttp?: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  /** Deadline of each request (default DEFAULT_DOWNLOAD_TIMEOUT_MS, helm's 2m0s; 0 is none). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestInit {
  headers?: Record<string, string>;
  body?: Buffer;
  /** Refuse bodies larger than this (a chart is never more than the unpacked-size limit). */
  maxBytes: number;
}

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|EPROTO|ALTNAME|certificate|SSL|TLS/i;

async function readOptional(path: string | undefined, what: string): Promise<Buffer | undefined> {
  if (!path) return undefined;
  try {
    return await readFile(path);
  } catch (err) {
    throw new RegistryError(`cannot read the ${what} ${path}: ${(err as Error).message}`);
  }
}

/**
 * One registry's HTTP(S) connection settings: sends a request and gives back status, headers
 * and body, never following redirects itself (the client decides whether credentials go along).
 * Network and TLS failures are RegistryErrors naming the host and what to try.
 */
export class Transport {
  private constructor(
    readonly scheme: "http" | "https",
    private readonly tls: https.RequestOptions,
    private readonly timeoutMs: number,
  ) {}

  static async create(options: TransportOptions = {}): Promise<Transport> {
    const ca = await readOptional(options.caFile, "CA file");
    const cert = await readOptional(options.certFile, "certificate file");
    const key = await readOptional(options.keyFile, "key file");
    if ((cert && !key) || (key && !cert))
      throw new RegistryError("--cert-file and --key-file must be given together");
    return new Transport(
      options.plainHttp ? "http" : "https",
      {
        rejectUnauthorized: options.insecureSkipTlsVerify !== true,
        ...(ca ? { ca } : {}),
        ...(cert ? { cert } : {}),
        ...(key ? { key } : {}),
      },
      options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
    );
  }

  request(method: string, url: URL, init: RequestInit): Promise<HttpResponse> {
    const mod = url.protocol === "https:" ? https : http;
    const shown = `${method} ${url.toString()}`;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const fail = (err: Error) =>
        finish(() => {
          req.destroy();
          reject(err);
        });
      const timer =
        this.timeoutMs > 0
          ? setTimeout(
              () =>
                fail(
                  new RegistryError(
                    `${shown}: no complete answer within ${formatDuration(this.timeoutMs)}`,
                    { hint: "the registry is stalled or very slow; give a longer --timeout" },
                  ),
                ),
              this.timeoutMs,
            )
          : undefined;
      const headers: Record<string, string> = { "user-agent": "wheelhouse", ...init.headers };
      if (init.body) headers["content-length"] = String(init.body.length);
      const req = mod.request(
        url,
        { method, headers, ...(url.protocol === "https:" ? this.tls : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          let received = 0;
          res.on("data", (chunk: Buffer) => {
            received += chunk.length;
            if (received > init.maxBytes)
              fail(
                new RegistryError(
                  `${shown}: the answer is larger than ${Math.round(init.maxBytes / (1024 * 1024))} MiB`,
                ),
              );
            else chunks.push(chunk);
          });
          res.on("end", () =>
            finish(() =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks),
              }),
            ),
          );
          res.on("error", (err) => fail(networkError(url, err)));
        },
      );
      req.on("error", (err) => fail(networkError(url, err)));
      req.end(init.body);
    });
  }
}

function networkError(url: URL, err: Error): RegistryError {
  const code = (err as { code?: string }).code ?? "";
  if (TLS_CODES.test(code) || TLS_CODES.test(err.message)) {
    const plain = /wrong version number|packet length too long/i.test(err.message);
    // OpenSSL's "write EPROTO 80…:error:0A00010B:SSL routines:fn:reason:file:line:" → the reason.
    const reason = (err.message.split("\n")[0] ?? "").replace(
      /^.*?SSL routines:[^:]*:([^:]+):.*$/,
      "$1",
    );
    return new RegistryError(`TLS with registry ${url.host} failed: ${reason}`, {
      hint: plain
        ? "the registry speaks plain HTTP; pass --plain-http"
        : /alert (bad certificate|certificate required|handshake failure)/i.test(reason)
          ? "the registry refused our client certificate (or wants one): pass --cert-file and --key-file"
          : "pass the registry's CA with --ca-file, or --insecure-skip-tls-verify to skip the check",
      cause: err,
    });
  }
  return new RegistryError(
    `registry ${url.host} is unreachable: ${err.message || code}`.trimEnd(),
    { cause: err },
  );
}

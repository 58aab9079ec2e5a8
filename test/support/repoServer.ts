/**
 * A local chart repository server for tests: node:http or node:https on a
 * loopback port, serving a map of paths to bodies, redirects, statuses and
 * basic-auth checks. Routes can be changed while it runs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Route =
  | {
      body: string | Buffer;
      status?: number;
      headers?: Record<string, string>;
      /** Send without Content-Length, in 64 KiB chunks. */
      chunked?: boolean;
    }
  | { hang: true }
  /**
   * Headers at once (with the Content-Length of `length` bytes), then one byte every `everyMs`:
   * a server that never stalls long enough for an idle timeout but never finishes either.
   */
  | { drip: true; length: number; everyMs: number }
  | { redirect: string; status?: number }
  | { status: number };

export interface RepoServer {
  url: string;
  routes: Map<string, Route>;
  /** Paths requested, in order. */
  requests: string[];
  /** When set, every request needs this user:password. */
  auth?: { username: string; password: string };
  /** Authorization headers seen, by path. */
  authorization: Map<string, string | undefined>;
  close(): Promise<void>;
}

export async function startRepoServer(
  options: { tls?: { key: string; cert: string; clientCa?: string } } = {},
): Promise<RepoServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const authorization = new Map<string, string | undefined>();
  const state: { auth?: { username: string; password: string } } = {};
  const handler: http.RequestListener = (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requests.push(path);
    authorization.set(path, req.headers.authorization);
    if (state.auth) {
      const want = `Basic ${Buffer.from(`${state.auth.username}:${state.auth.password}`).toString("base64")}`;
      if (req.headers.authorization !== want) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="charts"' }).end("unauthorized");
        return;
      }
    }
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404).end("not found");
      return;
    }
    if ("redirect" in route) {
      res.writeHead(route.status ?? 302, { location: route.redirect }).end();
      return;
    }
    if ("hang" in route) return;
    if ("drip" in route) {
      res.writeHead(200, { "content-length": String(route.length) });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent >= route.length) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write("x");
        sent++;
      }, route.everyMs);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (!("body" in route)) {
      res.writeHead(route.status).end();
      return;
    }
    if (route.chunked) {
      res.writeHead(route.status ?? 200, route.headers ?? {});
      const body = Buffer.from(route.body);
      for (let i = 0; i < body.length; i += 65536) res.write(body.subarray(i, i + 65536));
      res.end();
      return;
    }
    res.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body);
  };
  const server = options.tls
    ? https.createServer(
        {
          key: options.tls.key,
          cert: options.tls.cert,
          ...(options.tls.clientCa
            ? { ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: true }
            : {}),
        },
        handler,
      )
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const result: RepoServer = {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    routes,
    requests,
    authorization,
    get auth() {
      return state.auth;
    },
    set auth(value) {
      if (value) state.auth = value;
      else delete state.auth;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return result;
}

/** A self-signed certificate for 127.0.0.1 made with openssl, or undefined when openssl is absent. */
export function selfSignedCert():
  { key: string; cert: string; certFile: string; keyFile: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), "wh-tls-"));
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
      ],
      { stdio: "ignore" },
    );
  } catch {
    return undefined;
  }
  return {
    key: readFileSync(keyFile, "utf8"),
    cert: readFileSync(certFile, "utf8"),
    certFile,
    keyFile,
  };
}

import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { kubeConfigFromString } from "../../src/kube/config.js";
import type { LoadedKubeConfig } from "../../src/kube/config.js";

/** A request the fake API server received. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  json: unknown;
}

export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Answers a request: return an answer, or handle `res` yourself (e.g. a watch stream) and return undefined. */
export type FakeHandler = (
  req: SeenRequest,
  res: ServerResponse,
) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

/**
 * A tiny real HTTP server for unit tests of src/kube: the test decides
 * each answer; every request is recorded.
 */
export interface FakeApiServer {
  url: string;
  requests: SeenRequest[];
  /** How many TCP connections clients opened. */
  connections: () => number;
  handle: (handler: FakeHandler) => void;
  config: (namespace?: string) => LoadedKubeConfig;
  close: () => Promise<void>;
}

export async function startFakeApiServer(
  handler: FakeHandler = () => ({ status: 404 }),
): Promise<FakeApiServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const seen: SeenRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json,
      };
      requests.push(seen);
      Promise.resolve(current(seen, res)).then(
        (answer) => {
          if (!answer) return;
          const status = answer.status ?? 200;
          const text =
            answer.body === undefined
              ? ""
              : typeof answer.body === "string"
                ? answer.body
                : JSON.stringify(answer.body);
          res.writeHead(status, { "content-type": "application/json", ...answer.headers });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        },
      );
    });
  });
  let connections = 0;
  server.on("connection", (s) => {
    connections++;
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests,
    connections: () => connections,
    handle: (h) => {
      current = h;
    },
    config: (namespace) => fakeKubeConfig(url, namespace),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A kubeconfig document pointing at `server` with a token user. */
export function kubeconfigYaml(server: string, namespace?: string, context = "test"): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    `current-context: ${context}`,
    "clusters:",
    `- name: ${context}`,
    "  cluster:",
    `    server: ${server}`,
    "users:",
    `- name: ${context}`,
    "  user:",
    "    token: test-token",
    "contexts:",
    `- name: ${context}`,
    "  context:",
    `    cluster: ${context}`,
    `    user: ${context}`,
    ...(namespace ? [`    namespace: ${namespace}`] : []),
    "",
  ].join("\n");
}

export function fakeKubeConfig(server: string, namespace?: string): LoadedKubeConfig {
  return kubeConfigFromString(kubeconfigYaml(server, namespace));
}

/** A Kubernetes Status error body, as the API server (and the sandbox) writes it. */
export { statusBody } from "../../src/sandbox/errors.js";

/** A port nothing listens on (bound then closed). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

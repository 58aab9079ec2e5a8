/**
 * A real OCI registry for tests: Debian's `docker-registry` (CNCF distribution 2.8) started on a
 * free loopback port with a config of our own and filesystem storage in a temp dir. Three modes:
 * plain HTTP without auth; htpasswd Basic auth behind TLS with a CA generated here; and Bearer
 * tokens from a small token server in this process (distribution's `auth: token`), which signs
 * RS256 JWTs with a generated key whose certificate is the registry's rootcertbundle.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createSign } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REGISTRY_BINARY = "/usr/bin/docker-registry";
export const registryAvailable = existsSync(REGISTRY_BINARY);
/** The identity (refresh) token the token server accepts, as Docker config.json's `identitytoken`. */
export const IDENTITY_TOKEN = "identity-token-for-alice";

export interface RegistryFixture {
  /** HOST:PORT (127.0.0.1:PORT). */
  host: string;
  dir: string;
  /** The CA that signed the registry's certificate (TLS mode). */
  caFile?: string;
  /** A client certificate and key the CA signed (clientCertificates mode). */
  clientCert?: { certFile: string; keyFile: string };
  /** Token mode: the token server's requests, to see anonymous vs authenticated asks. */
  tokenRequests: { scope: string[]; authorization?: string; refreshToken?: string }[];
  close(): Promise<void>;
}

export interface RegistryConfig {
  /** htpasswd Basic auth behind TLS. */
  tls?: boolean;
  /** With tls: the registry also requires a client certificate signed by its CA. */
  clientCertificates?: boolean;
  /** Bearer tokens; anonymous pulls are granted, pushes need the user. */
  token?: boolean;
  /** The one user (htpasswd or token server). */
  user?: { username: string; password: string };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: "ignore" });
}

/** A CA and a server certificate for 127.0.0.1 signed by it. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=wheelhouse test CA",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
    ],
    dir,
  );
  writeFileSync(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  openssl(
    [
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=127.0.0.1",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
    ],
    dir,
  );
  openssl(
    [
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "2",
      "-extfile",
      "san.ext",
      "-out",
      "server.pem",
    ],
    dir,
  );
  return { ca: join(dir, "ca.pem"), cert: join(dir, "server.pem"), key: join(dir, "server.key") };
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/** A token server: Basic credentials (or none) in, an RS256 JWT with the granted access out. */
async function startTokenServer(
  dir: string,
  service: string,
  user: RegistryConfig["user"],
  seen: RegistryFixture["tokenRequests"],
): Promise<{ url: string; rootCert: string; close(): Promise<void> }> {
  openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=token issuer",
      "-keyout",
      "token.key",
      "-out",
      "token.pem",
    ],
    dir,
  );
  const key = readFileSync(join(dir, "token.key"));
  const der = execFileSync("openssl", ["x509", "-in", join(dir, "token.pem"), "-outform", "DER"]);
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => answer(req, res, body));
  });
  /** GET with Basic credentials or none; POST with an OAuth2 refresh token (an identity token). */
  const answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    const url = new URL(req.url ?? "/", "http://x");
    const form = new URLSearchParams(req.method === "POST" ? body : "");
    const scope =
      req.method === "POST"
        ? (form.get("scope") ?? "").split(" ").filter(Boolean)
        : url.searchParams.getAll("scope");
    seen.push({
      scope,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.method === "POST" ? { refreshToken: form.get("refresh_token") ?? "" } : {}),
    });
    let authenticated = false;
    if (req.method === "POST") {
      if (
        form.get("grant_type") !== "refresh_token" ||
        form.get("refresh_token") !== IDENTITY_TOKEN
      ) {
        res.writeHead(401).end('{"details":"bad refresh token"}');
        return;
      }
      authenticated = true;
    } else if (req.headers.authorization) {
      const [u, p] = Buffer.from(req.headers.authorization.replace(/^Basic /, ""), "base64")
        .toString()
        .split(":");
      if (!user || u !== user.username || p !== user.password) {
        res.writeHead(401).end('{"details":"bad credentials"}');
        return;
      }
      authenticated = true;
    }
    const access = scope.flatMap((s) => {
      const [type, name, actions] = s.split(":");
      if (type !== "repository" || !name || !actions) return [];
      const granted = actions.split(",").filter((a) => a === "pull" || authenticated);
      return [{ type, name, actions: granted }];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", typ: "JWT", x5c: [der.toString("base64")] };
    const claims = {
      iss: "wheelhouse-test",
      sub: authenticated ? user!.username : "",
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: String(Math.random()),
      access,
    };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = createSign("RSA-SHA256").update(input).sign(key);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ token: `${input}.${base64url(signature)}` }));
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    rootCert: join(dir, "token.pem"),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function waitUntilUp(
  host: string,
  tls: boolean,
  ca: https.RequestOptions,
  child: ChildProcess,
  log: string,
) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null)
      throw new Error(`docker-registry exited: ${readFileSync(log, "utf8")}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = (tls ? https : http).get(
        `${tls ? "https" : "http"}://${host}/v2/`,
        tls ? ca : {},
        (res) => {
          res.resume();
          resolve(true);
        },
      );
      req.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not start: ${readFileSync(log, "utf8")}`);
}

/** Starts a registry; close() stops it and removes its storage. */
export async function startRegistry(config: RegistryConfig = {}): Promise<RegistryFixture> {
  const dir = mkdtempSync(join(tmpdir(), "wh-registry-"));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const user = config.user ?? { username: "alice", password: "s3cret" };
  const lines = [
    "version: 0.1",
    "log:",
    "  level: error",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${join(dir, "data")}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: ${host}`,
  ];
  let certs: ReturnType<typeof makeCertificates> | undefined;
  if (config.tls) {
    certs = makeCertificates(dir);
    lines.push("  tls:", `    certificate: ${certs.cert}`, `    key: ${certs.key}`);
    if (config.clientCertificates) {
      openssl(
        [
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-subj",
          "/CN=wheelhouse client",
          "-keyout",
          "client.key",
          "-out",
          "client.csr",
        ],
        dir,
      );
      openssl(
        [
          "x509",
          "-req",
          "-in",
          "client.csr",
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-days",
          "2",
          "-out",
          "client.pem",
        ],
        dir,
      );
      lines.push("    clientcas:", `      - ${certs.ca}`);
    }
    const entry = execFileSync("htpasswd", ["-Bbn", user.username, user.password])
      .toString()
      .trim();
    writeFileSync(join(dir, "htpasswd"), `${entry}\n`);
    lines.push(
      "auth:",
      "  htpasswd:",
      "    realm: wheelhouse-test",
      `    path: ${join(dir, "htpasswd")}`,
    );
  }
  const tokenRequests: RegistryFixture["tokenRequests"] = [];
  let tokenServer: Awaited<ReturnType<typeof startTokenServer>> | undefined;
  if (config.token) {
    tokenServer = await startTokenServer(dir, "wheelhouse-registry", user, tokenRequests);
    lines.push(
      "auth:",
      "  token:",
      `    realm: ${tokenServer.url}`,
      "    service: wheelhouse-registry",
      "    issuer: wheelhouse-test",
      `    rootcertbundle: ${tokenServer.rootCert}`,
    );
  }
  writeFileSync(join(dir, "config.yml"), `${lines.join("\n")}\n`);
  const log = join(dir, "registry.log");
  const child = spawn(REGISTRY_BINARY, ["serve", join(dir, "config.yml")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  child.on("exit", () => writeFileSync(log, stderr));
  writeFileSync(log, "");
  try {
    await waitUntilUp(
      host,
      config.tls === true,
      certs
        ? {
            ca: readFileSync(certs.ca),
            ...(config.clientCertificates
              ? {
                  cert: readFileSync(join(dir, "client.pem")),
                  key: readFileSync(join(dir, "client.key")),
                }
              : {}),
          }
        : {},
      child,
      log,
    );
  } catch (err) {
    child.kill();
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    host,
    dir,
    ...(certs ? { caFile: certs.ca } : {}),
    ...(config.clientCertificates
      ? { clientCert: { certFile: join(dir, "client.pem"), keyFile: join(dir, "client.key") } }
      : {}),
    tokenRequests,
    async close() {
      await tokenServer?.close();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { createHash } from "node:crypto";
import { basicHeader, fetchToken, parseChallenge } from "./auth.js";
import { findCredential, registryConfigPath, type Credential } from "./credentials.js";
import { RegistryError, loginHint } from "./errors.js";
import { Transport, type HttpResponse, type TransportOptions } from "./transport.js";

/** Everything that says how to talk to a registry: connection, credentials and where they are kept. */
export interface RegistryOptions extends TransportOptions {
  env?: NodeJS.ProcessEnv;
  /** helm's --registry-config (default: registryConfigPath). */
  registryConfig?: string;
  /** --username/--password: used instead of the stored credentials. */
  username?: string;
  password?: string;
}

export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
].join(", ");

const MAX_MANIFEST_BYTES = 4 << 20;

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

interface SendInit {
  repository?: string;
  push?: boolean;
  headers?: Record<string, string>;
  body?: Buffer;
  maxBytes?: number;
}

/**
 * A client of one registry's distribution API (/v2/): manifests, blobs, tags, uploads. It answers
 * `WWW-Authenticate` challenges as they come — Basic with the credentials, Bearer by asking the
 * named realm for a token per scope (anonymously when there are no credentials) — and keeps what
 * worked for the next request (docs/oci.md#authentication).
 */
export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private basic: string | undefined;
  private credential: Promise<Credential | undefined> | undefined;

  private constructor(
    readonly host: string,
    private readonly transport: Transport,
    private readonly options: RegistryOptions,
  ) {}

  static async create(host: string, options: RegistryOptions = {}): Promise<RegistryClient> {
    return new RegistryClient(host, await Transport.create(options), options);
  }

  private url(path: string): URL {
    return new URL(`${this.transport.scheme}://${this.host}${path}`);
  }

  private loadCredential(): Promise<Credential | undefined> {
    this.credential ??=
      this.options.username !== undefined
        ? Promise.resolve({
            username: this.options.username,
            password: this.options.password ?? "",
          })
        : findCredential(
            this.host,
            this.options.env ?? process.env,
            registryConfigPath(this.options.env ?? process.env, this.options.registryConfig),
          );
    return this.credential;
  }

  /** Sends a request, answering one authentication challenge; a 401/403 after that is an error. */
  async send(method: string, path: string | URL, init: SendInit = {}): Promise<HttpResponse> {
    const url = typeof path === "string" ? this.url(path) : path;
    const key = `${init.repository ?? ""}|${init.push ? "push" : "pull"}`;
    const attempt = () => {
      const auth = this.basic ?? this.tokens.get(key);
      return this.transport.request(method, url, {
        headers: { ...init.headers, ...(auth ? { authorization: auth } : {}) },
        ...(init.body ? { body: init.body } : {}),
        maxBytes: init.maxBytes ?? MAX_MANIFEST_BYTES,
      });
    };
    let res = await attempt();
    if (res.status === 401) {
      const challenge = parseChallenge(headerText(res.headers["www-authenticate"]));
      const credential = await this.loadCredential();
      if (challenge?.scheme === "basic") {
        if (!credential) throw this.refused(res.status, false, init.repository);
        this.basic = basicHeader(credential);
      } else if (challenge?.scheme === "bearer") {
        const scopes = new Set(challenge.params.scope?.split(" ").filter(Boolean) ?? []);
        if (init.repository)
          scopes.add(`repository:${init.repository}:${init.push ? "pull,push" : "pull"}`);
        const token = await fetchToken(
          this.transport,
          this.host,
          challenge,
          [...scopes],
          credential,
        );
        this.tokens.set(key, `Bearer ${token}`);
      } else throw this.refused(res.status, credential !== undefined, init.repository);
      res = await attempt();
    }
    if (res.status === 401 || res.status === 403)
      throw this.refused(res.status, (await this.loadCredential()) !== undefined, init.repository);
    return res;
  }

  private refused(status: number, withCredentials: boolean, repository?: string): RegistryError {
    const what = `${status} ${status === 401 ? "Unauthorized" : "Forbidden"}`;
    const where = repository ? `${this.host}/${repository}` : this.host;
    return new RegistryError(
      withCredentials
        ? `registry ${this.host} refused the credentials for ${where} (${what})`
        : `registry ${this.host} needs credentials for ${where} (${what})`,
      { hint: loginHint(this.host) },
    );
  }

  /** An error for an answer the caller did not expect, with the registry's own error message. */
  unexpected(res: HttpResponse, what: string): RegistryError {
    let detail = "";
    try {
      const body = JSON.parse(res.body.toString("utf8")) as { errors?: { message?: string }[] };
      detail =
        body.errors
          ?.map((e) => e.message)
          .filter(Boolean)
          .join("; ") ?? "";
    } catch {
      detail = res.body.toString("utf8").trim().split("\n")[0] ?? "";
    }
    const https = /HTTP request to an HTTPS server/i.test(detail);
    return new RegistryError(
      `registry ${this.host}: ${what} answered ${res.status}${detail ? `: ${detail}` : ""}`,
      https ? { hint: "the registry speaks HTTPS; leave out --plain-http" } : {},
    );
  }

  /** GET /v2/ — checks the registry is there and takes the credentials (registry login). */
  async ping(): Promise<void> {
    const res = await this.send("GET", "/v2/");
    if (res.status !== 200) throw this.unexpected(res, "GET /v2/");
  }

  /** Every tag of a repository, following the Link header's pages. */
  async tags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    let next: URL | undefined = this.url(`/v2/${repository}/tags/list?n=1000`);
    for (let page = 0; next && page < 1000; page++) {
      const res: HttpResponse = await this.send("GET", next, { repository });
      if (res.status === 404)
        throw new RegistryError(`repository ${this.host}/${repository} not found in the registry`);
      if (res.status !== 200) throw this.unexpected(res, `listing the tags of ${repository}`);
      const body = JSON.parse(res.body.toString("utf8")) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      const link = /<([^>]+)>\s*;\s*rel="?next"?/.exec(headerText(res.headers.link) ?? "");
      next = link ? new URL(link[1]!, next) : undefined;
    }
    return tags;
  }

  /** A manifest by tag or digest, its bytes checked against the digest asked for or announced. */
  async manifest(
    repository: string,
    reference: string,
  ): Promise<{ bytes: Buffer; digest: string; mediaType: string } | undefined> {
    const res = await this.send("GET", `/v2/${repository}/manifests/${reference}`, {
      repository,
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200)
      throw this.unexpected(res, `fetching manifest ${repository}:${reference}`);
    const digest = sha256Digest(res.body);
    const expected = reference.startsWith("sha256:")
      ? reference
      : headerText(res.headers["docker-content-digest"]);
    if (expected && expected !== digest)
      throw new RegistryError(
        `digest mismatch for ${this.host}/${repository}@${expected}: the manifest received is ${digest}`,
      );
    return { bytes: res.body, digest, mediaType: headerText(res.headers["content-type"]) ?? "" };
  }

  /** A blob, following the registry's redirect to its storage; its sha256 must be `digest`. */
  async blob(repository: string, digest: string, maxBytes: number): Promise<Buffer> {
    let res = await this.send("GET", `/v2/${repository}/blobs/${digest}`, { repository, maxBytes });
    for (let hop = 0; hop < 5 && res.status >= 300 && res.status < 400; hop++) {
      const location = headerText(res.headers.location);
      if (!location) break;
      const target = new URL(location, this.url("/"));
      // Storage behind a redirect gets no registry credentials.
      res =
        target.host === this.host
          ? await this.send("GET", target, { repository, maxBytes })
          : await this.transport.request("GET", target, { maxBytes });
    }
    if (res.status !== 200) throw this.unexpected(res, `fetching blob ${digest} of ${repository}`);
    const got = sha256Digest(res.body);
    if (got !== digest)
      throw new RegistryError(
        `digest mismatch for ${this.host}/${repository}: blob ${digest} arrived as ${got}`,
      );
    return res.body;
  }

  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const res = await this.send("HEAD", `/v2/${repository}/blobs/${digest}`, {
      repository,
      push: true,
    });
    return res.status === 200;
  }

  /** Uploads a blob in one piece: POST an upload session, PUT the bytes with their digest. */
  async uploadBlob(repository: string, digest: string, bytes: Buffer): Promise<void> {
    if (await this.hasBlob(repository, digest)) return;
    const start = await this.send("POST", `/v2/${repository}/blobs/uploads/`, {
      repository,
      push: true,
    });
    const location = headerText(start.headers.location);
    if (start.status !== 202 || !location)
      throw this.unexpected(start, `starting an upload to ${repository}`);
    const target = new URL(location, this.url("/"));
    target.searchParams.set("digest", digest);
    const res = await this.send("PUT", target, {
      repository,
      push: true,
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    });
    if (res.status !== 201) throw this.unexpected(res, `uploading blob ${digest} to ${repository}`);
  }

  /** PUTs a manifest under a tag; the registry's digest must be the bytes' own. */
  async putManifest(
    repository: string,
    tag: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<string> {
    const res = await this.send("PUT", `/v2/${repository}/manifests/${tag}`, {
      repository,
      push: true,
      headers: { "content-type": mediaType },
      body: bytes,
    });
    if (res.status !== 201) throw this.unexpected(res, `pushing manifest ${repository}:${tag}`);
    return sha256Digest(bytes);
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

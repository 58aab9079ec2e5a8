import type { Credential } from "./credentials.js";
import { RegistryError, loginHint } from "./errors.js";
import type { Transport } from "./transport.js";

/** A `WWW-Authenticate` challenge: the scheme (bearer or basic) and its parameters. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="repository:a/b:pull,push"` (quoted values may hold commas). */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : p[3]!;
  return { scheme: m[1]!.toLowerCase(), params };
}

export function basicHeader(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
}

/**
 * Asks a Bearer challenge's realm for a token (the distribution token protocol): GET
 * realm?service=…&scope=…, with Basic credentials when there are any, anonymous otherwise; an
 * identity token (user `<token>`) is exchanged with a POST as a refresh token, as oras-go does.
 */
export async function fetchToken(
  transport: Transport,
  host: string,
  challenge: Challenge,
  scopes: string[],
  credential: Credential | undefined,
): Promise<string> {
  const realm = challenge.params.realm;
  if (!realm) throw new RegistryError(`registry ${host} asked for a token but named no realm`);
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new RegistryError(`registry ${host} named a token realm that is not a URL: ${realm}`);
  }
  const service = challenge.params.service;
  const refresh = credential?.username === "<token>";
  let res;
  if (refresh) {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: credential.password,
      client_id: "wheelhouse",
    });
    if (service) form.set("service", service);
    if (scopes.length) form.set("scope", scopes.join(" "));
    res = await transport.request("POST", url, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: Buffer.from(form.toString()),
      maxBytes: 1 << 20,
    });
  } else {
    if (service) url.searchParams.set("service", service);
    for (const scope of scopes) url.searchParams.append("scope", scope);
    res = await transport.request("GET", url, {
      headers: credential ? { authorization: basicHeader(credential) } : {},
      maxBytes: 1 << 20,
    });
  }
  if (res.status === 401 || res.status === 403)
    throw new RegistryError(
      credential
        ? `registry ${host} refused the credentials (${res.status} from its token service ${url.host})`
        : `registry ${host} needs credentials (${res.status} from its token service ${url.host})`,
      { hint: loginHint(host) },
    );
  if (res.status !== 200)
    throw new RegistryError(
      `registry ${host}: its token service ${url.host} answered ${res.status}`,
    );
  let body: { token?: string; access_token?: string };
  try {
    body = JSON.parse(res.body.toString("utf8")) as typeof body;
  } catch {
    throw new RegistryError(`registry ${host}: its token service ${url.host} did not answer JSON`);
  }
  const token = body.access_token || body.token;
  if (!token)
    throw new RegistryError(`registry ${host}: its token service ${url.host} gave no token`);
  return token;
}

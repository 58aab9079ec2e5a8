/**
 * Who may talk to the sandbox. It listens on 127.0.0.1 only, but a web page in the user's
 * browser can reach that too: a cross-site form post, or a page on a name that a rebinding DNS
 * server turns into 127.0.0.1. So, as a real API server does, every request must carry the
 * bearer token of the sandbox's kubeconfig (only the health probes and /version are open to
 * anonymous callers, as `system:public-info-viewer` makes them on a real server); and, before
 * that, a request must be addressed to the sandbox by name (Host) and come from no other site
 * (Origin), which browsers set and pages cannot forge. kubectl, helm and client-node send
 * neither an Origin nor a foreign Host.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { StatusError } from "./errors.js";

/** A fresh token: 32 random bytes, hex. */
export function newToken(): string {
  return randomBytes(32).toString("hex");
}

/** Paths a real server answers without credentials (system:public-info-viewer). */
const PUBLIC = /^\/(?:(?:healthz|livez|readyz)(?:\/.*)?|version)$/;

/** Host names the sandbox answers to (it listens on 127.0.0.1 only). */
const LOCAL_NAMES = new Set(["127.0.0.1", "localhost"]);

/** The real server's answer to a missing, unknown or malformed bearer token. */
function unauthorized(): StatusError {
  return new StatusError(401, "Unauthorized", "Unauthorized");
}

function forbidden(message: string): StatusError {
  return new StatusError(403, "Forbidden", message, {});
}

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

/** Compares in constant time (hashes first, so lengths do not show either). */
function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The bearer token of an Authorization header ("Bearer" in any case), or undefined. */
function bearer(header: string | undefined): string | undefined {
  const m = /^bearer\s+(\S.*)$/i.exec(header?.trim() ?? "");
  return m === null ? undefined : m[1]?.trim();
}

/** `host:port` of a Host header, or undefined when it is not one. */
function hostPort(host: string): { name: string; port: string } | undefined {
  const m = /^([^:]+)(?::(\d+))?$/.exec(host.trim());
  if (m === null) return undefined;
  return { name: (m[1] ?? "").toLowerCase(), port: m[2] ?? "80" };
}

export interface AccessCheck {
  token: string;
  port: number;
}

/**
 * Throws the answer for a request that may not go further: 403 for another site's page or a
 * name the sandbox is not, 401 without the token (or with a wrong one) where one is needed.
 */
export function checkAccess(
  { token, port }: AccessCheck,
  headers: IncomingHttpHeaders,
  path: string,
): void {
  const host = hostPort(headers.host ?? "");
  if (host === undefined || !LOCAL_NAMES.has(host.name) || host.port !== String(port)) {
    throw forbidden(
      `the sandbox answers requests for 127.0.0.1:${port} or localhost:${port} only, not for host ${JSON.stringify(headers.host ?? "")}`,
    );
  }
  const origin = headers.origin;
  if (origin !== undefined && !ownOrigins(port).has(origin.toLowerCase())) {
    throw forbidden(
      `the sandbox does not answer requests from web pages (origin ${JSON.stringify(origin)})`,
    );
  }
  const given = bearer(headers.authorization);
  if (given !== undefined) {
    if (!sameToken(given, token)) throw unauthorized();
    return;
  }
  if (!PUBLIC.test(path)) throw unauthorized();
}

/** The sandbox's own origins (it serves no pages, but a same-origin request is no attack). */
function ownOrigins(port: number): Set<string> {
  return new Set([...LOCAL_NAMES].map((n) => `https://${n}:${port}`));
}

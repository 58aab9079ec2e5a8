import { STATUS_CODES } from "node:http";
import { WheelhouseError } from "../errors.js";

/** Why a Kubernetes API call failed, in the API server's own vocabulary where it has one. */
export type KubeErrorReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Forbidden"
  | "Invalid"
  | "Unreachable"
  | "Timeout"
  | "Unauthorized"
  | "BadRequest"
  | "ServerError"
  | "TooManyRequests"
  | "Config"
  /** The answer was an HTML page: the server is not a Kubernetes API server. */
  | "NotKubernetes"
  | "Unknown";

export interface KubeErrorOptions {
  /** HTTP status code, when the server answered. */
  status?: number;
  details?: string;
  hint?: string;
  cause?: unknown;
}

/** A failed call to a Kubernetes API server (or an unusable kubeconfig). */
export class KubeError extends WheelhouseError {
  readonly reason: KubeErrorReason;
  /** HTTP status code, when the server answered at all. */
  readonly status?: number;

  constructor(reason: KubeErrorReason, message: string, options: KubeErrorOptions = {}) {
    super("kube", message, options);
    this.reason = reason;
    if (options.status !== undefined) this.status = options.status;
  }
}

export class KubeNotFoundError extends KubeError {
  constructor(message: string, options: KubeErrorOptions = {}) {
    super("NotFound", message, { status: 404, ...options });
  }
}

export class KubeAlreadyExistsError extends KubeError {
  constructor(message: string, options: KubeErrorOptions = {}) {
    super("AlreadyExists", message, { status: 409, ...options });
  }
}

/** A stale resourceVersion, or a server-side apply field conflict (with a cause per field). */
export class KubeConflictError extends KubeError {
  readonly causes: FieldCause[];
  constructor(message: string, options: KubeErrorOptions & { causes?: FieldCause[] } = {}) {
    const { causes = [], ...rest } = options;
    super("Conflict", message, { status: 409, ...rest });
    this.causes = causes;
  }
}

export class KubeForbiddenError extends KubeError {
  readonly verb: string;
  readonly resource: string;
  readonly namespace?: string;
  constructor(
    verb: string,
    resource: string,
    namespace: string | undefined,
    options: KubeErrorOptions = {},
  ) {
    super(
      "Forbidden",
      `forbidden: you may not ${verb} ${resource} ${
        namespace ? `in namespace "${namespace}"` : "cluster-wide"
      }`,
      {
        status: 403,
        hint: "ask a cluster admin for RBAC permission, or use a context/namespace you may use",
        ...options,
      },
    );
    this.verb = verb;
    this.resource = resource;
    if (namespace !== undefined) this.namespace = namespace;
  }
}

/** A field cause the server gave for rejecting an object. */
export interface FieldCause {
  reason?: string;
  message?: string;
  field?: string;
}

export class KubeInvalidError extends KubeError {
  readonly causes: FieldCause[];
  constructor(message: string, causes: FieldCause[], options: KubeErrorOptions = {}) {
    super("Invalid", message, {
      status: 422,
      ...(causes.length > 0 ? { details: causes.map(formatCause).join("\n") } : {}),
      ...options,
    });
    this.causes = causes;
  }
}

export class KubeUnreachableError extends KubeError {
  readonly server: string;
  constructor(server: string, why: string, options: KubeErrorOptions = {}) {
    super("Unreachable", `cannot reach the Kubernetes API server at ${server}: ${why}`, {
      hint: "check that the cluster is running and that your kubeconfig context points at it",
      ...options,
    });
    this.server = server;
  }
}

export class KubeTimeoutError extends KubeError {
  constructor(message: string, options: KubeErrorOptions = {}) {
    super("Timeout", message, options);
  }
}

export class KubeUnauthorizedError extends KubeError {
  constructor(message: string, options: KubeErrorOptions = {}) {
    super("Unauthorized", message, {
      status: 401,
      hint: "your credentials were rejected or have expired; log in again or check the kubeconfig user",
      ...options,
    });
  }
}

export function isKubeError(err: unknown, reason?: KubeErrorReason): err is KubeError {
  return err instanceof KubeError && (reason === undefined || err.reason === reason);
}

/**
 * The watch cache did not reach the resourceVersion a read asked for within its wait (three
 * seconds on 1.19): 504 "Too large resource version". Waiting longer does not help when the
 * version belongs to another server or another resource.
 */
export function isTooLargeResourceVersion(err: unknown): boolean {
  return (
    err instanceof KubeError &&
    err.status === 504 &&
    /too large resource version/i.test(`${err.details ?? ""} ${err.message}`)
  );
}

function formatCause(c: FieldCause): string {
  const where = c.field ? `${c.field}: ` : "";
  return `${where}${c.message ?? c.reason ?? "invalid"}`;
}

/** What was being attempted, so an error can say it. */
export interface RequestDescription {
  /** Kubernetes verb: get, list, watch, create, update, patch, delete. */
  verb: string;
  /** Resource plural, e.g. "secrets" or "deployments.apps". */
  resource: string;
  namespace?: string;
  name?: string;
  /** The API server's base URL. */
  server: string;
  method?: string;
  path?: string;
}

/** A Kubernetes `Status` object as error bodies carry it. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: FieldCause[] };
}

function parseStatus(body: unknown): KubeStatus | undefined {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as KubeStatus;
  }
  return undefined;
}

function what(req: RequestDescription): string {
  const name = req.name ? ` "${req.name}"` : "";
  const ns = req.namespace ? ` in namespace "${req.namespace}"` : "";
  return `${req.resource}${name}${ns}`;
}

/**
 * Maps an HTTP error answer (status code and body, usually a `Status`) to
 * a KubeError that says what was attempted.
 */
export function errorFromResponse(
  code: number,
  body: unknown,
  req: RequestDescription,
  retryAfter?: string,
): KubeError {
  if (typeof body === "string" && isHtmlPage(body))
    return notKubernetesError(req.server, code, body);
  const status = parseStatus(body);
  const serverMessage =
    status?.message ?? (typeof body === "string" && body.trim() ? body.trim() : undefined);
  const opts = (extra: KubeErrorOptions = {}): KubeErrorOptions => ({
    status: code,
    ...(serverMessage ? { details: serverMessage } : {}),
    ...extra,
  });
  const reason = status?.reason;
  if (code === 401 || reason === "Unauthorized") {
    return new KubeUnauthorizedError(
      `the API server at ${req.server} refused the credentials (401 Unauthorized) to ${req.verb} ${what(req)}`,
      opts(),
    );
  }
  if (code === 403 || reason === "Forbidden") {
    return new KubeForbiddenError(req.verb, req.resource, req.namespace, opts());
  }
  if (code === 404 || reason === "NotFound") {
    return new KubeNotFoundError(serverMessage ?? `${what(req)} not found`, opts({ details: "" }));
  }
  if (code === 409 && reason === "AlreadyExists") {
    return new KubeAlreadyExistsError(
      serverMessage ?? `${what(req)} already exists`,
      opts({ details: "" }),
    );
  }
  if (code === 409) {
    const causes = status?.details?.causes ?? [];
    return new KubeConflictError(
      serverMessage ?? `conflict on ${what(req)}: it was changed by someone else`,
      {
        status: code,
        ...(causes.length > 0 ? { details: causes.map(formatCause).join("\n"), causes } : {}),
        hint:
          causes.length > 0
            ? "another field manager owns these fields; apply with force to take them over"
            : "the object changed since it was read; read it again and retry",
      },
    );
  }
  if (code === 422 || reason === "Invalid") {
    return new KubeInvalidError(
      serverMessage ?? `${what(req)} is invalid`,
      status?.details?.causes ?? [],
      { status: code },
    );
  }
  if (code === 429) {
    return new KubeError(
      "TooManyRequests",
      `the API server at ${req.server} is throttling requests (429)${
        retryAfter ? `; retry after ${retryAfter}s` : ""
      }`,
      opts(),
    );
  }
  if (code === 504 || reason === "Timeout") {
    return new KubeTimeoutError(
      `the API server at ${req.server} timed out trying to ${req.verb} ${what(req)}`,
      opts(),
    );
  }
  if (code >= 500) {
    return new KubeError(
      "ServerError",
      `the API server at ${req.server} failed to ${req.verb} ${what(req)} (${code})${
        serverMessage ? `: ${serverMessage}` : ""
      }`,
      { status: code },
    );
  }
  if (code === 400 || reason === "BadRequest") {
    return new KubeError(
      "BadRequest",
      `bad request to ${req.verb} ${what(req)}${serverMessage ? `: ${serverMessage}` : ""}`,
      { status: code },
    );
  }
  return new KubeError(
    "Unknown",
    `cannot ${req.verb} ${what(req)}: the API server answered ${code}${
      serverMessage ? `: ${serverMessage}` : ""
    }`,
    { status: code },
  );
}

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
  ETIMEDOUT: "connection timed out",
  ECONNABORTED: "connection aborted",
  UND_ERR_SOCKET: "connection closed",
};

/** `code` of a Node system error, possibly nested in `cause` (fetch wraps them). */
function systemCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === "string" && c.length > 0) return c;
    const errno = (e as { errno?: unknown }).errno;
    if (typeof errno === "string" && errno.length > 0) return errno;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps anything a client-node call or a fetch can throw to a KubeError:
 * client-node's ApiException (`code` + `body`), a watch error
 * (`statusCode`), a fetch/system error (ECONNREFUSED…), an abort. A
 * KubeError passes through unchanged.
 */
export function toKubeError(err: unknown, req: RequestDescription): KubeError {
  if (err instanceof KubeError) return err;
  const e = err as {
    code?: unknown;
    statusCode?: unknown;
    body?: unknown;
    name?: unknown;
    type?: unknown;
    message?: unknown;
    headers?: Record<string, string>;
  } | null;
  const httpCode =
    typeof e?.code === "number" ? e.code : typeof e?.statusCode === "number" ? e.statusCode : 0;
  if (httpCode >= 100) {
    return errorFromResponse(httpCode, e?.body, req, e?.headers?.["retry-after"]);
  }
  if (e && (e.name === "AbortError" || e.type === "aborted" || e.name === "TimeoutError")) {
    return new KubeTimeoutError(
      `the API server at ${req.server} did not answer in time to ${req.verb} ${what(req)}`,
      { cause: err },
    );
  }
  const code = systemCode(err);
  if (code && isTlsCode(code)) {
    return new KubeUnreachableError(req.server, `TLS error (${code})`, {
      cause: err,
      details: String(e?.message ?? ""),
      hint: "the server's certificate is not trusted by the kubeconfig's certificate-authority",
    });
  }
  if (code && (code in UNREACHABLE_CODES || /^E[A-Z]+$/.test(code))) {
    return new KubeUnreachableError(req.server, `${UNREACHABLE_CODES[code] ?? code} (${code})`, {
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new KubeError("Unknown", `cannot ${req.verb} ${what(req)}: ${message}`, { cause: err });
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith("ERR_TLS") ||
    code.startsWith("ERR_SSL") ||
    code.includes("CERT") ||
    code.startsWith("UNABLE_TO_") ||
    code.startsWith("DEPTH_ZERO")
  );
}

/**
 * A Kubernetes API server answers JSON (a `Status` for errors), protobuf when asked, or a short
 * `text/plain` line for paths it does not serve ("404 page not found"); never an HTML page. An
 * HTML page means the kubeconfig points at something else (a web server, a proxy's login page),
 * and printing the page itself would bury the one fact the user needs.
 */
export function isHtmlPage(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?<(!doctype\s+html|html|head|body)\b/i.test(text);
}

/** The server, the status, a snippet of the page: one line. */
export function notKubernetesError(server: string, status: number, page: string): KubeError {
  const snippet = pageSnippet(page);
  const statusText = STATUS_CODES[status] ? `${status} ${STATUS_CODES[status]}` : `${status}`;
  return new KubeError(
    "NotKubernetes",
    `the server at ${server} answered ${statusText} with an HTML page${
      snippet ? ` ("${snippet}")` : ""
    }; it does not look like a Kubernetes API server`,
    { status },
  );
}

const SNIPPET_MAX = 60;

/** The page's title, else its first words of text. */
function pageSnippet(page: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(page)?.[1];
  const text = (title ?? page.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " "))
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX - 1)}…` : text;
}

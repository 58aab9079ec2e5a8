/** Kubernetes-shaped `Status` errors with the real API server's reasons and wording. */

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return statusBody(this.code, this.reason, this.message, this.details);
  }
}

export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    code,
  };
  // Errors the server did not classify carry no reason at all (StatusReasonUnknown is "").
  if (reason === "") delete body.reason;
  if (details !== undefined) body.details = details;
  return body;
}

function qualified(resource: string, group: string): string {
  return group === "" ? resource : `${resource}.${group}`;
}

export function notFound(resource: string, group: string, name: string): StatusError {
  return new StatusError(404, "NotFound", `${qualified(resource, group)} "${name}" not found`, {
    name,
    group,
    kind: resource,
  });
}

export function alreadyExists(resource: string, group: string, name: string): StatusError {
  return new StatusError(
    409,
    "AlreadyExists",
    `${qualified(resource, group)} "${name}" already exists`,
    { name, group, kind: resource },
  );
}

export function conflict(resource: string, group: string, name: string): StatusError {
  return new StatusError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group, kind: resource },
  );
}

export function invalid(
  kind: string,
  group: string,
  name: string,
  causes: Array<{ field: string; reason: string; message: string }>,
): StatusError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(", ");
  const shown = causes.length > 1 ? `[${text}]` : text;
  return new StatusError(
    422,
    "Invalid",
    `${group === "" ? kind : `${kind}.${group}`} "${name}" is invalid: ${shown}`,
    { name, group, kind, causes },
  );
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, "BadRequest", message);
}

export function methodNotAllowed(method: string): StatusError {
  return new StatusError(
    405,
    "MethodNotAllowed",
    `the server does not allow this method on the requested resource`,
    { causes: [{ reason: "MethodNotAllowed", message: `method ${method} not allowed` }] },
  );
}

export function pathNotFound(): StatusError {
  return new StatusError(404, "NotFound", "the server could not find the requested resource", {});
}

export function unsupportedMediaType(contentType: string): StatusError {
  return new StatusError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`,
  );
}

/** The real server's answer when none of the Accept media types can be produced. */
export function notAcceptable(): StatusError {
  return new StatusError(
    406,
    "NotAcceptable",
    "only the following media types are accepted: application/json",
  );
}

export function expired(message: string): StatusError {
  return new StatusError(410, "Expired", message);
}

export function internalError(message: string): StatusError {
  return new StatusError(500, "InternalError", `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

/** The reason the real server uses for an HTTP status, for injected faults. */
export function reasonForCode(code: number): string {
  const reasons: Record<number, string> = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    409: "Conflict",
    410: "Expired",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "Timeout",
  };
  return reasons[code] ?? "Unknown";
}

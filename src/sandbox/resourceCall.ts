/** What a resource handler is given, and what reading one request means for all of them. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Cluster } from "./cluster.js";
import { parseBody, readBody } from "./http.js";
import type { FieldRequirement, Requirement } from "./selectors.js";
import { acceptedForm, metaVersion, partial, table } from "./table.js";
import type { Form } from "./table.js";
import type { KObject, ResourceType, WriteOptions } from "./types.js";

/** The resource a request's path names: `/api/v1/namespaces/default/pods/web/status`. */
export interface ResourceTarget {
  type: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** One request for a resource, with what the router found in its path. */
export interface ResourceCall {
  cluster: Cluster;
  target: ResourceTarget;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
}

/** A request for a collection: its label and field selectors are read before anything else. */
export interface CollectionCall extends ResourceCall {
  labels: Requirement[];
  fields: FieldRequirement[];
}

/** The form the client asked for (Accept) and the meta.k8s.io version of that form. */
export function formOf(call: ResourceCall): { form: Form; version: string } {
  const accept = call.req.headers.accept;
  return { form: acceptedForm(accept), version: metaVersion(accept) };
}

/** Renders objects in the asked-for form (Table, PartialObjectMetadata or the object itself). */
export function renderer(
  call: ResourceCall,
): (obj: KObject, tableOptions: { resourceVersion?: string; noHeaders?: boolean }) => unknown {
  const { form, version } = formOf(call);
  const includeObject = call.query.get("includeObject") ?? undefined;
  return (obj, tableOptions) => {
    if (form === "Table")
      return table(call.target.type, [obj], { includeObject, version, ...tableOptions });
    return form === "Object" ? obj : partial(obj, version);
  };
}

/** The query's `dryRun=All`. */
export function queryDryRun(call: ResourceCall): boolean {
  return call.query.getAll("dryRun").includes("All");
}

export function writeOptions(call: ResourceCall): WriteOptions {
  const { query, req, target } = call;
  return {
    dryRun: queryDryRun(call),
    fieldManager: query.get("fieldManager") ?? undefined,
    userAgent: req.headers["user-agent"],
    force: query.get("force") === "true",
    subresource: target.subresource === "finalize" ? undefined : target.subresource,
    fieldValidation: query.get("fieldValidation") ?? undefined,
    warnings: [],
  };
}

/** The warnings a write collected, as the real server sends them: `Warning: 299 - "…"`. */
export function sendWarnings(res: ServerResponse, opts: WriteOptions): void {
  const w = opts.warnings ?? [];
  if (w.length > 0 && !res.headersSent) {
    res.setHeader(
      "Warning",
      w.map((m) => `299 - ${JSON.stringify(m)}`),
    );
  }
}

/** The request body, decoded by its Content-Type (JSON, YAML or protobuf). */
export async function readObject(call: ResourceCall): Promise<unknown> {
  return parseBody(await readBody(call.req), call.req.headers["content-type"]);
}

/** The body of a request whose text is read as it is (patches). */
export async function readText(call: ResourceCall): Promise<string> {
  return (await readBody(call.req)).toString("utf8");
}

export interface DeleteOptions {
  dryRun: boolean;
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/**
 * A delete's options, from the query and the DeleteOptions body (the query wins). An empty body
 * is no body, whatever its Content-Type says (the real server does not decode one).
 */
export async function deleteOptions(call: ResourceCall): Promise<DeleteOptions> {
  const raw = await readBody(call.req);
  const body = (
    raw.length === 0 ? {} : (parseBody(raw, call.req.headers["content-type"]) ?? {})
  ) as Record<string, unknown>;
  return {
    dryRun: queryDryRun(call) || (Array.isArray(body.dryRun) && body.dryRun.includes("All")),
    propagationPolicy:
      call.query.get("propagationPolicy") ?? (body.propagationPolicy as string | undefined),
    preconditions: body.preconditions as DeleteOptions["preconditions"],
  };
}

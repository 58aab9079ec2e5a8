/** Lists in pages: `limit` and the opaque `continue` token, as the real API server answers them. */
import { badRequest } from "./errors.js";
import { objectId } from "./identity.js";
import type { FieldRequirement, Requirement } from "./selectors.js";
import type { KObject } from "./types.js";

export interface ListOptions {
  labels?: Requirement[];
  fields?: FieldRequirement[];
  limit?: number;
  continueToken?: string;
}

export interface ListResult {
  items: KObject[];
  resourceVersion: string;
  continueToken?: string;
  remaining?: number;
}

/** A continue token: the list's resourceVersion and the id of the last object served. */
interface ContinueToken {
  rv: string;
  after: string;
}

/** The id a continue token resumes after, or undefined when it is absent or unreadable. */
export function continueAfter(continueToken: string | undefined): string | undefined {
  if (continueToken === undefined || continueToken === "") return undefined;
  try {
    const token = JSON.parse(
      Buffer.from(continueToken, "base64").toString("utf8"),
    ) as ContinueToken;
    return typeof token.after === "string" ? token.after : undefined;
  } catch {
    return undefined;
  }
}

export const idOf = (o: KObject): string => objectId(o.metadata.namespace, o.metadata.name ?? "");

/**
 * One page of `items` (all of one list, sorted by id) at resourceVersion `rv`: the objects after
 * the continue token, at most `limit` of them, with a token for the rest.
 */
export function page(items: KObject[], rv: string, opts: ListOptions): ListResult {
  if (opts.continueToken !== undefined && opts.continueToken !== "") {
    let token: ContinueToken;
    try {
      token = JSON.parse(
        Buffer.from(opts.continueToken, "base64").toString("utf8"),
      ) as ContinueToken;
    } catch {
      throw badRequest(
        "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
      );
    }
    rv = token.rv;
    items = items.filter((o) => idOf(o) > token.after);
  }
  if (opts.limit !== undefined && opts.limit > 0 && items.length > opts.limit) {
    const served = items.slice(0, opts.limit);
    const last = served[served.length - 1];
    const after = last === undefined ? "" : idOf(last);
    return {
      items: served,
      resourceVersion: rv,
      continueToken: Buffer.from(JSON.stringify({ rv, after })).toString("base64"),
      remaining: items.length - served.length,
    };
  }
  return { items, resourceVersion: rv };
}

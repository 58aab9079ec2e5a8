import { WheelhouseError, errorMessage } from "../../errors.js";
import type { ObjectRef } from "../cluster/clusterAccess.js";
import { describeRef } from "../cluster/clusterAccess.js";
import { KubeConflictError } from "../../kube/errors.js";

/** An object exists that this release does not own; nothing was applied. */
export class OwnershipError extends WheelhouseError {
  constructor(readonly problems: string[]) {
    super("ownership", problems[0] ?? "ownership conflict", {
      ...(problems.length > 1 ? { details: problems.slice(1).join("\n") } : {}),
      hint: "wheelhouse never adopts an existing object silently: delete it, or label and annotate it for this release as helm expects",
    });
  }
}

/** Applying or deleting one object failed; names the object and keeps the cause. */
export class ApplyError extends WheelhouseError {
  constructor(
    readonly verb: "apply" | "delete",
    readonly ref: ObjectRef,
    cause: unknown,
    wording: { message?: string; hint?: string } = {},
  ) {
    super(
      "apply",
      wording.message ?? `failed to ${verb} ${describeRef(ref)}: ${errorMessage(cause)}`,
      {
        cause,
        ...(wording.hint ? { hint: wording.hint } : {}),
      },
    );
  }
}

/** A field another manager owns, from a server-side apply conflict. */
export interface FieldConflict {
  field: string;
  manager: string;
}

/** The conflicts of a refused server-side apply; empty for any other error. */
export function fieldConflicts(err: unknown): FieldConflict[] {
  if (!(err instanceof KubeConflictError)) return [];
  return err.causes.flatMap((cause) => {
    // The server says: conflict with "kubectl-edit" using apps/v1
    const manager = /conflict with "([^"]+)"/.exec(cause.message ?? "")?.[1];
    return cause.field && manager ? [{ field: cause.field, manager }] : [];
  });
}

/** Server-side apply refused: fields of the object belong to other field managers. */
export class FieldConflictError extends ApplyError {
  constructor(
    ref: ObjectRef,
    readonly conflicts: FieldConflict[],
    cause: unknown,
  ) {
    super("apply", ref, cause, {
      message: `failed to apply ${describeRef(ref)}: ${conflicts
        .map((c) => `${c.field} is owned by "${c.manager}"`)
        .join(", ")}`,
      hint: "another field manager changed these fields; --force-conflicts takes them over, or change them back or in the chart's values first",
    });
  }
}

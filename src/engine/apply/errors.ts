import { WheelhouseError, errorMessage } from "../../errors.js";
import type { ObjectRef } from "../cluster/clusterAccess.js";
import { describeRef } from "../cluster/clusterAccess.js";

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
  ) {
    super("apply", `failed to ${verb} ${describeRef(ref)}: ${errorMessage(cause)}`, { cause });
  }
}

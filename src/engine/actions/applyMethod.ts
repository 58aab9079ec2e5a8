import type { ApplyMethod, Release } from "../release/types.js";
import { ActionError } from "./errors.js";

/** `--server-side`: install takes true or false; upgrade and rollback also take "auto". */
export type ServerSideOption = boolean | "auto";

/**
 * How a revision is applied, as helm 4.1 decides it: `auto` keeps the method recorded on
 * `basis` — the latest revision for an upgrade, the target revision for a rollback. A record
 * without a method was written by helm 3, which always applied client-side.
 */
export function resolveApplyMethod(
  option: ServerSideOption,
  basis: Pick<Release, "apply_method"> | undefined,
): ApplyMethod {
  if (option === "auto") return basis?.apply_method === "ssa" ? "ssa" : "csa";
  return option ? "ssa" : "csa";
}

/** The method of a new revision, checked against --force-conflicts as helm 4 checks it. */
export function applyMethodFor(
  options: { serverSide?: ServerSideOption; forceConflicts?: boolean },
  basis: Pick<Release, "apply_method" | "version"> | undefined,
): ApplyMethod {
  const option = options.serverSide ?? "auto";
  const method = resolveApplyMethod(option, basis);
  const why =
    option === "auto" && basis
      ? `revision ${basis.version} was applied client-side (by helm 3, or with --server-side=false) and --server-side=auto keeps that`
      : "--server-side=false applies client-side";
  assertForceAllowed(method, options.forceConflicts, why);
  return method;
}

/**
 * helm 4 refuses to force conflicts under client-side apply, where no field has an owner to
 * take over; saying why the method is client-side spares the user a guess.
 */
export function assertForceAllowed(
  method: ApplyMethod,
  forceConflicts: boolean | undefined,
  why: string,
): void {
  if (method === "csa" && forceConflicts) {
    throw new ActionError(`--force-conflicts needs server-side apply, but ${why}`, {
      hint: "pass --server-side=true to apply server-side, or drop --force-conflicts",
    });
  }
}

import { randomBytes } from "node:crypto";
import type { Release } from "../release/types.js";
import { RecordConflictError } from "../storage/errors.js";
import type { ActionContext } from "./context.js";
import { ActionError } from "./errors.js";

/**
 * The annotation a claim writes on the storage object of the revision it takes. Its value only
 * has to be new, so that the claim is a real write that moves the record's resourceVersion (an
 * API server answers a write that changes nothing without writing); helm ignores it and drops it
 * on its next update of the record.
 */
export const CLAIM_ANNOTATION = "wheelhouse.dev/claim";

/**
 * Takes the release for an operation that has just created revision `created` on top of `base`,
 * the latest revision it was planned on (docs/release-storage.md#claiming-the-latest-revision).
 * Creating `created` already excluded every other install, upgrade and rollback; claiming `base`
 * excludes an uninstall, which marks `base` instead of creating a revision: `base` is read again
 * and rewritten under its resourceVersion — unchanged but for the claim, and for `change` — if it
 * still has the status the operation was planned on. If it does not (an uninstall marked it), or
 * is gone, the operation lost: `created` is deleted again, nothing having been applied or pruned,
 * and the error says why.
 */
export async function claimBase(
  ctx: ActionContext,
  base: Release,
  created: Release,
  operation: string,
  change?: (base: Release) => void,
): Promise<void> {
  const claim = `revision ${created.version} ${randomBytes(6).toString("hex")}`;
  let moved: Release | undefined;
  let claimed: Release | undefined;
  try {
    claimed = await ctx.storage.modify(
      base.namespace,
      base.name,
      base.version,
      (current) => {
        if (current.info.status !== base.info.status) {
          moved = current;
          return false;
        }
        change?.(current);
        return true;
      },
      { annotations: { [CLAIM_ANNOTATION]: claim } },
    );
  } catch (err) {
    // Not claimed (the server went away, or writers kept winning): nothing was applied, so the
    // new revision goes again if it can; if not, it stays pending for `recover`.
    await withdraw(ctx, created).catch(() => undefined);
    throw err;
  }
  if (moved) {
    await withdraw(ctx, created);
    throw new ActionError(
      `revision ${base.version} of "${base.name}" changed to ${moved.info.status} meanwhile: this ${operation} applied nothing and withdrew revision ${created.version}`,
      {
        hint:
          moved.info.status === "uninstalling"
            ? "another client is uninstalling the release"
            : `see \`wheelhouse history ${base.name} -n ${base.namespace}\` and try again`,
      },
    );
  }
  if (!claimed) {
    await withdraw(ctx, created);
    throw new ActionError(
      `revision ${base.version} of "${base.name}" was deleted meanwhile (the release was uninstalled by another client): this ${operation} applied nothing and withdrew revision ${created.version}`,
    );
  }
}

/**
 * Deletes a revision its operation created but lost the release for — only as it was created:
 * if another client has written it since, it is theirs to explain and stays.
 */
async function withdraw(ctx: ActionContext, created: Release): Promise<void> {
  try {
    await ctx.storage.delete(created.namespace, created.name, created.version, {
      ...(created.resourceVersion !== undefined ? { ifVersion: created.resourceVersion } : {}),
    });
  } catch (err) {
    if (!(err instanceof RecordConflictError)) throw err;
  }
}

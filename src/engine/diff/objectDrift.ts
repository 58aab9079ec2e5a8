import { driftFields, type LocatedDrift } from "./driftFields.js";
import { fieldOwners } from "./fieldOwners.js";
import { projectLive } from "./liveProjection.js";
import { foldStringData } from "./maskSecrets.js";

type Obj = Record<string, unknown>;

/**
 * One object's drift (docs/release-storage.md#drift): `desired` as a manifest has it, `live` as
 * read, `releaseManager` the field manager the release applies as.
 */
export function objectDrift(
  desired: Obj,
  live: Obj,
  releaseManager: string,
): { desired: Obj; projected: Obj; drift: LocatedDrift[] } {
  // The server keeps a Secret's stringData only as data; compare like with like.
  const folded = foldStringData(desired) as Obj;
  const owners = fieldOwners(live, releaseManager);
  const projected = projectLive(live, folded, owners);
  return { desired: folded, projected, drift: driftFields(folded, projected, owners) };
}

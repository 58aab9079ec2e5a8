/**
 * Which lists server-side apply tracks element by element (managedFields `k:` entries), by
 * field name. A real server reads x-kubernetes-list-map-keys from its schemas; this is the
 * sandbox's approximation. Strategic merge patch does not use it: it follows the kinds'
 * patch metadata (patchSchema.ts).
 */
import { isObject } from "./patch.js";

const LIST_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  hostAliases: "ip",
  conditions: "type",
  ownerReferences: "uid",
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
};

/** The key of list `field`: containers' ports by containerPort, a Service's by port. */
export function listKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === "ports") {
    const first = items.find(isObject);
    if (first === undefined) return undefined;
    return "containerPort" in first ? "containerPort" : "port";
  }
  return Object.hasOwn(LIST_KEYS, field) ? LIST_KEYS[field] : undefined;
}

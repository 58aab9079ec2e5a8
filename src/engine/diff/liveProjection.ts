type Obj = Record<string, unknown>;

/** Metadata the API server or helm itself sets; never part of what a chart asked for. */
const SERVER_METADATA = [
  "managedFields",
  "resourceVersion",
  "uid",
  "creationTimestamp",
  "generation",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
];

/**
 * The live object seen through the desired one: only fields the manifest
 * sets are kept, recursively, so values the server defaulted (and status,
 * managedFields, resourceVersion, timestamps) never show as drift, while a
 * field the manifest sets that was changed or removed in the cluster does.
 * Lists are compared element by element.
 */
export function projectLive(live: Obj, desired: Obj): Obj {
  const projected = projectValue(live, desired) as Obj;
  const metadata = projected.metadata as Obj | undefined;
  if (metadata) for (const key of SERVER_METADATA) delete metadata[key];
  delete projected.status;
  return projected;
}

function projectValue(live: unknown, desired: unknown): unknown {
  if (isObj(desired) && isObj(live)) {
    const out: Obj = {};
    for (const key of Object.keys(desired)) {
      if (key in live) out[key] = projectValue(live[key], desired[key]);
    }
    return out;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    return live.map((item, i) => (i < desired.length ? projectValue(item, desired[i]) : item));
  }
  return live;
}

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

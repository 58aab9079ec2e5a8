type Obj = Record<string, unknown>;

/**
 * Masks the values of a Secret pair the way helm-diff does, so a diff shows
 * which keys changed without showing their values: a value equal on both
 * sides becomes `REDACTED # (N bytes)`, a changed or one-sided value
 * `-------- # (N bytes)` before and `++++++++ # (N bytes)` after.
 * `stringData` is folded into `data` first, as the API server would.
 * Non-Secrets are returned untouched.
 */
export function maskSecretPair(
  before: Obj | undefined,
  after: Obj | undefined,
): { before?: Obj; after?: Obj } {
  if ((before && before.kind !== "Secret") || (after && after.kind !== "Secret")) {
    return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
  }
  const oldData = before ? secretBytes(before) : undefined;
  const newData = after ? secretBytes(after) : undefined;
  const mask = (
    data: Map<string, Buffer>,
    other: Map<string, Buffer> | undefined,
    changed: string,
  ) => {
    const out: Record<string, string> = {};
    for (const [key, value] of [...data.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const same = other?.get(key)?.equals(value) ?? false;
      out[key] = `${same ? "REDACTED" : changed} # (${value.length} bytes)`;
    }
    return out;
  };
  const result: { before?: Obj; after?: Obj } = {};
  if (before && oldData) result.before = withData(before, mask(oldData, newData, "--------"));
  if (after && newData) result.after = withData(after, mask(newData, oldData, "++++++++"));
  return result;
}

/** A Secret's values as bytes: `data` decoded from base64, `stringData` on top. */
function secretBytes(secret: Obj): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const data = secret.data;
  if (data && typeof data === "object") {
    for (const [k, v] of Object.entries(data as Obj))
      out.set(k, Buffer.from(String(v ?? ""), "base64"));
  }
  const stringData = secret.stringData;
  if (stringData && typeof stringData === "object") {
    for (const [k, v] of Object.entries(stringData as Obj))
      out.set(k, Buffer.from(String(v ?? ""), "utf8"));
  }
  return out;
}

function withData(secret: Obj, data: Record<string, string>): Obj {
  const { stringData: _ignored, ...rest } = secret;
  return Object.keys(data).length > 0 ? { ...rest, data } : rest;
}

/**
 * A Secret as the API server stores it: `stringData` folded into base64
 * `data`. Other kinds are returned as they are.
 */
export function foldStringData(object: Obj): Obj {
  if (object.kind !== "Secret" || !object.stringData || typeof object.stringData !== "object")
    return object;
  const data: Record<string, string> = {};
  for (const [k, v] of secretBytes(object)) data[k] = v.toString("base64");
  const { stringData: _folded, ...rest } = object;
  return { ...rest, data };
}

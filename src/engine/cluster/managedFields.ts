/**
 * Moving an object from client-side to server-side apply without losing the
 * ability to remove fields (docs/release-storage.md#server-side-and-client-side-apply).
 *
 * helm 3 (and helm 4 in csa mode) writes objects with create/patch, so the API
 * server records the fields it set under the manager `helm` with operation
 * `Update`. A server-side apply under the same name is a different owner
 * (`helm`/`Apply`): fields the new manifest leaves out stay owned by the old
 * Update entry and are never removed. helm 4 rewrites the entries first, as
 * client-go's csaupgrade does; this is the same rewrite.
 */

/** One entry of metadata.managedFields. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: FieldSet;
  subresource?: string;
  [key: string]: unknown;
}

/** FieldsV1: a trie of "f:name", "k:{...}", "v:..." and "i:N" keys with "." marking a set member. */
export type FieldSet = { [path: string]: FieldSet };

const LAST_APPLIED = "f:kubectl.kubernetes.io/last-applied-configuration";

const isClientSide = (manager: string) => (e: ManagedFieldsEntry) =>
  e.manager === manager && e.operation === "Update" && !e.subresource;

/**
 * The managedFields with `manager`'s Update entry folded into its Apply
 * entry (which it becomes when there is none), or undefined when there is
 * nothing to fold. Only an Update entry of the same apiVersion as the Apply
 * entry is merged, and the last-applied annotation never carries over.
 */
export function upgradeClientSideManager(
  entries: readonly ManagedFieldsEntry[],
  manager: string,
): ManagedFieldsEntry[] | undefined {
  const clientSide = isClientSide(manager);
  if (!entries.some(clientSide)) return undefined;
  const next = entries.map((e) => ({ ...e }));
  let target = next.findIndex(
    (e) => e.manager === manager && e.operation === "Apply" && !e.subresource,
  );
  if (target === -1) {
    target = next.findIndex(clientSide);
    next[target] = { ...next[target]!, operation: "Apply" };
  }
  const apply = next[target]!;
  const source = entries.find((e) => clientSide(e) && e.apiVersion === apply.apiVersion);
  apply.fieldsType = "FieldsV1";
  apply.fieldsV1 = withoutLastApplied(union(apply.fieldsV1 ?? {}, source?.fieldsV1 ?? {}));
  return next.filter((e, i) => i === target || !clientSide(e));
}

function union(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { ...a };
  for (const [key, child] of Object.entries(b)) {
    out[key] = Object.hasOwn(a, key) ? union(a[key]!, child) : child;
  }
  return out;
}

function withoutLastApplied(fields: FieldSet): FieldSet {
  const annotations = fields["f:metadata"]?.["f:annotations"];
  if (!annotations || !(LAST_APPLIED in annotations)) return fields;
  const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
  return {
    ...fields,
    "f:metadata": { ...fields["f:metadata"], "f:annotations": rest },
  };
}

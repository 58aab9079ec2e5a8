import { isDeepStrictEqual } from "node:util";
import {
  formatFieldPath,
  itemSegment,
  overlaps,
  type FieldOwner,
  type FieldPath,
} from "./fieldOwners.js";
import type { DriftField } from "./types.js";

/** A drifted field with its path as steps, to look its value up in other objects. */
export interface LocatedDrift {
  field: DriftField;
  steps: FieldPath;
  /** The live value at the field; undefined when it was removed live. */
  live: unknown;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields where the projected live object differs from the desired one, each named with the
 * managers (other than the release's and the controllers) that own it live
 * (docs/release-storage.md#drift). A map or list someone added counts one field per key or item;
 * a list item counts as one field however many fields it has.
 */
export function driftFields(desired: Obj, projected: Obj, owners: FieldOwner[]): LocatedDrift[] {
  const found: Array<{ path: FieldPath; change: DriftField["change"]; live: unknown }> = [];
  const walk = (want: unknown, have: unknown, path: FieldPath, inItem: boolean): void => {
    if (isDeepStrictEqual(want, have)) return;
    const record = (): void => {
      found.push({
        path,
        live: have,
        change: want === undefined ? "added" : have === undefined ? "removed" : "changed",
      });
    };
    const maps = (isObj(want) || want === undefined) && (isObj(have) || have === undefined);
    const lists =
      (Array.isArray(want) || want === undefined) && (Array.isArray(have) || have === undefined);
    const whole = inItem && (want === undefined || have === undefined);
    if (maps && !whole && Object.keys({ ...(want as Obj), ...(have as Obj) }).length > 0) {
      const [a, b] = [(want ?? {}) as Obj, (have ?? {}) as Obj];
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        walk(a[key], b[key], [...path, `f:${key}`], false);
      }
      return;
    }
    if (
      lists &&
      !whole &&
      ((want as unknown[]) ?? []).length + ((have as unknown[]) ?? []).length
    ) {
      const items = new Map<string, [unknown, unknown]>();
      ((have ?? []) as unknown[]).forEach((item, i) =>
        items.set(itemSegment(item, i), [undefined, item]),
      );
      ((want ?? []) as unknown[]).forEach((item, i) => {
        const seg = itemSegment(item, i);
        items.set(seg, [item, items.get(seg)?.[1]]);
      });
      for (const [seg, [a, b]] of items) walk(a, b, [...path, seg], true);
      return;
    }
    record();
  };
  walk(desired, projected, [], false);
  return found.map(({ path, change, live }) => ({
    steps: path,
    live,
    field: {
      path: formatFieldPath(path),
      change,
      managers: [
        ...new Set(
          owners
            .filter((o) => o.role === "other" && o.paths.some((p) => overlaps(p, path)))
            .map((o) => o.manager),
        ),
      ],
    },
  }));
}

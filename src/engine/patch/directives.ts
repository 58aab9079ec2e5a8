/** The keys of a strategic merge patch that are instructions rather than fields. */
export const PATCH_DIRECTIVE = "$patch";
export const DELETE = "delete";
export const REPLACE = "replace";
export const RETAIN_KEYS = "$retainKeys";
export const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
export const SET_ELEMENT_ORDER = "$setElementOrder";

/** `$deleteFromPrimitiveList/finalizers`, `$setElementOrder/containers`: lists beside a list. */
export function parallelKey(prefix: string, field: string): string {
  return `${prefix}/${field}`;
}

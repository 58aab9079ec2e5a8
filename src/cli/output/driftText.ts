import type { DriftField, ResourceDiff } from "../../engine/diff/types.js";
import { visibleText } from "../../visibleText.js";
import { paint } from "./style.js";

/** `changed by kubectl-edit`, or just `changed` when no manager but the release's owns it. */
export function driftVerb(field: DriftField): string {
  return field.managers.length > 0
    ? `${field.change} by ${field.managers.join(", ")}`
    : field.change;
}

/**
 * Under a drifted resource's hunks: each field that differs live and who changed it, from
 * managedFields (docs/release-storage.md#drift). Nothing for other diffs.
 */
export function driftLines(resource: ResourceDiff, color: boolean): string[] {
  if (!resource.drift?.length) return [];
  return [
    paint(color, "cyan", "fields changed live:"),
    ...resource.drift.map((f) => `  ${visibleText(f.path)}  ${driftVerb(f)}`),
  ];
}

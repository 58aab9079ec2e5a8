import type { LiveChange } from "../../engine/actions/liveDrift.js";
import type { ApplyPolicy } from "../../engine/diff/overwrites.js";
import type { DriftField, ResourceDiff } from "../../engine/diff/types.js";
import { groupOf } from "../../engine/manifest/resourceKey.js";
import { visible, visibleText } from "../../visibleText.js";
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

const POLICY = {
  csa: "client-side apply: a three-way merge",
  ssa: "server-side apply without --force-conflicts",
  "ssa-force": "server-side apply with --force-conflicts",
} as const;

/**
 * After an upgrade or rollback preview: each live change and what the operation does to it
 * (docs/release-storage.md#drift-an-upgrade-overwrites). Nothing when nothing drifted.
 */
export function formatLiveChanges(
  changes: LiveChange[],
  policy: ApplyPolicy,
  operation: "upgrade" | "rollback",
  color: boolean,
): string {
  if (changes.length === 0) return "";
  const key = policy.method === "csa" ? "csa" : policy.force ? "ssa-force" : "ssa";
  const out = [
    paint(
      color,
      "yellow",
      `Live changes, and what this ${operation} does to them (${POLICY[key]}):`,
    ),
  ];
  let last = "";
  for (const c of changes) {
    const r = c.resource;
    const heading = visible`${r.namespace ?? ""}, ${r.name}, ${r.kind} (${groupOf(r.apiVersion) || r.apiVersion}):`;
    if (heading !== last) out.push(heading);
    last = heading;
    const fate = paint(color, FATE_COLOR[c.fate], c.fate);
    out.push(`  ${visibleText(c.field.path)}  ${driftVerb(c.field)}: ${fate}`);
  }
  const counts = (["overwritten", "kept", "conflict", "deleted"] as const)
    .map((fate) => [fate, changes.filter((c) => c.fate === fate).length] as const)
    .filter(([, n]) => n > 0)
    .map(([fate, n]) => `${n} ${fate}`);
  out.push(`${changes.length} live change${changes.length === 1 ? "" : "s"}: ${counts.join(", ")}`);
  if (changes.some((c) => c.fate === "conflict")) {
    out.push(
      `the ${operation} fails on conflicts unless --force-conflicts takes those fields over`,
    );
  }
  return out.join("\n") + "\n";
}

const FATE_COLOR = {
  overwritten: "red",
  deleted: "red",
  conflict: "yellow",
  kept: "green",
} as const;

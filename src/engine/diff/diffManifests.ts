import { diffLines } from "diff";
import { versionedResourceId } from "../manifest/resourceKey.js";
import type { DiffLine, DiffSubject, ManifestDiff, ResourceDiff } from "./types.js";

/**
 * Diffs two sets of resources one resource at a time. Resources keep the
 * order of `after` (install order), with removed ones following in the order
 * of `before`. Unchanged resources are detected by text equality before any
 * line diff is computed, so large releases with few changes stay cheap.
 */
export function diffManifests(before: DiffSubject[], after: DiffSubject[]): ManifestDiff {
  const old = new Map(before.map((s) => [versionedResourceId(s), s]));
  const seen = new Set<string>();
  const resources: ResourceDiff[] = [];
  for (const next of after) {
    const id = versionedResourceId(next);
    seen.add(id);
    const prev = old.get(id);
    resources.push(resourceDiff(id, next, prev?.text, next.text));
  }
  for (const prev of before) {
    const id = versionedResourceId(prev);
    if (!seen.has(id)) resources.push(resourceDiff(id, prev, prev.text, undefined));
  }
  const summary = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const r of resources) summary[r.change]++;
  return { resources, summary };
}

function resourceDiff(
  id: string,
  subject: DiffSubject,
  before: string | undefined,
  after: string | undefined,
): ResourceDiff {
  const base = {
    id,
    apiVersion: subject.apiVersion,
    kind: subject.kind,
    ...(subject.namespace !== undefined ? { namespace: subject.namespace } : {}),
    name: subject.name,
  };
  if (before === undefined) {
    const lines = splitLines(after ?? "").map((text, i): DiffLine => ({
      op: "add",
      text,
      newLine: i + 1,
    }));
    return { ...base, change: "added", lines, added: lines.length, removed: 0 };
  }
  if (after === undefined) {
    const lines = splitLines(before).map((text, i): DiffLine => ({
      op: "remove",
      text,
      oldLine: i + 1,
    }));
    return { ...base, change: "removed", lines, added: 0, removed: lines.length };
  }
  if (normalise(before) === normalise(after)) {
    const lines = splitLines(after).map((text, i): DiffLine => ({
      op: "context",
      text,
      oldLine: i + 1,
      newLine: i + 1,
    }));
    return { ...base, change: "unchanged", lines, added: 0, removed: 0 };
  }
  const lines = lineDiff(normalise(before), normalise(after));
  const added = lines.filter((l) => l.op === "add").length;
  const removed = lines.filter((l) => l.op === "remove").length;
  return { ...base, change: "changed", lines, added, removed };
}

function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    for (const text of splitLines(part.value)) {
      if (part.added) out.push({ op: "add", text, newLine: newLine++ });
      else if (part.removed) out.push({ op: "remove", text, oldLine: oldLine++ });
      else out.push({ op: "context", text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return out;
}

/** Trailing whitespace at the end of a document is not a change anyone cares about. */
function normalise(text: string): string {
  return text.replace(/\s+$/, "") + "\n";
}

function splitLines(text: string): string[] {
  const trimmed = text.replace(/\n$/, "");
  return trimmed === "" ? [] : trimmed.split("\n");
}

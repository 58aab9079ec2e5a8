import { Box } from "ink";
import React from "react";
import type { LiveChange } from "../../engine/actions/liveDrift.js";
import { fit } from "../format.js";
import { useTheme } from "../theme.js";
import { Text } from "../text.js";

/** Lines the note takes at most, so the diff keeps the screen. */
export const LIVE_CHANGES_LINES = 4;

const ORDER = ["conflict", "overwritten", "deleted", "kept"] as const;

/**
 * Above a plan's diff: the live changes (drift) and what the operation does to each
 * (docs/release-storage.md#drift-an-upgrade-overwrites), the ones it loses first.
 */
export function liveChangeLines(changes: LiveChange[], max = LIVE_CHANGES_LINES): string[] {
  if (changes.length === 0) return [];
  const counts = ORDER.map((fate) => [fate, changes.filter((c) => c.fate === fate).length] as const)
    .filter(([, n]) => n > 0)
    .map(([fate, n]) => `${n} ${fate}`);
  const sorted = [...changes].sort((a, b) => ORDER.indexOf(a.fate) - ORDER.indexOf(b.fate));
  const room = max - 1;
  const shown = sorted.length > room ? sorted.slice(0, room - 1) : sorted;
  const lines = shown.map((c) => {
    const who = c.field.managers.length > 0 ? `  (${c.field.managers.join(", ")})` : "";
    return `  ${fit(c.fate, 12)}${c.resource.kind} ${c.resource.name}  ${c.field.path}${who}`;
  });
  if (shown.length < sorted.length) lines.push(`  … ${sorted.length - shown.length} more`);
  // The UI never forces: a conflict makes the operation fail, which the user should know first.
  const why = changes.some((c) => c.fate === "conflict")
    ? " · a conflict fails it (server-side apply without --force-conflicts)"
    : "";
  return [`Live changes: ${counts.join(", ")}${why}`, ...lines];
}

export function LiveChangesNote(props: { changes: LiveChange[] }) {
  const theme = useTheme();
  const lines = liveChangeLines(props.changes);
  if (lines.length === 0) return null;
  const loses = props.changes.some((c) => c.fate !== "kept");
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} color={theme.color(i === 0 && loses ? "warn" : "dim")} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}

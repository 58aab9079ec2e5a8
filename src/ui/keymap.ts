import type { KeyContext } from "./keyContext.js";
import type { KeyEffect } from "./keys/keyTarget.js";
import { displayKey } from "./keys/keyNames.js";

/** One row of the key table: adding a key is adding one of these. */
export interface KeyRow {
  /** Names the binding: help and hints list each name once, however many rows share it. */
  name: string;
  /** Key names as `keyName` spells them. */
  keys: string[];
  /** How hints and the README show the keys, when not simply the keys ("j/↓"). */
  label?: string;
  help: string;
  when: (c: KeyContext) => boolean;
  /** Changes the cluster: hidden and refused under --readonly. */
  mutating?: boolean;
  /** Shown in the one-line hint bar, with this short text. */
  hint?: string;
  /** What pressing it does: events to the app actor, or a change of the UI's own state. */
  effect: KeyEffect;
}

export type Binding = KeyRow & { label: string };

/** Bindings in priority order: the first whose keys match and whose `when` holds wins. */
export type Keymap = readonly Binding[];

export function keymapOf(rows: readonly KeyRow[]): Keymap {
  return rows.map((row) => ({ ...row, label: row.label ?? row.keys.map(displayKey).join("/") }));
}

export function bindingAllowed(b: Binding, c: KeyContext): boolean {
  return b.when(c) && !(b.mutating && c.readonly);
}

export function resolveKey(keymap: Keymap, name: string, c: KeyContext): Binding | undefined {
  return keymap.find((b) => b.keys.includes(name) && bindingAllowed(b, c));
}

/**
 * Every binding usable now, once per name, for help, hints and the README: the
 * first binding gives the text, and the keys of later ones of the same name are added.
 */
export function activeBindings(keymap: Keymap, c: KeyContext): Binding[] {
  const byName = new Map<string, Binding>();
  for (const b of keymap) {
    if (!bindingAllowed(b, c)) continue;
    const first = byName.get(b.name);
    if (first) first.keys = [...first.keys, ...b.keys.filter((k) => !first.keys.includes(k))];
    else byName.set(b.name, { ...b, keys: [...b.keys] });
  }
  return [...byName.values()];
}

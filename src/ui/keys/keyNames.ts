import type { Key } from "ink";

/** A stable name for a keypress: "j", "G", "return", "shift+tab", "ctrl+c", "space". */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return "up";
  if (key.downArrow) return "down";
  if (key.leftArrow) return "left";
  if (key.rightArrow) return "right";
  if (key.pageUp) return "pageUp";
  if (key.pageDown) return "pageDown";
  if (key.return) return "return";
  if (key.escape) return "escape";
  if (key.tab) return key.shift ? "shift+tab" : "tab";
  if (key.backspace) return "backspace";
  if (key.delete) return "delete";
  if ((key as { home?: boolean }).home) return "home";
  if ((key as { end?: boolean }).end) return "end";
  if (key.ctrl) return `ctrl+${input}`;
  if (input === " ") return "space";
  return input;
}

const DISPLAY: Record<string, string> = {
  up: "↑",
  down: "↓",
  left: "←",
  right: "→",
  return: "Enter",
  escape: "Esc",
  tab: "Tab",
  "shift+tab": "S-Tab",
  space: "Space",
  pageUp: "PgUp",
  pageDown: "PgDn",
  backspace: "⌫",
  delete: "Del",
  home: "Home",
  end: "End",
  "ctrl+c": "C-c",
  "ctrl+d": "C-d",
  "ctrl+u": "C-u",
};

/** How a key name is shown to the user. */
export function displayKey(k: string): string {
  return DISPLAY[k] ?? k;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
} as Key;

/** One character of a multi-character chunk as Ink would have reported it alone. */
export function splitKey(ch: string): [string, Key] {
  const code = ch.charCodeAt(0);
  if (ch === "\r" || ch === "\n") return ["", { ...NO_KEY, return: true }];
  if (ch === "\t") return ["", { ...NO_KEY, tab: true }];
  if (ch === "\u007f" || ch === "\b") return ["", { ...NO_KEY, backspace: true }];
  if (ch === "\u001b") return ["", { ...NO_KEY, escape: true }];
  if (code > 0 && code < 27) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
  return [ch, { ...NO_KEY, shift: ch !== ch.toLowerCase() }];
}

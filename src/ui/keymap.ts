import type { Key } from "ink";
import type { Pane, ViewKind } from "../state/appTypes.js";
import type { StateScreen } from "../state/selectors.js";

/**
 * Where the keyboard is: the screen the statechart shows (named by its states'
 * tags), or one of the UI's own overlays over it.
 */
export type Screen = StateScreen | "filter" | "command" | "help";

export interface KeyContext {
  screen: Screen;
  focus: Pane;
  /** The view the detail pane shows, when one is open. */
  view?: ViewKind;
  readonly: boolean;
  /** At least 160 columns: side-by-side diffs are possible. */
  wide: boolean;
}

export type Action =
  | "move.down"
  | "move.up"
  | "page.down"
  | "page.up"
  | "first"
  | "last"
  | "focus.next"
  | "focus.prev"
  | "open"
  | "back"
  | "filter"
  | "command"
  | "help"
  | "help.close"
  | "upgrade"
  | "rollback"
  | "diff"
  | "uninstall"
  | "manifest"
  | "values"
  | "status"
  | "notes"
  | "mark"
  | "refresh"
  | "quit"
  | "diff.next"
  | "diff.prev"
  | "diff.secrets"
  | "diff.sideBySide"
  | "diff.moreContext"
  | "diff.lessContext"
  | "flow.next"
  | "flow.cancel"
  | "flow.dismiss"
  | "flow.retry"
  | "confirm.yes"
  | "confirm.no"
  | "confirm.toggle"
  | "confirm.choose"
  | "values.reuse"
  | "values.reset"
  | "values.edit"
  | "uninstall.keepHistory"
  | "input.submit"
  | "input.cancel"
  | "input.erase";

export interface Binding {
  /** Key names as `keyName` spells them. */
  keys: string[];
  /** How the help overlay and hint line show the keys. */
  label: string;
  action: Action;
  help: string;
  when: (c: KeyContext) => boolean;
  /** Changes the cluster: hidden and refused under --readonly. */
  mutating?: boolean;
  /** Shown in the one-line hint bar, with this short text. */
  hint?: string;
}

const browse = (c: KeyContext) => c.screen === "browse";
const inList = (c: KeyContext) => browse(c) && c.focus !== "detail";
const inViewer = (c: KeyContext) =>
  (browse(c) && c.focus === "detail") || c.screen === "review" || c.screen === "result";
const inDiff = (c: KeyContext) =>
  (browse(c) && c.focus === "detail" && c.view === "diff") || c.screen === "review";
const dialog = (c: KeyContext) => c.screen === "confirm" || c.screen === "quit";
const textInput = (c: KeyContext) =>
  c.screen === "filter" ||
  c.screen === "command" ||
  c.screen === "upgrade.chart" ||
  c.screen === "uninstall.confirm";

/**
 * Every key of the app, in priority order: the first binding whose keys match
 * and whose `when` holds wins. Handlers and the `?` overlay both read this.
 */
export const KEYMAP: readonly Binding[] = [
  // Dialogs and text inputs take the keyboard first.
  { keys: ["y"], label: "y", action: "confirm.yes", help: "Yes", when: dialog, hint: "yes" },
  {
    keys: ["n", "escape"],
    label: "n/Esc",
    action: "confirm.no",
    help: "No",
    when: dialog,
    hint: "no",
  },
  {
    keys: ["left", "right", "tab", "h", "l"],
    label: "←→",
    action: "confirm.toggle",
    help: "Switch between No and Yes",
    when: dialog,
  },
  {
    keys: ["return"],
    label: "Enter",
    action: "confirm.choose",
    help: "Answer the highlighted choice (No unless moved)",
    when: dialog,
    hint: "answer",
  },
  {
    keys: ["tab"],
    label: "Tab",
    action: "uninstall.keepHistory",
    help: "Toggle --keep-history",
    when: (c) => c.screen === "uninstall.confirm",
    hint: "keep history",
  },
  {
    keys: ["return"],
    label: "Enter",
    action: "input.submit",
    help: "Submit",
    when: textInput,
    hint: "submit",
  },
  {
    keys: ["escape"],
    label: "Esc",
    action: "input.cancel",
    help: "Cancel (clears a filter)",
    when: textInput,
    hint: "cancel",
  },
  {
    keys: ["backspace", "delete"],
    label: "⌫",
    action: "input.erase",
    help: "Erase a character",
    when: textInput,
  },
  {
    keys: ["escape", "?", "q"],
    label: "Esc/?",
    action: "help.close",
    help: "Close help",
    when: (c) => c.screen === "help",
    hint: "close",
  },
  {
    keys: ["r"],
    label: "r",
    action: "values.reuse",
    help: "Reuse the current values",
    when: (c) => c.screen === "upgrade.values",
    hint: "reuse values",
  },
  {
    keys: ["d"],
    label: "d",
    action: "values.reset",
    help: "Reset to the chart's defaults",
    when: (c) => c.screen === "upgrade.values",
    hint: "reset values",
  },
  {
    keys: ["e"],
    label: "e",
    action: "values.edit",
    help: "Edit the current values in $VISUAL/$EDITOR",
    when: (c) => c.screen === "upgrade.values",
    hint: "edit values",
  },
  // Diff viewer.
  {
    keys: ["n"],
    label: "n",
    action: "diff.next",
    help: "Next resource",
    when: inDiff,
    hint: "next res",
  },
  {
    keys: ["N"],
    label: "N",
    action: "diff.prev",
    help: "Previous resource",
    when: inDiff,
    hint: "prev res",
  },
  {
    keys: ["x"],
    label: "x",
    action: "diff.secrets",
    help: "Show or mask Secret values",
    when: inDiff,
    hint: "secrets",
  },
  {
    keys: ["t"],
    label: "t",
    action: "diff.sideBySide",
    help: "Side-by-side or unified (160+ columns)",
    when: (c) => inDiff(c) && c.wide,
    hint: "side-by-side",
  },
  { keys: ["]"], label: "]", action: "diff.moreContext", help: "More context lines", when: inDiff },
  {
    keys: ["["],
    label: "[",
    action: "diff.lessContext",
    help: "Fewer context lines",
    when: inDiff,
  },
  // Flows.
  {
    keys: ["return", "y"],
    label: "Enter",
    action: "flow.next",
    help: "Continue to confirmation",
    when: (c) => c.screen === "review",
    hint: "continue",
  },
  {
    keys: ["escape"],
    label: "Esc",
    action: "flow.cancel",
    help: "Cancel",
    when: (c) =>
      c.screen === "planning" ||
      c.screen === "review" ||
      c.screen === "upgrade.values" ||
      c.screen === "failed",
    hint: "cancel",
  },
  {
    keys: ["return", "escape"],
    label: "Enter/Esc",
    action: "flow.dismiss",
    help: "Close",
    when: (c) => c.screen === "result",
    hint: "close",
  },
  {
    keys: ["R"],
    label: "R",
    action: "flow.retry",
    help: "Retry",
    when: (c) => c.screen === "failed" || c.screen === "bootFailed",
    hint: "retry",
  },
  // Scrolling: lists move the cursor, viewers scroll.
  {
    keys: ["j", "down"],
    label: "j/↓",
    action: "move.down",
    help: "Down",
    when: (c) => inList(c) || inViewer(c),
    hint: "down",
  },
  {
    keys: ["k", "up"],
    label: "k/↑",
    action: "move.up",
    help: "Up",
    when: (c) => inList(c) || inViewer(c),
    hint: "up",
  },
  {
    keys: ["pageDown", "ctrl+d"],
    label: "PgDn",
    action: "page.down",
    help: "Page down",
    when: (c) => inList(c) || inViewer(c),
  },
  {
    keys: ["pageUp", "ctrl+u"],
    label: "PgUp",
    action: "page.up",
    help: "Page up",
    when: (c) => inList(c) || inViewer(c),
  },
  {
    keys: ["g", "home"],
    label: "g",
    action: "first",
    help: "First",
    when: (c) => inList(c) || inViewer(c),
  },
  {
    keys: ["G", "end"],
    label: "G",
    action: "last",
    help: "Last",
    when: (c) => inList(c) || inViewer(c),
  },
  // Browsing.
  {
    keys: ["tab", "l", "right"],
    label: "Tab/l",
    action: "focus.next",
    help: "Next pane",
    when: browse,
    hint: "pane",
  },
  {
    keys: ["shift+tab", "h", "left"],
    label: "h",
    action: "focus.prev",
    help: "Previous pane",
    when: browse,
  },
  {
    keys: ["return"],
    label: "Enter",
    action: "open",
    help: "Open: scope to namespace, release history, revision manifest",
    when: inList,
    hint: "open",
  },
  { keys: ["escape"], label: "Esc", action: "back", help: "Back (clears a mark)", when: browse },
  {
    keys: ["space"],
    label: "Space",
    action: "mark",
    help: "Mark a revision to diff against",
    when: (c) => browse(c) && c.focus === "history",
    hint: "mark",
  },
  {
    keys: ["/"],
    label: "/",
    action: "filter",
    help: "Filter the focused list",
    when: (c) => browse(c) && (c.focus === "releases" || c.focus === "namespaces"),
    hint: "filter",
  },
  {
    keys: [":"],
    label: ":",
    action: "command",
    help: "Command (:ns NAME, :ns all, :ctx NAME, :recover, :q)",
    when: (c) => browse(c) || c.screen === "bootFailed",
  },
  { keys: ["s"], label: "s", action: "status", help: "Status and resources", when: browse },
  { keys: ["m"], label: "m", action: "manifest", help: "Manifest", when: browse },
  { keys: ["v"], label: "v", action: "values", help: "Values", when: browse },
  { keys: ["n"], label: "n", action: "notes", help: "Notes", when: browse },
  {
    keys: ["d"],
    label: "d",
    action: "diff",
    help: "Diff: revision vs deployed, or the two marked",
    when: browse,
    hint: "diff",
  },
  {
    keys: ["u"],
    label: "u",
    action: "upgrade",
    help: "Upgrade",
    when: browse,
    mutating: true,
    hint: "upgrade",
  },
  {
    keys: ["r"],
    label: "r",
    action: "rollback",
    help: "Roll back to the selected revision",
    when: browse,
    mutating: true,
    hint: "rollback",
  },
  { keys: ["D"], label: "D", action: "uninstall", help: "Uninstall", when: browse, mutating: true },
  {
    keys: ["R"],
    label: "R",
    action: "refresh",
    help: "Refresh (retries a failed load)",
    when: browse,
  },
  {
    keys: ["?"],
    label: "?",
    action: "help",
    help: "Help: every key for this view",
    when: (c) => !textInput(c) && c.screen !== "help",
    hint: "help",
  },
  {
    keys: ["q"],
    label: "q",
    action: "quit",
    help: "Quit (asks while an operation runs)",
    when: (c) => !textInput(c) && !dialog(c) && c.screen !== "help",
    hint: "quit",
  },
  // Ctrl-C works everywhere: like q it asks while an operation runs; a second one quits.
  {
    keys: ["ctrl+c"],
    label: "C-c",
    action: "confirm.yes",
    help: "Quit anyway",
    when: (c) => c.screen === "quit",
  },
  { keys: ["ctrl+c"], label: "C-c", action: "quit", help: "Quit", when: () => true },
];

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

export function bindingAllowed(b: Binding, c: KeyContext): boolean {
  return b.when(c) && !(b.mutating && c.readonly);
}

export function resolveKey(name: string, c: KeyContext): Binding | undefined {
  return KEYMAP.find((b) => b.keys.includes(name) && bindingAllowed(b, c));
}

/**
 * Every binding usable now, once per action, for help and hints: the first
 * binding gives the text, and the keys of later ones for the same action are added.
 */
export function activeBindings(c: KeyContext): Binding[] {
  const byAction = new Map<Action, Binding>();
  for (const b of KEYMAP) {
    if (!bindingAllowed(b, c)) continue;
    const first = byAction.get(b.action);
    if (first) first.keys = [...first.keys, ...b.keys.filter((k) => !first.keys.includes(k))];
    else byAction.set(b.action, { ...b, keys: [...b.keys] });
  }
  return [...byAction.values()];
}

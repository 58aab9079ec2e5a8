import type { ViewKind } from "../../state/appTypes.js";
import { keymapOf, type KeyRow } from "../keymap.js";
import type { KeyContext } from "../keyContext.js";
import { send, type KeyEffect } from "./keyTarget.js";
import { lineCommandUsage } from "./lineCommands.js";
import { jumpResource, moveBy, moveTo, pageBy, toggleSecrets } from "./motion.js";
import {
  cancelText,
  eraseText,
  inTextField,
  startCommand,
  startFilter,
  submitText,
} from "./textFields.js";

const browse = (c: KeyContext) => c.screen === "browse";
const inList = (c: KeyContext) => browse(c) && c.focus !== "detail";
const inViewer = (c: KeyContext) =>
  (browse(c) && c.focus === "detail") || c.screen === "review" || c.screen === "result";
const scrolls = (c: KeyContext) => inList(c) || inViewer(c);
const inDiff = (c: KeyContext) =>
  (browse(c) && c.focus === "detail" && c.view === "diff") || c.screen === "review";
/** Views that show Secrets, masked until x: diffs and the manifest. */
const showsSecrets = (c: KeyContext) =>
  inDiff(c) || (browse(c) && c.focus === "detail" && c.view === "manifest");
const dialog = (c: KeyContext) => c.screen === "confirm" || c.screen === "quit";
const on = (screen: KeyContext["screen"]) => (c: KeyContext) => c.screen === screen;

/** A key that shows a view of the selected release or revision in the detail pane. */
const openView = (view: ViewKind, key: string, help: string, hint?: string): KeyRow => ({
  name: view,
  keys: [key],
  help,
  when: browse,
  ...(hint ? { hint } : {}),
  effect: send({ type: "VIEW.OPEN", view }),
});

/** The quit question answers the quit; every other dialog answers its flow. */
const yes: KeyEffect = (k) =>
  k.send(k.at.screen === "quit" ? { type: "QUIT.CONFIRM" } : { type: "CONFIRM" });
const no: KeyEffect = (k) =>
  k.send(k.at.screen === "quit" ? { type: "QUIT.CANCEL" } : { type: "DENY" });

/**
 * Every key of the app, in priority order: the first row whose keys match and
 * whose `when` holds wins. The keyboard handler, the hint line, the `?`
 * overlay and the README's key map all read this table.
 */
export const KEY_ROWS: readonly KeyRow[] = [
  // Dialogs and text inputs take the keyboard first.
  { name: "confirm.yes", keys: ["y"], help: "Yes", when: dialog, hint: "yes", effect: yes },
  { name: "confirm.no", keys: ["n", "escape"], help: "No", when: dialog, hint: "no", effect: no },
  {
    name: "confirm.toggle",
    keys: ["left", "right", "tab", "h", "l"],
    label: "←→",
    help: "Switch between No and Yes",
    when: dialog,
    effect: (k) => k.setConfirmYes((y) => !y),
  },
  {
    name: "confirm.choose",
    keys: ["return"],
    help: "Answer the highlighted choice (No unless moved)",
    when: dialog,
    hint: "answer",
    effect: (k) => (k.confirmYes ? yes : no)(k),
  },
  {
    name: "uninstall.keepHistory",
    keys: ["tab"],
    help: "Toggle --keep-history",
    when: on("uninstall.confirm"),
    hint: "keep history",
    effect: send({ type: "UNINSTALL.TOGGLE_KEEP_HISTORY" }),
  },
  {
    name: "input.submit",
    keys: ["return"],
    help: "Submit",
    when: inTextField,
    hint: "submit",
    effect: submitText,
  },
  {
    name: "input.cancel",
    keys: ["escape"],
    help: "Cancel (clears a filter)",
    when: inTextField,
    hint: "cancel",
    effect: cancelText,
  },
  {
    name: "input.erase",
    keys: ["backspace", "delete"],
    label: "⌫",
    help: "Erase a character",
    when: inTextField,
    effect: eraseText,
  },
  {
    name: "help.close",
    keys: ["escape", "?", "q"],
    label: "Esc/?",
    help: "Close help",
    when: on("help"),
    hint: "close",
    effect: (k) => k.setHelp(false),
  },
  {
    name: "values.reuse",
    keys: ["r"],
    help: "Reuse the current values",
    when: on("upgrade.values"),
    hint: "reuse values",
    effect: send({ type: "UPGRADE.VALUES", values: { mode: "reuse" } }),
  },
  {
    name: "values.reset",
    keys: ["d"],
    help: "Reset to the chart's defaults",
    when: on("upgrade.values"),
    hint: "reset values",
    effect: send({ type: "UPGRADE.VALUES", values: { mode: "reset" } }),
  },
  {
    name: "values.edit",
    keys: ["e"],
    help: "Edit the current values in $VISUAL/$EDITOR",
    when: on("upgrade.values"),
    hint: "edit values",
    effect: send({ type: "UPGRADE.EDIT" }),
  },
  // Diff viewer.
  {
    name: "diff.next",
    keys: ["n"],
    help: "Next resource",
    when: inDiff,
    hint: "next res",
    effect: jumpResource(1),
  },
  {
    name: "diff.prev",
    keys: ["N"],
    help: "Previous resource",
    when: inDiff,
    hint: "prev res",
    effect: jumpResource(-1),
  },
  {
    name: "diff.secrets",
    keys: ["x"],
    help: "Show or mask Secret values",
    when: showsSecrets,
    hint: "secrets",
    effect: toggleSecrets,
  },
  {
    name: "diff.sideBySide",
    keys: ["t"],
    help: "Side-by-side or unified (160+ columns)",
    when: (c) => inDiff(c) && c.wide,
    hint: "side-by-side",
    effect: (k) => k.setViewer((v) => ({ ...v, sideBySide: !v.sideBySide })),
  },
  {
    name: "diff.moreContext",
    keys: ["]"],
    help: "More context lines",
    when: inDiff,
    effect: (k) => k.setViewer((v) => ({ ...v, context: Math.min(20, v.context + 1) })),
  },
  {
    name: "diff.lessContext",
    keys: ["["],
    help: "Fewer context lines",
    when: inDiff,
    effect: (k) => k.setViewer((v) => ({ ...v, context: Math.max(0, v.context - 1) })),
  },
  // Values diffs (docs/chart-engine.md#values-diff).
  {
    name: "values.computed",
    keys: ["a"],
    help: "Values diff: user-supplied or computed values (chart defaults + user values)",
    when: (c) => (browse(c) && c.view === "valuesDiff") || c.screen === "review",
    // In a review, asking for computed values is asking to see the values.
    effect: (k) =>
      k.setViewer((v) =>
        k.at.screen === "review" && !v.valuesPreview
          ? { ...v, valuesPreview: true, computedValues: true, scroll: 0 }
          : { ...v, computedValues: !v.computedValues, scroll: 0 },
      ),
  },
  {
    name: "review.values",
    keys: ["V"],
    help: "Upgrade review: the values diff or the manifest diff",
    when: on("review"),
    effect: (k) => k.setViewer((v) => ({ ...v, valuesPreview: !v.valuesPreview, scroll: 0 })),
  },
  // Flows.
  {
    name: "flow.next",
    keys: ["return", "y"],
    label: "Enter",
    help: "Continue to confirmation",
    when: on("review"),
    hint: "continue",
    effect: send({ type: "NEXT" }),
  },
  {
    name: "flow.cancel",
    keys: ["escape"],
    help: "Cancel",
    when: (c) =>
      c.screen === "planning" ||
      c.screen === "upgrade.checking" ||
      c.screen === "review" ||
      c.screen === "upgrade.values" ||
      c.screen === "failed",
    hint: "cancel",
    effect: send({ type: "CANCEL" }),
  },
  {
    name: "flow.dismiss",
    keys: ["return", "escape"],
    help: "Close",
    when: on("result"),
    hint: "close",
    effect: send({ type: "DISMISS" }),
  },
  {
    name: "flow.retry",
    keys: ["R"],
    help: "Retry",
    when: (c) => c.screen === "failed" || c.screen === "bootFailed",
    hint: "retry",
    effect: send({ type: "RETRY" }),
  },
  // Scrolling: lists move the cursor, viewers scroll.
  {
    name: "move.down",
    keys: ["j", "down"],
    help: "Down",
    when: scrolls,
    hint: "down",
    effect: moveBy(1),
  },
  { name: "move.up", keys: ["k", "up"], help: "Up", when: scrolls, hint: "up", effect: moveBy(-1) },
  {
    name: "page.down",
    keys: ["pageDown", "ctrl+d"],
    label: "PgDn",
    help: "Page down",
    when: scrolls,
    effect: pageBy(1),
  },
  {
    name: "page.up",
    keys: ["pageUp", "ctrl+u"],
    label: "PgUp",
    help: "Page up",
    when: scrolls,
    effect: pageBy(-1),
  },
  {
    name: "first",
    keys: ["g", "home"],
    label: "g",
    help: "First",
    when: scrolls,
    effect: moveTo("first"),
  },
  {
    name: "last",
    keys: ["G", "end"],
    label: "G",
    help: "Last",
    when: scrolls,
    effect: moveTo("last"),
  },
  // Browsing.
  {
    name: "focus.next",
    keys: ["tab", "l", "right"],
    label: "Tab/l",
    help: "Next pane",
    when: browse,
    hint: "pane",
    effect: send({ type: "FOCUS.NEXT" }),
  },
  {
    name: "focus.prev",
    keys: ["shift+tab", "h", "left"],
    label: "h",
    help: "Previous pane",
    when: browse,
    effect: send({ type: "FOCUS.PREV" }),
  },
  {
    name: "open",
    keys: ["return"],
    help: "Open: scope to namespace, release history, revision manifest",
    when: inList,
    hint: "open",
    effect: send({ type: "OPEN" }),
  },
  {
    name: "back",
    keys: ["escape"],
    help: "Back (clears a mark)",
    when: browse,
    effect: send({ type: "BACK" }),
  },
  {
    name: "mark",
    keys: ["space"],
    help: "Mark a revision to diff against",
    when: (c) => browse(c) && c.focus === "history",
    hint: "mark",
    effect: send({ type: "MARK" }),
  },
  {
    name: "filter",
    keys: ["/"],
    help: "Filter the focused list",
    when: (c) => browse(c) && (c.focus === "releases" || c.focus === "namespaces"),
    hint: "filter",
    effect: startFilter,
  },
  {
    name: "command",
    keys: [":"],
    help: `Command (${lineCommandUsage()})`,
    when: (c) => browse(c) || c.screen === "bootFailed",
    effect: startCommand,
  },
  openView("status", "s", "Status and resources"),
  openView("manifest", "m", "Manifest"),
  openView("values", "v", "Values"),
  openView("notes", "n", "Notes"),
  openView("diff", "d", "Diff: revision vs deployed, or the two marked", "diff"),
  openView("valuesDiff", "V", "Values diff, path by path: revision vs deployed, or the two marked"),
  {
    name: "upgrade",
    keys: ["u"],
    help: "Upgrade",
    when: browse,
    mutating: true,
    hint: "upgrade",
    effect: send({ type: "UPGRADE.START" }),
  },
  {
    name: "rollback",
    keys: ["r"],
    help: "Roll back to the selected revision",
    when: browse,
    mutating: true,
    hint: "rollback",
    effect: send({ type: "ROLLBACK.START" }),
  },
  {
    name: "uninstall",
    keys: ["D"],
    help: "Uninstall",
    when: browse,
    mutating: true,
    effect: send({ type: "UNINSTALL.START" }),
  },
  {
    name: "refresh",
    keys: ["R"],
    help: "Refresh (retries a failed load)",
    when: browse,
    effect: send({ type: "RETRY" }, { type: "REFRESH" }),
  },
  {
    name: "help",
    keys: ["?"],
    help: "Help: every key for this view",
    when: (c) => !inTextField(c) && c.screen !== "help",
    hint: "help",
    effect: (k) => k.setHelp(true),
  },
  {
    name: "quit",
    keys: ["q"],
    help: "Quit (asks while an operation runs)",
    when: (c) => !inTextField(c) && !dialog(c) && c.screen !== "help",
    hint: "quit",
    effect: send({ type: "QUIT" }),
  },
  // Ctrl-C works everywhere: like q it asks while an operation runs; a second one quits.
  { name: "confirm.yes", keys: ["ctrl+c"], help: "Quit anyway", when: on("quit"), effect: yes },
  {
    name: "quit",
    keys: ["ctrl+c"],
    help: "Quit",
    when: () => true,
    effect: send({ type: "QUIT" }),
  },
];

export const KEYMAP = keymapOf(KEY_ROWS);

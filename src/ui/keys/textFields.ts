import { filteredPane, selectFlowText } from "../../state/selectors.js";
import type { KeyContext, Screen } from "../keyContext.js";
import { send, type KeyEffect, type KeyTarget } from "./keyTarget.js";
import { runLine } from "./lineCommands.js";

/** A line of text the keyboard types into while its screen is in front. */
interface TextField {
  text(k: KeyTarget): string;
  set(text: string, k: KeyTarget): void;
  submit: KeyEffect;
  cancel: KeyEffect;
}

/** Every text field of the UI, by the screen that shows it. */
const TEXT_FIELDS: Partial<Record<Screen, TextField>> = {
  filter: {
    text: (k) => k.input?.text ?? "",
    set: (text, k) => {
      k.setInput({ kind: "filter", text });
      k.send({ type: "FILTER.SET", text });
    },
    submit: (k) => k.setInput(undefined),
    cancel: (k) => {
      k.send({ type: "FILTER.SET", text: "" });
      k.setInput(undefined);
    },
  },
  command: {
    text: (k) => k.input?.text ?? "",
    set: (text, k) => k.setInput({ kind: "command", text }),
    submit: (k) => {
      const line = k.input?.text ?? "";
      k.setInput(undefined);
      runLine(line, k);
    },
    cancel: (k) => k.setInput(undefined),
  },
  "upgrade.chart": {
    text: (k) => selectFlowText(k.snap) ?? "",
    set: (chart, k) => k.send({ type: "UPGRADE.CHART", chart }),
    submit: send({ type: "NEXT" }),
    cancel: send({ type: "CANCEL" }),
  },
  "confirm.typed": {
    text: (k) => selectFlowText(k.snap) ?? "",
    set: (text, k) => k.send({ type: "CONFIRM.TYPE", text }),
    submit: send({ type: "CONFIRM" }),
    cancel: send({ type: "DENY" }),
  },
  "uninstall.confirm": {
    text: (k) => selectFlowText(k.snap) ?? "",
    set: (text, k) => k.send({ type: "UNINSTALL.TYPE", text }),
    submit: send({ type: "CONFIRM" }),
    cancel: send({ type: "CANCEL" }),
  },
};

/** Typed characters go to a text field here instead of being keys. */
export const inTextField = (c: KeyContext): boolean => TEXT_FIELDS[c.screen] !== undefined;

/** Adds typed characters to the field in front. */
export function typeText(k: KeyTarget, chars: string): void {
  const field = TEXT_FIELDS[k.at.screen];
  field?.set(field.text(k) + chars, k);
}

export const submitText: KeyEffect = (k) => TEXT_FIELDS[k.at.screen]?.submit(k);
export const cancelText: KeyEffect = (k) => TEXT_FIELDS[k.at.screen]?.cancel(k);
export const eraseText: KeyEffect = (k) => {
  const field = TEXT_FIELDS[k.at.screen];
  field?.set(field.text(k).slice(0, -1), k);
};

/** Opens the / filter on the focused list, with its current filter. */
export const startFilter: KeyEffect = (k) => {
  const pane = filteredPane(k.snap.context);
  if (pane) k.setInput({ kind: "filter", text: k.snap.context.filters[pane] });
};

export const startCommand: KeyEffect = (k) => k.setInput({ kind: "command", text: "" });

import { useInput, type Key } from "ink";
import { useAppActorContext } from "../contexts/AppActorContext.js";
import { useKeymap } from "../contexts/KeymapContext.js";
import { useUiState } from "../contexts/UiStateContext.js";
import { resolveKey } from "../keymap.js";
import { keyContextOf } from "../keyContext.js";
import { keyName, splitKey } from "../keys/keyNames.js";
import type { KeyTarget } from "../keys/keyTarget.js";
import { inTextField, typeText } from "../keys/textFields.js";
import { listPageOf } from "../layouts/panes.js";
import { screenOf } from "../screen.js";
import type { Layout } from "./useLayout.js";

/**
 * The only input handler: each keypress runs the effect of the first binding
 * of the key table that takes it, or types into the text field in front.
 */
export function useKeyboard(layout: Layout) {
  const { actor } = useAppActorContext();
  const keymap = useKeymap();
  const ui = useUiState();

  /** The state as of now: keys can arrive faster than renders. */
  const target = (): KeyTarget => {
    const snap = actor.getSnapshot();
    const screen = screenOf(snap, ui.helpRef.current, ui.inputRef.current);
    return {
      at: keyContextOf(snap, screen, layout.wide),
      snap,
      input: ui.inputRef.current,
      confirmYes: ui.confirmRef.current,
      viewer: ui.viewerRef.current,
      metrics: ui.metrics.current,
      listPage: listPageOf(snap.context.focus, layout),
      send: (event) => actor.send(event),
      setHelp: ui.setHelp,
      setInput: ui.setInput,
      setConfirmYes: ui.setConfirmYes,
      setViewer: ui.setViewer,
      say: ui.setMessage,
    };
  };

  const handle = (text: string, key: Key) => {
    const k = target();
    const binding = resolveKey(keymap, keyName(text, key), k.at);
    if (binding) {
      ui.setMessage(undefined);
      binding.effect(k);
    } else if (inTextField(k.at) && text && !key.ctrl && !key.meta) typeText(k, text);
  };

  useInput((text, key) => {
    // Ink hands over plain characters that arrive together (fast typing, tmux
    // send-keys, a paste) as one string: take them one key at a time.
    if (text.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of text) handle(...splitKey(ch));
      return;
    }
    handle(text, key);
  });
}

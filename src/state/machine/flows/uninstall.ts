import { assign, raise } from "xstate";
import { toAppError, type Pane } from "../../appTypes.js";
import { sameRelease } from "../../selectors.js";
import { appSetup } from "../appSetup.js";

/** Uninstall: confirm by typing the release name, then remove it. */
export const uninstallFlow = appSetup.createStateConfig({
  initial: "confirm",
  on: { PROGRESS: { actions: "progress" } },
  states: {
    confirm: {
      on: {
        "UNINSTALL.TYPE": {
          actions: assign(({ context, event }) => ({
            uninstall: { ...context.uninstall!, typed: event.text },
          })),
        },
        "UNINSTALL.TOGGLE_KEEP_HISTORY": {
          actions: assign(({ context }) => ({
            uninstall: {
              ...context.uninstall!,
              keepHistory: !context.uninstall!.keepHistory,
            },
          })),
        },
        CONFIRM: { guard: "nameTyped", target: "running" },
        DENY: "#wh.app.mode.browse",
        CANCEL: "#wh.app.mode.browse",
      },
    },
    running: {
      id: "uninstallRunning",
      tags: ["busy"],
      invoke: {
        id: "uninstall",
        src: "uninstall",
        input: ({ context, self }) => ({
          backend: context.backend,
          release: context.uninstall!.release,
          keepHistory: context.uninstall!.keepHistory,
          parent: self,
        }),
        onDone: {
          target: "#wh.app.mode.browse",
          actions: [
            assign(({ context }) => {
              const { release, keepHistory } = context.uninstall!;
              const gone = !keepHistory && sameRelease(release, context.selected);
              return {
                notice: `Uninstalled ${release.namespace}/${release.name}${keepHistory ? " (history kept)" : ""}`,
                ...(gone ? { selected: undefined, revisions: [], marked: undefined } : {}),
                focus: "releases" as Pane,
              };
            }),
            raise({ type: "DETAIL.CLEAR" }),
            "raiseRefresh",
          ],
        },
        onError: {
          target: "failed",
          actions: [
            assign(({ context, event }) => ({
              uninstall: { ...context.uninstall!, error: toAppError(event.error) },
            })),
            "raiseRefresh",
          ],
        },
      },
    },
    failed: {
      on: {
        // Asks again: the release may have changed since the name was typed.
        RETRY: {
          target: "confirm",
          actions: assign(({ context }) => ({
            uninstall: { ...context.uninstall!, typed: "", error: undefined },
          })),
        },
        DISMISS: "#wh.app.mode.browse",
        CANCEL: "#wh.app.mode.browse",
      },
    },
  },
});

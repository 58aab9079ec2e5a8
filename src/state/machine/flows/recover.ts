import { assign } from "xstate";
import { toAppError } from "../../appTypes.js";
import { appSetup } from "../appSetup.js";

/** Marks a stuck pending revision failed, after a confirmation. */
export const recoverFlow = appSetup.createStateConfig({
  initial: "confirm",
  states: {
    confirm: {
      on: {
        CONFIRM: "running",
        DENY: "#wh.app.mode.browse",
        CANCEL: "#wh.app.mode.browse",
      },
    },
    running: {
      id: "recoverRunning",
      invoke: {
        id: "recover",
        src: "recover",
        input: ({ context }) => ({
          backend: context.backend,
          release: context.recover!.release,
        }),
        onDone: {
          target: "#wh.app.mode.browse",
          actions: [
            assign(({ context }) => ({
              notice: `Recovered ${context.recover!.release.namespace}/${context.recover!.release.name}: its ${context.recover!.status} revision is now failed`,
            })),
            "raiseRefresh",
          ],
        },
        onError: {
          target: "failed",
          actions: assign(({ context, event }) => ({
            recover: { ...context.recover!, error: toAppError(event.error) },
          })),
        },
      },
    },
    failed: {
      on: {
        RETRY: "confirm",
        DISMISS: "#wh.app.mode.browse",
        CANCEL: "#wh.app.mode.browse",
      },
    },
  },
});

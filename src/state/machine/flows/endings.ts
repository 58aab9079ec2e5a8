import { appSetup } from "../appSetup.js";

/** A flow's outcome stays on screen until dismissed; then the app is back to browsing. */
export const flowResult = appSetup.createStateConfig({
  on: { DISMISS: "#wh.app.mode.browse", CANCEL: "#wh.app.mode.browse" },
});

/** A failed flow shows why; retrying plans again (nothing was applied past the failure). */
export const flowFailed = appSetup.createStateConfig({
  on: {
    RETRY: "planning",
    DISMISS: "#wh.app.mode.browse",
    CANCEL: "#wh.app.mode.browse",
  },
});

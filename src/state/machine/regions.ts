import { assign, sendTo } from "xstate";
import { toAppError } from "../appTypes.js";
import { sameRelease } from "../selectors.js";
import { appSetup } from "./appSetup.js";

/**
 * The release list of the scope, kept current by one watch. The rows the UI
 * shows (and the selected release) are passed on to the watch, which reads
 * only their payloads; their arrival refreshes the list like a change does.
 */
export const listRegion = appSetup.createStateConfig({
  invoke: {
    id: "watchReleases",
    src: "watchReleases",
    input: ({ context }) => ({ backend: context.backend, scope: context.scope }),
  },
  on: {
    "RELEASES.SHOWN": {
      actions: sendTo("watchReleases", ({ context, event }) => ({
        type: "RELEASES.SHOW" as const,
        releases:
          context.selected && !event.releases.some((r) => sameRelease(r, context.selected))
            ? [...event.releases, context.selected]
            : event.releases,
      })),
    },
  },
  initial: "loading",
  states: {
    loading: {
      invoke: {
        id: "loadReleases",
        src: "loadReleases",
        input: ({ context }) => ({ backend: context.backend, scope: context.scope }),
        onDone: {
          target: "ready",
          actions: { type: "assignReleases", params: ({ event }) => event.output },
        },
        onError: {
          target: "failed",
          actions: assign(({ event }) => ({ listError: toAppError(event.error) })),
        },
      },
    },
    ready: {
      on: {
        "RELEASES.CHANGED": "refreshing",
        "RELEASES.DETAILS": "refreshing",
        REFRESH: "refreshing",
      },
    },
    refreshing: {
      on: {
        "RELEASES.CHANGED": { actions: assign({ listStale: true }) },
        "RELEASES.DETAILS": { actions: assign({ listStale: true }) },
        REFRESH: { actions: assign({ listStale: true }) },
      },
      invoke: {
        id: "loadReleases",
        src: "loadReleases",
        input: ({ context }) => ({ backend: context.backend, scope: context.scope }),
        onDone: [
          {
            guard: "listStale",
            target: "refreshing",
            reenter: true,
            actions: { type: "assignReleases", params: ({ event }) => event.output },
          },
          {
            target: "ready",
            actions: { type: "assignReleases", params: ({ event }) => event.output },
          },
        ],
        onError: {
          target: "failed",
          actions: assign(({ event }) => ({ listError: toAppError(event.error) })),
        },
      },
    },
    failed: {
      on: { RETRY: "loading", REFRESH: "loading", "RELEASES.CHANGED": "loading" },
    },
  },
});

/** The selected release's revision history. */
export const revisionsRegion = appSetup.createStateConfig({
  initial: "none",
  on: {
    // Not `reenter`: the region's parent is parallel, so re-entering the region
    // would re-enter the whole app. An internal transition still restarts `loading`.
    "HISTORY.LOAD": { target: ".loading" },
  },
  states: {
    none: {},
    loading: {
      tags: ["history.loading"],
      invoke: {
        id: "loadHistory",
        src: "loadHistory",
        input: ({ context }) => ({ backend: context.backend, release: context.selected! }),
        onDone: {
          target: "ready",
          actions: { type: "assignHistory", params: ({ event }) => event.output },
        },
        onError: {
          target: "failed",
          actions: assign(({ event }) => ({ historyError: toAppError(event.error) })),
        },
      },
    },
    ready: {
      on: {
        REFRESH: [{ guard: "hasSelection", target: "loading" }, { target: "none" }],
        // Someone else may have upgraded or rolled back the open release.
        "RELEASES.CHANGED": { guard: "selectionChanged", target: "loading" },
      },
    },
    failed: {
      on: {
        RETRY: { guard: "hasSelection", target: "loading" },
        REFRESH: [{ guard: "hasSelection", target: "loading" }, { target: "none" }],
      },
    },
  },
});

/** What the detail pane shows: status, manifest, values, notes or a diff. */
export const detailRegion = appSetup.createStateConfig({
  initial: "closed",
  on: {
    "DETAIL.LOAD": { target: ".loading" },
    "DETAIL.CLEAR": {
      target: ".closed",
      actions: assign({
        detail: undefined,
        detailRequest: undefined,
        detailError: undefined,
      }),
    },
  },
  states: {
    closed: {},
    loading: {
      tags: ["detail.loading"],
      invoke: {
        id: "loadDetail",
        src: "loadDetail",
        input: ({ context }) => ({
          backend: context.backend,
          request: context.detailRequest!,
        }),
        onDone: {
          target: "shown",
          actions: assign(({ event }) => ({
            detail: event.output,
            detailError: undefined,
          })),
        },
        onError: {
          target: "failed",
          actions: assign(({ event }) => ({ detailError: toAppError(event.error) })),
        },
      },
    },
    shown: {
      on: {
        // Readiness is live; manifests, values and notes of a revision never change.
        REFRESH: { guard: "statusShown", target: "loading" },
      },
    },
    failed: { on: { RETRY: "loading" } },
  },
});

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
    // The view asked for replaces what was shown: its title and its content together.
    "DETAIL.LOAD": [
      {
        guard: "statusShown",
        target: ".live",
        actions: assign({ detail: undefined, detailError: undefined }),
      },
      { target: ".loading", actions: assign({ detail: undefined, detailError: undefined }) },
    ],
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
    // A revision's manifest, values and notes never change.
    shown: {},
    /**
     * Readiness is live: the status follows a watch of the release's objects
     * (docs/release-storage.md#the-uis-live-list). A new revision of the
     * release may have other objects, so a change of its records starts over,
     * keeping the rows shown until the new ones arrive.
     */
    live: {
      invoke: {
        id: "watchStatus",
        src: "watchStatus",
        input: ({ context }) => ({
          backend: context.backend,
          release: context.detailRequest!.release,
        }),
      },
      initial: "loading",
      states: {
        loading: { tags: ["detail.loading"] },
        shown: {},
      },
      on: {
        "STATUS.ROWS": {
          target: ".shown",
          actions: assign(({ event }) => ({
            detail: { view: "status" as const, release: event.release, resources: event.resources },
            detailError: undefined,
          })),
        },
        "STATUS.FAILED": {
          target: "failed",
          actions: assign(({ event }) => ({ detailError: toAppError(event.error) })),
        },
        REFRESH: [
          { guard: "statusOfRequestShown", target: ".shown", reenter: true },
          { target: ".loading", reenter: true },
        ],
        "RELEASES.CHANGED": {
          guard: "detailReleaseChanged",
          target: ".shown",
          reenter: true,
        },
      },
    },
    failed: {
      on: {
        RETRY: [{ guard: "statusShown", target: "live" }, { target: "loading" }],
        REFRESH: { guard: "statusShown", target: "live" },
      },
    },
  },
});

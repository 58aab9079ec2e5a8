import { fromCallback, fromPromise } from "xstate";
import type {
  Backend,
  ClusterInfo,
  NamespaceList,
  ReleaseRef,
  ReleaseRow,
  RevisionRow,
  Scope,
} from "./backend.js";
import { maskManifestSecrets } from "../engine/diff/maskManifest.js";
import type { DetailContent, DetailRequest } from "./appTypes.js";

/** Events the actors send back to the app machine. */
type ActorEvent =
  { type: "RELEASES.CHANGED"; releases?: ReleaseRef[] } | { type: "RELEASES.DETAILS" };

/** What the machine tells the release watch: the releases on screen. */
export type WatchInstruction = { type: "RELEASES.SHOW"; releases: ReleaseRef[] };

const loadDetail = async (backend: Backend, req: DetailRequest): Promise<DetailContent> => {
  const { release, revision } = req;
  switch (req.view) {
    case "status":
      return { view: "status", release, resources: await backend.resources(release) };
    case "diff": {
      const from = req.from ?? revision;
      return {
        view: "diff",
        release,
        from,
        to: revision,
        diff: await backend.diffRevisions(release, from, revision),
      };
    }
    case "valuesDiff": {
      const from = req.from ?? revision;
      const values = await backend.diffValues(release, from, revision);
      return { view: "valuesDiff", release, from, to: revision, values };
    }
    default: {
      const d = await backend.revision(release, revision);
      if (req.view === "manifest")
        return {
          view: "manifest",
          release,
          revision,
          manifest: d.manifest,
          masked: maskManifestSecrets(d.manifest),
        };
      if (req.view === "notes") return { view: "notes", release, revision, notes: d.notes };
      return {
        view: "values",
        release,
        revision,
        userValues: d.userValues,
        computedValues: d.computedValues,
      };
    }
  }
};

/**
 * Everything the app machine does that is not deciding: each a call on the
 * Backend port, invoked by the state that needs it. The flows' calls are the
 * flows' own (machine/flows/).
 */
export const appActors = {
  loadCluster: fromPromise<
    { cluster: ClusterInfo; namespaces: NamespaceList },
    { backend: Backend }
  >(async ({ input }) => {
    const [cluster, namespaces] = await Promise.all([
      input.backend.cluster(),
      input.backend.namespaces(),
    ]);
    return { cluster, namespaces };
  }),
  /** `:ns NAME` when namespaces cannot be listed: is it there? */
  checkNamespace: fromPromise<
    { name: string; exists: boolean | undefined },
    { backend: Backend; name: string }
  >(async ({ input }) => ({
    name: input.name,
    exists: await input.backend.namespaceExists(input.name),
  })),
  loadReleases: fromPromise<ReleaseRow[], { backend: Backend; scope: Scope }>(({ input }) =>
    input.backend.releases(input.scope),
  ),
  watchReleases: fromCallback<WatchInstruction, { backend: Backend; scope: Scope }, ActorEvent>(
    ({ input, sendBack, receive }) => {
      const watch = input.backend.watchReleases(input.scope, (change) =>
        sendBack(
          change.kind === "details"
            ? { type: "RELEASES.DETAILS" }
            : {
                type: "RELEASES.CHANGED",
                ...(change.releases ? { releases: change.releases } : {}),
              },
        ),
      );
      receive((event) => watch.show(event.releases));
      return () => watch.stop();
    },
  ),
  loadHistory: fromPromise<RevisionRow[], { backend: Backend; release: ReleaseRef }>(({ input }) =>
    input.backend.history(input.release),
  ),
  loadDetail: fromPromise<DetailContent, { backend: Backend; request: DetailRequest }>(
    ({ input }) => loadDetail(input.backend, input.request),
  ),
};

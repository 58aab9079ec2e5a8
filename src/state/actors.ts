import { fromCallback, fromPromise } from "xstate";
import type { AnyActorRef } from "xstate";
import type {
  Backend,
  ClusterInfo,
  NamespaceList,
  OperationProgress,
  OperationResult,
  ReleaseRef,
  ReleaseRow,
  RevisionRow,
  RollbackPlan,
  Scope,
  UpgradePlan,
  UpgradeRequest,
} from "./backend.js";
import type { DetailContent, DetailRequest, ValuesEditor } from "./appTypes.js";

/** Events the actors send back to the app machine. */
type ActorEvent = { type: "RELEASES.CHANGED" } | { type: "PROGRESS"; progress: OperationProgress };

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
    default: {
      const d = await backend.revision(release, revision);
      if (req.view === "manifest")
        return { view: "manifest", release, revision, manifest: d.manifest };
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

function progressSink(parent: AnyActorRef) {
  return (progress: OperationProgress) =>
    parent.send({ type: "PROGRESS", progress } satisfies ActorEvent);
}

/**
 * Everything the app machine does that is not deciding: each a call on the
 * Backend port (or the editor port), invoked by the state that needs it.
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
  loadReleases: fromPromise<ReleaseRow[], { backend: Backend; scope: Scope }>(({ input }) =>
    input.backend.releases(input.scope),
  ),
  watchReleases: fromCallback<ActorEvent, { backend: Backend; scope: Scope }>(
    ({ input, sendBack }) =>
      input.backend.watchReleases(input.scope, () => sendBack({ type: "RELEASES.CHANGED" })),
  ),
  loadHistory: fromPromise<RevisionRow[], { backend: Backend; release: ReleaseRef }>(({ input }) =>
    input.backend.history(input.release),
  ),
  loadDetail: fromPromise<DetailContent, { backend: Backend; request: DetailRequest }>(
    ({ input }) => loadDetail(input.backend, input.request),
  ),
  planRollback: fromPromise<
    RollbackPlan,
    { backend: Backend; release: ReleaseRef; target: number }
  >(({ input }) => input.backend.planRollback(input.release, input.target)),
  executeRollback: fromPromise<
    OperationResult,
    { backend: Backend; plan: RollbackPlan; parent: AnyActorRef }
  >(({ input }) => input.backend.executeRollback(input.plan, progressSink(input.parent))),
  editValues: fromPromise<
    string | undefined,
    { backend: Backend; editor: ValuesEditor; release: ReleaseRef }
  >(async ({ input }) => {
    const current = await input.backend.currentValuesYaml(input.release);
    const edited = await input.editor(current, { release: input.release });
    return edited === undefined || edited.trim() === "" ? undefined : edited;
  }),
  planUpgrade: fromPromise<UpgradePlan, { backend: Backend; request: UpgradeRequest }>(
    ({ input }) => input.backend.planUpgrade(input.request),
  ),
  executeUpgrade: fromPromise<
    OperationResult,
    { backend: Backend; plan: UpgradePlan; parent: AnyActorRef }
  >(({ input }) => input.backend.executeUpgrade(input.plan, progressSink(input.parent))),
  uninstall: fromPromise<
    void,
    { backend: Backend; release: ReleaseRef; keepHistory: boolean; parent: AnyActorRef }
  >(({ input }) =>
    input.backend.uninstall(
      input.release,
      { keepHistory: input.keepHistory },
      progressSink(input.parent),
    ),
  ),
  recover: fromPromise<void, { backend: Backend; release: ReleaseRef }>(({ input }) =>
    input.backend.recover(input.release),
  ),
  switchContext: fromPromise<Backend, { backend: Backend; name: string }>(({ input }) =>
    input.backend.switchContext(input.name),
  ),
};

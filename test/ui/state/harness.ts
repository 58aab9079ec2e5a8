import { createActor, waitFor } from "xstate";
import type { SnapshotFrom } from "xstate";
import { appMachine } from "../../../src/state/appMachine.js";
import type { AppOptions } from "../../../src/state/appTypes.js";
import { selectFlow, type ActiveFlow, type FlowKind } from "../../../src/state/selectors.js";
import { FakeBackend, fakeRelease, fakeRevision } from "../../support/fakeBackend.js";

export type AppSnapshot = SnapshotFrom<typeof appMachine>;

/** prod/web with three revisions (3 deployed), prod/api with one, staging/db with two. */
export function standardBackend(): FakeBackend {
  const web = fakeRelease("web", "prod", 3);
  web.revisions[0]!.secret = { password: "hunter2" };
  web.revisions[2]!.secret = { password: "correct-horse" };
  return new FakeBackend([web, fakeRelease("api", "prod", 1), fakeRelease("db", "staging", 2)]);
}

export { FakeBackend, fakeRelease, fakeRevision };

/** Whether the flow in front is `kind`, in its state `state` (the app's own state names only the mode). */
export function inFlow(s: AppSnapshot, kind: FlowKind, state: string): boolean {
  const flow = selectFlow(s);
  return flow?.kind === kind && flow.snapshot.value === state;
}

type FlowContexts = { [F in ActiveFlow as F["kind"]]: F["snapshot"]["context"] };

/** The context of the flow in front, if it is `kind`. */
export function flowContext<K extends FlowKind>(
  s: AppSnapshot,
  kind: K,
): FlowContexts[K] | undefined {
  const flow = selectFlow(s);
  return flow?.kind === kind ? (flow.snapshot.context as FlowContexts[K]) : undefined;
}

export async function startApp(
  backend: FakeBackend = standardBackend(),
  options: Partial<AppOptions> = {},
) {
  backend.clusterInfo.namespace = "prod";
  const actor = createActor(appMachine, {
    input: { backend, options: { readonly: false, ...options } },
  });
  actor.start();
  const until = (predicate: (s: AppSnapshot) => boolean) =>
    waitFor(actor, predicate, { timeout: 2000 });
  return { actor, backend, until };
}

/** Starts the app and opens prod/web's history (cursor on the deployed revision 3). */
export async function startWithWebOpen(backend?: FakeBackend, options: Partial<AppOptions> = {}) {
  const app = await startApp(backend, options);
  await app.until((s) => s.matches({ app: { list: "ready" } }));
  const index = app.actor.getSnapshot().context.releases.findIndex((r) => r.name === "web");
  app.actor.send({ type: "MOVE", delta: index });
  app.actor.send({ type: "OPEN" });
  await app.until((s) => s.matches({ app: { revisions: "ready", detail: { live: "shown" } } }));
  return app;
}

import { useEffect, useState, useSyncExternalStore } from "react";
import { createActor } from "xstate";
import type { SnapshotFrom } from "xstate";
import { appMachine } from "../../state/appMachine.js";
import type { AppInput } from "../../state/appTypes.js";

export type AppActor = ReturnType<typeof createActor<typeof appMachine>>;
export type AppSnapshot = SnapshotFrom<typeof appMachine>;

/** Runs the app statechart for the component's lifetime and re-renders on each snapshot. */
export function useAppActor(input: AppInput): [AppSnapshot, AppActor] {
  const [actor] = useState(() => createActor(appMachine, { input }).start());
  useEffect(
    () => () => {
      actor.stop();
    },
    [actor],
  );
  const snapshot = useSyncExternalStore(
    (onChange) => {
      const sub = actor.subscribe(onChange);
      return () => sub.unsubscribe();
    },
    () => actor.getSnapshot(),
  );
  return [snapshot, actor];
}

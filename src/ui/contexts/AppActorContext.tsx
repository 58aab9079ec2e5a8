import { useApp } from "ink";
import React, { createContext, useContext, useEffect, type ReactNode } from "react";
import type { AppInput } from "../../state/appTypes.js";
import { useAppActor, type AppActor, type AppSnapshot } from "../hooks/useAppActor.js";

interface AppActorValue {
  snap: AppSnapshot;
  actor: AppActor;
}

const AppActorContext = createContext<AppActorValue | undefined>(undefined);

/** Runs the app statechart for the UI's lifetime; once it is done, Ink exits. */
export function AppActorProvider(props: {
  input: AppInput;
  onQuit: (() => void) | undefined;
  children: ReactNode;
}) {
  const { exit } = useApp();
  const [snap, actor] = useAppActor(props.input);
  useEffect(() => {
    if (snap.status !== "done") return;
    props.onQuit?.();
    exit();
  }, [snap.status, exit, props.onQuit]);
  return (
    <AppActorContext.Provider value={{ snap, actor }}>{props.children}</AppActorContext.Provider>
  );
}

/** The app actor and its latest snapshot. */
export function useAppActorContext(): AppActorValue {
  const value = useContext(AppActorContext);
  if (!value) throw new Error("useAppActorContext needs an AppActorProvider");
  return value;
}

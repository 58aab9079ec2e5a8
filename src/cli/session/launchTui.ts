import { onCacheNotice } from "../../engine/cache/notices.js";
import { EngineBackend } from "../../state/engineBackend.js";
import type { AppOptions } from "../../state/appTypes.js";
import { runApp } from "../../ui/runApp.js";
import type { CliIO } from "../io.js";
import type { ReleaseSession } from "./releaseSession.js";

export interface TuiLaunch {
  /** The session the UI starts on; from here on the UI owns it and closes it. */
  session: ReleaseSession;
  options: AppOptions;
  io: CliIO;
  /** Where repository settings come from; defaults to io.env. */
  env?: NodeJS.ProcessEnv;
  /** Opens a session on another kube context; without it `:ctx NAME` is refused. */
  openContext?: (name: string) => Promise<ReleaseSession>;
  /** The UI's modules loading (preloadApp): the release list is requested meanwhile. */
  uiLoaded?: Promise<unknown>;
}

/**
 * The composition root of the terminal UI: the engine on a session, behind the
 * UI's backend, run until the user quits.
 */
export async function launchTui(launch: TuiLaunch): Promise<void> {
  const { io, openContext } = launch;
  let session = launch.session;
  // `:ctx NAME` opens a session on the other context first; the old one is
  // closed only once the new one exists, so a bad name leaves the UI working.
  const switchTo =
    openContext &&
    (async (name: string): Promise<EngineBackend> => {
      const next = await openContext(name);
      session.close();
      session = next;
      return backendOn(next);
    });
  let backend: EngineBackend | undefined;
  const backendOn = (current: ReleaseSession): EngineBackend => {
    backend?.close();
    backend = new EngineBackend(
      current.ctx,
      current.client,
      io.cwd,
      launch.env ?? io.env,
      switchTo,
    );
    return backend;
  };
  const first = backendOn(session);
  const { options } = launch;
  first.prefetch(
    options.allNamespaces ? {} : { namespace: options.namespace ?? session.namespace },
  );
  // Said after the UI, not into its screen (see run.ts).
  const notices: string[] = [];
  const stopNotices = onCacheNotice((message) => notices.push(message));
  try {
    await launch.uiLoaded;
    await runApp({
      backend: first,
      options: launch.options,
      stdin: io.stdin as NodeJS.ReadStream,
      stdout: io.stdout as NodeJS.WriteStream,
    });
  } finally {
    // The release watch the UI kept open ends with it.
    backend?.close();
    session.close();
    stopNotices();
    for (const message of notices) io.stderr.write(`WARNING: ${message}\n`);
  }
}

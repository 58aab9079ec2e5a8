import { EngineBackend } from "../../state/engineBackend.js";
import { preloadApp, runApp } from "../../ui/runApp.js";
import type { CliIO } from "../io.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { openSession, type ReleaseSession } from "../session/releaseSession.js";
import { UsageError } from "../../errors.js";

export interface TuiFlags extends GlobalOptions {
  allNamespaces?: boolean;
  readonly?: boolean;
}

/** `wheelhouse` with no command: the full-screen UI on the current kube context. */
export async function openTui(flags: TuiFlags, io: CliIO): Promise<void> {
  if (!io.stdout.isTTY || !io.stdin.isTTY) {
    throw new UsageError("the terminal UI needs an interactive terminal", {
      hint: "run `wheelhouse --help` for the commands that work in scripts",
    });
  }
  const ui = preloadApp();
  let session = await openSession(flags, io);
  await ui;
  // `:ctx NAME` opens a session on the other context first; the old one is
  // closed only once the new one exists, so a bad name leaves the UI working.
  const { namespace: _ownNamespace, ...otherContextFlags } = flags;
  const backendOn = (current: ReleaseSession): EngineBackend =>
    new EngineBackend(current.ctx, current.client, io.cwd, io.env, async (name) => {
      const next = await openSession({ ...otherContextFlags, kubeContext: name }, io);
      session.close();
      session = next;
      return backendOn(next);
    });
  try {
    await runApp({
      backend: backendOn(session),
      options: {
        readonly: flags.readonly === true,
        ...(flags.allNamespaces ? { allNamespaces: true } : { namespace: session.namespace }),
      },
      stdin: io.stdin as NodeJS.ReadStream,
      stdout: io.stdout as NodeJS.WriteStream,
    });
  } finally {
    session.close();
  }
}

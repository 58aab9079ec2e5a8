import { preloadApp } from "../../ui/runApp.js";
import type { CliIO } from "../io.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { launchTui } from "../session/launchTui.js";
import { openSession } from "../session/releaseSession.js";
import { readUserConfig } from "../session/userConfig.js";
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
  // Read first: a config file with a mistake stops here, before anything is on screen.
  const safety = readUserConfig(io.env);
  const session = await openSession(flags, io);
  const { namespace: _ownNamespace, ...otherContextFlags } = flags;
  await launchTui({
    session,
    io,
    uiLoaded: ui,
    options: {
      readonly: flags.readonly === true,
      safety,
      context: session.client.context,
      defaultContext: await defaultContext(flags, io, session.client.context),
      ...(flags.allNamespaces ? { allNamespaces: true } : { namespace: session.namespace }),
    },
    openContext: (name) => openSession({ ...otherContextFlags, kubeContext: name }, io),
  });
}

/** The kubeconfig's own current-context, which a shell uses without --kube-context. */
async function defaultContext(flags: TuiFlags, io: CliIO, opened: string): Promise<string> {
  if (!flags.kubeContext) return opened;
  // Loaded on demand, as openSession loads it: other commands start without client-node.
  const { loadKubeConfig } = await import("../../kube/config.js");
  try {
    const config = loadKubeConfig({
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      env: io.env,
    });
    return config.context;
  } catch {
    return ""; // no current-context: every copied command names its context
  }
}

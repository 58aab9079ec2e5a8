import type { AppOptions } from "../state/appTypes.js";
import type { Backend } from "../state/backend.js";

export interface RunAppOptions {
  backend: Backend;
  options: AppOptions;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Route console output around the UI (default true; off where console is replaced, e.g. tests). */
  patchConsole?: boolean;
}

const ENTER_ALT_SCREEN = "\u001b[?1049h\u001b[H";
const LEAVE_ALT_SCREEN = "\u001b[?1049l";
const SHOW_CURSOR = "\u001b[?25h";

/**
 * Runs the full-screen UI until the user quits. The alternate screen buffer is
 * entered first and always left again — on quit, on Ctrl-C, on a signal and on
 * a crash — so the user's scrollback is never overwritten or left garbled.
 */
export async function runApp(args: RunAppOptions): Promise<void> {
  const stdout = args.stdout ?? process.stdout;
  const stdin = args.stdin ?? process.stdin;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };
  const onSignal = () => {
    restore();
    process.exit(130);
  };
  const onCrash = (err: unknown) => {
    restore();
    process.stderr.write(
      `wheelhouse crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  };
  // React and Ink pick their production builds when first imported: several times
  // faster per frame than the development builds that load when NODE_ENV is unset.
  // Hence no JSX and only dynamic imports of React, Ink and the App in this module.
  process.env.NODE_ENV ??= "production";
  const [{ render }, React, { App }] = await Promise.all([
    import("ink"),
    import("react"),
    import("./App.js"),
  ]);
  stdout.write(ENTER_ALT_SCREEN);
  process.on("exit", restore);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  try {
    const instance = render(
      React.createElement(App, { backend: args.backend, options: args.options }),
      {
        stdin,
        stdout,
        // q and Ctrl-C go through the statechart, which asks while an operation runs.
        exitOnCtrlC: false,
        patchConsole: args.patchConsole ?? true,
        // Only changed lines are rewritten: scrolling a long list stays cheap over SSH.
        incrementalRendering: true,
        maxFps: 60,
      },
    );
    await instance.waitUntilExit();
    instance.cleanup();
  } finally {
    restore();
    process.off("exit", restore);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
  }
}

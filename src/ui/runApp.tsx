import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WheelhouseError } from "../errors.js";
import { visibleText } from "../visibleText.js";
import type { AppOptions, ValuesEditor } from "../state/appTypes.js";
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

/** The variables is-in-ci reads; see loadUi. */
const CI_VARIABLES = ["CI", "CONTINUOUS_INTEGRATION"] as const;

/**
 * Ink draws only the final frame, on exit, when $CI or
 * $CONTINUOUS_INTEGRATION is set — and decides once, when it is first
 * imported. This UI is interactive whatever shell it starts from (a CI job
 * driving it through tmux, an operator's shell that exports CI), so the
 * variables are hidden while Ink loads and put back straight after.
 */
async function loadUi() {
  const saved = CI_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) delete process.env[name];
  try {
    return await import("./appModules.js");
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

let loading: ReturnType<typeof loadUi> | undefined;

/**
 * Starts loading React, Ink and the App (most of a second) so a caller can
 * overlap it with connecting to the cluster. React and Ink pick their
 * production builds when first imported — several times faster per frame
 * than the development builds used when NODE_ENV is unset — hence no JSX and
 * only dynamic imports of them in this module.
 */
export function preloadApp() {
  process.env.NODE_ENV ??= "production";
  loading ??= loadUi();
  return loading;
}

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
      `wheelhouse crashed: ${visibleText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`,
    );
    process.exit(1);
  };
  const { render, createElement, App } = await preloadApp();
  stdout.write(ENTER_ALT_SCREEN);
  process.on("exit", restore);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // The terminal went away (window closed, ssh dropped): leave, don't linger.
  process.on("SIGHUP", onSignal);
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  try {
    let clearScreen = () => {};
    const editor = terminalEditor(stdin, stdout, () => clearScreen());
    const instance = render(
      createElement(App, { backend: args.backend, options: args.options, editor }),
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
    clearScreen = () => instance.clear();
    await instance.waitUntilExit();
    instance.cleanup();
  } finally {
    restore();
    process.off("exit", restore);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
  }
}

/**
 * Edits text in $VISUAL or $EDITOR (else vi) on a temp file, handing the
 * terminal to the editor: the alternate screen and raw mode are left while it
 * runs, and the UI is redrawn in full afterwards.
 */
function terminalEditor(
  stdin: NodeJS.ReadStream,
  stdout: NodeJS.WriteStream,
  redraw: () => void,
): ValuesEditor {
  return async (initial, { release }) => {
    const command = process.env.VISUAL || process.env.EDITOR || "vi";
    const dir = mkdtempSync(join(tmpdir(), "wheelhouse-values-"));
    const file = join(dir, `${release.name}-values.yaml`);
    writeFileSync(file, initial, { mode: 0o600 });
    stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
    stdin.setRawMode?.(false);
    try {
      // Through a shell: $EDITOR is often a command with arguments ("code --wait").
      const result = spawnSync(`${command} "${file}"`, { shell: true, stdio: "inherit" });
      if (result.error) throw result.error;
      if (result.status !== 0) {
        throw new WheelhouseError("editor", `${command} exited with status ${result.status}`);
      }
      return readFileSync(file, "utf8");
    } finally {
      stdin.setRawMode?.(true);
      stdout.write(ENTER_ALT_SCREEN);
      redraw();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

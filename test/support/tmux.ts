import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

/** A real terminal for end-to-end tests: a detached tmux session running one command. */
export class TmuxSession {
  private constructor(readonly name: string) {}

  static available(): boolean {
    try {
      execFileSync("tmux", ["-V"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  }

  /** Starts `command` (run by sh) in a fresh session of the given size. */
  static start(
    command: string,
    options: { env: Record<string, string>; width?: number; height?: number; cwd?: string },
  ): TmuxSession {
    const name = `wh-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const quote = (v: string) => `'${v.replace(/'/g, "'\\''")}'`;
    const pairs = Object.entries(options.env)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(" ");
    // Keep the pane after the command exits so the test can read what it left behind.
    execFileSync("tmux", [
      "new-session",
      "-d",
      "-s",
      name,
      "-x",
      String(options.width ?? 120),
      "-y",
      String(options.height ?? 40),
      ...(options.cwd ? ["-c", options.cwd] : []),
      // Only the given environment (and the pane's TERM): the tmux server's own, inherited from
      // whichever test process started it, would leak another run's settings into this one.
      `exec env -i TERM="$TERM" ${pairs} sh -c ${quote(`${command}; echo "[exited $?]"; sleep 600`)}`,
    ]);
    return new TmuxSession(name);
  }

  /**
   * The built wheelhouse (`node dist/cli/main.js ARGS`) on `kubeconfig`, with HOME, PATH and a
   * colour terminal, plus `env` (EDITOR, XDG_CONFIG_HOME…): how the end-to-end tests open the UI.
   */
  static wheelhouse(
    args: string,
    options: { kubeconfig: string; home: string; env?: Record<string, string> },
  ): TmuxSession {
    return TmuxSession.start(`node ${resolve("dist/cli/main.js")}${args ? ` ${args}` : ""}`, {
      env: {
        KUBECONFIG: options.kubeconfig,
        HOME: options.home,
        PATH: process.env.PATH ?? "",
        TERM: "xterm-256color",
        ...options.env,
      },
    });
  }

  screen(): string {
    return execFileSync("tmux", ["capture-pane", "-p", "-t", this.name], { encoding: "utf8" });
  }

  /** The pane's title, which an OSC 0 or 2 sequence written to the terminal sets. */
  title(): string {
    return execFileSync("tmux", ["display-message", "-p", "-t", this.name, "#{pane_title}"], {
      encoding: "utf8",
    }).trimEnd();
  }

  keys(...keys: string[]): void {
    execFileSync("tmux", ["send-keys", "-t", this.name, ...keys]);
  }

  /** Presses keys one at a time, pausing between them as a person would. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.keys(key);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Types literal text (no key-name interpretation). */
  type(text: string): void {
    execFileSync("tmux", ["send-keys", "-t", this.name, "-l", text]);
  }

  /** Waits until the screen matches, returning it; fails with the last screen. */
  async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = this.screen();
      if (typeof pattern === "string" ? last.includes(pattern) : pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${String(pattern)}; the screen was:\n${last}`);
  }

  kill(): void {
    try {
      execFileSync("tmux", ["kill-session", "-t", this.name], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
}

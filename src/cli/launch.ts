/**
 * How `wheelhouse` starts. Measured: most of a short command's time before its first request
 * went to Node loading and compiling modules, and Node 20 has no compile cache of its own. So
 * `npm run build` (scripts/bundle.mjs) makes two programs of the same sources:
 *
 * - `cli.cjs`: every command but the terminal UI in one CommonJS file, which this module
 *   compiles with a V8 code cache: the code compiled by the first run of the same command,
 *   kept under a hash of the bundle's bytes and of the Node that ran it, in a private folder
 *   and signed with the user's key as compiled templates are (engine/cache/signedCache.ts),
 *   because V8 runs the code it finds there (it checks only the source's length). The UI
 *   cannot be in it: Ink is ES modules that await at top level;
 * - `start.js`: the whole program as ES modules split at its dynamic imports, for the UI and
 *   `demo`, and for any run without cli.cjs (a build that was not bundled).
 *
 * Only compiled code is cached, never a result. `WHEELHOUSE_CODE_CACHE=off` compiles every
 * time, `WHEELHOUSE_CODE_CACHE=DIR` keeps the cache in DIR, and `WHEELHOUSE_CODE_CACHE_REPORT=1`
 * says on stderr what the cache did. A cache folder or entry that is not safe to use is said
 * once on stderr and compiled past.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";
import { cacheKey, userCacheDir, type Refusal } from "../engine/cache/privateFiles.js";
import { openCodeCache } from "../engine/cache/signedCache.js";
import type * as StartModule from "./start.js";

type Program = typeof StartModule;

export async function launch(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const command = commandLabel(argv);
  if (!opensTerminalUi(command, argv)) {
    const cli = loadCli(fileURLToPath(new URL("./cli.cjs", import.meta.url)), command, env);
    if (cli) {
      process.once("exit", () => {
        // V8 stamps a code cache with its flags and refuses one made under others.
        setFlagsFromString(V8_DEFAULT_GROWTH);
        cli.saveCache();
      });
      setFlagsFromString(COMMAND_V8_FLAGS);
      return cli.program.start(argv);
    }
  }
  const program = (await import("./start.js")) as Program;
  return program.start(argv);
}

/**
 * A command is one short burst of allocation (decoding a thousand release records, rendering a
 * chart), and V8 answers a burst by doubling its young generation up to 16 MiB per semi-space —
 * memory the process then holds until it exits. So once the program is loaded, commands (not the
 * long-lived terminal UI) keep the young generation at the size start-up left it. V8 reads this
 * flag each time it would grow the young generation, so setting it in-process takes effect;
 * `--max-semi-space-size` is read only when the heap is made, and a launcher starting a second
 * Node for it would pay a second start-up. Set before loading, it cost ~8 ms of extra scavenges
 * while the bundle ran; set after, ~3 ms. Measured on `list -A` of 1,000 releases on a real API
 * server: peak RSS 144 → 114 MiB, time unchanged.
 */
const COMMAND_V8_FLAGS = "--semi-space-growth-factor=1";
/** V8's own value, put back before the code cache is written (it is checked against the flags). */
const V8_DEFAULT_GROWTH = "--semi-space-growth-factor=2";

interface LoadedCli {
  program: Program;
  /** Writes the code cache if this run had none (or V8 refused it). */
  saveCache: () => void;
}

/** The CommonJS bundle, compiled with the code cache when there is a usable one; undefined when not built. */
function loadCli(bundle: string, command: string, env: NodeJS.ProcessEnv): LoadedCli | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(bundle);
  } catch {
    return undefined;
  }
  const report = env.WHEELHOUSE_CODE_CACHE_REPORT
    ? (what: string) => process.stderr.write(`code cache: ${what}\n`)
    : () => {};
  const setting = env.WHEELHOUSE_CODE_CACHE;
  let refused = false;
  const onRefused = (r: Refusal) => {
    refused = true;
    process.stderr.write(`WARNING: ignoring code cache ${r.path}: ${r.reason}\n`);
  };
  const path = setting || userCacheDir("v8", env);
  const dir = setting === "off" ? undefined : openCodeCache(path, { env, onRefused });
  if (setting !== "off" && !dir) report("none: no cache folder private to this user");
  const { build, entry } = codeCacheEntry(bytes, command, env);
  const cached = dir?.read(entry);
  // The build checks that the bundle is ASCII, so Latin-1 decodes it exactly, and faster.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${bytes.toString("latin1")}\n})`,
    { filename: bundle, ...(cached ? { cachedData: cached } : {}) },
  );
  const rejected = script.cachedDataRejected === true;
  const what = cached ? (rejected ? "rejected" : "used") : refused ? "refused" : "none";
  if (dir) report(`${what} ${dir.path}/${entry}`);
  const module = { exports: {} as Program };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
  );
  return {
    program: module.exports,
    saveCache: () => {
      if (!dir || (cached && !rejected)) return;
      const saved = dir.write(entry, script.createCachedData());
      report(saved ? `saved ${dir.path}/${entry}` : `could not write ${dir.path}`);
      // Entries for other builds or other Nodes will not be read again. Only entries: the
      // folder may be one the user named, with other files in it.
      if (saved) dir.prune((name) => !ENTRY.test(name) || name.startsWith(build));
    },
  };
}

const ENTRY = /^[0-9a-f]{40}-[a-z-]+\.v8$/;

/** The entry of the code cache for this bundle, Node and command; `build` starts its name. */
export function codeCacheEntry(
  bytes: Buffer,
  command: string,
  env: NodeJS.ProcessEnv,
  execArgv: string[] = process.execArgv,
): { build: string; entry: string } {
  // Everything that decides what V8 compiles; another Node or other flags make another entry.
  // "signed": entries of the builds before signing get other names, and are pruned.
  const flags = [...execArgv, env.NODE_OPTIONS ?? ""].join(" ");
  const build = cacheKey(bytes, process.version, process.arch, flags, "signed").slice(0, 40);
  return { build, entry: `${build}-${/^[a-z][a-z-]{0,30}$/.test(command) ? command : "other"}.v8` };
}

/** The program's options that take a value (launch.test.ts keeps this in step). */
export const VALUE_OPTIONS = new Set([
  "--kubeconfig",
  "--kube-context",
  "-n",
  "--namespace",
  "--driver",
]);

/**
 * The command's name as typed (an alias stays an alias), "" when there is none: the first
 * argument that is neither an option nor a global option's value. It decides, before any of
 * the program is loaded, which bundle runs and which code cache is used.
 */
export function commandLabel(argv: string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // `-An ns`: a cluster of short flags whose last one takes the next argument.
    const takesValue =
      VALUE_OPTIONS.has(arg) || (/^-[A-Za-z]+$/.test(arg) && VALUE_OPTIONS.has(`-${arg.at(-1)}`));
    if (takesValue) i++;
    else if (arg === "--") return argv[i + 1] ?? "";
    else if (!arg.startsWith("-")) return arg;
  }
  return "";
}

/** No command opens the full-screen UI (unless asking for help or the version), and so does `demo`. */
export function opensTerminalUi(command: string, argv: string[]): boolean {
  if (command === "demo") return true;
  return command === "" && !argv.some((a) => a === "--help" || a === "-h" || a === "--version");
}

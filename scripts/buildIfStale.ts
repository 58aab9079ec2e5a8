// `npm test` runs the built program (CLI and tmux tests), and on a clean clone `npm ci` has just
// built it through `prepare`: `pretest` builds again only when an input of the build changed since
// the last build finished (scripts/bundle.mjs writes the stamp as its last step).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** What the build reads: a change to any of these makes dist/ stale. */
export const BUILD_INPUTS = [
  "src",
  "scripts/bundle.mjs",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "package-lock.json",
];

/** Where the last build left its stamp. */
export const STAMP = "dist/.build-stamp";

function newestUnder(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestUnder(join(path, entry)));
  return newest;
}

/** Whether `root`'s dist/ is missing or older than one of its build inputs. */
export function buildIsStale(root: string): boolean {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return BUILD_INPUTS.some((input) => newestUnder(join(root, input)) > built);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  if (buildIsStale(root)) {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const { status } = spawnSync(npm, ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
    process.exit(status ?? 1);
  }
}

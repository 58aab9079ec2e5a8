import { readFileSync } from "node:fs";

/** wheelhouse's own version, read once from the package manifest next to dist/ or src/. */
export const WHEELHOUSE_VERSION: string = (() => {
  const manifest = new URL("../package.json", import.meta.url);
  const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return parsed.version;
})();

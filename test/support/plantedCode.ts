/**
 * What someone planting code in a cache would write: a V8 code cache made for a bundle of
 * their own that V8 accepts for ours (V8 checks the source's length, not its text), and a
 * compiled-template file. Each, when run, writes `marker`.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

// Made in a plain `node`, so that its V8 flags are those under which the launcher writes and
// reads its cache.
const MAKE_V8_CACHE = `
const { readFileSync, writeFileSync } = require("node:fs");
const { Script } = require("node:vm");
const [bundle, marker, out] = process.argv.slice(1);
const length = readFileSync(bundle).length;
const evil = "if (process.env.WH_PLANTED) process.getBuiltinModule('fs').writeFileSync(" +
  JSON.stringify(marker) + ", 'ran'); module.exports = { start: async () => 0 };";
const source = evil + "/*" + " ".repeat(length - evil.length - 4) + "*/";
const script = new Script("(function (exports, require, module, __filename, __dirname) {" + source + "\\n})", { filename: bundle });
const module = { exports: {} };
script.runInThisContext()(module.exports, require, module, bundle, "");
module.exports.start();
writeFileSync(out, script.createCachedData(), { mode: 0o600 });
`;

/** Writes to `entry` a V8 code cache that writes `marker` when the CLI runs it with WH_PLANTED set. */
export async function plantV8Cache(bundle: string, marker: string, entry: string): Promise<void> {
  await run(process.execPath, ["-e", MAKE_V8_CACHE, bundle, marker, entry]);
}

/** A compiled template (Handlebars' precompiled spec) that writes `marker` and renders `text`. */
export function plantedTemplate(marker: string, text: string): string {
  const write = `process.getBuiltinModule("fs").writeFileSync(${JSON.stringify(marker)}, "ran")`;
  return `{"compiler":[8,">= 4.3.0"],"main":function(){${write};return ${JSON.stringify(text)};},"useData":true}`;
}

// Runs after tsc and turns dist/cli into bundles, because Node 20 spends
// most of a short command's start-up resolving, reading and compiling
// modules one by one (~145 files and three packages for `list`), and some
// packages load far more than wheelhouse uses. src/cli/launch.ts says how
// they are used. From tsc's output:
//
// - dist/cli/cli.cjs: start.js with everything it reaches except the
//   terminal UI, one CommonJS file that launch.ts compiles with V8's code
//   cache (which Node 20 offers for scripts only, not for ES modules);
// - dist/cli/start.js: the whole program as ES modules, split at its
//   dynamic imports into NAME-HASH.chunk.js beside it (Ink and React load
//   only for the UI); it runs the terminal UI, which cannot be CommonJS;
// - dist/cli/main.js: the launcher, one small file.
//
// The rest of dist/ stays tsc's output: the deep-stack render worker (a
// second entry point, rarely started) loads it unbundled.
//
// Trimmed from the packages, because wheelhouse never reaches them:
// - @kubernetes/client-node's generated API (gen/index.js, ~700 modules),
//   which KubeConfig imports for makeApiClient alone;
// - whatwg-url (and its 300 kB Unicode table), which node-fetch 2 imports
//   only as a fallback for Node's own URL;
// - Ink's React devtools bridge, loaded only when DEV=true (not installed);
// - source-map, which Handlebars' code generator uses when present; its own
//   fallback builds the same code faster (precompiling 200 templates took
//   ~210 ms of CPU instead of ~290 ms).
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");
const outdir = `${dist}/cli`;

for (const name of readdirSync(outdir)) {
  if (name.endsWith(".chunk.js")) rmSync(`${outdir}/${name}`);
}

const stubs = {
  // makeApiClient's two imports, which throw if ever reached.
  "client-node-gen":
    "const unavailable = () => { throw new Error('wheelhouse does not bundle client-node\\'s generated API'); };" +
    "export const createConfiguration = unavailable; export class ServerConfiguration { constructor() { unavailable(); } }",
  "whatwg-url":
    "export default { URL: globalThis.URL, URLSearchParams: globalThis.URLSearchParams };",
  "ink-devtools": "export {};",
  "no-source-map": "module.exports = {};",
  // cli.cjs never opens the UI: launch.ts runs start.js for the commands that do.
  "no-ui":
    "const unavailable = () => { throw new Error('cli.cjs does not carry the terminal UI (see src/cli/launch.ts)'); };" +
    "export const openTui = unavailable; export const launchTui = unavailable;",
};

/** Which stub replaces an import, if any. */
function stubFor(path, importer, withUi) {
  if (path === "./gen/index.js" && importer.includes("/@kubernetes/client-node/dist/config.js")) {
    return "client-node-gen";
  }
  if (path === "whatwg-url" && importer.includes("/node-fetch/")) return "whatwg-url";
  if (path === "./devtools.js" && importer.includes("/node_modules/ink/")) return "ink-devtools";
  if (path === "source-map" && importer.includes("/node_modules/handlebars/"))
    return "no-source-map";
  if (!withUi && /(^|\/)(commands\/tui|session\/launchTui)\.js$/.test(path)) return "no-ui";
  return undefined;
}

/**
 * handlebarsModule loads Handlebars with a require() made at run time, which
 * esbuild cannot follow; a plain require() bundles it (still evaluated on
 * first use only), so that the source-map stub above applies.
 */
function bundleHandlebars(source) {
  const call = 'createRequire(import.meta.url)("handlebars")';
  if (!source.includes(call))
    throw new Error(`bundle.mjs: handlebarsModule no longer calls ${call}`);
  return source.replace(call, 'require("handlebars")');
}

/** Stubs, and tsc's output adjusted for bundling. */
function wheelhousePlugin(withUi) {
  return {
    name: "wheelhouse",
    setup(b) {
      b.onResolve(
        {
          filter: /^(\.\/gen\/index\.js|whatwg-url|\.\/devtools\.js|source-map)$|Tui\.js$|tui\.js$/,
        },
        (args) => {
          const stub = stubFor(args.path, args.importer, withUi);
          return stub ? { path: stub, namespace: "stub" } : undefined;
        },
      );
      b.onLoad({ filter: /.*/, namespace: "stub" }, (args) => ({ contents: stubs[args.path] }));
      // A module that finds files next to itself (package.json, the
      // deep-stack worker, the demo charts) keeps its own URL: every
      // output file is in dist/cli, so the path from there is fixed.
      b.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(`${dist}/`)) return undefined;
        const original = await readFile(args.path, "utf8");
        let source = original;
        if (args.path.endsWith("/render/handlebarsModule.js")) source = bundleHandlebars(source);
        if (!source.includes("import.meta.url") && source === original) return undefined;
        const own = JSON.stringify(relative(outdir, args.path));
        return {
          contents: source.replaceAll("import.meta.url", `new URL(${own}, import.meta.url).href`),
          loader: "js",
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  charset: "ascii",
  // React and Ink drop their development checks. runApp.tsx also sets the
  // variable at run time for unbundled runs; that assignment stays as is.
  define: { "process.env.NODE_ENV": '"production"' },
  logOverride: { "assign-to-define": "silent", "equals-negative-zero": "silent" },
  logLevel: "warning",
  metafile: true,
};

// First, while dist/cli/start.js is still tsc's output.
const cjs = await build({
  ...common,
  entryPoints: [`${outdir}/start.js`],
  outfile: `${outdir}/cli.cjs`,
  format: "cjs",
  // Comments out (some are not ASCII), and fewer bytes to read and hash on every start.
  minifyWhitespace: true,
  define: { ...common.define, "import.meta.url": "__wheelhouseUrl" },
  banner: { js: 'var __wheelhouseUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [wheelhousePlugin(false)],
});
// launch.ts decodes it as Latin-1.
if (readFileSync(`${outdir}/cli.cjs`).some((byte) => byte > 0x7f)) {
  throw new Error("bundle.mjs: cli.cjs is not ASCII");
}

const esm = await build({
  ...common,
  entryPoints: [`${outdir}/start.js`],
  outdir,
  allowOverwrite: true,
  splitting: true,
  chunkNames: "[name]-[hash].chunk",
  format: "esm",
  // Bundled CommonJS packages call require() for Node's built-ins.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  plugins: [wheelhousePlugin(true)],
});

await build({
  ...common,
  entryPoints: [`${outdir}/main.js`],
  outfile: `${outdir}/main.js`,
  allowOverwrite: true,
  format: "esm",
  external: ["./start.js"],
});

if (process.env.WHEELHOUSE_BUNDLE_META) {
  const meta = { cjs: cjs.metafile, esm: esm.metafile };
  writeFileSync(process.env.WHEELHOUSE_BUNDLE_META, JSON.stringify(meta));
}

// Last: the build is complete, and `npm test` need not build again (scripts/buildIfStale.ts).
writeFileSync(`${dist}/.build-stamp`, `${new Date().toISOString()}\n`);

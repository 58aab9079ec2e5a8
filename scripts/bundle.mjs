// Runs after tsc: replaces two compiled modules with esbuild bundles of what
// they import, because Node loads a package spread over hundreds of files
// slowly, and some packages load far more than wheelhouse uses.
//
// - kube/clientNode.js: @kubernetes/client-node's KubeConfig pulls in the
//   whole generated API through gen/index.js; the bundle keeps what
//   KubeConfig and Watch reach (0.7 s and ~60 MiB less per command).
// - ui/appModules.js: Ink, React and @inkjs/ui (Ink alone imported all of
//   es-toolkit/compat for one function) with the UI's own components: the
//   terminal UI starts ~0.4 s sooner. Modules outside src/ui and the
//   packages the rest of wheelhouse also uses stay separate, so there is one
//   copy of each.
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");

const common = {
  bundle: true,
  allowOverwrite: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Bundled CommonJS packages call require() for Node's built-ins.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  logLevel: "warning",
};

await build({
  ...common,
  entryPoints: [`${dist}/kube/clientNode.js`],
  outfile: `${dist}/kube/clientNode.js`,
});

const uiDir = `${dist}/ui`;
await build({
  ...common,
  entryPoints: [`${uiDir}/appModules.js`],
  outfile: `${uiDir}/appModules.js`,
  external: ["xstate", "yaml"],
  // React and Ink drop their development checks.
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [
    {
      name: "wheelhouse-ui",
      setup(b) {
        // wheelhouse's own modules outside src/ui stay shared with the rest
        // of the program: imported by a path relative to the bundle.
        b.onResolve({ filter: /^\.\.?\// }, (args) => {
          const target = resolve(args.resolveDir, args.path);
          if (!target.startsWith(dist) || target.startsWith(uiDir + "/")) return undefined;
          // Outside dist/ui, so the relative path starts with "../".
          return { path: relative(uiDir, target), external: true };
        });
        // Ink loads its React devtools bridge only when DEV=true; it is not installed.
        b.onResolve({ filter: /^\.\/devtools\.js$/, namespace: "file" }, (args) =>
          args.importer.includes("/node_modules/ink/")
            ? { path: args.path, namespace: "no-devtools" }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: "no-devtools" }, () => ({ contents: "export {};" }));
      },
    },
  ],
});

// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/**
 * The layers import downwards only: cli → ui → state → engine → kube.
 * `sandbox` is a server of its own and imports none of them.
 * Each entry lists what a layer must never import.
 */
const layerRules = {
  kube: ["engine", "state", "ui", "cli", "sandbox"],
  engine: ["state", "ui", "cli", "sandbox"],
  state: ["ui", "cli", "sandbox"],
  // The UI renders what the state gives it; it reaches the cluster only through state and engine.
  ui: ["cli", "sandbox", "kube"],
  sandbox: ["kube", "engine", "state", "ui", "cli"],
};
/** Why an import that points down the stack is still refused. */
const downwardBans = {
  "ui→kube":
    "src/ui must not import src/kube: the UI reaches the cluster through src/state and src/engine.",
};
/** Shared modules at the root of src/ that every layer but the sandbox may use. */
const rootModules = ["errors", "version", "visibleText"];
const reactFree = ["kube", "engine", "state", "sandbox"];

/**
 * Ink's Text and @inkjs/ui's Spinner show strings as they are; src/ui/text.tsx wraps them so that
 * untrusted text (chart and release fields, errors) shows its control characters instead.
 */
const uiTextModule = "src/ui/text.tsx";
const rawInkText = [
  {
    group: ["ink"],
    importNames: ["Text"],
    message:
      "Import Text from src/ui/text.tsx: it shows control characters instead of sending them.",
  },
  {
    group: ["@inkjs/ui"],
    importNames: ["Spinner"],
    message:
      "Import Spinner from src/ui/text.tsx: it shows control characters instead of sending them.",
  },
];

const layerConfigs = Object.entries(layerRules).flatMap(([layer, forbidden]) => {
  const patterns = [
    ...forbidden.map((other) => ({
      group: [`**/${other}/**`, `**/${other}`, `**/${other}.js`],
      message:
        downwardBans[`${layer}→${other}`] ??
        `src/${layer} must not import src/${other}: dependencies point cli → ui → state → engine → kube, and sandbox stands alone.`,
    })),
    ...(layer === "sandbox"
      ? rootModules.map((m) => ({
          group: [`../${m}.js`, `../../${m}.js`, `../../../${m}.js`],
          message: "src/sandbox stands alone and imports nothing from the rest of wheelhouse.",
        }))
      : []),
    ...(reactFree.includes(layer)
      ? [
          {
            group: ["react", "ink", "ink-*", "@inkjs/*"],
            message: `Nothing below src/ui imports React or Ink.`,
          },
        ]
      : []),
  ];
  /** @param {object[]} extra */
  const restrict = (extra) => ({
    "no-restricted-imports": ["error", { patterns: [...patterns, ...extra] }],
  });
  if (layer !== "ui") return [{ files: [`src/${layer}/**/*.{ts,tsx}`], rules: restrict([]) }];
  return [
    { files: [`src/ui/**/*.{ts,tsx}`], ignores: [uiTextModule], rules: restrict(rawInkText) },
    { files: [uiTextModule], rules: restrict([]) },
  ];
});

export default tseslint.config(
  { ignores: ["dist/**", "coverage/**", "node_modules/**", "demo/charts/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        Buffer: "readonly",
        URL: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  ...layerConfigs,
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      // import-x reads only the extensions named here; without them every .ts import is skipped.
      "import-x/extensions": [".ts", ".tsx"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver()],
    },
    rules: {
      // Type-only cycles are invisible to this rule; `npm run lint` runs dpdm for those.
      "import-x/no-cycle": "error",
      // Counted as `wc -l` counts: a file that long wants splitting, comments or not.
      "max-lines": ["error", { max: 500, skipBlankLines: false, skipComments: false }],
    },
  },
  prettier,
);

import { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { KubeVersion } from "../../engine/render/context.js";
import { splitManifest } from "../../engine/manifest/splitManifest.js";
import { validateReleaseName } from "../../engine/release/name.js";
import type { CliIO } from "../io.js";
import { addRenderOptions, renderInputsFrom, type RenderFlags } from "../options/renderOptions.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import type { PostRenderer } from "../../engine/render/postRender.js";
import { collect } from "../options/repeatable.js";

interface TemplateFlags extends RenderFlags, GlobalOptions {
  showOnly?: string[];
  kubeVersion?: string;
  apiVersions?: string[];
  includeCrds?: boolean;
  skipTests?: boolean;
  isUpgrade?: boolean;
  hooks: boolean;
}

/** helm's StringSlice flags: repeatable, and each use may hold a comma-separated list. */
const collectCommaList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value.split(",").filter((v) => v !== ""),
];

/** `wheelhouse template [NAME] CHART`: render locally, as `helm template` does. */
export function templateCommand(io: CliIO): Command {
  const cmd = new Command("template")
    .description("render a chart locally and print the manifests (no cluster needed)")
    .argument("[name]", 'release name (default "release-name")')
    .argument("[chart]", "chart folder, .tgz archive, REPO/CHART, URL or oci://HOST/PATH/CHART")
    .option(
      "-s, --show-only <path>",
      "only print documents from this template (repeatable)",
      collect,
    )
    .option("--kube-version <version>", "Kubernetes version for Capabilities (default v1.35.0)")
    .option(
      "-a, --api-versions <versions>",
      "Kubernetes API versions for Capabilities.APIVersions (repeatable, comma-separated)",
      collectCommaList,
    )
    .option("--include-crds", "include the chart's crds/ files in the output")
    .option("--skip-tests", "leave test hooks out of the output")
    .option("--is-upgrade", "render with Release.IsUpgrade true")
    .option("--no-hooks", "leave hooks out of the output");
  addRenderOptions(cmd);
  return cmd.action(
    async (first: string | undefined, second: string | undefined, _opts, command: Command) => {
      const flags = command.optsWithGlobals<TemplateFlags>();
      const [name, reference] = second === undefined ? ["release-name", first] : [first!, second];
      if (reference === undefined)
        throw new UsageError("template needs a chart: wheelhouse template [NAME] CHART");
      validateReleaseName(name);
      const { chart, userValues, postRender } = await renderInputsFrom(reference, flags, io);
      const { renderRelease } = await import("../../engine/actions/template.js");
      const rendered = renderRelease({
        chart,
        userValues,
        release: {
          name,
          namespace: flags.namespace ?? "default",
          revision: 1,
          isInstall: !flags.isUpgrade,
          isUpgrade: flags.isUpgrade === true,
        },
        ...(flags.kubeVersion ? { kubeVersion: parseKubeVersionFlag(flags.kubeVersion) } : {}),
        ...(flags.apiVersions ? { extraApiVersions: flags.apiVersions } : {}),
      });
      const manifests = postRender
        ? await postRenderedDocuments(postRender, rendered.manifest)
        : rendered.manifests.map((m) => ({ path: m.path, content: m.content }));
      const crds = flags.includeCrds ? rendered.crds : [];
      const hooks = flags.hooks
        ? rendered.hooks.filter((h) => !(flags.skipTests && h.events.includes("test")))
        : [];
      // As helm prints it: the release manifest (CRDs first) trimmed, then each hook.
      const manifest = [...crds, ...manifests]
        .map((d) => `---\n${d.path ? `# Source: ${d.path}\n` : ""}${d.content}\n`)
        .join("");
      const output =
        `${manifest.trim()}\n` +
        hooks.map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join("");
      io.stdout.write(flags.showOnly ? showOnly(output, flags.showOnly) : output);
    },
  );
}

/** The post-renderer's output as documents, named by the Source comments it kept. */
async function postRenderedDocuments(
  postRender: PostRenderer,
  manifest: string,
): Promise<Array<{ path: string; content: string }>> {
  const [{ postRendered }, { manifestDocuments }] = await Promise.all([
    import("../../engine/render/postRender.js"),
    import("../../engine/manifest/yaml.js"),
  ]);
  return manifestDocuments(await postRendered(postRender, manifest)).map((d) => ({
    path: d.source ?? "",
    content: d.text,
  }));
}

/**
 * helm's --show-only: the output split into documents again, and for each pattern (in the order
 * given) the documents whose `# Source:` path below the chart folder matches it as a glob.
 */
function showOnly(output: string, patterns: string[]): string {
  const documents = splitManifest(output, { keepComments: true });
  const shown: string[] = [];
  for (const pattern of patterns) {
    const match = pathMatcher(pattern.replaceAll("\\", "/"));
    const found = documents.filter((doc) => {
      const source = /# Source: [^/]+\/(.+)/.exec(doc);
      return source !== null && match(source[1]!);
    });
    if (found.length === 0) throw new UsageError(`could not find template ${pattern} in chart`);
    shown.push(...found);
  }
  return shown.map((doc) => `---\n${doc}\n`).join("");
}

/** Go's filepath.Match: `*` and `?` stay within one path segment; `[...]` classes; `\\` escapes. */
function pathMatcher(pattern: string): (path: string) => boolean {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) return () => false;
      const body = pattern.slice(i + 1, end);
      re += `[${body.startsWith("^") ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  const compiled = new RegExp(`^${re}$`);
  return (path) => compiled.test(path);
}

/** `--kube-version` as helm parses it (k8s ParseGeneric: "1.29", "v1.29.3-gke.1"). */
function parseKubeVersionFlag(text: string): KubeVersion {
  const m = /^\s*v?(\d+)\.(\d+)(\.\d+)?([-+].*)?$/.exec(text);
  if (!m) {
    throw new UsageError(`invalid kube version '${text}': could not parse "${text}" as version`);
  }
  const version = text.startsWith("v") ? text : `v${text}`;
  const [major, minor] = [String(Number(m[1])), String(Number(m[2]))];
  // k8s ParseGeneric keeps the components given ("1.29" prints as v1.29) and drops suffixes.
  const patch = m[3] ? `.${Number(m[3].slice(1))}` : "";
  return { version, major, minor, normalized: `v${major}.${minor}${patch}` };
}

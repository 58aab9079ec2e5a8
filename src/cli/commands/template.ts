import { Command } from "commander";
import { UsageError } from "../../errors.js";
import { kubeVersionFrom } from "../../engine/render/context.js";
import { validateReleaseName } from "../../engine/release/name.js";
import type { CliIO } from "../io.js";
import { addRenderOptions, renderInputsFrom, type RenderFlags } from "../options/renderOptions.js";
import type { GlobalOptions } from "../program.js";
import type { PostRenderer } from "../../engine/render/postRender.js";
import { collect } from "../options/repeatable.js";

interface TemplateFlags extends RenderFlags, GlobalOptions {
  showOnly?: string[];
  kubeVersion?: string;
  isUpgrade?: boolean;
  hooks: boolean;
}

/** `wheelhouse template [NAME] CHART`: render locally, as `helm template` does. */
export function templateCommand(io: CliIO): Command {
  const cmd = new Command("template")
    .description("render a chart locally and print the manifests (no cluster needed)")
    .argument("[name]", 'release name (default "release-name")')
    .argument("[chart]", "chart folder, .tgz archive, REPO/CHART or URL")
    .option(
      "-s, --show-only <path>",
      "only print documents from this template (repeatable)",
      collect,
    )
    .option("--kube-version <version>", "Kubernetes version for Capabilities (default v1.31.0)")
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
        ...(flags.kubeVersion ? { kubeVersion: kubeVersionFrom(flags.kubeVersion) } : {}),
      });
      const manifests = postRender
        ? await postRenderedDocuments(postRender, rendered.manifest)
        : rendered.manifests.map((m) => ({ path: m.path, content: m.content }));
      const documents = [
        ...manifests,
        ...(flags.hooks ? rendered.hooks.map((h) => ({ path: h.path, content: h.manifest })) : []),
      ];
      const shown = flags.showOnly
        ? selectShown(documents, flags.showOnly, rendered.chart.metadata.name)
        : documents;
      io.stdout.write(
        shown.map((d) => `---\n${d.path ? `# Source: ${d.path}\n` : ""}${d.content}\n`).join(""),
      );
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

/** `--show-only templates/x.yaml` names a template relative to the chart, as helm's does. */
function selectShown<T extends { path: string }>(
  documents: T[],
  patterns: string[],
  chart: string,
): T[] {
  const wanted = patterns.map((p) => (p.startsWith(`${chart}/`) ? p : `${chart}/${p}`));
  const missing = wanted.filter((w) => !documents.some((d) => d.path === w));
  if (missing.length > 0) {
    throw new UsageError(
      `could not find template ${missing.map((m) => m.slice(chart.length + 1)).join(", ")} in chart`,
    );
  }
  return documents.filter((d) => wanted.includes(d.path));
}

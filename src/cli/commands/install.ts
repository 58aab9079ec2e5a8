import { Command } from "commander";
import type { ReleaseSession } from "../session/releaseSession.js";
import { withSession } from "../session/releaseSession.js";
import type { CliIO } from "../io.js";
import { addApplyOptions, applyingOptions, type ApplyFlags } from "../options/applyOptions.js";
import { addRenderOptions, renderInputsFrom, type RenderFlags } from "../options/renderOptions.js";
import { releaseSummary } from "../output/releaseSummary.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { visibleText } from "../../visibleText.js";
import { ActionError, ReleaseInUseError } from "../../engine/actions/errors.js";
import { missingNamespace } from "./missingNamespace.js";
import { upgradeInstead } from "./upgradeInstead.js";

interface InstallFlags extends RenderFlags, GlobalOptions, ApplyFlags {
  createNamespace?: boolean;
  replace?: boolean;
  skipCrds?: boolean;
}

/** `wheelhouse install NAME CHART`. */
export function installCommand(io: CliIO): Command {
  const cmd = new Command("install")
    .description("install a chart as a new release")
    .argument("<name>", "release name")
    .argument("<chart>", "chart folder, .tgz archive, REPO/CHART, URL or oci://HOST/PATH/CHART")
    .option("--create-namespace", "create the release namespace if it does not exist")
    .option("--replace", "reuse the name of an uninstalled or failed release")
    .option("--skip-crds", "do not install the CRDs of the chart's crds/ folders");
  addRenderOptions(cmd);
  addApplyOptions(cmd, { serverSide: "install" });
  return cmd.action(async (name: string, reference: string, _opts, command: Command) => {
    const flags = command.optsWithGlobals<InstallFlags>();
    const { install } = await import("../../engine/actions/install.js");
    const inputs = await renderInputsFrom(reference, flags, io);
    await withSession(
      flags,
      io,
      async (session) => {
        if (flags.createNamespace && !flags.dryRun) await ensureNamespace(session);
        const { release } = await install(session.ctx, {
          ...applyingOptions(flags),
          name,
          namespace: session.namespace,
          ...inputs,
          ...(flags.replace ? { replace: true } : {}),
          ...(flags.skipCrds ? { skipCrds: true } : {}),
          ...(flags.atomic ? { atomic: true } : {}),
        }).catch((err: unknown) => {
          if (!(err instanceof ReleaseInUseError)) throw missingNamespace(err, session.namespace);
          throw new ActionError(err.message, {
            hint: `upgrade it with \`${upgradeInstead(name, reference, session.namespace, flags)}\`, or uninstall it first`,
          });
        });
        if (flags.dryRun) {
          // A report for a person (`template` is the one for tools): the manifests' controls show.
          io.stdout.write(
            releaseSummary(release) +
              visibleText(
                `HOOKS:\n${(release.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join("")}MANIFEST:\n${release.manifest}`,
              ),
          );
          return;
        }
        io.stdout.write(releaseSummary(release));
      },
      { serverVersion: true },
    );
  });
}

export async function ensureNamespace(session: ReleaseSession): Promise<void> {
  const ref = { apiVersion: "v1", kind: "Namespace", name: session.namespace };
  if (await session.ctx.cluster.get(ref)) return;
  await session.ctx.cluster.apply(
    { apiVersion: "v1", kind: "Namespace", metadata: { name: session.namespace } },
    { fieldManager: session.ctx.fieldManager, force: true },
  );
}

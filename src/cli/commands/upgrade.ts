import { Command } from "commander";
import { missingNamespace } from "./missingNamespace.js";
import { withSession } from "../session/releaseSession.js";
import type { CliIO } from "../io.js";
import { addApplyOptions, applyingOptions, type ApplyFlags } from "../options/applyOptions.js";
import { addRenderOptions, renderInputsFrom, type RenderFlags } from "../options/renderOptions.js";
import {
  addValuesModeOptions,
  valuesModeFrom,
  type ValuesModeFlags,
} from "../options/valuesModeOptions.js";
import { releaseSummary } from "../output/releaseSummary.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { ensureNamespace } from "./install.js";
import { visible, visibleText } from "../../visibleText.js";

interface UpgradeFlags extends RenderFlags, GlobalOptions, ApplyFlags, ValuesModeFlags {
  install?: boolean;
  createNamespace?: boolean;
  skipCrds?: boolean;
}

/** `wheelhouse upgrade NAME CHART`. */
export function upgradeCommand(io: CliIO): Command {
  const cmd = new Command("upgrade")
    .description("upgrade a release to a new chart or new values (see `diff upgrade` to preview)")
    .argument("<name>", "release name")
    .argument("<chart>", "chart folder, .tgz archive, REPO/CHART, URL or oci://HOST/PATH/CHART")
    .option("-i, --install", "install the release if it does not exist")
    .option("--create-namespace", "with --install, create the namespace if needed")
    .option("--skip-crds", "with --install, do not install the CRDs of the chart's crds/ folders");
  addValuesModeOptions(cmd);
  addRenderOptions(cmd);
  addApplyOptions(cmd, { serverSide: "upgrade" });
  return cmd.action(async (name: string, reference: string, _opts, command: Command) => {
    const flags = command.optsWithGlobals<UpgradeFlags>();
    const { upgrade } = await import("../../engine/actions/upgrade.js");
    const inputs = await renderInputsFrom(reference, flags, io);
    await withSession(
      flags,
      io,
      async (session) => {
        if (flags.install && flags.createNamespace && !flags.dryRun) await ensureNamespace(session);
        const { release, installed, reuseWarning } = await upgrade(session.ctx, {
          ...applyingOptions(flags),
          name,
          namespace: session.namespace,
          ...inputs,
          valuesMode: valuesModeFrom(flags),
          ...(flags.install ? { install: true } : {}),
          ...(flags.skipCrds ? { skipCrds: true } : {}),
          ...(flags.atomic ? { atomic: true } : {}),
        }).catch((err: unknown) => {
          throw flags.install ? missingNamespace(err, session.namespace) : err;
        });
        if (reuseWarning) io.stderr.write(`warning: ${visibleText(reuseWarning.message)}\n`);
        if (flags.dryRun) {
          io.stdout.write(releaseSummary(release) + `MANIFEST:\n${visibleText(release.manifest)}`);
          return;
        }
        io.stdout.write(
          (installed
            ? visible`Release "${name}" does not exist. Installing it now.\n`
            : visible`Release "${name}" has been upgraded. Happy Helming!\n`) +
            releaseSummary(release),
        );
      },
      { serverVersion: true },
    );
  });
}

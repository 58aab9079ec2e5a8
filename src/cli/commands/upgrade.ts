import { Command } from "commander";
import { missingNamespace } from "./missingNamespace.js";
import { UsageError } from "../../errors.js";
import type { ValuesMode } from "../../engine/actions/upgrade.js";
import { withSession } from "../session/releaseSession.js";
import type { CliIO } from "../io.js";
import { addApplyOptions, applyingOptions, type ApplyFlags } from "../options/applyOptions.js";
import { addRenderOptions, renderInputsFrom, type RenderFlags } from "../options/renderOptions.js";
import { releaseSummary } from "../output/releaseSummary.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { ensureNamespace } from "./install.js";
import { visible, visibleText } from "../../visibleText.js";

interface UpgradeFlags extends RenderFlags, GlobalOptions, ApplyFlags {
  install?: boolean;
  createNamespace?: boolean;
  resetValues?: boolean;
  reuseValues?: boolean;
  resetThenReuseValues?: boolean;
  skipCrds?: boolean;
}

/** `wheelhouse upgrade NAME CHART`. */
export function upgradeCommand(io: CliIO): Command {
  const cmd = new Command("upgrade")
    .description("upgrade a release to a new chart or new values (see `diff upgrade` to preview)")
    .argument("<name>", "release name")
    .argument("<chart>", "chart folder, .tgz archive, REPO/CHART or URL")
    .option("-i, --install", "install the release if it does not exist")
    .option("--create-namespace", "with --install, create the namespace if needed")
    .option("--skip-crds", "with --install, do not install the CRDs of the chart's crds/ folders")
    .option("--reset-values", "start from the chart's defaults, ignoring the previous values")
    .option(
      "--reuse-values",
      "merge the given values over the previous ones and the old chart's defaults",
    )
    .option(
      "--reset-then-reuse-values",
      "merge the given values over the previous ones, with the new chart's defaults",
    );
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
        const { release, installed } = await upgrade(session.ctx, {
          ...applyingOptions(flags),
          name,
          namespace: session.namespace,
          ...inputs,
          valuesMode: valuesMode(flags),
          ...(flags.install ? { install: true } : {}),
          ...(flags.skipCrds ? { skipCrds: true } : {}),
          ...(flags.atomic ? { atomic: true } : {}),
        }).catch((err: unknown) => {
          throw flags.install ? missingNamespace(err, session.namespace) : err;
        });
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

/**
 * helm's precedence: reset beats reuse beats reset-then-reuse
 * (docs/chart-engine.md#upgrade-value-modes).
 */
function valuesMode(flags: UpgradeFlags): ValuesMode {
  const chosen = [flags.resetValues, flags.reuseValues, flags.resetThenReuseValues].filter(
    Boolean,
  ).length;
  if (chosen > 1) {
    throw new UsageError(
      "choose one of --reset-values, --reuse-values and --reset-then-reuse-values",
    );
  }
  if (flags.resetValues) return "reset";
  if (flags.reuseValues) return "reuse";
  if (flags.resetThenReuseValues) return "reset-then-reuse";
  return "default";
}

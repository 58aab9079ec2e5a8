import { Command } from "commander";
import type { ManifestDiff } from "../../engine/diff/types.js";
import { hasChanges } from "../../engine/diff/types.js";
import { withSession } from "../session/releaseSession.js";
import { useColor, type CliIO } from "../io.js";
import { parseCount, parseRevision } from "../options/applyOptions.js";
import { addRenderOptions, renderInputsFrom, type RenderFlags } from "../options/renderOptions.js";
import { formatDiff } from "../output/diffText.js";
import { parseOutputFormat } from "../output/format.js";
import {
  addValuesModeOptions,
  valuesModeFrom,
  type ValuesModeFlags,
} from "../options/valuesModeOptions.js";
import { printValuesDiff, valuesOutputOptions } from "./diffValues.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { ExitCode } from "../exitCode.js";
import { UsageError } from "../../errors.js";
import { visibleText } from "../../visibleText.js";

// The diff engine (and, for `diff upgrade`, the renderer) loads when a subcommand runs.
const diffActions = () => import("../../engine/actions/diff.js");

interface DiffFlags extends RenderFlags, GlobalOptions, ValuesModeFlags {
  context: string;
  showSecrets?: boolean;
  detailedExitcode?: boolean;
  valuesOnly?: boolean;
  all?: boolean;
  output?: string;
}

function withDiffOptions(cmd: Command): Command {
  return cmd
    .option("-C, --context <lines>", "lines of context around each change", "3")
    .option("--show-secrets", "show Secret values instead of masking them")
    .option("--detailed-exitcode", "exit 2 when there are changes, 0 when there are none");
}

/**
 * `wheelhouse diff upgrade|revision|rollback|live`: per-resource diffs, helm-diff style;
 * `diff values` (and `diff upgrade --values-only`): values, path by path.
 */
export function diffCommand(io: CliIO): Command {
  const diff = new Command("diff").description(
    "show what an upgrade or rollback would change, or what drifted",
  );

  const print = (result: ManifestDiff, flags: DiffFlags) => {
    io.stdout.write(
      formatDiff(result, { context: parseCount(flags.context, "--context"), color: useColor(io) }),
    );
    if (flags.detailedExitcode && hasChanges(result)) throw new ExitCode(2);
  };

  const upgrade = withDiffOptions(
    new Command("upgrade")
      .description(
        "preview an upgrade: the deployed revision against the chart rendered with the new values",
      )
      .argument("<name>", "release name")
      .argument("<chart>", "chart folder, .tgz archive, REPO/CHART, URL or oci://HOST/PATH/CHART")
      .option(
        "--values-only",
        "show the values the upgrade would store against the deployed ones, path by path",
      ),
  );
  valuesOutputOptions(upgrade, "with --values-only: ");
  addValuesModeOptions(upgrade);
  addRenderOptions(upgrade);
  upgrade.action(async (name: string, reference: string, _opts, command: Command) => {
    const [{ diffReleaseManifests }, { planUpgrade }, { upgradeValuesDiff }] = await Promise.all([
      diffActions(),
      import("../../engine/actions/upgrade.js"),
      import("../../engine/actions/valuesDiff.js"),
    ]);
    const flags = command.optsWithGlobals<DiffFlags>();
    const valuesMode = valuesModeFrom(flags);
    if (!flags.valuesOnly && (flags.all || flags.output !== undefined)) {
      throw new UsageError(`${flags.all ? "--all" : "--output"} needs --values-only`);
    }
    const format = parseOutputFormat(flags.output);
    const inputs = await renderInputsFrom(reference, flags, io);
    await withSession(
      flags,
      io,
      async (session) => {
        const options = { name, namespace: session.namespace, ...inputs, valuesMode };
        const plan = await planUpgrade(session.ctx, options);
        const values = upgradeValuesDiff(plan, { all: flags.all === true });
        if (values.reuseWarning) {
          io.stderr.write(`warning: ${visibleText(values.reuseWarning.message)}\n`);
        }
        if (flags.valuesOnly) {
          await printValuesDiff(io, values, { name, namespace: session.namespace }, format, flags);
          return;
        }
        const result = await diffReleaseManifests(
          session.ctx,
          session.namespace,
          plan.current.manifest,
          plan.pending.manifest,
          { showSecrets: flags.showSecrets === true },
        );
        print(result, flags);
      },
      { serverVersion: true },
    );
  });

  const revision = withDiffOptions(
    new Command("revision")
      .description("two revisions of a release (the second defaults to the deployed one)")
      .argument("<name>", "release name")
      .argument("<from>", "revision")
      .argument("[to]", "revision (default: deployed)"),
  ).action(async (name: string, from: string, to: string | undefined, _opts, command: Command) => {
    const { diffRevisions } = await diffActions();
    const flags = command.optsWithGlobals<DiffFlags>();
    await withSession(flags, io, async (session) => {
      const result = await diffRevisions(
        session.ctx,
        name,
        session.namespace,
        parseRevision(from),
        to === undefined ? undefined : parseRevision(to),
        { showSecrets: flags.showSecrets === true },
      );
      print(result.diff, flags);
    });
  });

  const values = valuesOutputOptions(
    new Command("values")
      .description(
        "the values of two revisions, path by path (the second defaults to the deployed one)",
      )
      .argument("<name>", "release name")
      .argument("<from>", "revision")
      .argument("[to]", "revision (default: deployed)")
      .option("--detailed-exitcode", "exit 2 when there are changes, 0 when there are none"),
  ).action(async (name: string, from: string, to: string | undefined, _opts, command: Command) => {
    const { diffRevisionValues } = await import("../../engine/actions/valuesDiff.js");
    const flags = command.optsWithGlobals<DiffFlags>();
    const format = parseOutputFormat(flags.output);
    await withSession(flags, io, async (session) => {
      const result = await diffRevisionValues(
        session.ctx,
        name,
        session.namespace,
        parseRevision(from),
        to === undefined ? undefined : parseRevision(to),
        { all: flags.all === true },
      );
      await printValuesDiff(io, result, { name, namespace: session.namespace }, format, flags);
    });
  });

  const rollback = withDiffOptions(
    new Command("rollback")
      .description("preview a rollback: the deployed revision against the target")
      .argument("<name>", "release name")
      .argument("[revision]", "target (default: the one before the latest)"),
  ).action(async (name: string, target: string | undefined, _opts, command: Command) => {
    const { diffRollback } = await diffActions();
    const flags = command.optsWithGlobals<DiffFlags>();
    await withSession(flags, io, async (session) => {
      const result = await diffRollback(
        session.ctx,
        name,
        session.namespace,
        target === undefined ? undefined : parseRevision(target),
        { showSecrets: flags.showSecrets === true },
      );
      print(result.diff, flags);
    });
  });

  const live = withDiffOptions(
    new Command("live")
      .description("drift: the deployed revision's manifest against the live objects")
      .argument("<name>", "release name"),
  ).action(async (name: string, _opts, command: Command) => {
    const { diffLive } = await diffActions();
    const flags = command.optsWithGlobals<DiffFlags>();
    await withSession(flags, io, async (session) => {
      const result = await diffLive(session.ctx, name, session.namespace, {
        showSecrets: flags.showSecrets === true,
      });
      print(result.diff, flags);
    });
  });

  return diff
    .addCommand(upgrade)
    .addCommand(revision)
    .addCommand(values)
    .addCommand(rollback)
    .addCommand(live);
}

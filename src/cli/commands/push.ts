import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { CliIO } from "../io.js";
import {
  addRegistryOptions,
  registryOptionsFrom,
  type RegistryFlags,
} from "../options/registryOptions.js";
import { addDownloadTimeoutOption, downloadTimeout } from "../options/chartSource.js";

/** `wheelhouse push CHART.tgz oci://HOST/PATH`: upload a packaged chart as `helm push` does. */
export function pushCommand(io: CliIO): Command {
  const cmd = new Command("push")
    .description("upload a packaged chart (and its .prov, when there is one) to an OCI registry")
    .argument("<chart>", "the chart archive (.tgz), as `wheelhouse package` writes it")
    .argument("<remote>", "oci://HOST/PATH; the chart goes to HOST/PATH/NAME:VERSION");
  addRegistryOptions(cmd, "the upload");
  addDownloadTimeoutOption(
    cmd,
    "time to wait for each request to complete (Go duration, e.g. 90s; 0 waits forever)",
  );
  return cmd.action(
    async (archive: string, remote: string, flags: RegistryFlags & { timeout?: string }) => {
      if (!/^oci:\/\//i.test(remote))
        throw new UsageError(`"${remote}" is not an oci:// reference`, {
          hint: "push uploads to an OCI registry: wheelhouse push CHART.tgz oci://HOST/PATH",
        });
      const path = resolve(io.cwd, archive);
      if (
        !(await stat(path).then(
          (s) => s.isFile(),
          () => false,
        ))
      )
        throw new UsageError(`${archive}: no such chart archive`, {
          hint: "package the chart first with `wheelhouse package DIR`",
        });
      const [bytes, provenance, stats] = await Promise.all([
        readFile(path),
        readFile(`${path}.prov`).catch(() => undefined),
        stat(path),
      ]);
      const { pushOciChart } = await import("../../engine/oci/push.js");
      const { formatOciReference } = await import("../../engine/oci/reference.js");
      const pushed = await pushOciChart(bytes, archive, remote, {
        ...registryOptionsFrom(flags, io.cwd),
        ...downloadTimeout(flags),
        env: io.env,
        ...(provenance ? { provenance } : {}),
        // helm stamps org.opencontainers.image.created with the archive's modification time.
        created: stats.mtime,
      });
      io.stderr.write(
        `Pushed: ${formatOciReference(pushed.reference, false)}\nDigest: ${pushed.digest}\n`,
      );
    },
  );
}

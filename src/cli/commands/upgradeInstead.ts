import type { GlobalOptions } from "../options/globalOptions.js";
import type { RenderFlags } from "../options/renderOptions.js";
import { commandLine } from "../../shellWords.js";

/**
 * The `wheelhouse upgrade` that does what a refused `install` asked, for pasting: the same
 * release, namespace, chart, chart source and values. Values go in the order helm applies them
 * whatever order they were typed in, so listing them flag by flag changes nothing.
 */
export function upgradeInstead(
  name: string,
  chart: string,
  namespace: string,
  flags: RenderFlags & GlobalOptions,
): string {
  const repeat = (flag: string, list: string[] | undefined) =>
    (list ?? []).flatMap((v) => [flag, v]);
  const once = (flag: string, value: string | undefined) => (value ? [flag, value] : []);
  return commandLine([
    "wheelhouse",
    "upgrade",
    name,
    chart,
    "-n",
    namespace,
    ...once("--kube-context", flags.kubeContext),
    ...once("--kubeconfig", flags.kubeconfig),
    ...once("--driver", flags.driver),
    ...once("--version", flags.version),
    ...(flags.devel ? ["--devel"] : []),
    ...once("--repository-config", flags.repositoryConfig),
    ...once("--repository-cache", flags.repositoryCache),
    ...repeat("-f", flags.values),
    ...repeat("--set", flags.set),
    ...repeat("--set-json", flags.setJson),
    ...repeat("--set-string", flags.setString),
    ...repeat("--set-file", flags.setFile),
    ...repeat("--set-literal", flags.setLiteral),
  ]);
}

import { KubeNotFoundError, isKubeError } from "../../kube/errors.js";

/**
 * An install into a namespace that does not exist fails when the first record is written, with
 * the server's `namespaces "x" not found`; the flag that fixes it is the news.
 */
export function missingNamespace(err: unknown, namespace: string): unknown {
  if (
    !isKubeError(err, "NotFound") ||
    !err.message.includes(`namespaces "${namespace}" not found`)
  ) {
    return err;
  }
  return new KubeNotFoundError(`namespace "${namespace}" does not exist`, {
    hint: "add --create-namespace to create it, or choose another namespace with -n",
    cause: err,
  });
}

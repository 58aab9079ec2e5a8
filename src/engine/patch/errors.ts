import { WheelhouseError } from "../../errors.js";

/**
 * A patch Kubernetes itself would refuse to compute: a field the schema does not know whose value
 * changed, a merging list without its merge key, mixed item types. helm fails the upgrade with
 * "failed to create patch" in these cases; the message names the field by its JSON path.
 */
export class PatchError extends WheelhouseError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(
      "patch",
      `cannot compute a strategic merge patch at ${path || "the top level"}: ${problem}`,
    );
  }
}

/** The /openapi/v2 document is not one we can take patch metadata from. */
export class OpenApiDocumentError extends WheelhouseError {
  constructor(problem: string) {
    super("openapi", `unusable OpenAPI v2 document: ${problem}`, {
      hint: "wheelhouse reads patch metadata from the API server's /openapi/v2; check that the server serves it",
    });
  }
}

/**
 * The API server's answers to a strategic merge patch it cannot apply. Most of its errors are
 * plain Go errors, which reach the client as a 500 with no reason; a few it maps to 400 or 422.
 */
import { StatusError, badRequest } from "./errors.js";
import { goFormat, goTypeName } from "./goValues.js";

/** A plain Go error from the patch code: 500, no reason, the error text as the message. */
export function smpFailed(message: string): StatusError {
  return new StatusError(500, "", message);
}

export function smpNoMergeKey(item: unknown, mergeKey: string): StatusError {
  return smpFailed(`map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`);
}

/** `expected` as Go prints the type: `[]interface {}` or `map[string]interface {}`. */
export function smpBadArgType(expected: string, actual: unknown): StatusError {
  return smpFailed(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}

export function smpBadPatchType(directive: unknown, item: unknown): StatusError {
  return smpFailed(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`);
}

export const SMP_BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";
export const SMP_BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
export const SMP_BAD_SET_ELEMENT_ORDER = "invalid patch format of setElementOrder list";

/** The malformed-directive errors the server answers with 400 BadRequest. */
export function smpBadFormat(message: string): StatusError {
  return badRequest(message);
}

/** Lists of lists: the server's generic 422 with the reason as its only cause. */
export function smpListOfLists(): StatusError {
  return new StatusError(
    422,
    "Invalid",
    "the server rejected our request due to an error in our request",
    {
      causes: [{ reason: "UnexpectedServerResponse", message: "lists of lists are not supported" }],
    },
  );
}

/** What json.Unmarshal says about a patch body that is not a JSON object. */
export function smpNotAnObject(patch: unknown): StatusError {
  const kind = Array.isArray(patch) ? "array" : typeof patch === "boolean" ? "bool" : typeof patch;
  return badRequest(`json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
}

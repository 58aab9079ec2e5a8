/**
 * The media types a request body may come in, as kube-apiserver takes them: objects (create,
 * update, delete options, reviews) in JSON, YAML or protobuf; anything else — `text/plain`, a
 * form, a patch type where an object belongs — is refused with 415 before it is read as one. A
 * web page can post `text/plain` or a form to any address without asking; it cannot post JSON.
 */
import { StatusError } from "./errors.js";

export const JSON_TYPE = "application/json";
export const YAML_TYPE = "application/yaml";
export const PROTOBUF_TYPE = "application/vnd.kubernetes.protobuf";

/** What a body that is an object may be sent as. */
const OBJECT_TYPES = [JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE];

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const MEDIA_TYPE = new RegExp(
  `^\\s*(${TOKEN}/${TOKEN})\\s*((?:;\\s*${TOKEN}=(?:${TOKEN}|${QUOTED})\\s*)*)$`,
);

/**
 * The media type of a Content-Type header (lowercase, without parameters); undefined when the
 * header is not one (Go's mime.ParseMediaType refuses `application/json;foo` too).
 */
export function parseMediaType(header: string): string | undefined {
  const m = MEDIA_TYPE.exec(header);
  return m === null ? undefined : (m[1] ?? "").toLowerCase();
}

/** The real server's 415 for a body that is not an object's media type. */
export function unsupportedObjectType(): StatusError {
  return new StatusError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${OBJECT_TYPES.join(", ")}`,
  );
}

/** The media type an object body is read as (no header: JSON); throws 415 for others. */
export function objectMediaType(header: string | undefined): string {
  if (header === undefined || header.trim() === "") return JSON_TYPE;
  const type = parseMediaType(header);
  if (type === undefined || !OBJECT_TYPES.includes(type)) throw unsupportedObjectType();
  return type;
}

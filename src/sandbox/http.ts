/** HTTP plumbing: request bodies in, JSON and Status answers out. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseYaml } from "./yaml.js";
import { StatusError, badRequest } from "./errors.js";
import { PROTOBUF_TYPE, YAML_TYPE, objectMediaType } from "./mediaTypes.js";
import { decodeProtobuf } from "./proto.js";

/** The most a request body may hold: kube-apiserver's default (--max-request-bytes), 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** The real server's answer to a body over the limit. */
function tooLarge(limit: number): StatusError {
  return new StatusError(
    413,
    "RequestEntityTooLarge",
    `Request entity too large: limit is ${limit}`,
  );
}

/**
 * A request's body, up to `limit` bytes: past that (or when Content-Length says it will be) it
 * is refused with 413 at once, without holding what was sent. The answer then closes the
 * connection (server.ts) instead of reading the rest.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= limit) {
        chunks.push(c);
        return;
      }
      req.off("data", onData);
      req.pause();
      chunks.length = 0;
      reject(tooLarge(limit));
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * Holds each answer's end until `ready()` resolves (when it returns a promise): with a state file,
 * no answer leaves before the changes made so far are on disk, so an acknowledged write survives
 * a crash. The status line goes with the end, so a client sees nothing until then. If the changes
 * cannot be made durable the connection is cut: the client gets no answer, as from a server that
 * died before it finished.
 */
export function holdAnswers(res: ServerResponse, ready: () => Promise<void> | undefined): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const wait = ready();
    if (wait === undefined) return end(...args);
    wait.then(
      () => end(...args),
      () => res.destroy(),
    );
    return res;
  }) as ServerResponse["end"];
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = "application/json",
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-cache, private",
  });
  res.end(text);
}

export function sendText(res: ServerResponse, code: number, body: string | Buffer): void {
  res.writeHead(code, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-cache, private",
  });
  res.end(body);
}

const COMMA = Buffer.from(",");
const LIST_END = Buffer.from("]}");

/** Answers a list from pre-serialized items, writing them without building one big buffer. */
export function sendList(res: ServerResponse, head: string, items: Buffer[]): void {
  const first = Buffer.from(head);
  let length = first.length + LIST_END.length + Math.max(0, items.length - 1);
  for (const item of items) length += item.length;
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Content-Length": length,
    "Cache-Control": "no-cache, private",
  });
  res.cork();
  res.write(first);
  items.forEach((item, i) => {
    if (i > 0) res.write(COMMA);
    res.write(item);
  });
  res.end(LIST_END);
  res.uncork();
}

export function sendStatus(res: ServerResponse, err: StatusError): void {
  sendJson(res, err.code, err.toStatus());
}

/** An object body by its Content-Type: JSON (also when there is none), YAML or protobuf; else 415. */
export function parseBody(body: Buffer, contentType: string | undefined): unknown {
  const type = objectMediaType(contentType);
  if (type === PROTOBUF_TYPE && body.length > 0) return decodeProtobuf(body);
  const raw = body.toString("utf8");
  if (raw.trim() === "") return undefined;
  try {
    return type === YAML_TYPE ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

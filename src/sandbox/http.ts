/** HTTP plumbing: request bodies in, JSON and Status answers out. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseYaml } from "./yaml.js";
import type { StatusError } from "./errors.js";
import { badRequest } from "./errors.js";
import { decodeProtobuf } from "./proto.js";

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
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

export function parseBody(body: Buffer, contentType: string | undefined): unknown {
  const ct = (contentType ?? "").toLowerCase();
  if (ct.includes("protobuf") && body.length > 0) return decodeProtobuf(body);
  const raw = body.toString("utf8");
  if (raw.trim() === "") return undefined;
  try {
    return ct.includes("yaml") ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

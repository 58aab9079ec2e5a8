/**
 * Decoding of the Kubernetes protobuf wire format for the request bodies client-go's typed
 * clients send (helm stores releases with them): Secret, ConfigMap, Namespace and DeleteOptions.
 * Answers are always JSON, which those clients accept.
 */
import { StatusError } from "./errors.js";
import { setOwn } from "./patch.js";

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Field {
  no: number;
  wire: number;
  /** varint value (wire 0) */
  int?: bigint;
  /** length-delimited bytes (wire 2) */
  bytes?: Buffer;
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error("truncated varint");
      const b = buf[pos++] ?? 0;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const tag = Number(varint());
    const no = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) out.push({ no, wire, int: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      out.push({ no, wire, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const str = (f: Field): string => (f.bytes ?? Buffer.alloc(0)).toString("utf8");

function mapEntry(buf: Buffer): [string, Buffer] {
  let key = "";
  let value: Buffer = Buffer.alloc(0);
  for (const f of fields(buf)) {
    if (f.no === 1) key = str(f);
    if (f.no === 2) value = f.bytes ?? Buffer.alloc(0);
  }
  return [key, value];
}

function time(buf: Buffer): string {
  let seconds = 0n;
  for (const f of fields(buf)) if (f.no === 1) seconds = f.int ?? 0n;
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d+Z$/, "Z");
}

function signed(v: bigint | undefined): number {
  return Number(BigInt.asIntN(64, v ?? 0n));
}

function ownerReference(buf: Buffer): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const names: Record<number, string> = { 1: "kind", 3: "name", 4: "uid", 5: "apiVersion" };
  for (const f of fields(buf)) {
    const n = names[f.no];
    if (n !== undefined) o[n] = str(f);
    if (f.no === 6) o.controller = f.int === 1n;
    if (f.no === 7) o.blockOwnerDeletion = f.int === 1n;
  }
  return o;
}

function objectMeta(buf: Buffer): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  const strings: Record<number, string> = {
    1: "name",
    2: "generateName",
    3: "namespace",
    5: "uid",
    6: "resourceVersion",
  };
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  const owners: Array<Record<string, unknown>> = [];
  const finalizers: string[] = [];
  for (const f of fields(buf)) {
    const s = strings[f.no];
    if (s !== undefined) {
      if (str(f) !== "") m[s] = str(f);
      continue;
    }
    switch (f.no) {
      case 7:
        if (f.int !== undefined && f.int !== 0n) m.generation = signed(f.int);
        break;
      case 8:
        if (f.bytes !== undefined && f.bytes.length > 0) m.creationTimestamp = time(f.bytes);
        break;
      case 11: {
        const [k, v] = mapEntry(f.bytes ?? Buffer.alloc(0));
        setOwn(labels, k, v.toString("utf8"));
        break;
      }
      case 12: {
        const [k, v] = mapEntry(f.bytes ?? Buffer.alloc(0));
        setOwn(annotations, k, v.toString("utf8"));
        break;
      }
      case 13:
        owners.push(ownerReference(f.bytes ?? Buffer.alloc(0)));
        break;
      case 14:
        finalizers.push(str(f));
        break;
      default:
        break;
    }
  }
  if (Object.keys(labels).length > 0) m.labels = labels;
  if (Object.keys(annotations).length > 0) m.annotations = annotations;
  if (owners.length > 0) m.ownerReferences = owners;
  if (finalizers.length > 0) m.finalizers = finalizers;
  return m;
}

function secret(buf: Buffer): Record<string, unknown> {
  const o: Record<string, unknown> = { metadata: {} };
  const data: Record<string, string> = {};
  const stringData: Record<string, string> = {};
  for (const f of fields(buf)) {
    if (f.no === 1) o.metadata = objectMeta(f.bytes ?? Buffer.alloc(0));
    if (f.no === 2) {
      const [k, v] = mapEntry(f.bytes ?? Buffer.alloc(0));
      setOwn(data, k, v.toString("base64"));
    }
    if (f.no === 3) o.type = str(f);
    if (f.no === 4) {
      const [k, v] = mapEntry(f.bytes ?? Buffer.alloc(0));
      setOwn(stringData, k, v.toString("utf8"));
    }
    if (f.no === 5) o.immutable = f.int === 1n;
  }
  if (Object.keys(data).length > 0) o.data = data;
  if (Object.keys(stringData).length > 0) o.stringData = stringData;
  return o;
}

function configMap(buf: Buffer): Record<string, unknown> {
  const o: Record<string, unknown> = { metadata: {} };
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const f of fields(buf)) {
    if (f.no === 1) o.metadata = objectMeta(f.bytes ?? Buffer.alloc(0));
    if (f.no === 2) {
      const [k, v] = mapEntry(f.bytes ?? Buffer.alloc(0));
      setOwn(data, k, v.toString("utf8"));
    }
    if (f.no === 3) {
      const [k, v] = mapEntry(f.bytes ?? Buffer.alloc(0));
      setOwn(binaryData, k, v.toString("base64"));
    }
    if (f.no === 4) o.immutable = f.int === 1n;
  }
  if (Object.keys(data).length > 0) o.data = data;
  if (Object.keys(binaryData).length > 0) o.binaryData = binaryData;
  return o;
}

function namespace(buf: Buffer): Record<string, unknown> {
  const o: Record<string, unknown> = { metadata: {} };
  for (const f of fields(buf)) if (f.no === 1) o.metadata = objectMeta(f.bytes ?? Buffer.alloc(0));
  return o;
}

function deleteOptions(buf: Buffer): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const dryRun: string[] = [];
  for (const f of fields(buf)) {
    if (f.no === 1) o.gracePeriodSeconds = signed(f.int);
    if (f.no === 2) {
      const pre: Record<string, string> = {};
      for (const p of fields(f.bytes ?? Buffer.alloc(0))) {
        if (p.no === 1) pre.uid = str(p);
        if (p.no === 2) pre.resourceVersion = str(p);
      }
      o.preconditions = pre;
    }
    if (f.no === 3) o.orphanDependents = f.int === 1n;
    if (f.no === 4) o.propagationPolicy = str(f);
    if (f.no === 5) dryRun.push(str(f));
  }
  if (dryRun.length > 0) o.dryRun = dryRun;
  return o;
}

const DECODERS: Record<string, (buf: Buffer) => Record<string, unknown>> = {
  "v1/Secret": secret,
  "v1/ConfigMap": configMap,
  "v1/Namespace": namespace,
  "v1/DeleteOptions": deleteOptions,
  "meta.k8s.io/v1/DeleteOptions": deleteOptions,
};

/** Decodes a `k8s\0`-framed protobuf body into the JSON object it stands for. */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) {
    throw new StatusError(
      400,
      "BadRequest",
      "the body of the request is not a Kubernetes protobuf message",
    );
  }
  let apiVersion = "";
  let kind = "";
  let raw: Buffer = Buffer.alloc(0);
  for (const f of fields(body.subarray(4))) {
    if (f.no === 1) {
      for (const t of fields(f.bytes ?? Buffer.alloc(0))) {
        if (t.no === 1) apiVersion = str(t);
        if (t.no === 2) kind = str(t);
      }
    }
    if (f.no === 2) raw = f.bytes ?? Buffer.alloc(0);
  }
  const decoder = DECODERS[`${apiVersion}/${kind}`];
  if (decoder === undefined) {
    throw new StatusError(
      415,
      "UnsupportedMediaType",
      `the sandbox cannot decode protobuf for ${apiVersion} ${kind} - send application/json`,
    );
  }
  const obj = decoder(raw);
  if (kind !== "DeleteOptions") {
    obj.apiVersion = apiVersion;
    obj.kind = kind;
  }
  return obj;
}

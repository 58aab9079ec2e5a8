import type { ConfigMap, ObjectMeta, PartialObjectMetadata, Secret } from "./types.js";

/**
 * Kubernetes' protobuf envelope: "k8s\0", then a runtime.Unknown whose
 * field 2 holds the encoded object.
 */
const MAGIC = 0x6b387300;

/** Accept header of a metadata-only list in protobuf, JSON where the server has no protobuf. */
export const METADATA_LIST_PROTOBUF_ACCEPT =
  "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1," +
  "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

/** Accept header of a list of built-in objects in protobuf, JSON where the server has none. */
export const LIST_PROTOBUF_ACCEPT = "application/vnd.kubernetes.protobuf,application/json";

export interface DecodedList<T> {
  resourceVersion: string;
  items: T[];
}

/**
 * A PartialObjectMetadataList in Kubernetes' protobuf form, reduced to what
 * a metadata list is read for: each item's name, namespace, resourceVersion
 * and labels, and the list's resourceVersion. Everything else (annotations,
 * managed fields, owner references…) is stepped over by its length, never
 * decoded, which is why this costs a fraction of the JSON form, where
 * JSON.parse builds every managed-fields entry of every object.
 *
 * Field numbers from k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto:
 * PartialObjectMetadataList{metadata=1 ListMeta, items=2},
 * PartialObjectMetadata{metadata=1}.
 */
export function decodeMetadataList(buf: Buffer): DecodedList<PartialObjectMetadata> {
  return decodeList(buf, (r, end) => {
    let metadata: ObjectMeta = { name: "" };
    r.fields(end, (f, e) => {
      if (f === 1) metadata = r.objectMeta(e, false);
    });
    return { apiVersion: "meta.k8s.io/v1", kind: "PartialObjectMetadata", metadata };
  });
}

/**
 * A SecretList in protobuf form, as release records are read: metadata as in
 * objectMeta, `type`, `immutable` and `data` — base64 again, as the JSON form
 * has it. A Secret's values are bytes in protobuf, so such a list is about
 * two thirds of the JSON one, for the server to encode and gzip and for us to
 * read (k8s.io/api/core/v1/generated.proto: Secret{metadata=1, data=2,
 * type=3, stringData=4, immutable=5}).
 */
export function decodeSecretList(buf: Buffer): DecodedList<Secret> {
  return decodeList(buf, (r, end) => {
    const secret: Secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "" } };
    r.fields(end, (f, e, varint) => {
      if (f === 1) secret.metadata = r.objectMeta(e, true);
      else if (f === 2) r.entry(e, (secret.data ??= {}), "base64");
      else if (f === 3) secret.type = r.text(e);
      else if (f === 5) secret.immutable = varint === 1;
    });
    return secret;
  });
}

/**
 * A ConfigMapList in protobuf form (ConfigMap{metadata=1, data=2,
 * binaryData=3, immutable=4}); binaryData base64, as in JSON.
 */
export function decodeConfigMapList(buf: Buffer): DecodedList<ConfigMap> {
  return decodeList(buf, (r, end) => {
    const map: ConfigMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "" } };
    r.fields(end, (f, e, varint) => {
      if (f === 1) map.metadata = r.objectMeta(e, true);
      else if (f === 2) r.entry(e, (map.data ??= {}), "utf8");
      else if (f === 3) r.entry(e, (map.binaryData ??= {}), "base64");
      else if (f === 4) map.immutable = varint === 1;
    });
    return map;
  });
}

/** The envelope and a list (ListMeta=1, items=2), each item read by `item`. */
function decodeList<T>(buf: Buffer, item: (r: Reader, end: number) => T): DecodedList<T> {
  if (buf.length < 4 || buf.readUInt32BE(0) !== MAGIC) {
    throw new Error("not a Kubernetes protobuf message");
  }
  const r = new Reader(buf, 4);
  let rawStart = -1;
  let rawEnd = -1;
  r.fields(buf.length, (field, end) => {
    if (field === 2) [rawStart, rawEnd] = [r.pos, end];
  });
  if (rawStart < 0) throw new Error("the protobuf envelope holds no object");
  r.pos = rawStart;
  let resourceVersion = "";
  const items: T[] = [];
  r.fields(rawEnd, (field, end) => {
    if (field === 1) {
      r.fields(end, (f, e) => {
        if (f === 2) resourceVersion = r.text(e);
      });
    } else if (field === 2) items.push(item(r, end));
  });
  return { resourceVersion, items };
}

/** A cursor over protobuf wire format, decoding only the fields asked for. */
class Reader {
  constructor(
    private readonly buf: Buffer,
    public pos: number,
  ) {}

  varint(end: number): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= end) throw new Error("truncated protobuf message");
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
  }

  /**
   * Steps through the fields of the message ending at `end`, calling `visit`
   * with each field's number, where a length-delimited one's bytes end (with
   * `pos` at their start) and a varint one's value; whatever `visit` leaves
   * unread is skipped.
   */
  fields(end: number, visit: (field: number, fieldEnd: number, varint?: number) => void): void {
    while (this.pos < end) {
      const tag = this.varint(end);
      const wire = tag & 7;
      if (wire === 0) visit(Math.floor(tag / 8), this.pos, this.varint(end));
      else if (wire === 1) this.pos += 8;
      else if (wire === 5) this.pos += 4;
      else if (wire === 2) {
        const length = this.varint(end);
        const fieldEnd = this.pos + length;
        if (fieldEnd > end) throw new Error("truncated protobuf message");
        visit(Math.floor(tag / 8), fieldEnd);
        this.pos = fieldEnd;
      } else throw new Error(`unsupported protobuf wire type ${wire}`);
    }
  }

  text(end: number, encoding: "utf8" | "latin1" = "utf8"): string {
    return this.buf.toString(encoding, this.pos, end);
  }

  /** One map<string, string|bytes> entry (key=1, value=2) into `into`. */
  entry(end: number, into: Record<string, string>, value: "utf8" | "base64"): void {
    let key = "";
    let text = "";
    this.fields(end, (f, e) => {
      if (f === 1) key = this.text(e);
      else if (f === 2) text = this.buf.toString(value, this.pos, e);
    });
    into[key] = text;
  }

  /**
   * ObjectMeta (…/meta/v1/generated.proto: name=1, namespace=3, uid=5,
   * resourceVersion=6, creationTimestamp=8 Time{seconds=1}, labels=11,
   * annotations=12); with `full` also uid, creationTimestamp and annotations.
   * Managed fields, owner references and finalizers are never read: nothing
   * that lists whole objects here uses them.
   */
  objectMeta(end: number, full: boolean): ObjectMeta {
    const metadata: ObjectMeta = { name: "" };
    this.fields(end, (m, me) => {
      if (m === 1) metadata.name = this.text(me);
      else if (m === 3) metadata.namespace = this.text(me);
      else if (m === 6) metadata.resourceVersion = this.text(me);
      else if (m === 11) this.entry(me, (metadata.labels ??= {}), "utf8");
      else if (!full) return;
      else if (m === 5) metadata.uid = this.text(me);
      else if (m === 8) metadata.creationTimestamp = this.time(me);
      else if (m === 12) this.entry(me, (metadata.annotations ??= {}), "utf8");
    });
    return metadata;
  }

  /** A meta/v1 Time (seconds=1) as the API's RFC 3339 text, to the second as the API gives it. */
  private time(end: number): string {
    let seconds = 0;
    this.fields(end, (f, _e, varint) => {
      if (f === 1 && varint !== undefined) seconds = varint;
    });
    return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  }
}

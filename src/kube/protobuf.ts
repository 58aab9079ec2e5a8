import type { ObjectMeta, PartialObjectMetadata } from "./types.js";

/**
 * Kubernetes' protobuf envelope: "k8s\0", then a runtime.Unknown whose
 * field 2 holds the encoded object.
 */
const MAGIC = 0x6b387300;

/** Accept header of a metadata-only list in protobuf, JSON where the server has no protobuf. */
export const METADATA_LIST_PROTOBUF_ACCEPT =
  "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1," +
  "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

/**
 * A PartialObjectMetadataList in Kubernetes' protobuf form, reduced to what
 * a metadata list is read for: each item's name, namespace, resourceVersion
 * and labels, and the list's resourceVersion. Everything else (annotations,
 * managed fields, owner references…) is stepped over by its length, never
 * decoded, which is why this costs a fraction of the JSON form, where
 * JSON.parse builds every managed-fields entry of every object. Names,
 * namespaces, label keys and values are ASCII by the API's validation, so
 * they are read as latin1.
 *
 * Field numbers from k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto:
 * PartialObjectMetadataList{metadata=1 ListMeta, items=2},
 * ListMeta{resourceVersion=2}, PartialObjectMetadata{metadata=1},
 * ObjectMeta{name=1, namespace=3, resourceVersion=6, labels=11}.
 */
export function decodeMetadataList(buf: Buffer): {
  resourceVersion: string;
  items: PartialObjectMetadata[];
} {
  if (buf.length < 4 || buf.readUInt32BE(0) !== MAGIC) {
    throw new Error("not a Kubernetes protobuf message");
  }
  let pos = 4;
  const varint = (end: number): number => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= end) throw new Error("truncated protobuf message");
      const byte = buf[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
  };
  /**
   * Steps through the fields of the message ending at `end`, calling `visit`
   * with each length-delimited one (its number and where its bytes end, with
   * `pos` at their start); whatever `visit` leaves unread is skipped.
   */
  const fields = (end: number, visit: (field: number, fieldEnd: number) => void): void => {
    while (pos < end) {
      const tag = varint(end);
      const wire = tag & 7;
      if (wire === 0) varint(end);
      else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else if (wire === 2) {
        const length = varint(end);
        const fieldEnd = pos + length;
        if (fieldEnd > end) throw new Error("truncated protobuf message");
        visit(Math.floor(tag / 8), fieldEnd);
        pos = fieldEnd;
      } else throw new Error(`unsupported protobuf wire type ${wire}`);
    }
  };
  const text = (end: number) => buf.toString("latin1", pos, end);

  let rawStart = -1;
  let rawEnd = -1;
  fields(buf.length, (field, end) => {
    if (field === 2) [rawStart, rawEnd] = [pos, end];
  });
  if (rawStart < 0) throw new Error("the protobuf envelope holds no object");
  pos = rawStart;
  let resourceVersion = "";
  const items: PartialObjectMetadata[] = [];
  fields(rawEnd, (field, end) => {
    if (field === 1) {
      fields(end, (f, e) => {
        if (f === 2) resourceVersion = text(e);
      });
    } else if (field === 2) {
      fields(end, (f, e) => {
        if (f !== 1) return;
        const metadata: ObjectMeta = { name: "" };
        fields(e, (m, me) => {
          if (m === 1) metadata.name = text(me);
          else if (m === 3) metadata.namespace = text(me);
          else if (m === 6) metadata.resourceVersion = text(me);
          else if (m === 11) {
            let key = "";
            let value = "";
            fields(me, (l, le) => {
              if (l === 1) key = text(le);
              else if (l === 2) value = text(le);
            });
            (metadata.labels ??= {})[key] = value;
          }
        });
        items.push({ apiVersion: "meta.k8s.io/v1", kind: "PartialObjectMetadata", metadata });
      });
    }
  });
  return { resourceVersion, items };
}

import { describe, expect, it } from "vitest";
import { decodeProtobuf } from "./proto.js";

/** A minimal protobuf writer for the test: length-delimited and varint fields only. */
function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}
const bytes = (no: number, b: Buffer | string): Buffer => {
  const buf = typeof b === "string" ? Buffer.from(b) : b;
  return Buffer.concat([varint((no << 3) | 2), varint(buf.length), buf]);
};
const num = (no: number, n: number): Buffer => Buffer.concat([varint(no << 3), varint(n)]);
const entry = (no: number, k: string, v: Buffer | string): Buffer =>
  bytes(no, Buffer.concat([bytes(1, k), bytes(2, v)]));

function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const typeMeta = Buffer.concat([bytes(1, apiVersion), bytes(2, kind)]);
  return Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), bytes(1, typeMeta), bytes(2, raw)]);
}

describe("protobuf request bodies", () => {
  it("decodes a helm release Secret: metadata, labels, binary data and type", () => {
    const meta = Buffer.concat([
      bytes(1, "sh.helm.release.v1.demo.v1"),
      bytes(3, "default"),
      entry(11, "owner", "helm"),
      entry(11, "status", "deployed"),
      bytes(14, "example.com/keep"),
    ]);
    const secret = Buffer.concat([
      bytes(1, meta),
      entry(2, "release", Buffer.from([0, 1, 2, 255])),
      bytes(3, "helm.sh/release.v1"),
    ]);
    expect(decodeProtobuf(envelope("v1", "Secret", secret))).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "sh.helm.release.v1.demo.v1",
        namespace: "default",
        labels: { owner: "helm", status: "deployed" },
        finalizers: ["example.com/keep"],
      },
      data: { release: Buffer.from([0, 1, 2, 255]).toString("base64") },
      type: "helm.sh/release.v1",
    });
  });

  it("decodes DeleteOptions with a propagation policy and preconditions", () => {
    const pre = Buffer.concat([bytes(1, "uid-1"), bytes(2, "42")]);
    const opts = Buffer.concat([num(1, 0), bytes(2, pre), bytes(4, "Background"), bytes(5, "All")]);
    expect(decodeProtobuf(envelope("meta.k8s.io/v1", "DeleteOptions", opts))).toEqual({
      gracePeriodSeconds: 0,
      preconditions: { uid: "uid-1", resourceVersion: "42" },
      propagationPolicy: "Background",
      dryRun: ["All"],
    });
  });

  it("refuses a kind it cannot decode with UnsupportedMediaType, asking for JSON", () => {
    expect(() => decodeProtobuf(envelope("apps/v1", "Deployment", Buffer.alloc(0)))).toThrow(
      /send application\/json/,
    );
  });
});

/**
 * What a list would cost on a real API server, charged as a delay before the sandbox answers, so
 * that benchmarks on the sandbox predict a real cluster. Off unless a model is given (tests run
 * without one); bench/ turns REAL_SERVER_COST on.
 *
 * How kube-apiserver v1.19 serves a list (storage/cacher/cacher.go, storage/etcd3/store.go):
 * - consistent (no resourceVersion, resourceVersionMatch=Exact, a continue token, or a limit with a
 *   resourceVersion other than "0"): a range read from etcd of every object of the resource in
 *   scope (the namespace, or all of them), each decoded and then matched against the selectors, so
 *   a label selector does not make it cheaper; a page stops reading once it holds `limit` items.
 * - cached (resourceVersion=0, or resourceVersion=N with resourceVersionMatch=NotOlderThan or
 *   unset, and no limit/continue): the watch cache holds decoded objects; it filters all of the
 *   resource's objects (no namespace index for most kinds) and serializes the matches. With
 *   resourceVersion=0 it ignores `limit` (the sandbox still pages; see listCostFacts).
 * - either way each returned item is serialized (a PartialObjectMetadataList only its metadata),
 *   and a response over 128 KiB is gzipped (level 4) when the client accepts gzip — Go's and
 *   node-fetch's clients do, curl without --compressed does not. Clients built on client-go (helm,
 *   kubectl) ask for protobuf first, which the real server serves for built-in kinds: cheaper to
 *   write and smaller (a Secret's data is not base64'd). The sandbox answers JSON either way and
 *   charges what protobuf would have cost.
 * A GET of one object is charged as a list of one: from etcd without a resourceVersion, from the
 * watch cache with one.
 */
import type { ServerResponse } from "node:http";
import { sleep } from "./http.js";

export interface CostModel {
  /** Every list. */
  baseMs: number;
  /** Added to a consistent list: the etcd round trip. */
  consistentBaseMs: number;
  /** Consistent: per MiB (full JSON) of every object read from etcd for this list or page. */
  scanMsPerMiB: number;
  /** Consistent: per MiB (full JSON) of the objects that matched, decoded and kept until written. */
  keptMsPerMiB: number;
  /**
   * Consistent: per MiB² of those: they stay live while the list is built and written, so the
   * collector marks them over and over; a full list of 73 MiB costs far more per MiB than one of
   * 22 MiB (measured, see REAL_SERVER_COST).
   */
  keptMsPerMiB2: number;
  /** Cached: per object of the resource in the watch cache, all namespaces (the key filter). */
  cacheObjectUs: number;
  /** Cached: per object in scope (its labels and fields are matched). */
  cacheScopeUs: number;
  /** Per returned item. */
  itemUs: number;
  /** Per MiB of the response as written (before compression). */
  serializeMsPerMiB: number;
  /** Per MiB of the response when it is gzipped. */
  gzipMsPerMiB: number;
  /** Instead of the two above when the response is protobuf, per MiB of the JSON it replaces. */
  protobufSerializeMsPerMiB: number;
  protobufGzipMsPerMiB: number;
}

/** What the cost of one list depends on; the sandbox reports it in X-Sandbox-List-Cost. */
export interface ListFacts {
  consistent: boolean;
  /**
   * Objects in scope (and their full JSON bytes): for a consistent list, what is read from etcd
   * for this list or page; for a cached one, what the watch cache matches against the selectors.
   */
  scopeObjects: number;
  scopeBytes: number;
  /** Full JSON bytes of the returned objects, whatever form they are returned in. */
  keptBytes: number;
  /** Objects of the resource in the sandbox, all namespaces. */
  cacheObjects: number;
  items: number;
  /** The response's size as JSON (what the sandbox sends, even when protobuf was asked for). */
  responseBytes: number;
  gzip: boolean;
  /** The client asked for protobuf first and the kind is built in. */
  protobuf: boolean;
}

/** Cost nothing, but still report the facts (for calibration). */
export const ZERO_COST: CostModel = {
  baseMs: 0,
  consistentBaseMs: 0,
  scanMsPerMiB: 0,
  keptMsPerMiB: 0,
  keptMsPerMiB2: 0,
  cacheObjectUs: 0,
  cacheScopeUs: 0,
  itemUs: 0,
  serializeMsPerMiB: 0,
  gzipMsPerMiB: 0,
  protobufSerializeMsPerMiB: 0,
  protobufGzipMsPerMiB: 0,
};

/**
 * kube-apiserver v1.19.16 + etcd 3 (/work/shared/tools/real-apiserver) on this project's 2-core
 * machine, fitted by `bench/calibrate-sandbox.ts --fit --all-namespaces --runs 7` at 300 releases
 * × 10 revisions of the webapp demo chart in one namespace (3,000 Secrets of 7.4 KiB JSON; ~24,400
 * Secrets on the server in all, every one mirrored into the sandbox). 30 request kinds: lists
 * consistent and resourceVersion=0; full JSON, metadata-only, protobuf (as client-go asks), with
 * and without gzip; every record, status=deployed, one release's history; that namespace and all
 * namespaces; single GETs. Each timed with curl from the end of the TLS handshake, alternating
 * real / sandbox / sandbox with cost; the fastest of 7 runs of each (the 2 cores were shared with
 * other sessions' work, which only ever adds time). Non-negative least squares on (real − sandbox
 * without cost), each weighted by 1/max(real, 10 ms).
 *
 * Checked without refitting at 1,000 × 10 (10,000 Secrets in the namespace): 26 of 30 kinds within
 * 30 %, worst +35 % (namespace metadata-only list, consistent); at 100 × 10: 24 of 30 within 30 %,
 * worst +52 % (the all-namespace metadata-only list, consistent, whose fastest real run was
 * 671 ms in this check, 799 ms and 1,155 ms in two others on the same data: the server's
 * state moves it more than the model misses). Medians under the shared load run up to 60 %
 * slower on the real server than these predict. A GET from etcd costs ~1 ms on the real server.
 */
export const REAL_SERVER_COST: CostModel = {
  baseMs: 0.322,
  consistentBaseMs: 0.0633,
  scanMsPerMiB: 2.66,
  keptMsPerMiB: 0,
  keptMsPerMiB2: 0.00831,
  cacheObjectUs: 0.133,
  cacheScopeUs: 0.066,
  itemUs: 2.99,
  serializeMsPerMiB: 2.52,
  gzipMsPerMiB: 12.8,
  protobufSerializeMsPerMiB: 0.433,
  protobufGzipMsPerMiB: 10.3,
};

/** Responses at least this large are gzipped when asked (responsewriters/writers.go). */
export const GZIP_THRESHOLD = 128 * 1024;

const MIB = 1024 * 1024;

export function listCostMs(m: CostModel, f: ListFacts): number {
  const mib = f.responseBytes / MIB;
  let ms =
    m.baseMs +
    (f.items * m.itemUs) / 1000 +
    mib * (f.protobuf ? m.protobufSerializeMsPerMiB : m.serializeMsPerMiB) +
    (f.gzip ? mib * (f.protobuf ? m.protobufGzipMsPerMiB : m.gzipMsPerMiB) : 0);
  if (f.consistent)
    ms +=
      m.consistentBaseMs +
      (f.scopeBytes / MIB) * m.scanMsPerMiB +
      (f.keptBytes / MIB) * m.keptMsPerMiB +
      (f.keptBytes / MIB) ** 2 * m.keptMsPerMiB2;
  else ms += (f.cacheObjects * m.cacheObjectUs + f.scopeObjects * m.cacheScopeUs) / 1000;
  return ms;
}

/** Whether kube-apiserver v1.19 reads this list from etcd rather than its watch cache. */
export function isConsistentList(query: URLSearchParams): boolean {
  const rv = query.get("resourceVersion") ?? "";
  const limit = Number(query.get("limit") ?? "0");
  return (
    rv === "" ||
    (query.get("continue") ?? "") !== "" ||
    (limit > 0 && rv !== "0") ||
    query.get("resourceVersionMatch") === "Exact"
  );
}

/** Whether the client takes gzip, as the real server negotiates it. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? "").split(",").some((t) => t.trim().split(";")[0] === "gzip");
}

/** Whether the client's first choice is protobuf (client-go's default for built-in kinds). */
export function prefersProtobuf(accept: string | undefined): boolean {
  return (accept ?? "").trim().startsWith("application/vnd.kubernetes.protobuf");
}

/** Waits what the read costs under `model`, and says so in X-Sandbox-List-Cost. */
export async function charge(
  res: ServerResponse,
  model: CostModel | undefined,
  facts: ListFacts,
): Promise<void> {
  if (model === undefined) return;
  const ms = listCostMs(model, facts);
  res.setHeader("X-Sandbox-List-Cost", JSON.stringify({ ms: Math.round(ms * 10) / 10, ...facts }));
  if (ms > 0) await sleep(ms);
}

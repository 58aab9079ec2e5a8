import { ApiException } from "@kubernetes/client-node";
import fetch from "node-fetch";
import { describe, expect, it } from "vitest";
import { closedPort } from "../../test/support/fakeApiServer.js";
import {
  KubeConflictError,
  KubeForbiddenError,
  KubeNotFoundError,
  KubeTimeoutError,
  KubeUnreachableError,
  toKubeError,
} from "./errors.js";
import type { RequestDescription } from "./errors.js";

const req: RequestDescription = {
  verb: "list",
  resource: "secrets",
  namespace: "prod",
  server: "https://k8s.example:6443",
};

describe("toKubeError", () => {
  it("maps client-node's ApiException by code and Status body", () => {
    const body = JSON.stringify({
      kind: "Status",
      status: "Failure",
      reason: "NotFound",
      message: 'secrets "x" not found',
      code: 404,
    });
    const err = toKubeError(new ApiException(404, "Not Found", body, {}), req);
    expect(err).toBeInstanceOf(KubeNotFoundError);
    expect(err.message).toBe('secrets "x" not found');
    const forbidden = toKubeError(new ApiException(403, "Forbidden", "{}", {}), req);
    expect(forbidden).toBeInstanceOf(KubeForbiddenError);
    expect(forbidden.message).toBe('forbidden: you may not list secrets in namespace "prod"');
    const clusterWide = toKubeError(new ApiException(403, "", "", {}), {
      ...req,
      namespace: undefined,
    });
    expect(clusterWide.message).toBe("forbidden: you may not list secrets cluster-wide");
  });

  it("tells a field-manager conflict from a stale resourceVersion", () => {
    const ssa = toKubeError(
      {
        code: 409,
        body: {
          kind: "Status",
          reason: "Conflict",
          message: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas',
          details: {
            causes: [
              {
                reason: "FieldManagerConflict",
                message: 'conflict with "kubectl"',
                field: ".spec.replicas",
              },
            ],
          },
        },
      },
      req,
    );
    expect(ssa).toBeInstanceOf(KubeConflictError);
    expect(ssa.details).toBe('.spec.replicas: conflict with "kubectl"');
    expect(ssa.hint).toMatch(/force/);
  });

  it("maps a refused connection from fetch to Unreachable naming the server", async () => {
    const port = await closedPort();
    const thrown = await fetch(`http://127.0.0.1:${port}/version`).catch((e: unknown) => e);
    const err = toKubeError(thrown, { ...req, server: `http://127.0.0.1:${port}` });
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect(err.message).toBe(
      `cannot reach the Kubernetes API server at http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    );
  });

  it("maps an abort to Timeout and a certificate failure to an Unreachable TLS error", () => {
    const abort = Object.assign(new Error("The operation was aborted."), {
      name: "AbortError",
      type: "aborted",
    });
    expect(toKubeError(abort, req)).toBeInstanceOf(KubeTimeoutError);
    const tls = Object.assign(new Error("unable to verify the first certificate"), {
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    const err = toKubeError(tls, req);
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect(err.message).toContain("TLS error (UNABLE_TO_VERIFY_LEAF_SIGNATURE)");
  });
});

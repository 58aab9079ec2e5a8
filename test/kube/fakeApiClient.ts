import { afterEach, beforeEach } from "vitest";
import { startFakeApiServer } from "../support/fakeApiServer.js";
import type { FakeApiServer } from "../support/fakeApiServer.js";
import { KubeClient } from "../../src/kube/client.js";

/**
 * A fresh fake API server for each test, and a client for it whose context
 * namespace is "team-a" and whose retries are quick. `ready` receives both
 * before each test; the server is closed after it.
 */
export function useFakeApiClient(ready: (api: FakeApiServer, client: KubeClient) => void): void {
  let api: FakeApiServer | undefined;
  beforeEach(async () => {
    api = await startFakeApiServer();
    ready(api, new KubeClient(api.config("team-a"), { retryBaseMs: 1, retryMaxMs: 5 }));
  });
  afterEach(async () => {
    await api?.close();
  });
}

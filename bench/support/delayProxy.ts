/**
 * A proxy in front of an API server that holds every byte a client sends for a while before
 * passing it on, so one client of two is slow, and that notes when a client first spoke and when
 * it last heard back. Clients reach it as an HTTP proxy (the kubeconfig's `proxy-url`: a CONNECT
 * tunnel, so TLS and the Host header stay the server's own, which the sandbox checks) or as the
 * server itself (bytes passed through, for a server that does not check its name); either way it
 * works below TLS, so the same proxy slows a CLI process on the sandbox and on a real API server.
 * The other client goes through a proxy without delay, so both are timed the same way.
 */
import { createServer, connect } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { performance } from "node:perf_hooks";

export interface WireTimes {
  /** performance.now() when the client's first byte was passed on to the server, if it was. */
  firstSent?: number;
  /** performance.now() when the server's last byte reached the client. */
  lastReceived?: number;
}

/**
 * Holds a client's first bytes until `opens` settles, then lets them go `extraMs` later (the
 * delay applies to what follows): two proxies whose gates open together start two processes' API
 * calls together, however differently long the two took to start.
 */
export interface Gate {
  /** Called once, when the client's first byte arrives. */
  arrived: () => void;
  opens: Promise<void>;
  extraMs: number;
}

/** A gate for two proxies: it opens once both clients have spoken, or after `timeoutMs`. */
export function pairGate(timeoutMs: number): { arrived: () => void; opens: Promise<void> } {
  let count = 0;
  let open!: () => void;
  const opens = new Promise<void>((resolve) => (open = resolve));
  const timer = setTimeout(open, timeoutMs);
  return {
    opens: opens.finally(() => clearTimeout(timer)),
    arrived: () => {
      if (++count === 2) open();
    },
  };
}

export interface DelayProxy {
  /** 127.0.0.1 port to point a kubeconfig at. */
  readonly port: number;
  /** Milliseconds each chunk a client sends is held (order is kept). */
  delayMs: number;
  /** When the clients since the last reset first spoke and last heard back. */
  times(): WireTimes;
  /** Forgets the times and closes every open connection (each trial starts clean). */
  reset(gate?: Gate): void;
  close(): Promise<void>;
}

export async function startDelayProxy(
  upstreamHost: string,
  upstreamPort: number,
): Promise<DelayProxy> {
  let times: WireTimes = {};
  let gate: (Gate & { open: boolean; opened?: number; told: boolean }) | undefined;
  const sockets = new Set<Socket>();
  const pumps = new Set<() => void>();
  const proxy: { delayMs: number } = { delayMs: 0 };
  /** When a chunk arriving now may leave: after the delay, and not before the gate opened. */
  const dueFrom = (now: number): number => {
    if (gate !== undefined && !gate.open) return Infinity;
    const from = gate?.opened === undefined ? now : Math.max(now, gate.opened + gate.extraMs);
    return from + proxy.delayMs;
  };

  const server: Server = createServer((client) => {
    const upstream = connect(upstreamPort, upstreamHost);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    // One queue per connection: a chunk leaves no earlier than its own due time and never
    // before the chunk ahead of it, so a delayed stream stays a valid stream.
    // "connect": where the answer to a CONNECT goes out, delayed like the request it answers.
    const queue: Array<{ due: number; chunk: Buffer | null | "connect" }> = [];
    let timer: NodeJS.Timeout | undefined;
    const pump = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const now = performance.now();
      // Chunks held at a gate that has opened leave with the gate (plus its extra), undelayed:
      // both sides start together, and one is slow from then on.
      let last = 0;
      for (const item of queue) {
        if (item.due === Infinity && gate?.opened !== undefined)
          item.due = Math.max(gate.opened + gate.extraMs, last);
        last = item.due;
      }
      while (queue.length > 0 && queue[0]!.due <= now) {
        const { chunk } = queue.shift()!;
        times.firstSent ??= now;
        if (chunk === null) upstream.end();
        else if (chunk === "connect") client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        else upstream.write(chunk);
      }
      const next = queue[0]?.due;
      if (next !== undefined && next !== Infinity)
        timer = setTimeout(pump, Math.max(0, next - now));
    };
    pumps.add(pump);
    const enqueue = (chunk: Buffer | null | "connect"): void => {
      const now = performance.now();
      if (gate !== undefined && !gate.told) {
        gate.told = true;
        gate.arrived();
      }
      const due = dueFrom(now);
      queue.push({ due: due === Infinity ? due : Math.max(due, queue.at(-1)?.due ?? 0), chunk });
      if (timer === undefined) timer = setTimeout(pump, 0);
    };
    // The first bytes say how the client came: a CONNECT (as its HTTP proxy; the tunnel always
    // leads to the one upstream) or anything else (as the server; passed through from the start).
    let head: Buffer | undefined = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      if (head === undefined) return enqueue(chunk);
      head = Buffer.concat([head, chunk]);
      const connectLine = "CONNECT ";
      const isConnect = head.subarray(0, connectLine.length).toString("latin1");
      if (!connectLine.startsWith(isConnect) && !isConnect.startsWith(connectLine)) {
        const bytes = head;
        head = undefined;
        return enqueue(bytes);
      }
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      const rest = head.subarray(end + 4);
      head = undefined;
      enqueue("connect");
      if (rest.length > 0) enqueue(rest);
    });
    client.on("end", () => enqueue(null));
    upstream.on("data", (chunk: Buffer) => {
      times.lastReceived = performance.now();
      client.write(chunk);
    });
    upstream.on("end", () => client.end());
    const drop = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      pumps.delete(pump);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", () => sockets.delete(client));
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    get delayMs() {
      return proxy.delayMs;
    },
    set delayMs(ms: number) {
      proxy.delayMs = ms;
    },
    times: () => ({ ...times }),
    reset(next?: Gate) {
      times = {};
      for (const s of sockets) s.destroy();
      sockets.clear();
      pumps.clear();
      if (next === undefined) {
        gate = undefined;
        return;
      }
      const g = { ...next, open: false, told: false } as NonNullable<typeof gate>;
      gate = g;
      void next.opens.then(() => {
        if (gate !== g) return;
        g.open = true;
        g.opened = performance.now();
        for (const pump of pumps) pump();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

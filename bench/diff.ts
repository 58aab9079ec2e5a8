/**
 * Per-resource diff of a 200-resource release (~10,000 manifest lines) with
 * 10% of the resources changed (issue 4). Target < 100 ms. Prints figures.
 *
 *   npx tsx bench/diff.ts
 */
import { performance } from "node:perf_hooks";
import { diffManifests } from "../src/engine/diff/diffManifests.js";
import { diffSubjects, manifestEntries } from "../src/engine/diff/subjects.js";
import type { ClusterAccess } from "../src/engine/cluster/clusterAccess.js";

const RESOURCES = 200;

function manifest(changedEvery: number): string {
  const docs: string[] = [];
  for (let i = 0; i < RESOURCES; i++) {
    const changed = changedEvery > 0 && i % changedEvery === 0;
    const env = Array.from(
      { length: 8 },
      (_, k) =>
        `            - name: VAR_${k}\n              value: "${changed && k === 3 ? "changed" : "v"}${k}"`,
    ).join("\n");
    docs.push(`---
# Source: big/templates/svc${i}.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc${i}
  labels:
    app.kubernetes.io/instance: bench
    component: svc${i}
spec:
  replicas: ${changed ? 3 : 2}
  selector:
    matchLabels:
      component: svc${i}
  template:
    metadata:
      labels:
        component: svc${i}
    spec:
      containers:
        - name: app
          image: "registry.example/app${i}:${changed ? "1.1.0" : "1.0.0"}"
          env:
${env}
          ports:
            - name: http
              containerPort: 8080
          resources:
            limits:
              cpu: 500m
              memory: 256Mi
`);
  }
  return docs.join("");
}

// Diffs run against stored manifests; the only cluster question is a kind's scope.
const cluster = { isNamespaced: async () => true } as unknown as ClusterAccess;
const before = manifest(0);
const after = manifest(10);

const runs: number[] = [];
let summary = "";
for (let i = 0; i < 15; i++) {
  const start = performance.now();
  const [a, b] = await Promise.all([
    manifestEntries(before, "default", cluster),
    manifestEntries(after, "default", cluster),
  ]);
  const sides = diffSubjects(a, b, { showSecrets: false });
  const diff = diffManifests(sides.before, sides.after);
  runs.push(performance.now() - start);
  summary = `${diff.summary.added} added, ${diff.summary.changed} changed, ${diff.summary.removed} removed`;
}
runs.sort((x, y) => x - y);
console.log(
  `release          ${RESOURCES} resources, ${after.split("\n").length} manifest lines, ${summary}`,
);
console.log(
  `diff p50         ${runs[Math.floor(runs.length / 2)]!.toFixed(1)} ms   min ${runs[0]!.toFixed(1)} ms   max ${runs.at(-1)!.toFixed(1)} ms   (target < 100 ms)`,
);

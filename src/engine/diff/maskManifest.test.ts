import { describe, expect, it } from "vitest";
import { maskManifestSecrets } from "./maskManifest.js";

const CONFIGMAP = `---
# Source: web/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: web   # a comment kept as written
data:
  token: "not a secret"
`;

describe("maskManifestSecrets", () => {
  it("masks data and stringData of a Secret, keeping its Source line and every other document as written", () => {
    const manifest =
      CONFIGMAP +
      `---
# Source: web/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: web
data:
  password: ${Buffer.from("hunter2").toString("base64")}
stringData:
  api-key: correct-horse
`;
    const { text, secrets } = maskManifestSecrets(manifest);
    expect(secrets).toBe(1);
    expect(text.startsWith(CONFIGMAP)).toBe(true);
    expect(text).toContain("# Source: web/templates/secret.yaml\napiVersion: v1\nkind: Secret\n");
    expect(text).toContain('  api-key: "REDACTED # (13 bytes)"\n');
    expect(text).toContain('  password: "REDACTED # (7 bytes)"\n');
    expect(text).not.toMatch(/hunter2|aHVudGVyMg|correct-horse/);
    expect(text.endsWith("\n")).toBe(true);
  });

  it("masks the Secrets among a List's items", () => {
    const manifest = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: { name: a }
    stringData: { k: sekrit }
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: b }
    data: { k: plain }
`;
    const { text, secrets } = maskManifestSecrets(manifest);
    expect(secrets).toBe(1);
    expect(text).not.toContain("sekrit");
    expect(text).toContain("plain");
  });

  it("hides a document that does not parse and mentions a Secret; leaves the rest alone", () => {
    const broken = "kind: Secret\nstringData:\n  k: [unclosed\n";
    const { text, secrets } = maskManifestSecrets(`${CONFIGMAP}---\n${broken}`);
    expect(secrets).toBe(1);
    expect(text).not.toContain("unclosed");
    expect(maskManifestSecrets(CONFIGMAP)).toEqual({ text: CONFIGMAP, secrets: 0 });
  });
});

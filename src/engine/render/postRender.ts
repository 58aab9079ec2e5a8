import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { WheelhouseError } from "../../errors.js";
import { manifestDocuments } from "../manifest/yaml.js";

/**
 * helm's --post-renderer: rewrites the rendered manifest (hooks and NOTES
 * are not passed, as in helm 3) before it is stored and applied.
 */
export type PostRenderer = (manifest: string) => Promise<string>;

export class PostRenderError extends WheelhouseError {
  constructor(message: string, options: { details?: string; hint?: string } = {}) {
    super("post-render", message, options);
  }
}

/**
 * Runs `manifest` through `postRender` and checks what comes back: helm
 * stores and applies the output as it is, so it must still be Kubernetes
 * objects — each document with apiVersion, kind and metadata.name.
 */
export async function postRendered(postRender: PostRenderer, manifest: string): Promise<string> {
  const output = await postRender(manifest);
  if (output.trim() === "" && manifest.trim() !== "") {
    throw new PostRenderError("the post-renderer returned no manifests");
  }
  let documents;
  try {
    documents = manifestDocuments(output);
  } catch (err) {
    throw new PostRenderError(`the post-renderer returned invalid YAML: ${(err as Error).message}`);
  }
  documents.forEach((doc, i) => {
    const value = doc.value as {
      apiVersion?: unknown;
      kind?: unknown;
      metadata?: { name?: unknown };
    };
    if (!value?.apiVersion || !value.kind || !value.metadata?.name) {
      throw new PostRenderError(
        `the post-renderer returned document ${i + 1} without apiVersion, kind and metadata.name`,
        { details: doc.text.slice(0, 300) },
      );
    }
  });
  return output;
}

/**
 * A post-renderer that is an executable, as `--post-renderer PATH
 * [--post-renderer-args ARG...]`: the manifest goes to its stdin and its
 * stdout is the new manifest. A path with a slash is relative to `cwd`; a
 * bare name is looked up in PATH.
 */
export function executablePostRenderer(command: string, args: string[], cwd: string): PostRenderer {
  const program = command.includes("/") ? resolve(cwd, command) : command;
  return (manifest) =>
    new Promise((done, fail) => {
      const child = spawn(program, args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", (e) =>
        fail(new PostRenderError(`cannot run the post-renderer ${program}: ${e.message}`)),
      );
      child.on("close", (code, signal) => {
        if (code === 0) return done(Buffer.concat(out).toString("utf8"));
        const stderr = Buffer.concat(err).toString("utf8").trim();
        fail(
          new PostRenderError(
            `the post-renderer ${program} ${signal ? `was killed by ${signal}` : `exited with status ${code}`}`,
            stderr ? { details: stderr } : {},
          ),
        );
      });
      // A renderer that exits without reading its input must not crash us with EPIPE.
      child.stdin.on("error", () => {});
      child.stdin.end(manifest);
    });
}

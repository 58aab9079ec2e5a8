import type { Command } from "commander";
import type { PostRenderer } from "../../engine/render/postRender.js";
import { collect } from "./repeatable.js";

export interface PostRendererFlags {
  postRenderer?: string;
  postRendererArgs?: string[];
}

/** helm's --post-renderer and --post-renderer-args, for commands that render a release. */
export function addPostRendererOptions(cmd: Command): Command {
  return cmd
    .option(
      "--post-renderer <path>",
      "an executable that rewrites the rendered manifests (stdin to stdout) before they are used",
    )
    .option(
      "--post-renderer-args <arg>",
      "an argument for the post-renderer (repeatable)",
      collect,
    );
}

/** The post-renderer the flags name, if any (loaded only then). */
export async function postRendererFrom(
  flags: PostRendererFlags,
  cwd: string,
): Promise<{ postRender?: PostRenderer }> {
  if (!flags.postRenderer) return {};
  const { executablePostRenderer } = await import("../../engine/render/postRender.js");
  return {
    postRender: executablePostRenderer(flags.postRenderer, flags.postRendererArgs ?? [], cwd),
  };
}

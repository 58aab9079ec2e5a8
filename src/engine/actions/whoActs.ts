import type { Attribution } from "../release/attribution.js";
import type { ActionContext } from "./context.js";

/** Who is acting and why, for the descriptions an operation writes (docs/release-storage.md#who-and-why). */
export async function whoActs(
  ctx: ActionContext,
  reason: string | undefined,
): Promise<Attribution> {
  return {
    ...(ctx.identify ? { by: await ctx.identify() } : {}),
    ...(reason ? { reason } : {}),
  };
}

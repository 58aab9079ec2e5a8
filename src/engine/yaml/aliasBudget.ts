/**
 * go-yaml's limit on alias expansion (decode.go: allowedAliasRatio), which helm's reader
 * (sigs.k8s.io/yaml over yaml.v2) and the API server apply to every document. Each decoded node
 * is one step; a step taken through an alias (the alias itself and everything under its anchor)
 * is an aliased step. Once there are more than 100 aliased steps and 1,000 in all, the aliased
 * share may not pass 99% up to 400,000 steps, falling linearly to 10% at 4,000,000. A
 * billion-laughs document is refused within a few thousand steps; a document that uses its
 * anchors a few hundred times, or a large one that uses them a little, reads.
 */

export const EXCESSIVE_ALIASING = "document contains excessive aliasing";

const RATIO_RANGE_LOW = 400_000;
const RATIO_RANGE_HIGH = 4_000_000;

function allowedAliasRatio(steps: number): number {
  if (steps <= RATIO_RANGE_LOW) return 0.99;
  if (steps >= RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((steps - RATIO_RANGE_LOW) / (RATIO_RANGE_HIGH - RATIO_RANGE_LOW));
}

/**
 * The most merge-key copies a document of `length` characters may make (js-yaml copies merged
 * keys while parsing, so they are limited there). Each copy is an aliased step in go-yaml, which
 * allows about 400,000 of those up to 4,000,000 steps and a tenth of the steps beyond; a node
 * takes at least two characters.
 */
export function mergeKeyBudget(length: number): number {
  return Math.max(RATIO_RANGE_LOW, Math.ceil(length / 20));
}

/** One document's count of decode steps. */
export class AliasBudget {
  private steps = 0;
  private aliased = 0;

  /** Counts one step; false once the document has expanded its aliases too far. */
  spend(throughAlias: boolean): boolean {
    this.steps++;
    if (throughAlias) this.aliased++;
    return !(
      this.aliased > 100 &&
      this.steps > 1000 &&
      this.aliased / this.steps > allowedAliasRatio(this.steps)
    );
  }
}

/**
 * Tells an alias from the node it names. js-yaml returns an alias as the very object of its
 * anchor, so the only difference is where it is reached from: the anchor from the place it was
 * first reached (its home), an alias from anywhere else. Walking an alias's subtree reaches its
 * children from their homes again, and they are not aliases — go-yaml counts them as one step
 * each, under the alias.
 */
export class AliasHomes {
  private readonly homes = new Map<object, { parent: object | null; key: string | number }>();

  /** Whether `node`, reached from `parent` at `key`, is an alias. */
  isAlias(node: object, parent: object | null, key: string | number): boolean {
    const home = this.homes.get(node);
    if (home === undefined) {
      this.homes.set(node, { parent, key });
      return false;
    }
    return home.parent !== parent || home.key !== key;
  }
}

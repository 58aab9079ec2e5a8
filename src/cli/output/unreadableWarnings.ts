import type { ReleaseStorage } from "../../engine/storage/releaseStorage.js";
import { isUnreadable, type StoredRevision } from "../../engine/storage/driver.js";
import { visibleText } from "../../visibleText.js";

/**
 * One warning per revision that cannot be read, naming release, revision and record and saying
 * what to do (docs/release-storage.md#records-that-cannot-be-read). For stderr: the table or the
 * JSON on stdout stays as it is.
 */
export function unreadableWarnings(storage: ReleaseStorage, revisions: StoredRevision[]): string {
  return revisions
    .filter(isUnreadable)
    .map((r) => {
      const error = storage.unreadableError(r);
      return `warning: ${visibleText(error.message)}\nHint: ${visibleText(error.hint ?? "")}\n`;
    })
    .join("");
}

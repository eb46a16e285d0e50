/** The line under the header that says what went wrong, or what is missing. */
import { byId } from "./dom.ts";

export function showNotice(message: string | undefined): void {
  const notice = byId<HTMLParagraphElement>("notice");
  notice.textContent = message ?? "";
  notice.hidden = !message;
}

/** Runs `task`, showing its failure in the notice rather than losing it in the console. */
export function reporting(task: () => Promise<unknown>): Promise<void> {
  return task().then(() => {}, (e) => showNotice((e as Error).message));
}

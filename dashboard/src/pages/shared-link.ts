/**
 * An id as a shared link may carry it. A chat or an e-mail that wrote the link at the end of a sentence
 * («…#/contratacion/ocds-abc123-LO-001.») or between brackets kept the punctuation in the address, and the page said
 * «no encontrada» of a process that is published. The id without what trails it, to look up when the id as written
 * is not published (none of ours ends so); undefined when nothing trails.
 */
export function withoutTrailingPunctuation(id: string): string | undefined {
  const trimmed = id.replace(/[.,;:!?)\]»”’'"]+$/u, '');
  return trimmed !== id && trimmed !== '' ? trimmed : undefined;
}

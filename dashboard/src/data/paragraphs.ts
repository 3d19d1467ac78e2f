/**
 * The paragraphs of a free text (a description, a justification) as its publisher parted them: at blank lines (a line
 * of only spaces counts as blank), each trimmed, empty ones dropped. A single line break stays inside its paragraph.
 */
export function paragraphsOf(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split(/\n[ \t\u00a0]*\n/).map((p) => p.trim()).filter(Boolean);
}

/** Progress on stderr for big files: one rewritten line on a terminal, nothing when stderr is not a TTY. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): { update(text: string): void; done(): void } {
  let shown = false;
  return {
    update(text: string) {
      if (!stream.isTTY) return;
      stream.write(`\r${text.padEnd(60).slice(0, 78)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r'.padEnd(80) + '\r');
    },
  };
}

/**
 * The sizes a bench runs: `--n 1000,10000` or the environment variable BENCH_SIZE (same format), else the
 * bench's defaults. A test runs every bench with a tiny size (BENCH_SIZE=5) to show each one still works.
 */
export function benchSizes(defaults: number[] = [1000, 10000]): number[] {
  const arg = process.argv.indexOf('--n');
  const text = arg > 0 ? process.argv[arg + 1] : process.env.BENCH_SIZE;
  if (!text) return defaults;
  const sizes = text.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`Tamaño no válido: «${text}» (use enteros separados por comas, p. ej. 1000,10000).`);
  return sizes;
}

/**
 * A benchmark's numeric options: `--name N` on the command line, else the tiny value under `--tiny`, else the
 * full one. `--tiny` is what `npm test` runs (test/scripts/benchmarks.test.ts): a few documents and one run, so a
 * benchmark that no longer works fails CI, while its figures, printed as ever, are not worth reading.
 */
export function benchmarkOptions<Name extends string>(
  spec: Record<Name, { full: number; tiny: number }>,
  argv: string[] = process.argv.slice(2),
): Record<Name, number> & { tiny: boolean } {
  const tiny = argv.includes('--tiny');
  const options = { tiny } as Record<Name, number> & { tiny: boolean };
  for (const name of Object.keys(spec) as Name[]) {
    const at = argv.indexOf(`--${name}`);
    const given = at >= 0 ? Number(argv[at + 1]) : undefined;
    if (given !== undefined && !(Number.isInteger(given) && given > 0)) {
      throw new Error(`--${name} takes a whole number above 0, got "${argv[at + 1]}"`);
    }
    options[name] = (given ?? (tiny ? spec[name].tiny : spec[name].full)) as (typeof options)[Name];
  }
  return options;
}

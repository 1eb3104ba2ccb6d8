/** Which window this preload runs in; main passes `--plusphone-window=<kind>` in additionalArguments. */
export type PreloadWindowKind = 'main' | 'popup' | 'media';

export const WINDOW_KIND_ARGUMENT_PREFIX = '--plusphone-window=';

const KINDS: ReadonlySet<string> = new Set<PreloadWindowKind>(['main', 'popup', 'media']);

/** The window kind from process.argv, or null when absent, unknown or given twice. */
export function windowKindFromArgv(argv: readonly string[]): PreloadWindowKind | null {
  const values = argv
    .filter((arg) => arg.startsWith(WINDOW_KIND_ARGUMENT_PREFIX))
    .map((arg) => arg.slice(WINDOW_KIND_ARGUMENT_PREFIX.length));
  if (values.length !== 1) return null;
  const [kind] = values;
  return kind !== undefined && KINDS.has(kind) ? (kind as PreloadWindowKind) : null;
}

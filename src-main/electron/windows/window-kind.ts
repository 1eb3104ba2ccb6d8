/** The kinds of window the shell owns; each has one slot in the WindowManager. */
export type WindowKind = 'main' | 'popup' | 'media';

export const WINDOW_KINDS: readonly WindowKind[] = ['main', 'popup', 'media'];

/** Windows that show the phone and talk the IPC contract (the media host talks media RPC only). */
export const UI_WINDOW_KINDS: readonly WindowKind[] = ['main', 'popup'];

/**
 * Passed to each renderer through `webPreferences.additionalArguments`; the preload reads it
 * from `process.argv` to decide which bridge to expose (src-preload/window-argument.ts).
 */
export const WINDOW_KIND_ARGUMENT_PREFIX = '--plusphone-window=';

export const windowKindArgument = (kind: WindowKind): string => `${WINDOW_KIND_ARGUMENT_PREFIX}${kind}`;

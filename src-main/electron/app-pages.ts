import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { WindowKind } from './windows/window-kind.js';

/** Where each window's page lives, relative to the renderer build root (out/renderer). */
export const PAGE_PATHS: Readonly<Record<WindowKind, string>> = {
  main: 'windows/main/index.html',
  popup: 'windows/popup/popup.html',
  media: 'media/media.html',
};

export interface AppPagesOptions {
  /** absolute path of the built renderer (out/renderer) */
  rendererDir: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); only honoured for unpackaged runs */
  devServerUrl?: string | null;
}

/**
 * Our own pages: the URL each window loads, and the one test of "is this one of ours?" that
 * the IPC sender check, the permission policy and the navigation guard all share. A page is
 * ours only if it is exactly one of these documents (query and fragment aside), so another
 * file on disk or another path on the dev server is not.
 */
export class AppPages {
  private readonly urls: Readonly<Record<WindowKind, string>>;
  private readonly kindByDocument: ReadonlyMap<string, WindowKind>;

  constructor(options: AppPagesOptions) {
    const base = options.devServerUrl ? devServerBase(options.devServerUrl) : null;
    const urlOf = (kind: WindowKind): string =>
      base ? new URL(PAGE_PATHS[kind], base).href : pathToFileURL(join(options.rendererDir, PAGE_PATHS[kind])).href;
    this.urls = { main: urlOf('main'), popup: urlOf('popup'), media: urlOf('media') };
    this.kindByDocument = new Map(
      (Object.keys(this.urls) as WindowKind[]).map((kind) => [documentOf(this.urls[kind])!, kind]),
    );
  }

  pageUrl(kind: WindowKind): string {
    return this.urls[kind];
  }

  /** Which of our pages this URL is, or null when it is not one of ours. */
  pageKind(url: string | null | undefined): WindowKind | null {
    if (!url) return null;
    const document = documentOf(url);
    return document === null ? null : (this.kindByDocument.get(document) ?? null);
  }

  isOwnPage(url: string | null | undefined): boolean {
    return this.pageKind(url) !== null;
  }
}

/** The URL without query and fragment, normalised by the WHATWG parser; null if unparsable. */
function documentOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) return null;
    parsed.search = '';
    parsed.hash = '';
    return parsed.href;
  } catch {
    return null;
  }
}

function devServerBase(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`dev server URL must be http(s): ${url}`);
  }
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

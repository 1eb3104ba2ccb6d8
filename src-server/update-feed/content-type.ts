import { extname } from 'node:path';

/** Types of what electron-builder publishes for the generic provider. */
const TYPES: Readonly<Record<string, string>> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.msi': 'application/x-msi',
  '.blockmap': 'application/octet-stream',
  '.zip': 'application/zip',
  '.7z': 'application/x-7z-compressed',
  '.nupkg': 'application/octet-stream',
  '.dmg': 'application/x-apple-diskimage',
  '.appimage': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(fileName: string): string {
  return TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

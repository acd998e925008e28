/**
 * Images of a manual, read for embedding in the Word document under the rules for files of a
 * repository we did not write: only a relative link that stays inside the workspace, only a
 * regular file whose real path is inside the workspace too (a symlink out of it is refused), at
 * most 10 MB, and only PNG, JPEG, GIF or BMP (what Word shows everywhere; the type is read
 * from the bytes, not the name).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { imageSize } from 'image-size';
import type { ImageSpan } from './document';
import { resolveLinkTarget } from '../io/fsLinks';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const TYPES: Record<string, ImageSpan['image']['type']> = { png: 'png', jpg: 'jpg', gif: 'gif', bmp: 'bmp' };

/** An image linked from the workspace-relative file `fromRel`, or undefined (the caller shows its alt text). */
export function readWorkspaceImage(root: string, fromRel: string, src: string, alt: string): ImageSpan['image'] | undefined {
  const r = resolveLinkTarget(fromRel, src);
  if (r.status !== 'inside') return undefined;
  try {
    const base = fs.realpathSync(root);
    const real = fs.realpathSync(path.resolve(root, r.rel));
    if (!(real === base || real.startsWith(base + path.sep))) return undefined;
    const st = fs.statSync(real);
    if (!st.isFile() || st.size > MAX_IMAGE_BYTES || st.size === 0) return undefined;
    const data = fs.readFileSync(real);
    const size = imageSize(data);
    const type = size.type ? TYPES[size.type] : undefined;
    if (!type || !size.width || !size.height) return undefined;
    return { data, type, width: size.width, height: size.height, alt };
  } catch {
    return undefined;
  }
}

/**
 * What the .vsix must and must not hold, shared by the unit layer (the file list vsce computes)
 * and the real-VS-Code layer (the zip that was built and is under test).
 */
import * as fs from 'node:fs';

/** The bundles, `export.js` being the command line's export (loaded by dist/cli.js when `export` runs). */
export const DIST = ['dist/extension.js', 'dist/server.js', 'dist/parseWorker.js', 'dist/cli.js', 'dist/export.js'];
export const SCHEMAS = ['server/src/config/config.schema.json', 'server/src/scheme/scheme.schema.json'];

/** What must never be packaged. */
export const FORBIDDEN =
  /^(node_modules|client|test|bench|samples|scripts|docs|out|\.git|test-results|bench-results)\/|\.map$|\.vsix$|\.ts$|^server\/src\/(?!config\/config\.schema\.json$|scheme\/scheme\.schema\.json$|scheme\/builtin\/[^/]+\.json$)/;

/** Files every package must carry (compared without regard to case: vsce may rename the README). */
export const REQUIRED = ['package.json', 'readme.md', ...DIST, ...SCHEMAS, 'package.nls.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json', 'media/panel.js', 'media/panel.css', 'media/icon.png'];

/** Names of the entries of a zip file, read from its central directory (no dependency). */
export function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}


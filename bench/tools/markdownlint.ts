/** markdownlint 0.38 with its default rules as a measured tool (bundled by bench/isolated.ts). */
import { lint } from 'markdownlint/sync';
import type { Tool } from './tool';

export function createTool(): Tool {
  const config = { default: true } as const;
  return {
    begin() {},
    add(name, text) {
      const result = lint({ strings: { [name]: text }, config });
      return result[name]?.length ?? 0;
    },
    finish: () => 0,
  };
}

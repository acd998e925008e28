/** micromark's own micromark/lib/initialize/text.js (not in its package exports; see linearMicromarkText.ts). */
declare module 'gbt27922:micromark-initialize-text' {
  export const resolver: unknown;
  export const string: unknown;
  export const text: unknown;
}

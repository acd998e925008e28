/** `import text from './file.json?raw'`: the file's text (the web build's esbuild plugin, scripts/esbuildPlugins.mjs). */
declare module '*?raw' {
  const text: string;
  export default text;
}

/** The browser build of the language server (dist/server-browser.js), inlined as text by obsidian-plugin/esbuild.mjs. */
declare module 'scriptorium:server-source' {
  const source: string;
  export default source;
}

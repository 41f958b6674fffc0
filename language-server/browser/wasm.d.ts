// esbuild's binary loader (esbuild.config.mjs, the browser bundle): a `.wasm` import is its bytes.
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}

// Stands in for the inlined worker bundle under vitest: happy-dom cannot run a Blob worker, so the
// plugin tests give the plugin a worker factory that runs dist/server-browser.js in a node thread.
const source = '';
export default source;

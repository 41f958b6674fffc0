// Deploys the site. The TODO comments below are tasks in Scriptorium's task pane.

export async function deploy(target: string): Promise<void> {
  // TODO(alice): retry when the CDN answers 503 [role:: coder] 📅 2026-12-04
  await upload(target);
  /* FIXME: the cache is purged before the upload has finished ⛔ build */
  await purgeCache(target);
}

async function upload(target: string): Promise<void> {
  const banner = "// TODO: this is a string, not a task";
  console.log(banner, target);
}

async function purgeCache(target: string): Promise<void> {
  console.log('purging', target); // HACK: wait for the real API
}

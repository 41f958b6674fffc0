// Run by crash.test.ts as a separate process: edits a task and saves the store, over and over,
// until it is killed. Prints `saving` before and `saved <n>` after every save.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openVaultHistory } from '../../../language-server/node/openHistory.js';

const root = process.argv[2]!;
const { history } = await openVaultHistory(root, { log: (line) => process.stderr.write(`${line}\n`) });
const file = path.join(root, 'Plan.md');
for (let n = 1; ; n++) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.includes('- [ ] Toggle') ? text.replace('- [ ] Toggle', '- [x] Toggle') : text.replace('- [x] Toggle', '- [ ] Toggle'));
  await history.recordChanges(['Plan.md'], 'cli');
  process.stdout.write('saving\n');
  await history.save();
  process.stdout.write(`saved ${n}\n`);
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A deterministic pseudo-random source, so every run benchmarks the same vault. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

const words = 'project plan review design budget launch draft research meeting notes summary idea garden book write code test deploy fix release travel health'.split(' ');
const statuses = [' ', ' ', ' ', 'x', '/', '-', '>', '!'];

function sentence(random: () => number, length: number): string {
  return Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
}

function date(random: () => number): string {
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** One note of realistic shape: frontmatter, headings, prose with links and tags, tasks, a code block. */
export function generateNote(i: number, noteCount: number, random: () => number): string {
  const lines = ['---', `tags: [${words[i % words.length]}, area/${words[(i * 7) % words.length]}]`, `created: ${date(random)}`, '---', `# Note ${i}`, ''];
  for (let section = 0; section < 3; section++) {
    lines.push(`## ${sentence(random, 3)}`, '');
    const target = Math.floor(random() * noteCount);
    lines.push(`${sentence(random, 25)} [[Note ${target}]] and #${words[section * 3]} ${sentence(random, 20)}.`, '');
    for (let t = 0; t < 2; t++) {
      const id = `t${i}x${section}${t}`;
      const dep = random() < 0.3 ? ` ⛔ t${Math.floor(random() * noteCount)}x${section}${t}` : '';
      const due = random() < 0.6 ? ` 📅 ${date(random)}` : '';
      const prio = random() < 0.2 ? ' ⏫' : '';
      lines.push(`- [${statuses[Math.floor(random() * statuses.length)]}] ${sentence(random, 6)} 🆔 ${id}${dep}${prio}${due}`);
      if (random() < 0.3) lines.push(`    - [ ] ${sentence(random, 4)} [due:: ${date(random)}]`);
    }
    lines.push('');
  }
  lines.push('```js', `const x = ${i}; // - [ ] not a task [[not a link]]`, '```', '');
  return lines.join('\n');
}

/** Writes `noteCount` notes into `dir` (in folders of 100) and returns their total size in bytes. */
export async function generateVault(dir: string, noteCount: number, seed = 42): Promise<number> {
  const random = seededRandom(seed);
  let bytes = 0;
  for (let i = 0; i < noteCount; i++) {
    const folder = path.join(dir, `folder-${Math.floor(i / 100)}`);
    if (i % 100 === 0) await mkdir(folder, { recursive: true });
    const text = generateNote(i, noteCount, random);
    bytes += Buffer.byteLength(text);
    await writeFile(path.join(folder, `Note ${i}.md`), text);
  }
  return bytes;
}

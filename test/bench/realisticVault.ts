// A vault generator shaped like real ones: Zipf-distributed vocabulary, links by preferential
// attachment (a few hub notes gather most backlinks), folders of uneven size, nested tasks
// with ids and dependencies on earlier tasks. Deterministic for a given seed.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom } from './generateVault.js';

const syllables = 'ka lo mi ra te su no vi de pa ri co ne ma lu si to be ga fi re ho ya zu wen tor lin mar'.split(' ');

function makeVocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 1 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += syllables[Math.floor(random() * syllables.length)];
    words.add(word);
  }
  return [...words];
}

/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s, by binary search over the cumulative weights. */
function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface RealisticVaultStats {
  notes: number;
  bytes: number;
  links: number;
  tasks: number;
}

function isoDate(random: () => number): string {
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Writes `noteCount` notes below `dir`; returns what it wrote. */
export interface RealisticVaultOptions {
  /** Sections per note, fewest and most (default 2–5: ~1.65 KB and ~3.9 tasks a note). */
  sections?: [number, number];
}

/**
 * The design's budgets name a real vault of ~13,000 notes and ~14 MB (~1.1 KB a note): the
 * generator's default notes are half as long again, so the reference vault has shorter ones.
 */
export const referenceVaultOptions: RealisticVaultOptions = { sections: [1, 4] };

export async function generateRealisticVault(dir: string, noteCount: number, seed = 7, options: RealisticVaultOptions = {}): Promise<RealisticVaultStats> {
  const [fewestSections, mostSections] = options.sections ?? [2, 5];
  const random = seededRandom(seed);
  const vocabulary = makeVocabulary(6000, random);
  const word = zipfSampler(vocabulary.length, 1.07, random);
  const words = (count: number) => Array.from({ length: count }, () => vocabulary[word()]).join(' ');
  const folderCount = Math.max(1, Math.round(Math.sqrt(noteCount) / 2));
  const folder = zipfSampler(folderCount, 0.8, random);
  const titles: string[] = [];
  const titleSet = new Set<string>();
  // Every target drawn is appended again: a note's chance of a new backlink grows with its backlinks.
  const attachment: number[] = [];
  const taskIds: string[] = [];
  const stats: RealisticVaultStats = { notes: noteCount, bytes: 0, links: 0, tasks: 0 };

  for (let i = 0; i < noteCount; i++) {
    let title = words(2 + Math.floor(random() * 3));
    while (titleSet.has(title.toLowerCase())) title = `${title} ${i}`;
    titleSet.add(title.toLowerCase());
    titles.push(title);
    const lines: string[] = ['---', `tags: [${words(1)}, ${words(1)}/${words(1)}]`];
    if (random() < 0.1) lines.push(`aliases: [${words(2)}]`);
    lines.push(`created: ${isoDate(random)}`, '---', `# ${title}`, '');
    const linkTarget = (): string => {
      if (i === 0 || random() < 0.05) return words(2); // unresolved, as real vaults have
      const pick = random() < 0.7 && attachment.length > 0 ? attachment[Math.floor(random() * attachment.length)]! : Math.floor(random() * i);
      attachment.push(pick);
      return titles[pick]!;
    };
    const sections = fewestSections + Math.floor(random() * (mostSections - fewestSections + 1));
    for (let s = 0; s < sections; s++) {
      lines.push(`## ${words(2 + Math.floor(random() * 3))}`, '');
      const sentences = 2 + Math.floor(random() * 5);
      const paragraph: string[] = [];
      for (let k = 0; k < sentences; k++) {
        let sentence = words(8 + Math.floor(random() * 14));
        if (random() < 0.35) {
          sentence += ` [[${linkTarget()}]]`;
          stats.links++;
        }
        if (random() < 0.1) sentence += ` #${words(1)}`;
        paragraph.push(`${sentence}.`);
      }
      lines.push(paragraph.join(' '), '');
      if (random() < 0.3) {
        const taskCount = 1 + Math.floor(random() * 5);
        for (let t = 0; t < taskCount; t++) {
          const fields: string[] = [];
          if (random() < 0.4) {
            const id = `n${i}s${s}t${t}`;
            taskIds.push(id);
            fields.push(`🆔 ${id}`);
          }
          if (taskIds.length > 1 && random() < 0.2) fields.push(`⛔ ${taskIds[Math.floor(random() * (taskIds.length - 1))]}`);
          if (random() < 0.15) fields.push(random() < 0.5 ? '⏫' : '🔽');
          if (random() < 0.03) fields.push('🔁 every week');
          if (random() < 0.5) fields.push(random() < 0.85 ? `📅 ${isoDate(random)}` : `[due:: ${isoDate(random)}]`);
          const status = random() < 0.25 ? 'x' : random() < 0.1 ? '/' : ' ';
          if (status === 'x') fields.push(`✅ ${isoDate(random)}`);
          lines.push(`- [${status}] ${words(3 + Math.floor(random() * 6))} ${fields.join(' ')}`.trimEnd());
          stats.tasks++;
          if (random() < 0.25) {
            lines.push(`    - [ ] ${words(3 + Math.floor(random() * 4))}`);
            stats.tasks++;
          }
        }
        lines.push('');
      }
      if (random() < 0.05) lines.push('```ts', `const ${words(1)} = [[not a link]]; // - [ ] not a task`, '```', '');
    }
    const text = lines.join('\n');
    const folderPath = path.join(dir, `area ${folder()}`);
    await mkdir(folderPath, { recursive: true });
    await writeFile(path.join(folderPath, `${title}.md`), text);
    stats.bytes += Buffer.byteLength(text);
  }
  return stats;
}

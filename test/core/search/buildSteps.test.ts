import { describe, expect, it } from 'vitest';
import { SearchService } from '../../../core/search/searchService.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

// Two topics whose words travel together, enough notes for the LSA leg to train in many steps.
const garden = ['compost', 'mulch', 'seedling', 'trowel', 'loam', 'perennial', 'hedge', 'pruning'];
const kitchen = ['sourdough', 'skillet', 'braise', 'whisk', 'marinade', 'simmer', 'ladle', 'roast'];
const shared = ['today', 'notes', 'weekend', 'plan'];

function vault(): Workspace {
  const ws = new Workspace(defaultTaskSettings());
  let n = 0;
  for (const [name, topic] of [['Garden', garden], ['Kitchen', kitchen]] as const) {
    for (let i = 0; i < 40; i++) {
      const words = [...topic.filter((_, k) => (k + i) % 3 !== 0), shared[i % shared.length]!];
      const link = i > 0 ? ` See [[${name} ${i - 1}]].` : '';
      ws.setText(`${name}/${name} ${i}.md`, `# ${name} ${i}\n${words.join(' ')} ${words.slice(0, 3).join(' ')}.${link}\n## More\n${words.reverse().join(' ')}\n`);
      n++;
    }
  }
  ws.setText('README.txt', 'not a note');
  return ws;
}

async function answers(service: SearchService) {
  return {
    search: await service.search('compost trowel', { limit: 10 }),
    related: await service.related('Kitchen/Kitchen 3.md', { limit: 10 }),
    suggest: await service.suggestLinks({ file: 'Garden/Garden 1.md', text: 'Mulch the seedling bed, then see Garden 7 for the skillet.' }, { limit: 10 }),
  };
}

describe('SearchService built in steps', () => {
  it('empty() + buildSteps() answers exactly as the constructor does', async () => {
    const whole = new SearchService(vault());
    const stepped = SearchService.empty(vault());
    expect(stepped.noteCount).toBe(0);
    let steps = 0;
    for (const _ of stepped.buildSteps()) steps++;
    // One step per note, and the LSA's training cut into more than one.
    expect(steps).toBeGreaterThan(80);
    expect(stepped.noteCount).toBe(80);
    expect(stepped.vectorStatus).toBe('workspace-lsa-64: 80 note vectors');
    expect(await answers(stepped)).toEqual(await answers(whole));
    expect(whole.vectorStatus).toBe(stepped.vectorStatus);
  });

  it('answers between steps from the notes indexed so far, and a query finishes a training under way', async () => {
    const ws = vault();
    const service = SearchService.empty(ws);
    const steps = service.indexSteps();
    for (let i = 0; i < 10; i++) steps.next();
    expect(service.noteCount).toBe(10);
    expect((await service.search('compost')).length).toBeGreaterThan(0);
    for (const _ of { [Symbol.iterator]: () => steps });
    const training = service.vectorSteps();
    training.next();
    training.next();
    // Needs the vector leg: trains the rest at once.
    const found = await service.search('compost trowel');
    expect(found.length).toBeGreaterThan(0);
    expect(service.vectorStatus).toMatch(/80 note vectors/);
    expect(training.next().done).toBe(true);
    expect(await answers(service)).toEqual(await answers(new SearchService(vault())));
  });

  it('a note edited or removed while the vector leg trains gets no vector from its old text', async () => {
    const ws = vault();
    // Vectors alone decide, so the edited note's vector shows in its related notes.
    const service = SearchService.empty(ws, { weights: { text: 0, backlink: 0, shared: 0, vector: 1 } });
    for (const _ of service.indexSteps());
    const training = service.vectorSteps();
    training.next();
    ws.setText('Garden/Garden 5.md', `# Garden 5\n${kitchen.join(' ')}\n`);
    service.update('Garden/Garden 5.md');
    ws.remove('Kitchen/Kitchen 9.md');
    service.remove('Kitchen/Kitchen 9.md');
    for (const _ of { [Symbol.iterator]: () => training });
    const related = await service.related('Garden/Garden 5.md', { limit: 10 });
    expect(related.length).toBeGreaterThan(0);
    expect(related.every((r) => r.path.startsWith('Kitchen/'))).toBe(true);
    expect(related.map((r) => r.path)).not.toContain('Kitchen/Kitchen 9.md');
    expect((await service.related('Kitchen/Kitchen 2.md', { limit: 80 })).map((r) => r.path)).not.toContain('Kitchen/Kitchen 9.md');
  });
});

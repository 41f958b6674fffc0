import { describe, expect, it } from 'vitest';
import { LinkIndex } from '../../../core/links/linkIndex.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

function vault(): Workspace {
  const workspace = new Workspace(defaultTaskSettings());
  workspace.setText('Hub.md', '# Hub\nSee [[Spoke 1]], [[Spoke 2]] and [[Missing]].');
  for (let i = 1; i <= 40; i++) workspace.setText(`spokes/Spoke ${i}.md`, `Back to [[Hub]]; next [[Spoke ${i + 1}]]; ![[pic.png]]`);
  workspace.setText('pic.png', '');
  return workspace;
}

function sameAsFresh(workspace: Workspace): void {
  const fresh = LinkIndex.build(workspace.files());
  const links = workspace.linkIndex();
  expect(links.resolvedLinks()).toEqual(fresh.resolvedLinks());
  expect(links.unresolvedLinks()).toEqual(fresh.unresolvedLinks());
  for (const file of workspace.files()) {
    expect([...links.backlinks(file.path)].sort()).toEqual([...fresh.backlinks(file.path)].sort());
    expect(links.backlinkCount(file.path)).toBe(fresh.backlinkCount(file.path));
  }
}

describe('Workspace.buildLinkIndexSlice', () => {
  it('builds, one file a step, the index a one-step build makes', () => {
    const workspace = vault();
    let steps = 0;
    while (!workspace.buildLinkIndexSlice(() => true)) steps++;
    expect(steps).toBeGreaterThan(40);
    sameAsFresh(workspace);
  });

  it('takes in files changed, added, renamed and removed while it was under way', () => {
    const workspace = vault();
    for (let i = 0; i < 10; i++) workspace.buildLinkIndexSlice(() => true);
    workspace.setText('Missing.md', 'Now it exists: [[Hub]]');
    workspace.setText('Hub.md', '# Hub\nOnly [[Spoke 3]] now, and [[Gone]].');
    workspace.remove('spokes/Spoke 2.md');
    workspace.rename('spokes/Spoke 5.md', 'other/Spoke 5b.md');
    for (let i = 0; i < 10; i++) workspace.buildLinkIndexSlice(() => true);
    workspace.setText('spokes/Spoke 41.md', 'The last one: [[Hub]]');
    while (!workspace.buildLinkIndexSlice(() => true));
    sameAsFresh(workspace);
    expect(workspace.linkIndex().unresolvedOf('Hub.md')).toEqual(new Map([['Gone', 1]]));
  });

  it('is finished on the spot by a caller that needs the index meanwhile', () => {
    const workspace = vault();
    for (let i = 0; i < 5; i++) workspace.buildLinkIndexSlice(() => true);
    workspace.setText('Missing.md', 'here');
    sameAsFresh(workspace);
    expect(workspace.buildLinkIndexSlice(() => true)).toBe(true);
  });
});

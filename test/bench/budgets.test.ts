import { describe, expect, it } from 'vitest';
import { budgets, referenceVaultName, type LspFigures, type SearchFigures, type VaultFigures } from './budgets.js';

function vault(name: string, notes: number, tasks: number, coldIndexMs: number): VaultFigures {
  return { name, generated: true, notes, tasks, coldIndexMs, untilQueryableWithStoreMs: coldIndexMs / 2, storeOpenScanMs: null, reindexP95Ms: 1, taskQueryP95Ms: 5, peakRssMB: 250 };
}

function server(name: string, p95: number, rss: number): LspFigures {
  return {
    name,
    completion: { p95Ms: p95 },
    completionOnNewParagraph: { p95Ms: p95 / 2 },
    relatedNotes: { p95Ms: p95 / 3 },
    cheapRequestWhileIndexingMs: { maxMs: 30 },
    cheapRequestWhileWarmingUpMs: { maxMs: 60 },
    serverRssMB: rss,
  };
}

describe('the budgets section of the benchmark', () => {
  const realistic = [vault('realistic-10000', 10_000, 39_000, 900), vault('realistic-50000', 50_000, 197_000, 4900)];

  it('judges by the figure measured on the reference vault, and shows the realistic vaults interpolated beside it', () => {
    const out = budgets([...realistic, vault(referenceVaultName, 13_000, 37_000, 980)]);
    expect(out.tasksAndLinksQueryableColdMs.atReference).toMatchObject({ value: 980, method: expect.stringContaining('measured on reference-13000') });
    expect(out.tasksAndLinksQueryableColdMs.ok).toBe(true);
    expect(out.tasksAndLinksQueryableColdMs.realisticAtReference).toEqual({ value: 1200, method: 'linear between 10000 and 50000' });
    // 50k tasks: the reference vault has fewer, so the realistic vaults decide.
    expect(out.taskQueryP95Ms.atReference.method).toBe('linear between 39000 and 197000');
  });

  it('interpolates between the realistic vaults when the reference vault was not measured', () => {
    const out = budgets(realistic);
    expect(out.tasksAndLinksQueryableColdMs.atReference).toMatchObject({ value: 1200, method: 'linear between 10000 and 50000' });
    expect(out.tasksAndLinksQueryableColdMs.ok).toBe(false);
  });

  it('takes search readiness, completion, server memory and request waits from the search and server reports', () => {
    const search: SearchFigures[] = [{ name: referenceVaultName, loadMs: 1000, searchReadyMs: 1500 }];
    const lsp = [server('realistic-10000', 12, 280), server(referenceVaultName, 18, 320)];
    const out = budgets(realistic, search, lsp);
    expect(out.fullSearchReadyMs).toMatchObject({ atReference: { value: 2500 }, ok: true });
    expect(out.completionAndRelatedP95Ms).toMatchObject({ atReference: { value: 18 }, ok: true });
    expect(out.serverMemoryMB).toMatchObject({ atReference: { value: 320 }, ok: false });
    expect(out.serverMemoryMB.byVault).toEqual([
      { vault: 'realistic-10000', value: 280, ok: true },
      { vault: referenceVaultName, value: 320, ok: false },
    ]);
    expect(out.requestWaitBehindIndexingMs).toMatchObject({ atReference: { value: 60 }, ok: false });
  });

  it('says so when the reference vault had no search or server run', () => {
    expect(budgets(realistic).fullSearchReadyMs).toMatchObject({ atReference: { value: null }, ok: null });
  });
});

import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Diagnostic as LspDiagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../../shared-types/index.js';
import type { CancellationToken } from 'vscode-languageserver';
import { contentHash } from '../../core/text/hash.js';
import type { ServerWorkspace } from './serverWorkspace.js';
import { inSlices } from './yieldNow.js';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const none: readonly Diagnostic[] = [];

function sameItems(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return { range: d.range, severity: severities[d.severity], code: d.code, source: 'scriptorium', message: d.message };
}

interface FileReport {
  items: LspDiagnostic[];
  resultId: string;
}

/**
 * Diagnostics grouped by file, computed once per workspace generation: the cross-file ones
 * (cycles, unresolved links) need the whole workspace, so each pull reuses the last answer
 * until something changes. The workspace keeps each file's list as the same array while
 * nothing in it changed (Workspace.diagnosticsByPath), so after a change only the reports of
 * the files whose list changed are converted and hashed again.
 */
export class DiagnosticsCache {
  private version = '';
  private byPath = new Map<string, FileReport>();
  /** The lists each report was made from (the workspace's, then the extra ones). */
  private readonly sources = new Map<string, { own: readonly Diagnostic[]; extra: readonly Diagnostic[] }>();

  /** `extra`: diagnostics from beyond the Workspace (roles), with a version that changes when they may have. */
  constructor(
    private readonly state: ServerWorkspace,
    private readonly extra?: { version: string; diagnostics(): Diagnostic[] },
  ) {}

  private reports(): Map<string, FileReport> {
    const version = `${this.state.generation}/${this.extra?.version ?? ''}`;
    if (this.version === version) return this.byPath;
    const extra = new Map<string, Diagnostic[]>();
    for (const d of this.extra?.diagnostics() ?? []) {
      const list = extra.get(d.path);
      if (list) list.push(d);
      else extra.set(d.path, [d]);
    }
    const own = this.state.workspace.diagnosticsByPath();
    const paths = [...own.keys()];
    for (const path of extra.keys()) if (!own.has(path)) paths.push(path);
    const byPath = new Map<string, FileReport>();
    for (const path of paths) {
      const ownList = own.get(path) ?? none;
      const extraList = extra.get(path) ?? none;
      const before = this.sources.get(path);
      const previous = this.byPath.get(path);
      if (previous && before && before.own === ownList && sameItems(before.extra, extraList)) {
        byPath.set(path, previous);
        continue;
      }
      const items = [...ownList, ...extraList].map(toLspDiagnostic);
      byPath.set(path, { items, resultId: contentHash(JSON.stringify(items)) });
      this.sources.set(path, { own: ownList, extra: extraList });
    }
    for (const path of this.sources.keys()) if (!byPath.has(path)) this.sources.delete(path);
    this.byPath = byPath;
    this.version = version;
    return this.byPath;
  }

  /**
   * Makes what a pull needs in 5 ms slices, yielding between them (and stopping, by throwing,
   * when `token` is cancelled): the task index's whole-graph facts (a step of theirs can take
   * ≈20 ms at 10k notes) and the per-file parts, so that the pull itself only merges.
   */
  async prepare(token?: CancellationToken): Promise<void> {
    const version = `${this.state.generation}/${this.extra?.version ?? ''}`;
    if (this.version === version) return;
    const workspace = this.state.workspace;
    await inSlices((shouldYield) => workspace.warmTaskFactsSlice(shouldYield) && workspace.warmDiagnosticsSlice(shouldYield), { token });
  }

  /** `textDocument/diagnostic`: unchanged when the client already has this exact report. */
  document(path: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const report = this.reports().get(path) ?? { items: [], resultId: 'none' };
    if (previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
  }

  /**
   * `workspace/diagnostic`: every file with problems, plus an empty report for each file the
   * client still holds problems for (so fixed files clear), unchanged ones marked as such.
   */
  workspace(previous: readonly { uri: string; value: string }[], uriOf: (path: string) => string, pathOf: (uri: string) => string | null, versionOf: (path: string) => number | null): WorkspaceDocumentDiagnosticReport[] {
    const reports = this.reports();
    const previousByPath = new Map<string, string>();
    for (const p of previous) {
      const path = pathOf(p.uri);
      if (path !== null) previousByPath.set(path, p.value);
    }
    const out: WorkspaceDocumentDiagnosticReport[] = [];
    for (const [path, report] of reports) {
      const uri = uriOf(path);
      const version = versionOf(path);
      if (previousByPath.get(path) === report.resultId) out.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId: report.resultId });
      else out.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: report.resultId, items: report.items });
    }
    for (const path of previousByPath.keys()) {
      if (!reports.has(path)) out.push({ kind: DocumentDiagnosticReportKind.Full, uri: uriOf(path), version: versionOf(path), resultId: 'none', items: [] });
    }
    return out;
  }
}

import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Diagnostic as LspDiagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../../shared-types/index.js';
import { contentHash } from '../../core/text/hash.js';
import type { ServerWorkspace } from './serverWorkspace.js';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

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
 * until something changes.
 */
export class DiagnosticsCache {
  private version = '';
  private byPath = new Map<string, FileReport>();

  /** `extra`: diagnostics from beyond the Workspace (roles), with a version that changes when they may have. */
  constructor(
    private readonly state: ServerWorkspace,
    private readonly extra?: { version: string; diagnostics(): Diagnostic[] },
  ) {}

  private reports(): Map<string, FileReport> {
    const version = `${this.state.generation}/${this.extra?.version ?? ''}`;
    if (this.version === version) return this.byPath;
    const grouped = new Map<string, LspDiagnostic[]>();
    for (const d of [...this.state.workspace.diagnostics(), ...(this.extra?.diagnostics() ?? [])]) {
      const list = grouped.get(d.path);
      if (list) list.push(toLspDiagnostic(d));
      else grouped.set(d.path, [toLspDiagnostic(d)]);
    }
    this.byPath = new Map([...grouped].map(([path, items]) => [path, { items, resultId: contentHash(JSON.stringify(items)) }]));
    this.version = version;
    return this.byPath;
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

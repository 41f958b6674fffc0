import * as vscode from 'vscode';
import { ScriptoriumRequest, type RoleInfo, type RolesResult } from '../../../shared-types/protocol.js';
import type { ServerConnection } from '../client/connection.js';

export type RolesElement = { kind: 'role'; role: RoleInfo } | { kind: 'detail'; id: string; label: string; description: string; icon: string };

/** The Roles view: the workspace's roles (built-in ones as its role folder overrides and extends them). */
export class RolesTreeProvider implements vscode.TreeDataProvider<RolesElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RolesElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roles: RoleInfo[] = [];
  error: string | null = null;

  constructor(private readonly connection: ServerConnection) {}

  async refresh(): Promise<void> {
    try {
      this.roles = (await this.connection.sendRequest<RolesResult>(ScriptoriumRequest.roles, {})).roles;
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
    this.changed.fire(undefined);
  }

  roleNames(): string[] {
    return this.roles.map((r) => r.name);
  }

  getChildren(element?: RolesElement): RolesElement[] {
    if (!element) return this.roles.map((role) => ({ kind: 'role', role }));
    if (element.kind !== 'role') return [];
    const { role } = element;
    const details: RolesElement[] = [];
    const detail = (key: string, label: string, description: string, icon: string) => details.push({ kind: 'detail', id: `${role.name}:${key}`, label, description, icon });
    if (role.chain.length > 1) detail('chain', 'Extends', role.chain.slice(1).join(' → '), 'type-hierarchy-super');
    if (role.capabilities.length > 0) detail('capabilities', 'Capabilities', role.capabilities.join(', '), 'tools');
    for (const [name, value] of Object.entries(role.restrictions)) detail(`restriction:${name}`, name, String(value), 'shield');
    detail('origin', 'Defined in', role.path ?? 'built in', role.path ? 'file' : 'package');
    return details;
  }

  getTreeItem(element: RolesElement): vscode.TreeItem {
    if (element.kind === 'detail') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
      item.id = `role-detail:${element.id}`;
      item.description = element.description;
      item.tooltip = `${element.label}: ${element.description}`;
      item.iconPath = new vscode.ThemeIcon(element.icon);
      return item;
    }
    const { role } = element;
    const item = new vscode.TreeItem(role.displayName || role.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `role:${role.name}`;
    item.description = role.description ?? '';
    item.tooltip = new vscode.MarkdownString([`**${role.name}**`, role.description ?? '', role.path ? `Defined in \`${role.path}\`` : 'Built in'].filter(Boolean).join('\n\n'));
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = role.uri ? 'role file' : 'role';
    if (role.uri) item.command = { command: 'vscode.open', title: 'Open Role', arguments: [vscode.Uri.parse(role.uri)] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

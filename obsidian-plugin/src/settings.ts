import { PluginSettingTab, Setting, type App, type Plugin } from 'obsidian';
import type { ScriptoriumSettings } from '../../shared-types/protocol.js';

export type LinkSuggestMode = 'replace' | 'own-trigger' | 'off';

export interface StatusChoice {
  symbol: string;
  name: string;
}

export interface PluginSettings {
  /** Offered in a task's status menu (the server's statuses come from the Tasks plugin's settings). */
  statuses: StatusChoice[];
  useGlobalFilter: boolean;
  excludes: string[];
  rolesFolder: string;
  embeddingProvider: 'built-in' | 'none';
  /** `replace`: answer `[[` before Obsidian's own link suggest; `own-trigger`: answer `trigger` only. */
  linkSuggestMode: LinkSuggestMode;
  trigger: string;
  suggestionLimit: number;
  /** Folders whose notes are never suggested nor listed as related (e.g. Templates). */
  suggestionExcludeFolders: string[];
  /** Render `tasks` blocks when the Tasks plugin is not enabled. */
  renderTasksBlocks: boolean;
}

export const defaultSettings: PluginSettings = {
  statuses: [
    { symbol: ' ', name: 'Todo' },
    { symbol: '/', name: 'In progress' },
    { symbol: 'x', name: 'Done' },
    { symbol: '-', name: 'Cancelled' },
  ],
  useGlobalFilter: false,
  excludes: [],
  rolesFolder: 'Roles',
  embeddingProvider: 'built-in',
  linkSuggestMode: 'own-trigger',
  trigger: '@@',
  suggestionLimit: 10,
  suggestionExcludeFolders: [],
  renderTasksBlocks: true,
};

/** Saved data may come from an older version or be hand-edited: keep what is well-formed, default the rest. */
export function settingsFrom(saved: unknown): PluginSettings {
  const raw = saved !== null && typeof saved === 'object' ? (saved as Record<string, unknown>) : {};
  const out: PluginSettings = { ...defaultSettings, statuses: [...defaultSettings.statuses] };
  if (Array.isArray(raw.statuses)) {
    const statuses = raw.statuses.filter((s): s is StatusChoice => typeof s?.symbol === 'string' && [...s.symbol].length === 1 && typeof s?.name === 'string');
    if (statuses.length > 0) out.statuses = statuses;
  }
  if (typeof raw.useGlobalFilter === 'boolean') out.useGlobalFilter = raw.useGlobalFilter;
  if (Array.isArray(raw.excludes)) out.excludes = raw.excludes.filter((e): e is string => typeof e === 'string');
  if (typeof raw.rolesFolder === 'string') out.rolesFolder = raw.rolesFolder;
  if (raw.embeddingProvider === 'built-in' || raw.embeddingProvider === 'none') out.embeddingProvider = raw.embeddingProvider;
  if (raw.linkSuggestMode === 'replace' || raw.linkSuggestMode === 'own-trigger' || raw.linkSuggestMode === 'off') out.linkSuggestMode = raw.linkSuggestMode;
  if (typeof raw.trigger === 'string' && raw.trigger.trim() !== '') out.trigger = raw.trigger.trim();
  if (typeof raw.suggestionLimit === 'number' && raw.suggestionLimit >= 1 && raw.suggestionLimit <= 50) out.suggestionLimit = Math.floor(raw.suggestionLimit);
  if (Array.isArray(raw.suggestionExcludeFolders)) out.suggestionExcludeFolders = raw.suggestionExcludeFolders.filter((f): f is string => typeof f === 'string' && f.trim() !== '');
  if (typeof raw.renderTasksBlocks === 'boolean') out.renderTasksBlocks = raw.renderTasksBlocks;
  return out;
}

/**
 * What the server is told (initializationOptions, `workspace/configuration`, and
 * didChangeConfiguration on every save). Statuses are the Tasks plugin's own (its data.json, which
 * the server reads); the status menu's choices stay in the plugin.
 */
export function serverSettings(settings: PluginSettings): ScriptoriumSettings {
  return {
    excludes: settings.excludes,
    useGlobalFilter: settings.useGlobalFilter,
    rolesFolder: settings.rolesFolder,
    // The browser build has no neural providers: the built-in (offline) one, or none.
    embeddings: settings.embeddingProvider === 'none' ? 'none' : 'default',
    suggestions: { limit: settings.suggestionLimit, excludeFolders: settings.suggestionExcludeFolders },
  };
}

/** `x Done` lines ↔ status choices. */
export function parseStatusLines(text: string): StatusChoice[] {
  const out: StatusChoice[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const symbol = line[0]!;
    const name = line.slice(1).trim();
    if (name !== '') out.push({ symbol, name });
  }
  return out;
}

export interface SettingsHost extends Plugin {
  settings: PluginSettings;
  saveSettings(): Promise<void>;
}

export class ScriptoriumSettingTab extends PluginSettingTab {
  constructor(app: App, private readonly plugin: SettingsHost) {
    super(app, plugin);
  }

  override display(): void {
    const { containerEl } = this;
    containerEl.empty();
    const settings = this.plugin.settings;
    const save = async (change: () => void) => {
      change();
      await this.plugin.saveSettings();
    };

    new Setting(containerEl).setName('Tasks').setHeading();
    new Setting(containerEl)
      .setName('Statuses in the status menu')
      .setDesc('One per line: the symbol, a space, the name (for example "/ In progress"). The first character is the symbol, even a space.')
      .addTextArea((area) =>
        area.setValue(settings.statuses.map((s) => `${s.symbol} ${s.name}`).join('\n')).onChange((value) =>
          save(() => {
            const parsed = parseStatusLines(value);
            if (parsed.length > 0) settings.statuses = parsed;
          }),
        ),
      );
    new Setting(containerEl)
      .setName('Use the Tasks global filter')
      .setDesc("Only checkboxes with the Tasks plugin's global filter (for example #task) are tasks. Off: every checkbox is.")
      .addToggle((toggle) => toggle.setValue(settings.useGlobalFilter).onChange((value) => save(() => (settings.useGlobalFilter = value))));
    new Setting(containerEl)
      .setName('Excluded paths')
      .setDesc('gitignore-style patterns, one per line, of files Scriptorium does not index.')
      .addTextArea((area) =>
        area.setValue(settings.excludes.join('\n')).onChange((value) =>
          save(() => (settings.excludes = value.split('\n').map((l) => l.trim()).filter((l) => l !== ''))),
        ),
      );
    new Setting(containerEl)
      .setName('Roles folder')
      .setDesc('Where role notes live.')
      .addText((text) => text.setValue(settings.rolesFolder).onChange((value) => save(() => (settings.rolesFolder = value.trim()))));
    new Setting(containerEl)
      .setName('Render tasks blocks')
      .setDesc('Render ```tasks blocks with Scriptorium when the Tasks plugin is not enabled (takes effect after reloading the plugin).')
      .addToggle((toggle) => toggle.setValue(settings.renderTasksBlocks).onChange((value) => save(() => (settings.renderTasksBlocks = value))));

    new Setting(containerEl).setName('Suggestions').setHeading();
    new Setting(containerEl)
      .setName('Embedding provider')
      .setDesc('Built-in: a small local model of word meaning, computed on this device. None: rank by words only.')
      .addDropdown((dropdown) =>
        dropdown
          .addOption('built-in', 'Built-in (local)')
          .addOption('none', 'None')
          .setValue(settings.embeddingProvider)
          .onChange((value) => save(() => (settings.embeddingProvider = value === 'none' ? 'none' : 'built-in'))),
      );
    new Setting(containerEl)
      .setName('Link suggestions')
      .setDesc("Replace: Scriptorium answers [[ instead of Obsidian's own link suggest. Own trigger: Obsidian keeps [[, Scriptorium answers the trigger below. Takes effect after reloading the plugin.")
      .addDropdown((dropdown) =>
        dropdown
          .addOption('own-trigger', 'Own trigger')
          .addOption('replace', 'Replace [[')
          .addOption('off', 'Off')
          .setValue(settings.linkSuggestMode)
          .onChange((value) => save(() => (settings.linkSuggestMode = value === 'replace' || value === 'off' ? value : 'own-trigger'))),
      );
    new Setting(containerEl)
      .setName('Trigger')
      .setDesc('Typed to open Scriptorium link suggestions when they do not replace [[.')
      .addText((text) => text.setValue(settings.trigger).onChange((value) => save(() => (settings.trigger = value.trim() || defaultSettings.trigger))));
    new Setting(containerEl)
      .setName('Folders never suggested')
      .setDesc('One folder per line (for example Templates): its notes are never suggested as links nor listed as related.')
      .addTextArea((area) =>
        area.setValue(settings.suggestionExcludeFolders.join('\n')).onChange((value) =>
          save(() => (settings.suggestionExcludeFolders = value.split('\n').map((l) => l.trim()).filter((l) => l !== ''))),
        ),
      );
    new Setting(containerEl)
      .setName('Number of suggestions')
      .addSlider((slider) =>
        slider
          .setLimits(3, 30, 1)
          .setValue(settings.suggestionLimit)
          .setDynamicTooltip()
          .onChange((value) => save(() => (settings.suggestionLimit = value))),
      );
  }
}

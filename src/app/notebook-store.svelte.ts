import { untrack } from 'svelte';
import type { Engine } from '../engine/engine';
import { defaultReport } from '../notebook/default-report';
import {
  newCellId, newSqlName, type AnalysisKind, type Cell, type CellKind, type Notebook, type ParamName, type Params,
} from '../notebook/document';
import { affectedCells } from '../notebook/graph';
import { NotebookRunner } from '../notebook/runner.svelte';
import { backUpNotebook, clearBackedUpNotebook, loadBackedUpNotebook, loadSavedNotebook, saveNotebook } from '../notebook/autosave';
import { notebookToJson, readNotebook } from '../notebook/serialise';
import { analysisSql } from '../notebook/analysis-sql';
import { isShareHash, notebookFromHash } from '../share/link';
import { lockEngine, readUntrustedMark, writeUntrustedMark } from '../share/lockdown';
import { prefs } from '../i18n/prefs.svelte';
import { t } from '../i18n/t';

/** Where the open notebook came from, decided once when the page opens (see src/share/lockdown.ts). */
interface Opening {
  doc: Notebook;
  /** someone else's SQL: the engine must be locked before it runs */
  fromElsewhere: boolean;
  notice: { text: string; bad?: boolean } | null;
  /** opened from the page's #nb= hash */
  fromLink: boolean;
}

/** The notebook to open: a share link in the hash wins, else the autosaved one, else the built-in report. */
export function openingNotebook(hash: string, storage: Storage | undefined = globalThis.localStorage): Opening {
  const saved = () => {
    const doc = loadSavedNotebook(storage);
    return { doc: doc ?? defaultReport(prefs.lang), fromElsewhere: !!doc && readUntrustedMark(storage) };
  };
  if (isShareHash(hash)) {
    try {
      const doc = notebookFromHash(hash);
      setAsideOwn(storage);
      return { doc, fromElsewhere: true, fromLink: true, notice: { text: t('common.nbOpenedLink', { title: doc.title, n: doc.cells.length }) } };
    } catch (e) {
      return { ...saved(), fromLink: false, notice: { text: t('common.nbLinkFailed', { error: (e as Error).message }), bad: true } };
    }
  }
  return { ...saved(), fromLink: false, notice: null };
}

/**
 * Before someone else's notebook takes the autosave slot: one's own saved notebook is set aside
 * (src/notebook/autosave.ts backUpNotebook), so "Back to my notebook" can reopen it.
 */
function setAsideOwn(storage: Storage | undefined = globalThis.localStorage) {
  const own = loadSavedNotebook(storage);
  if (own && !readUntrustedMark(storage)) backUpNotebook(own, storage);
}

/**
 * The open notebook: the document (autosaved), its runner, and every edit a user can make —
 * parameters, adding / deleting / duplicating / moving / collapsing cells, editing a cell,
 * saving to and opening from a `.json` file. Edits re-run exactly what they affect.
 */
export class NotebookStore {
  private opening: Opening;
  doc = $state<Notebook>(defaultReport());
  runner = $state<NotebookRunner | null>(null);
  /** a message about the document itself (opened, could not open…) */
  notice = $state<{ text: string; bad?: boolean } | null>(null);
  /** The document (or one opened earlier on this page) came from a link or file: someone else's SQL. */
  fromElsewhere = $state(false);
  /** This page's engine is (or will be, before any notebook SQL) locked down; only a reload undoes it. */
  locked = $state(false);
  /** One's own notebook, set aside when a link or file replaced it (null when there is none). */
  ownBackup = $state<{ title: string; cells: number } | null>(null);
  /** Embedded (?embed=): never autosaves, so an iframe cannot overwrite the user's own notebook. */
  embedded = false;
  private engine: Engine | null = null;

  constructor(options: { hash?: string; embedded?: boolean } = {}) {
    this.opening = openingNotebook(options.hash ?? '');
    this.doc = this.opening.doc;
    this.fromElsewhere = this.locked = this.opening.fromElsewhere;
    this.notice = this.opening.notice;
    this.embedded = !!options.embedded;
    this.refreshBackup();
  }

  private refreshBackup() {
    const own = this.fromElsewhere && !this.embedded ? loadBackedUpNotebook() : null;
    this.ownBackup = own ? { title: own.title, cells: own.cells.length } : null;
  }

  /**
   * Reopens one's own notebook that a link or file replaced. The engine stays locked until the
   * page reloads (the other notebook's SQL may already have run in it), as after reset().
   */
  restoreOwn() {
    const own = loadBackedUpNotebook();
    if (!own) return;
    this.fromElsewhere = false;
    this.replace(own);
    this.autosave();
    clearBackedUpNotebook();
    this.ownBackup = null;
    this.notice = { text: t('common.nbOwnBack', { title: own.title }) };
  }

  /** Whether the document was opened from the page's share link (the app then drops the hash). */
  get openedFromLink() {
    return this.opening.fromLink;
  }

  /** Locks the engine when the notebook needs it. The app calls this before the engine reports ready. */
  async prepare(engine: Engine) {
    if (this.locked) await lockEngine(engine);
  }

  attach(engine: Engine) {
    this.engine = engine;
    // A file opened while the engine was starting: lock before the runner's first query.
    if (this.locked) void lockEngine(engine);
    this.runner = new NotebookRunner(engine);
  }

  /** A plain copy of the document, read without making the caller's effect depend on it. */
  private snapshot(): Notebook {
    return untrack(() => $state.snapshot(this.doc) as Notebook);
  }

  /** (Re-)run every SQL cell (an embed: only those in `only`): after the data changed. Called from effects: nothing here is tracked. */
  runAll(only?: ReadonlySet<string>) {
    return untrack(() => this.runner?.runAll(this.snapshot(), only));
  }

  setParam<K extends ParamName>(name: K, value: Params[K]) {
    if (this.doc.params[name] === value) return;
    this.doc.params[name] = value;
    // The segment filter changes what every table holds: the app applies it, then re-runs everything.
    if (name === 'segment') return;
    void untrack(() => this.runner?.runAffected(this.snapshot(), { params: [name] }));
  }

  /** Runs a cell and everything downstream of it. */
  runCell(id: string) {
    const nb = this.snapshot();
    return untrack(() => this.runner?.run(nb, affectedCells(nb, { cells: [id] })));
  }

  updateCell(id: string, patch: Partial<Cell>, rerun = false) {
    const i = this.doc.cells.findIndex((c) => c.id === id);
    if (i < 0) return;
    this.doc.cells[i] = { ...this.doc.cells[i], ...patch } as Cell;
    if (rerun) void this.runCell(id);
  }

  private insert(cell: Cell, after?: string) {
    const i = after === undefined ? this.doc.cells.length : this.doc.cells.findIndex((c) => c.id === after) + 1;
    this.doc.cells.splice(i, 0, cell);
    return cell;
  }

  addCell(kind: CellKind, after?: string, extra: { analysis?: AnalysisKind; input?: string; source?: string } = {}): Cell {
    const id = newCellId(this.doc.cells.map((c) => c.id));
    const lastSql = [...this.doc.cells].reverse().find((c) => c.kind === 'sql');
    switch (kind) {
      case 'markdown':
        return this.insert({ id, kind, source: extra.source ?? 'Write **notes** here.' }, after);
      case 'sql':
        return this.insert({ id, kind, name: newSqlName(this.doc.cells), source: extra.source ?? 'SELECT *\nFROM orders\nLIMIT 100' }, after);
      case 'chart':
        return this.insert({ id, kind, input: extra.input ?? lastSql?.id ?? '', type: 'bar', title: '', x: '', y: [] }, after);
      case 'table':
        return this.insert({ id, kind, input: extra.input ?? lastSql?.id ?? '' }, after);
      case 'analysis':
        return this.insert({ id, kind, analysis: extra.analysis ?? 'kpis' }, after);
    }
  }

  /** The SQL behind an analysis panel, as a new editable SQL cell under it (run at once). */
  openSql(id: string) {
    const cell = this.doc.cells.find((c) => c.id === id);
    if (cell?.kind !== 'analysis') return;
    const sql = analysisSql(cell.analysis, this.doc.params);
    if (sql === null) return;
    const added = this.addCell('sql', id, { source: sql.trim() });
    void this.runCell(added.id);
  }

  deleteCell(id: string) {
    const dependants = this.doc.cells.filter((c) => (c.kind === 'chart' || c.kind === 'table') && c.input === id);
    this.doc.cells = this.doc.cells.filter((c) => c.id !== id && !dependants.includes(c));
    this.runner?.forget(id);
    for (const d of dependants) this.runner?.forget(d.id);
  }

  duplicateCell(id: string) {
    const cell = this.doc.cells.find((c) => c.id === id);
    if (!cell) return;
    const copy = { ...$state.snapshot(cell), id: newCellId(this.doc.cells.map((c) => c.id)) } as Cell;
    if (copy.kind === 'sql') copy.name = newSqlName(this.doc.cells);
    this.insert(copy, id);
    if (copy.kind === 'sql') void this.runCell(copy.id);
  }

  /** Moves a cell up (−1) or down (+1). SQL cells read only earlier cells, so moves re-run the SQL. */
  moveCell(id: string, delta: -1 | 1) {
    const i = this.doc.cells.findIndex((c) => c.id === id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= this.doc.cells.length) return;
    const cells = [...this.doc.cells];
    [cells[i], cells[j]] = [cells[j], cells[i]];
    this.doc.cells = cells;
    if (cells[i].kind === 'sql' || cells[j].kind === 'sql') void this.runAll();
  }

  toggleCollapsed(id: string) {
    const c = this.doc.cells.find((x) => x.id === id);
    if (c) c.collapsed = !c.collapsed;
  }

  autosave() {
    if (this.embedded) return;
    // The mark first: a document from elsewhere must never sit in storage unmarked.
    if (this.fromElsewhere) writeUntrustedMark(true);
    saveNotebook(this.snapshot());
    if (!this.fromElsewhere) writeUntrustedMark(false);
  }

  /** "Trust it and reload": keep the document as one's own and reopen the page with a fresh, unlocked engine. */
  trustAndReload() {
    this.fromElsewhere = false;
    this.autosave();
    const u = new URL(location.href);
    u.hash = '';
    location.replace(u.href.replace(/#$/, ''));
  }

  toJson(): string {
    return notebookToJson(this.snapshot());
  }

  /** Replaces the document with one read from a file; refuses (and keeps the current one) when it does not read. */
  async open(file: Blob & { name?: string }) {
    try {
      const nb = readNotebook(await file.text());
      // One's own notebook is set aside first (its autosave slot is about to hold this one).
      if (!this.fromElsewhere) {
        this.autosave();
        setAsideOwn();
      }
      // Someone else's SQL: lock the engine before any of it is queued.
      this.fromElsewhere = this.locked = true;
      if (this.engine) await lockEngine(this.engine);
      this.replace(nb);
      this.refreshBackup();
      this.notice = { text: file.name ? t('common.nbOpenedFile', { file: file.name, n: nb.cells.length }) : t('common.nbOpened', { n: nb.cells.length }) };
    } catch (e) {
      this.notice = { text: file.name ? t('common.nbFileFailed', { file: file.name, error: (e as Error).message }) : t('common.nbFailed', { error: (e as Error).message }), bad: true };
    }
  }

  reset() {
    this.fromElsewhere = false; // the built-in report is ours (the engine stays locked until a reload)
    this.replace(defaultReport(prefs.lang));
    this.notice = { text: t('common.nbReset') };
  }

  private replace(nb: Notebook) {
    for (const c of this.doc.cells) this.runner?.forget(c.id);
    this.doc = nb;
    void this.runAll();
  }
}

import { untrack } from 'svelte';
import type { Engine } from '../engine/engine';
import { defaultReport } from '../notebook/default-report';
import {
  newCellId, newSqlName, type AnalysisKind, type Cell, type CellKind, type Notebook, type ParamName, type Params,
} from '../notebook/document';
import { affectedCells } from '../notebook/graph';
import { NotebookRunner } from '../notebook/runner.svelte';
import { loadSavedNotebook, saveNotebook } from '../notebook/autosave';
import { notebookToJson, readNotebook } from '../notebook/serialise';
import { analysisSql } from '../notebook/analysis-sql';

/**
 * The open notebook: the document (autosaved), its runner, and every edit a user can make —
 * parameters, adding / deleting / duplicating / moving / collapsing cells, editing a cell,
 * saving to and opening from a `.json` file. Edits re-run exactly what they affect.
 */
export class NotebookStore {
  doc = $state<Notebook>(loadSavedNotebook() ?? defaultReport());
  runner = $state<NotebookRunner | null>(null);
  /** a message about the document itself (opened, could not open…) */
  notice = $state<{ text: string; bad?: boolean } | null>(null);

  attach(engine: Engine) {
    this.runner = new NotebookRunner(engine);
  }

  /** A plain copy of the document, read without making the caller's effect depend on it. */
  private snapshot(): Notebook {
    return untrack(() => $state.snapshot(this.doc) as Notebook);
  }

  /** (Re-)run every SQL cell: after the data changed. Called from effects: nothing here is tracked. */
  runAll() {
    return untrack(() => this.runner?.runAll(this.snapshot()));
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
    saveNotebook(this.snapshot());
  }

  toJson(): string {
    return notebookToJson(this.snapshot());
  }

  /** Replaces the document with one read from a file; refuses (and keeps the current one) when it does not read. */
  async open(file: Blob & { name?: string }) {
    try {
      const nb = readNotebook(await file.text());
      this.replace(nb);
      this.notice = { text: `Opened ${file.name ?? 'the notebook'}: ${nb.cells.length} cells.` };
    } catch (e) {
      this.notice = { text: `${file.name ?? 'The file'} could not be opened. ${(e as Error).message}`, bad: true };
    }
  }

  reset() {
    this.replace(defaultReport());
    this.notice = { text: 'The built-in Retention report is back.' };
  }

  private replace(nb: Notebook) {
    for (const c of this.doc.cells) this.runner?.forget(c.id);
    this.doc = nb;
    void this.runAll();
  }
}

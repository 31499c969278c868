/**
 * What an embedded cell (`?embed=<cell-id>`) needs computed. A wiki page with one chart should not
 * pay for the whole report: the app runs only the work listed here (App.svelte). The full app
 * (no embed) runs everything.
 */
import type { Cell } from '../notebook/document';
import { sqlAncestors } from '../notebook/sql-deps';

export type Work =
  | 'kpis' // KPI tiles, trends and cohorts (one analysis run)
  | 'inspect' // which tables and segment columns exist (NPS needs to know about responses)
  | 'churn' | 'segments' | 'rfm' | 'sales' | 'nps' | 'subscriptions'
  | 'clv' | 'personas' | 'goals'
  | 'sql'; // the notebook's SQL cells

const BY_ANALYSIS: Record<string, Work[]> = {
  kpis: ['kpis'],
  cohorts: ['kpis'],
  churn: ['inspect', 'churn', 'segments'],
  rfm: ['rfm'],
  nps: ['inspect', 'nps'],
  sales: ['sales'],
  clv: ['clv'],
  // persona cards show each persona's predicted CLV
  personas: ['personas', 'clv'],
  // goals read persona segments (the customer profile) and offer the shop's channels
  goals: ['personas', 'goals', 'sales'],
  subscriptions: ['subscriptions'],
};

/** The work one cell needs; a missing cell needs nothing (the embed says so). */
export function embedNeeds(cell: Cell | undefined): Set<Work> {
  if (!cell) return new Set();
  if (cell.kind === 'analysis') return new Set(BY_ANALYSIS[cell.analysis] ?? []);
  if (cell.kind === 'markdown') return new Set();
  return new Set<Work>(['sql']); // a SQL cell, or a chart/table over one
}

/**
 * The SQL cells an embed runs when it needs 'sql': the embedded SQL cell (or the one a chart or
 * table reads) and the earlier cells it reads, transitively (src/notebook/sql-deps.ts) — not the
 * whole notebook, so a slow or failing cell it does not read never runs.
 */
export function embedSqlCells(cells: readonly Cell[], id: string): Set<string> {
  return sqlAncestors(cells, id);
}

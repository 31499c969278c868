/**
 * The built-in "Retention report": the analyses as panels, plus plain SQL, chart and table cells
 * that show how to go further. Opens by default on whatever data is loaded (sample data first).
 */
import { DEFAULT_PARAMS, NOTEBOOK_VERSION, type Notebook } from './document';
import { SAMPLE_PERSONAS } from '../personas/samples';
import { SAMPLE_GOALS } from '../goals/samples';

export function defaultReport(): Notebook {
  return {
    version: NOTEBOOK_VERSION,
    title: 'Retention report',
    params: { ...DEFAULT_PARAMS },
    cells: [
      { id: 'intro', kind: 'markdown', source: '# Retention report\n\nHow many customers come back, who leaves, and what they are worth. Change the **period** and the **churn window** above: every panel and query that uses them re-runs. Every cell can be edited, moved or removed; add your own SQL below.' },
      { id: 'kpis', kind: 'analysis', analysis: 'kpis' },
      { id: 'cohorts', kind: 'analysis', analysis: 'cohorts' },
      { id: 'churn', kind: 'analysis', analysis: 'churn' },
      { id: 'rfm', kind: 'analysis', analysis: 'rfm' },
      { id: 'nps', kind: 'analysis', analysis: 'nps' },
      { id: 'sales', kind: 'analysis', analysis: 'sales' },
      { id: 'clv', kind: 'analysis', analysis: 'clv' },
      { id: 'personas', kind: 'analysis', analysis: 'personas' },
      { id: 'goals', kind: 'analysis', analysis: 'goals' },
      { id: 'subscriptions', kind: 'analysis', analysis: 'subscriptions' },
      { id: 'sql-intro', kind: 'markdown', source: '## Your own questions\n\nSQL cells run on the loaded tables (`orders`, `order_lines`, `customers`, `responses`, `subscriptions`). Each cell\'s result is a view named after the cell, so later cells can build on it. `{{period}}`, `{{churn_days}}`, `{{from}}` and `{{to}}` insert the parameters.' },
      {
        id: 'orders-by-period', kind: 'sql', name: 'orders_by_period',
        source: "SELECT CAST(date_trunc({{period}}, ordered_at) AS DATE) AS period_start,\n       count(*) AS orders,\n       count(DISTINCT customer_id) AS customers,\n       sum(amount) AS revenue\nFROM orders\nWHERE CAST(ordered_at AS DATE) BETWEEN {{from}} AND {{to}}\nGROUP BY 1\nORDER BY 1",
      },
      { id: 'orders-chart', kind: 'chart', input: 'orders-by-period', type: 'bar', title: 'Orders per period', x: 'period_start', y: ['orders'] },
      { id: 'orders-table', kind: 'table', input: 'orders-by-period' },
    ],
    // The seeds' personas and goals, written for the sample shop's data (DOMAIN.md); on other data
    // the panels say which fields or channels are missing, and they can be edited or removed.
    personas: structuredClone([...SAMPLE_PERSONAS]),
    goals: structuredClone(SAMPLE_GOALS),
  };
}

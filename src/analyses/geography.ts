import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { requireColumn, type Known } from './columns';
import { LATEST_ORDER_DAY, type AnalysisBase } from './base';
import { resolveOptions, type AnalysisOptions } from './options';
import { ratio } from './ratio';
import { extraColumn, scopeCtes } from './scope';

/**
 * Sales by place, over the orders of the reporting window. The place is the ORDER's column
 * (city or region; a customer ordering in two cities counts in both). Repeat rate per place =
 * its customers with > 1 order there ÷ its customers. Top place = most revenue; "rest" is every
 * other place together (missing values included), with distinct customers counted once.
 */
export interface GeoRow {
  place: string | null;
  customers: number;
  orders: number;
  revenue: number;
  revenueShare: number | null;
  aov: number | null;
  repeatRate: number | null;
}

export interface GeographyResult {
  column: string;
  /** by revenue, descending */
  rows: GeoRow[];
  top: GeoRow | null;
  rest: GeoRow | null;
}

interface Raw { place: string | null; customers: number; orders: number; revenue: number; repeaters: number }

/** With `base` (optional) the cut-off and the window's first day come from the shared tables
 *  instead of two scans of `orders`. */
export function geographySql(options: Partial<AnalysisOptions> & { column: string }, base?: AnalysisBase): { rows: string; topVsRest: string; combined: string } {
  const o = resolveOptions(options);
  const head = `WITH ${scopeCtes(o, [options.column], LATEST_ORDER_DAY, { base })},
  wo AS (SELECT customer_id, amount, NULLIF(CAST(${extraColumn(options.column)} AS VARCHAR), '') AS place FROM ord, win WHERE ord.day BETWEEN win.from_day AND win.to_day),
  pc AS (SELECT place, customer_id, count(*) AS orders, sum(amount) AS revenue FROM wo GROUP BY ALL)`;
  return {
    rows: `${head}
    SELECT place, count(*) AS customers, sum(orders) AS orders, sum(revenue) AS revenue, count(*) FILTER (WHERE orders > 1) AS repeaters
    FROM pc GROUP BY place ORDER BY revenue DESC, place NULLS LAST`,
    topVsRest: `${head},
    top AS (SELECT place FROM pc WHERE place IS NOT NULL GROUP BY place ORDER BY sum(revenue) DESC, place LIMIT 1),
    split AS (
      SELECT (pc.place IS NOT DISTINCT FROM (SELECT place FROM top)) AS is_top, customer_id, sum(orders) AS orders, sum(revenue) AS revenue
      FROM pc GROUP BY ALL
    )
    SELECT CASE WHEN is_top THEN (SELECT place FROM top) END AS place, is_top, count(*) AS customers, sum(orders) AS orders,
      sum(revenue) AS revenue, count(*) FILTER (WHERE orders > 1) AS repeaters
    FROM split WHERE (SELECT count(*) FROM top) > 0 GROUP BY is_top`,
    // Both in one query (one pass over the orders): kind 'row' = the rows query, in its order;
    // kind 'split' = the topVsRest query.
    combined: `${head},
    places AS (
      SELECT place, count(*) AS customers, sum(orders) AS orders, sum(revenue) AS revenue, count(*) FILTER (WHERE orders > 1) AS repeaters
      FROM pc GROUP BY place
    ),
    top AS (SELECT place FROM places WHERE place IS NOT NULL ORDER BY revenue DESC, place LIMIT 1),
    split AS (
      SELECT (pc.place IS NOT DISTINCT FROM (SELECT place FROM top)) AS is_top, customer_id, sum(orders) AS orders, sum(revenue) AS revenue
      FROM pc GROUP BY ALL
    )
    SELECT 'row' AS kind, place, CAST(NULL AS BOOLEAN) AS is_top, customers, orders, revenue, repeaters FROM places
    UNION ALL
    SELECT 'split' AS kind, CASE WHEN is_top THEN (SELECT place FROM top) END AS place, is_top, count(*) AS customers,
      sum(orders) AS orders, sum(revenue) AS revenue, count(*) FILTER (WHERE orders > 1) AS repeaters
    FROM split WHERE (SELECT count(*) FROM top) > 0 GROUP BY is_top
    ORDER BY kind, revenue DESC, place NULLS LAST`,
  };
}

function geoRow(r: Raw, total: number): GeoRow {
  return {
    place: r.place,
    customers: r.customers,
    orders: r.orders,
    revenue: r.revenue,
    revenueShare: ratio(r.revenue, total),
    aov: ratio(r.revenue, r.orders),
    repeatRate: ratio(r.repeaters, r.customers),
  };
}

export async function runGeography(engine: Engine, options: Partial<AnalysisOptions> & { column: string }, known: Known = {}): Promise<GeographyResult> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  await requireColumn(engine, 'orders', options.column, known.orderColumns);
  const sql = geographySql({ ...o, column: options.column }, known.base);
  const all = await queryRows<Raw & { kind: 'row' | 'split'; is_top: boolean | null }>(engine, sql.combined);
  const raw = all.filter((r) => r.kind === 'row').map(({ place, customers, orders, revenue, repeaters }): Raw => ({ place, customers, orders, revenue, repeaters }));
  const total = raw.reduce((s, r) => s + r.revenue, 0);
  const split = all.filter((r) => r.kind === 'split').map(({ kind: _kind, ...r }) => r);
  const top = split.find((r) => r.is_top);
  const rest = split.find((r) => !r.is_top);
  return {
    column: options.column,
    rows: raw.map((r) => geoRow(r, total)),
    top: top ? geoRow(top, total) : null,
    rest: rest ? geoRow({ ...rest, place: null }, total) : null,
  };
}

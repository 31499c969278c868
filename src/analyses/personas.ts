import { queryRows, type Engine } from '../engine/engine';
import { ident, literal } from '../engine/sql';
import {
  BEHAVIOUR_FIELDS, PROFILE_TABLE, describePersonaRules, personaConditionSql, validatePersona,
  type FieldType, type Persona,
} from '../personas/rules';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { ensureCalendar } from './calendar';
import { hasOrderLines, tableColumns, tableExists } from './columns';
import { DAYS_PER_YEAR } from './kpis';
import { csatScore, npsScore, SCORE_AGGREGATES, VALID_RESPONSE, type CsatScore, type NpsScore, type ScoreCounts } from './nps-scores';
import { resolveOptions, type AnalysisOptions } from './options';
import { ratio, times } from './ratio';
import { rfmCtes } from './rfm';
import { extraColumn, scopeCtes } from './scope';

/**
 * Personas (docs/metrics.md, "Personas"): one row per customer with their attributes (the
 * `customers` table) and behaviour fields (`rn_customer_profile`), personas as rules over it
 * (src/personas/rules.ts), and per persona the KPIs of its members.
 *
 * Customers are those with an order up to asOf (the KPIs' customers); attributes are LEFT JOINed,
 * so a buyer missing from the customers file still has behaviour fields. A customer in the
 * customers file without any order up to asOf is in no persona. `from`/`to` are not used:
 * personas describe the whole history up to asOf.
 */
export type PersonaOptions = Partial<AnalysisOptions> & {
  /** months (periods) after the first order in the retention curve: k = 0..retentionPeriods (default 12) */
  retentionPeriods?: number;
  /** products listed per persona (default 3) */
  topProducts?: number;
};

export interface ProfileFieldDef {
  /** column of the profile table = the rule's `field` */
  name: string;
  type: FieldType;
  source: 'attribute' | 'behaviour';
  /** readable label for pickers */
  label: string;
  /** for attributes: the column of `customers` it comes from (differs from `name` when renamed) */
  column?: string;
}

export interface ProfileField extends ProfileFieldDef {
  /** customers with a value */
  customers: number;
  /** text fields: the most common values (up to 20), most customers first */
  values?: { value: string; customers: number }[];
  /** number fields: range of the values (null when none) */
  min?: number | null;
  max?: number | null;
}

export interface CustomerProfile {
  /** the profile table, quoted */
  table: string;
  /** resolved asOf (YYYY-MM-DD), null without orders */
  asOf: string | null;
  fields: ProfileFieldDef[];
}

export interface PersonaProduct {
  product: string;
  /** members' orders containing it */
  orders: number;
  /** members who bought it */
  customers: number;
  revenue: number;
}

export interface PersonaFigures {
  id: string;
  name: string;
  description: string;
  /** the rules as text ("age between 20 and 32 and …") */
  rules: string;
  customers: number;
  /** customers ÷ all customers */
  share: number | null;
  orders: number;
  revenue: number;
  /** revenue ÷ all customers' revenue */
  revenueShare: number | null;
  aov: number | null;
  purchaseFrequency: number | null;
  repeatCustomers: number;
  repeatCustomerRate: number | null;
  notYetAtRisk: number;
  atRisk: number;
  churned: number;
  churnRate: number | null;
  /** aov × purchaseFrequency (currency per customer over the observed range) */
  customerValue: number | null;
  customerValuePerYear: number | null;
  avgLifespanDays: number | null;
  avgLifespanYears: number | null;
  historicCltv: number | null;
  /** members' NPS answers up to asOf (every answer counts) */
  nps: NpsScore;
  csat: CsatScore;
  /** most common first-order channel; share = its customers ÷ members with a known first channel */
  preferredChannel: { channel: string; customers: number; share: number } | null;
  topProducts: PersonaProduct[];
  /** share of members active in period k after their first order, size-weighted over complete cells; null = no complete cell */
  retention: (number | null)[];
  /** members of the cohorts whose cell k is complete */
  retentionSize: number[];
}

export interface PersonasResult {
  asOf: string;
  /** days from the first order day to asOf, inclusive (as the KPI summary's observedDays) */
  observedDays: number;
  period: AnalysisOptions['period'];
  /** the same figures for every customer (the reference the personas are compared with) */
  all: PersonaFigures;
  personas: PersonaFigures[];
  /** overlap[i][j] = customers in both persona i and j (diagonal = sizes) */
  overlap: number[][];
}


const META_TABLE = '_rn_profile_meta';
/** TEMP table (customer_id, value = product, n = orders, revenue), built with the profile */
const PRODUCTS_TABLE = 'rn_customer_products';
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/i;
const RESPONSE_COLUMNS = ['customer_id', 'responded_at', 'score', 'scale'];

interface Sources {
  customerColumns: { name: string; type: string }[];
  orderColumns: string[];
  lines: boolean;
  responses: boolean;
}

async function sources(engine: Engine): Promise<Sources> {
  const customerColumns = await queryRows<{ name: string; type: string }>(engine,
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = 'customers' AND NOT internal ORDER BY column_index`);
  const responseColumns = await tableColumns(engine, 'responses');
  return {
    customerColumns: customerColumns.some((c) => c.name === 'customer_id') ? customerColumns : [],
    orderColumns: await tableColumns(engine, 'orders'),
    lines: await hasOrderLines(engine),
    responses: RESPONSE_COLUMNS.every((c) => responseColumns.includes(c)),
  };
}

/** Fingerprint of the tables the profile reads besides `orders` (whose fingerprint is in the base's table name). */
async function otherTablesKey(engine: Engine, s: Sources): Promise<string> {
  const counts: string[] = [];
  if (s.customerColumns.length) counts.push('(SELECT count(*) FROM customers)');
  if (s.responses) counts.push('(SELECT count(*) || \'|\' || COALESCE(CAST(max(responded_at) AS VARCHAR), \'\') || \'|\' || COALESCE(CAST(sum(CAST(score AS DOUBLE)) AS VARCHAR), \'\') FROM responses)');
  if (s.lines) counts.push('(SELECT count(*) FROM order_lines)');
  const [r] = await queryRows<{ k: string | null }>(engine, `SELECT concat_ws(';',
      (SELECT string_agg(table_name || ':' || table_oid || ':' || estimated_size, ',' ORDER BY table_name) FROM duckdb_tables()
        WHERE NOT temporary AND table_name IN ('customers', 'responses', 'order_lines'))${counts.length ? ', ' + counts.join(', ') : ''}) AS k`);
  return r.k ?? '';
}

/** Attribute fields: every column of `customers` but customer_id; numbers when the column is numeric or all its values are. */
async function attributeFields(engine: Engine, s: Sources): Promise<(ProfileFieldDef & { expr: string })[]> {
  const cols = s.customerColumns.filter((c) => c.name !== 'customer_id');
  const textCols = cols.filter((c) => c.type === 'VARCHAR');
  const numericText = new Set<string>();
  if (textCols.length) {
    const parts = textCols.map((c, i) => {
      const v = `NULLIF(trim(${ident(c.name)}), '')`;
      return `count(${v}) AS ${ident(`n${i}`)}, count(TRY_CAST(${v} AS DOUBLE)) AS ${ident(`k${i}`)}`;
    });
    const [r] = await queryRows<Record<string, number>>(engine, `SELECT ${parts.join(', ')} FROM customers`);
    textCols.forEach((c, i) => {
      if (r[`n${i}`] > 0 && r[`n${i}`] === r[`k${i}`]) numericText.add(c.name);
    });
  }
  const used = new Set<string>(['customer_id', ...Object.keys(BEHAVIOUR_FIELDS)]);
  return cols.map((c) => {
    let name = c.name;
    while (used.has(name)) name += '_2';
    used.add(name);
    const col = `a.${ident(c.name)}`;
    const number = NUMERIC.test(c.type) || numericText.has(c.name);
    const expr = NUMERIC.test(c.type) ? `CAST(${col} AS DOUBLE)`
      : number ? `TRY_CAST(NULLIF(trim(${col}), '') AS DOUBLE)`
      : `NULLIF(CAST(${col} AS VARCHAR), '')`;
    return { name, type: number ? 'number' as const : 'text' as const, source: 'attribute' as const, label: name, column: c.name, expr };
  });
}

function behaviour(name: keyof typeof BEHAVIOUR_FIELDS, expr: string): ProfileFieldDef & { expr: string } {
  const b = BEHAVIOUR_FIELDS[name];
  return { name, type: b.type, source: 'behaviour', label: b.label, expr };
}

/** The most common value of `column` per customer: most orders, then most revenue, then the first by name. */
function favouriteCte(name: string, select: string): string {
  return `${name} AS (
    SELECT customer_id, value FROM (${select}) WHERE value IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY n DESC, revenue DESC, value) = 1
  )`;
}

/**
 * Builds (or reuses) the TEMP table `rn_customer_profile`: one row per customer with an order up
 * to asOf, their attributes and behaviour fields. Rebuilt only when the data changes: keyed by the
 * shared per-customer table of base.ts (the orders' fingerprint and cut-off), asOf, and the
 * catalog entries and sizes of `customers`, `responses` and `order_lines`.
 */
export async function ensureCustomerProfile(engine: Engine, options: PersonaOptions = {}, known: { base?: AnalysisBase } = {}): Promise<CustomerProfile> {
  const o = { ...resolveOptions(options), period: 'month' as const, calendar: 'gregorian' as const, from: undefined, to: undefined };
  const base = known.base ?? await prepareBase(engine, o);
  const s = await sources(engine);
  const key = JSON.stringify([base.customers, base.asOf, await otherTablesKey(engine, s), s]);
  await engine.query(`CREATE TEMP TABLE IF NOT EXISTS ${ident(META_TABLE)} (key VARCHAR, fields VARCHAR)`);
  const [hit] = await queryRows<{ fields: string }>(engine, `SELECT m.fields FROM ${ident(META_TABLE)} m
    WHERE m.key = ${literal(key)} AND EXISTS (SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = ${literal(PROFILE_TABLE)})
      AND (NOT contains(m.fields, '"favourite_product"') OR EXISTS (SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = ${literal(PRODUCTS_TABLE)}))`);
  if (hit) return { table: ident(PROFILE_TABLE), asOf: base.asOf, fields: JSON.parse(hit.fields) as ProfileFieldDef[] };

  const attrs = await attributeFields(engine, s);
  const has = (c: string) => s.orderColumns.includes(c);
  const extras = ['channel', 'city', 'product', 'category'].filter(has);
  const ctes: string[] = [];
  const joins: string[] = [];
  const fields: (ProfileFieldDef & { expr: string })[] = [
    behaviour('orders', 'c.orders'),
    behaviour('spend', 'c.revenue'),
    behaviour('aov', 'c.revenue / c.orders'),
    behaviour('recency_days', 'CAST(p.as_of - c.last_day AS INTEGER)'),
    behaviour('tenure_days', 'CAST(p.as_of - c.first_day AS INTEGER)'),
  ];
  // channel and city of the first order in one pass (firstOrderCte's ordering: ordered_at, order_id)
  const firsts = (['channel', 'city'] as const).filter(has);
  if (firsts.length) {
    ctes.push(`firsts AS (
    SELECT customer_id, ${firsts.map((c) => `arg_min_null(${extraColumn(c)}, (ordered_at, order_id)) AS ${ident(c)}`).join(', ')}
    FROM ord GROUP BY customer_id
  )`);
    joins.push('LEFT JOIN firsts ON firsts.customer_id = c.customer_id');
    for (const c of firsts) fields.push(behaviour(c === 'channel' ? 'first_channel' : 'first_city', `NULLIF(CAST(firsts.${ident(c)} AS VARCHAR), '')`));
  }
  // Orders and revenue per (customer, product), kept next to the profile: the favourite product
  // here, the personas' top products in runPersonas.
  const productItems = s.lines
    ? `SELECT customer_id, value, count(DISTINCT order_id) AS n, sum(revenue) AS revenue FROM (
        SELECT l.customer_id, l.order_id, NULLIF(CAST(l.product AS VARCHAR), '') AS value, COALESCE(CAST(l.line_amount AS DOUBLE), 0) AS revenue
        FROM order_lines l SEMI JOIN ord ON ord.order_id = l.order_id) WHERE value IS NOT NULL GROUP BY ALL`
    : has('product')
      ? `SELECT customer_id, value, count(*) AS n, sum(amount) AS revenue FROM (
        SELECT customer_id, NULLIF(CAST(${extraColumn('product')} AS VARCHAR), '') AS value, amount FROM ord) WHERE value IS NOT NULL GROUP BY ALL`
      : null;
  if (productItems) {
    await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(PRODUCTS_TABLE)} AS
      WITH ${scopeCtes(o, has('product') ? ['product'] : [], LATEST_ORDER_DAY, { base })}
      ${productItems}`);
    ctes.push(favouriteCte('fav_product', `SELECT customer_id, value, n, revenue FROM ${ident(PRODUCTS_TABLE)}`));
    joins.push('LEFT JOIN fav_product ON fav_product.customer_id = c.customer_id');
    fields.push(behaviour('favourite_product', 'fav_product.value'));
  } else {
    await engine.query(`DROP TABLE IF EXISTS ${ident(PRODUCTS_TABLE)}`);
  }
  if (has('category')) {
    ctes.push(favouriteCte('fav_category', `SELECT customer_id, NULLIF(CAST(${extraColumn('category')} AS VARCHAR), '') AS value,
      count(*) AS n, sum(amount) AS revenue FROM ord GROUP BY ALL`));
    joins.push('LEFT JOIN fav_category ON fav_category.customer_id = c.customer_id');
    fields.push(behaviour('favourite_category', 'fav_category.value'));
  }
  ctes.push(rfmCtes());
  joins.push('LEFT JOIN rfm ON rfm.customer_id = c.customer_id');
  fields.push(behaviour('rfm_segment', 'rfm.segment'));
  if (s.responses) {
    ctes.push(`nps_latest AS (
    SELECT customer_id, CASE WHEN score >= 9 THEN 'promoter' WHEN score <= 6 THEN 'detractor' ELSE 'passive' END AS value
    FROM (SELECT customer_id, responded_at, CAST(score AS DOUBLE) AS score, lower(CAST(scale AS VARCHAR)) AS scale FROM responses
      WHERE responded_at < (SELECT as_of_end FROM params))
    WHERE scale = 'nps' AND ${VALID_RESPONSE}
    QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY responded_at DESC, score) = 1
  )`);
    joins.push('LEFT JOIN nps_latest ON nps_latest.customer_id = c.customer_id');
    fields.push(behaviour('nps_group', 'nps_latest.value'));
  }
  if (attrs.length) {
    ctes.push(`attrs AS (SELECT * FROM customers QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY customer_id) = 1)`);
    joins.push('LEFT JOIN attrs a ON a.customer_id = c.customer_id');
  }
  const all = [...attrs, ...fields];
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(PROFILE_TABLE)} AS
  WITH ${scopeCtes(o, extras, LATEST_ORDER_DAY, { base })},
  ${ctes.join(',\n  ')}
  SELECT c.customer_id, ${all.map((f) => `${f.expr} AS ${ident(f.name)}`).join(',\n    ')}
  FROM cust0 c CROSS JOIN params p ${joins.join('\n  ')}`);
  const defs: ProfileFieldDef[] = all.map(({ expr: _expr, ...f }) => f);
  await engine.query(`DELETE FROM ${ident(META_TABLE)}`);
  await engine.query(`INSERT INTO ${ident(META_TABLE)} VALUES (${literal(key)}, ${literal(JSON.stringify(defs))})`);
  return { table: ident(PROFILE_TABLE), asOf: base.asOf, fields: defs };
}

/** The fields personas can use, with their type and, for the editor's pickers, the common values (text) or the range (numbers). */
export async function profileFields(engine: Engine, options: PersonaOptions = {}): Promise<ProfileField[]> {
  const profile = await ensureCustomerProfile(engine, options);
  if (profile.fields.length === 0) return [];
  const stats = await queryRows<{ field: string; customers: number; lo: number | null; hi: number | null }>(engine,
    profile.fields.map((f) => `SELECT ${literal(f.name)} AS field, count(${ident(f.name)}) AS customers,
      ${f.type === 'number' ? `CAST(min(${ident(f.name)}) AS DOUBLE)` : 'CAST(NULL AS DOUBLE)'} AS lo,
      ${f.type === 'number' ? `CAST(max(${ident(f.name)}) AS DOUBLE)` : 'CAST(NULL AS DOUBLE)'} AS hi FROM ${profile.table}`).join('\nUNION ALL\n'));
  const texts = profile.fields.filter((f) => f.type === 'text');
  const values = texts.length === 0 ? [] : await queryRows<{ field: string; value: string; customers: number }>(engine,
    texts.map((f) => `SELECT * FROM (SELECT ${literal(f.name)} AS field, CAST(${ident(f.name)} AS VARCHAR) AS value, count(*) AS customers
      FROM ${profile.table} WHERE ${ident(f.name)} IS NOT NULL GROUP BY 2 ORDER BY customers DESC, value LIMIT 20)`).join('\nUNION ALL\n'));
  return profile.fields.map((f): ProfileField => {
    const st = stats.find((x) => x.field === f.name);
    const out: ProfileField = { ...f, customers: st?.customers ?? 0 };
    if (f.type === 'number') {
      out.min = st?.lo ?? null;
      out.max = st?.hi ?? null;
    } else {
      out.values = values.filter((v) => v.field === f.name)
        .sort((a, b) => b.customers - a.customers || a.value.localeCompare(b.value))
        .map((v) => ({ value: v.value, customers: v.customers }));
    }
    return out;
  });
}

let runSeq = 0;

interface FigureRow {
  persona: number; customers: number; orders: number; revenue: number; repeat_customers: number;
  at_risk: number; churned: number; avg_lifespan_days: number | null;
}

/**
 * Figures per persona (definitions: docs/metrics.md, "Personas"). Invalid personas throw a
 * RangeError naming the persona and its problems.
 */
export async function runPersonas(engine: Engine, personas: readonly Persona[], options: PersonaOptions = {}): Promise<PersonasResult> {
  const o = { ...resolveOptions(options), from: undefined, to: undefined };
  const periods = options.retentionPeriods ?? 12;
  const top = options.topProducts ?? 3;
  if (!Number.isInteger(periods) || periods < 0) throw new RangeError(`retentionPeriods must be a non-negative integer, got ${periods}`);
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`topProducts must be a non-negative integer, got ${top}`);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const base = await prepareBase(engine, o);
  const profile = await ensureCustomerProfile(engine, o, { base });
  const ids = new Set<string>();
  for (const p of personas) {
    if (ids.has(p.id)) throw new RangeError(`Two personas have the id "${p.id}".`);
    ids.add(p.id);
    const problems = validatePersona(p, profile.fields);
    if (problems.length) throw new RangeError(`Persona "${p.name || p.id}": ${problems.join(' ')}`);
  }
  const everyone: Persona = { id: '*', name: 'All customers', description: 'Every customer with an order up to the as-of day.', rules: [] };
  const list = [everyone, ...personas];

  // Members of each persona (0 = everyone), kept for the queries of this run only.
  const members = ident(`_rn_persona_members_${++runSeq}`);
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${members} AS
    ${list.map((p, i) => `SELECT ${i} AS persona, customer_id FROM ${profile.table} WHERE ${personaConditionSql(p, profile.fields)}`).join('\nUNION ALL\n')}`);
  try {
    const n = o.churnDays;
    const head = (extras: string[] = []) => `WITH ${scopeCtes(o, extras, LATEST_ORDER_DAY, { base })}`;
    const [range] = await queryRows<{ as_of: string | null; observed_days: number | null }>(engine, `${head()}
      SELECT CAST(p.as_of AS VARCHAR) AS as_of, CAST(p.as_of - f.lo + 1 AS DOUBLE) AS observed_days
      FROM params p, (SELECT min(first_day) AS lo FROM cust0) f`);
    const figures = await queryRows<FigureRow>(engine, `${head()}
      SELECT m.persona, count(*) AS customers, COALESCE(sum(c.orders), 0) AS orders, COALESCE(sum(c.revenue), 0) AS revenue,
        count(*) FILTER (WHERE c.orders > 1) AS repeat_customers,
        count(*) FILTER (WHERE c.first_day <= p.as_of - ${n}) AS at_risk,
        count(*) FILTER (WHERE c.first_day <= p.as_of - ${n} AND c.last_day <= p.as_of - ${n}) AS churned,
        avg(c.last_day - c.first_day) AS avg_lifespan_days
      FROM ${members} m JOIN cust0 c USING (customer_id), params p GROUP BY m.persona`);

    const s = await sources(engine);
    const scores = !s.responses ? [] : await queryRows<ScoreCounts & { persona: number }>(engine, `${head()},
      resp AS (
        SELECT * FROM (SELECT customer_id, CAST(score AS DOUBLE) AS score, lower(CAST(scale AS VARCHAR)) AS scale FROM responses
          WHERE responded_at < (SELECT as_of_end FROM params))
        WHERE ${VALID_RESPONSE}
      )
      SELECT m.persona, ${SCORE_AGGREGATES} FROM ${members} m JOIN resp USING (customer_id) GROUP BY m.persona`);

    const channels = !profile.fields.some((f) => f.name === 'first_channel') ? [] : await queryRows<{ persona: number; channel: string; customers: number; known: number }>(engine, `
      SELECT * FROM (
        SELECT m.persona, p.first_channel AS channel, count(*) AS customers, sum(count(*)) OVER (PARTITION BY m.persona) AS known
        FROM ${members} m JOIN ${profile.table} p USING (customer_id) WHERE p.first_channel IS NOT NULL GROUP BY m.persona, p.first_channel
      ) QUALIFY row_number() OVER (PARTITION BY persona ORDER BY customers DESC, channel) = 1`);

    const hasProducts = profile.fields.some((f) => f.name === 'favourite_product');
    const products = top === 0 || !hasProducts ? [] : await queryRows<{ persona: number; product: string; orders: number; customers: number; revenue: number }>(engine, `
      SELECT * FROM (
        SELECT m.persona, i.value AS product, sum(i.n) AS orders, count(*) AS customers, sum(i.revenue) AS revenue
        FROM ${members} m JOIN ${ident(PRODUCTS_TABLE)} i USING (customer_id) GROUP BY ALL
      ) QUALIFY row_number() OVER (PARTITION BY persona ORDER BY orders DESC, revenue DESC, product) <= ${top}
      ORDER BY persona, orders DESC, revenue DESC, product`);

    // Retention: cohorts by the period of the first order, cell k = k-th period after it; averaged
    // over the complete cells, weighted by cohort size (cohorts.ts' average row), per persona.
    const retention = await queryRows<{ persona: number; k: number; size: number; active: number }>(engine, `${head()},
      cco AS (SELECT c.customer_id, sf.period_index AS ci FROM cust c JOIN spine sf ON sf.period_start = c.first_period),
      cpk AS (
        SELECT DISTINCT o.customer_id, s.period_index - cco.ci AS k
        FROM ordp o JOIN spine s USING (period_start) JOIN cco USING (customer_id) WHERE s.period_index - cco.ci <= ${periods}
      ),
      sizes AS (SELECT m.persona, cco.ci, count(*) AS size FROM ${members} m JOIN cco USING (customer_id) GROUP BY ALL),
      acts AS (SELECT m.persona, cco.ci, cpk.k, count(*) AS active FROM ${members} m JOIN cpk USING (customer_id) JOIN cco USING (customer_id) GROUP BY ALL),
      grid AS (
        SELECT z.persona, z.ci, z.size, s.period_index - z.ci AS k FROM sizes z
        JOIN spine s ON s.period_index >= z.ci AND s.period_index - z.ci <= ${periods} WHERE s.complete
      )
      SELECT g.persona, g.k, sum(g.size) AS size, sum(COALESCE(a.active, 0)) AS active
      FROM grid g LEFT JOIN acts a ON a.persona = g.persona AND a.ci = g.ci AND a.k = g.k
      GROUP BY ALL ORDER BY ALL`);

    const overlapRows = personas.length === 0 ? [] : await queryRows<{ a: number; b: number; customers: number }>(engine, `
      SELECT x.persona AS a, y.persona AS b, count(*) AS customers
      FROM ${members} x JOIN ${members} y USING (customer_id) WHERE x.persona > 0 AND y.persona > 0 GROUP BY ALL`);

    const observedDays = range.observed_days ?? 0;
    const total = figures.find((r) => r.persona === 0);
    const build = (p: Persona, i: number): PersonaFigures => {
      const r: FigureRow = figures.find((x) => x.persona === i)
        ?? { persona: i, customers: 0, orders: 0, revenue: 0, repeat_customers: 0, at_risk: 0, churned: 0, avg_lifespan_days: null };
      const aov = ratio(r.revenue, r.orders);
      const purchaseFrequency = ratio(r.orders, r.customers);
      const customerValue = times(aov, purchaseFrequency);
      const customerValuePerYear = customerValue === null || observedDays === 0 ? null : customerValue / (observedDays / DAYS_PER_YEAR);
      const avgLifespanYears = r.avg_lifespan_days === null ? null : r.avg_lifespan_days / DAYS_PER_YEAR;
      const sc = scores.find((x) => x.persona === i) ?? { nps_n: 0, promoters: 0, detractors: 0, csat_n: 0, satisfied: 0 };
      const ch = channels.find((x) => x.persona === i);
      const cells = retention.filter((x) => x.persona === i);
      const curve: (number | null)[] = [];
      const sizes: number[] = [];
      for (let k = 0; k <= periods; k++) {
        const c = cells.find((x) => x.k === k);
        sizes.push(c?.size ?? 0);
        curve.push(c && c.size > 0 ? c.active / c.size : null);
      }
      return {
        id: p.id, name: p.name, description: p.description, rules: describePersonaRules(p),
        customers: r.customers,
        share: ratio(r.customers, total?.customers ?? 0),
        orders: r.orders,
        revenue: r.revenue,
        revenueShare: ratio(r.revenue, total?.revenue ?? 0),
        aov, purchaseFrequency,
        repeatCustomers: r.repeat_customers,
        repeatCustomerRate: ratio(r.repeat_customers, r.customers),
        notYetAtRisk: r.customers - r.at_risk,
        atRisk: r.at_risk,
        churned: r.churned,
        churnRate: ratio(r.churned, r.at_risk),
        customerValue, customerValuePerYear,
        avgLifespanDays: r.avg_lifespan_days, avgLifespanYears,
        historicCltv: times(customerValuePerYear, avgLifespanYears),
        nps: npsScore(sc), csat: csatScore(sc),
        preferredChannel: ch ? { channel: ch.channel, customers: ch.customers, share: ch.customers / ch.known } : null,
        topProducts: products.filter((x) => x.persona === i).map((x) => ({ product: x.product, orders: x.orders, customers: x.customers, revenue: x.revenue })),
        retention: curve,
        retentionSize: sizes,
      };
    };
    const out = list.map(build);
    const overlap = personas.map((_, a) => personas.map((__, b) => overlapRows.find((x) => x.a === a + 1 && x.b === b + 1)?.customers ?? 0));
    return { asOf: range.as_of ?? '', observedDays, period: o.period, all: out[0], personas: out.slice(1), overlap };
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${members}`);
  }
}

/** Whether the data can have personas at all (an `orders` table exists). */
export async function personasAvailable(engine: Engine): Promise<boolean> {
  return tableExists(engine, 'orders');
}

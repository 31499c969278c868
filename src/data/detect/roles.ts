/**
 * Which table a file is (orders, survey responses, customers, subscriptions) and which column
 * plays which role, from the header row and the preview rows. Known exports are recognised by
 * preset (presets.ts); anything else by header synonyms (synonyms.ts) checked against the values.
 * The result is a plain object the app shows for confirmation and the loader turns into SQL.
 */
import { currencyFromText, headerScript, normaliseHeader } from './headers';
import { columnValues, profileColumn, type ColumnProfile } from './columns';
import { matchCdnowHeaderless, matchPreset, type PresetId, type PresetMatch } from './presets';
import { ALL_ROLES, REQUIRED, ROLE_RULES, TABLE_ROLES, type Role, type TableKind } from './synonyms';
import type { DateFormat } from './dates';
import type { AmountStyle } from './numbers';

export type { Role, TableKind, PresetId };

export interface TableDetection {
  table: TableKind;
  preset: PresetId | null;
  /** Human name of the recognised export, e.g. "Shopify → Export orders". */
  presetLabel: string | null;
  /** Every role → the header (as written in the file) that plays it, or null. */
  mapping: Record<Role, string | null>;
  /** The role whose column is the customer key: `customer_id`, else `customer_email` (lower-cased by the loader). */
  customerKey: 'customer_id' | 'customer_email' | null;
  /** Currency for the whole file when there is no currency column: from a header like
   *  "مبلغ (تومان)" (IRT), "Amount (USD)", or from symbols in the amounts. */
  currency?: string;
  /** One row per line item (Shopify): order-level fields only on an order's first row. */
  lineItems: boolean;
  /** 0–1: how sure the detection is (1 = a known export with its full signature). */
  confidence: number;
  /** Required roles with no column (`customer_id` counts as found when `customer_email` is). */
  missing: Role[];
  /** Plain-English remarks for the user and the loader. */
  notes: string[];
  /** Detected date layout of each mapped date role. */
  dateFormats: Partial<Record<Role, DateFormat>>;
  /** Detected decimal separator of each mapped numeric role. */
  amountStyles: Partial<Record<Role, AmountStyle>>;
}

type Assignment = Partial<Record<Role, { index: number; quality: number }>>;

/** Exact header matches score 200 − rank, `contains` matches 100 − rank; values that do not fit ×0.3. */
const MIN_SCORE = 40;
const isGenericName = (h: string) => /^column_[0-9]+$/.test(h);

/** A currency written after the name ("مبلغ (تومان)", "Amount (USD)") does not change the role. */
const CURRENCY_SUFFIX = /(?:تومان|ریال|usd|eur|gbp|inr|irr|irt|sar|aed|dollars?|euros?)$/;

function headerScore(role: Role, norm: string): number {
  const rule = ROLE_RULES[role];
  const bare = norm.replace(CURRENCY_SUFFIX, '');
  const exact = rule.exact.indexOf(bare === '' ? norm : bare);
  if (exact >= 0) return 200 - exact;
  if (rule.exclude?.some((x) => x !== '' && norm.includes(x))) return 0;
  const contains = (rule.contains ?? []).findIndex((c) => c !== '' && norm.includes(c));
  return contains >= 0 ? 100 - contains : 0;
}

function valuesFit(role: Role, p: ColumnProfile): boolean {
  if (p.nonEmpty === 0) return true;
  const kind = ROLE_RULES[role].values;
  if (kind === 'date') return p.dateShare >= 0.5;
  if (kind === 'number') return p.numberShare >= 0.5;
  if (kind === 'email') return p.emailShare >= 0.5;
  return true;
}

/** Greedy: required roles first, best score first; one column per role and one role per column. */
function assign(kind: Exclude<TableKind, 'unknown'>, norms: string[], profile: (i: number) => ColumnProfile): Assignment {
  const out: Assignment = {};
  const taken = new Set<number>();
  const required = REQUIRED[kind];
  for (const pass of [required, TABLE_ROLES[kind].filter((r) => !required.includes(r))]) {
    const cands: { role: Role; index: number; score: number; quality: number }[] = [];
    for (const role of pass) {
      norms.forEach((n, index) => {
        let score = headerScore(role, n);
        let quality = score > 100 ? 1 : 0.7;
        if (score > 0 && !valuesFit(role, profile(index))) [score, quality] = [score * 0.3, 0.3];
        if (score >= MIN_SCORE) cands.push({ role, index, score, quality });
      });
    }
    cands.sort((a, b) => b.score - a.score || a.index - b.index);
    for (const c of cands) {
      if (out[c.role] || taken.has(c.index)) continue;
      out[c.role] = { index: c.index, quality: c.quality };
      taken.add(c.index);
    }
  }
  return out;
}

/** Orders roles guessed from values only (files without a header row). */
function guessFromValues(a: Assignment, n: number, profile: (i: number) => ColumnProfile, notes: string[]) {
  const free = (i: number) => !Object.values(a).some((x) => x?.index === i);
  const cols = Array.from({ length: n }, (_, i) => i);
  const pick = (role: Role, test: (p: ColumnProfile) => boolean, last = false) => {
    if (a[role]) return;
    const list = cols.filter((i) => free(i) && profile(i).nonEmpty > 0 && test(profile(i)));
    const i = last ? list.at(-1) : list[0];
    if (i === undefined) return;
    a[role] = { index: i, quality: 0.4 };
    notes.push(`The ${role.replace('_', ' ')} column was guessed from its values; please check it.`);
  };
  pick('customer_email', (p) => p.emailShare >= 0.8);
  pick('ordered_at', (p) => p.dateShare >= 0.8);
  pick('amount', (p) => p.numberShare >= 0.9 && p.integerShare < 1, true);
}

function emptyMapping(): Record<Role, string | null> {
  return Object.fromEntries(ALL_ROLES.map((r) => [r, null])) as Record<Role, string | null>;
}

function chooseTable(norms: string[], profile: (i: number) => ColumnProfile): { table: TableKind; a: Assignment } {
  const o = assign('orders', norms, profile);
  const r = assign('responses', norms, profile);
  const c = assign('customers', norms, profile);
  // A subscriptions file names its subscription (not a bare "id") or has billing periods.
  const s = assign('subscriptions', norms, profile);
  const namedSubscription = s.subscription_id !== undefined && norms[s.subscription_id.index] !== 'id';
  if ((s.customer_id || s.customer_email) && (namedSubscription || (s.period_start && s.period_end))) return { table: 'subscriptions', a: s };
  if (r.score && !o.amount) return { table: 'responses', a: r };
  if (o.amount || o.ordered_at || o.order_id) return { table: 'orders', a: o };
  const attrs: Role[] = ['age', 'gender', 'platform', 'signup_channel', 'signed_up_at'];
  if ((c.customer_id || c.customer_email) && attrs.some((x) => c[x])) return { table: 'customers', a: c };
  return { table: 'unknown', a: o };
}

/**
 * Detect the table kind, preset and column roles.
 * @param headers column names as returned by `sniffCsv` (or the keys of JSON/Parquet records)
 * @param previewRows up to a few hundred data rows, cells as strings, in header order
 */
export function detectTable(headers: string[], previewRows: string[][]): TableDetection {
  const profiles = new Map<number, ColumnProfile>();
  const profile = (i: number) => {
    if (!profiles.has(i)) profiles.set(i, profileColumn(columnValues(previewRows, i)));
    return profiles.get(i)!;
  };
  const norms = headers.map(normaliseHeader);
  const notes: string[] = [];
  const script = headerScript(headers);
  const match: PresetMatch | null = matchPreset(headers) ?? matchCdnowHeaderless(headers, previewRows);

  let table: TableKind;
  let a: Assignment = {};
  if (match) {
    table = match.preset.table;
    for (const [role, h] of Object.entries(match.columns) as [Role, string][]) a[role] = { index: headers.indexOf(h), quality: 1 };
    notes.push(...match.preset.notes);
  } else {
    ({ table, a } = chooseTable(norms, profile));
    if (headers.length > 0 && headers.every(isGenericName) && (table === 'orders' || table === 'unknown')) {
      guessFromValues(a, headers.length, profile, notes);
      if (a.ordered_at && a.amount) table = 'orders';
    }
  }

  const mapping = emptyMapping();
  for (const [role, x] of Object.entries(a) as [Role, { index: number }][]) mapping[role] = headers[x.index];
  const customerKey = mapping.customer_id && !match?.preset.preferEmail ? 'customer_id'
    : mapping.customer_email ? 'customer_email' : mapping.customer_id ? 'customer_id' : null;
  if (!match && customerKey === 'customer_email') notes.push('No customer id column: customers are keyed by e-mail (lower-cased).');

  const required = table === 'unknown' ? REQUIRED.orders : REQUIRED[table];
  // Stand-ins: an e-mail for the customer id, a billing period's start for a subscription's start.
  const standIn: Partial<Record<Role, Role>> = { customer_id: 'customer_email', started_at: 'period_start' };
  const missing = required.filter((r) => !(mapping[r] || (standIn[r] && mapping[standIn[r]!])));
  const reqQuality = required.map((r) => a[r]?.quality ?? (standIn[r] ? a[standIn[r]!]?.quality : 0) ?? 0);
  const confidence = table === 'unknown' ? 0
    : match ? match.score : reqQuality.reduce((s, q) => s + q, 0) / required.length;

  const dateFormats: Partial<Record<Role, DateFormat>> = {};
  const amountStyles: Partial<Record<Role, AmountStyle>> = {};
  for (const [role, x] of Object.entries(a) as [Role, { index: number }][]) {
    const kind = ROLE_RULES[role].values;
    if (kind === 'date') {
      const f = profile(x.index).dateFormat;
      dateFormats[role] = f;
      if (f.matched > 0 && f.ambiguous) notes.push(`"${headers[x.index]}": day and month order cannot be told apart; read as ${f.format === 'dmy' ? 'day/month/year' : 'month/day/year'}.`);
      if (f.matched > 0 && f.calendar === 'jalali') notes.push(`"${headers[x.index]}" has Jalali (Persian calendar) dates; they will be converted to Gregorian.`);
    } else if (kind === 'number') amountStyles[role] = profile(x.index).amountStyle;
  }

  let currency: string | undefined;
  if (!mapping.currency && table !== 'unknown') {
    const lang = script === 'latin' ? 'latin' : script;
    const amountHeader = mapping.amount ?? '';
    currency = currencyFromText(amountHeader, lang) ?? headers.map((h) => currencyFromText(h, lang)).find((x) => x) ?? undefined;
    if (!currency && a.amount) {
      const found = columnValues(previewRows, a.amount.index).map((v) => currencyFromText(v, lang)).filter((x) => x);
      if (found.length > 0 && found.every((x) => x === found[0])) currency = found[0]!;
    }
    if (!currency && match?.preset.id === 'cdnow') currency = 'USD';
    if (currency === 'SAR' && script === 'ar') notes.push('The amounts are read as Saudi riyals (SAR); change the currency if they are another riyal.');
  }

  let preset: PresetId | null = match?.preset.id ?? null;
  if (!preset && table !== 'unknown') preset = script === 'fa' ? 'persian' : script === 'ar' ? 'arabic' : 'generic';
  return {
    table, preset, presetLabel: match?.preset.label ?? null, mapping, customerKey, ...(currency ? { currency } : {}),
    lineItems: match?.preset.lineItems ?? false, confidence: Math.round(confidence * 100) / 100, missing, notes,
    dateFormats, amountStyles,
  };
}

/**
 * The loader's English sentences (src/data: inspection errors and warnings, detection notes,
 * plan problems, reject reasons and details, not-counted reasons, role and table labels) in the
 * reader's language. src/data writes plain English and never imports i18n (it also runs in Node
 * and workers); the app translates what it shows here: a fixed sentence by its exact English
 * ("data.src.*" keys of messages/data.ts), a sentence with data in it by a pattern ("data.srcp.*").
 * The English of those keys must equal src/data's text exactly (test/i18n/loader-texts.test.ts
 * loads every fixture and checks that nothing the reader sees stays English).
 */
import { t, type MessageKey, type Params } from './t';
import { prefs } from './prefs.svelte';
import { localDigits, numberFormat } from './numbers';
import dataCatalog from './messages/data';
import { ROLES } from '../data/roles-catalog';

/** English fixed texts from src/data → their keys ("data.src.*"); built on first use. */
let byEnglish: Map<string, MessageKey> | null = null;
function fixedKey(text: string): MessageKey | undefined {
  byEnglish ??= new Map(Object.entries(dataCatalog.en)
    .filter(([k, v]) => k.startsWith('data.src.') && typeof v === 'string')
    .map(([k, v]) => [v as string, k as MessageKey]));
  return byEnglish.get(text);
}

/** formatBytes (src/data/limits.ts) as written there: "512.0 MB". */
const SIZE = String.raw`\d+(?:\.\d+)? (?:B|KB|MB|GB)`;
const SIZE_KEYS: Record<string, MessageKey> = { B: 'data.insp.bytes', KB: 'data.insp.kb', MB: 'data.insp.mb', GB: 'data.insp.gb' };

/**
 * Sentences from src/data with data values in them: the pattern (anchored, matching the
 * English exactly), the key ("data.srcp.*"), the names of the captured parameters. A more
 * specific pattern comes before a more general one that would also match ("negative amount …").
 */
const PATTERNS: [RegExp, MessageKey, string[]][] = [
  // Not-counted reasons (load/canonical.ts), plan problems (validate-plan.ts)
  [/^other currency \((.*)\)$/s, 'data.srcp.otherCurrency', ['code']],
  [/^The column “(.*)” mapped to (.*) is not in the file\.$/s, 'data.srcp.columnMissing', ['column', 'role']],
  // Inspection errors and warnings (inspect.ts, limits.ts)
  [/^“(.*)” is not a file we can read as a table\.$/s, 'data.srcp.notTable', ['name']],
  [new RegExp(String.raw`^This file is (${SIZE}); the browser's database can hold about (${SIZE}) of this format before it runs out of memory\. Split it \(e\.g\. by year\) and drop the parts, or convert it to CSV\.$`), 'data.srcp.tooLargeParsed', ['size', 'limit']],
  [new RegExp(String.raw`^This file is (${SIZE}); the browser's database can hold about (${SIZE}) of CSV before it runs out of memory\. Split it \(e\.g\. by year\) and drop the parts, or filter it to the columns you need\.$`), 'data.srcp.tooLargeCsv', ['size', 'limit']],
  [new RegExp(String.raw`^Large file \((${SIZE})\): loading takes about (\d+) s; you can cancel it\.$`), 'data.srcp.largeFile', ['size', 'seconds']],
  [/^“(.*)” has no rows: the file is empty\.$/s, 'data.srcp.noRows', ['name']],
  [/^Text encoding (.*) converted to UTF-8\.$/s, 'data.srcp.encoding', ['encoding']],
  [/^“(.*)” has a single column \(“(.*)”\): it does not look like a table of orders\. Check the delimiter or export again as CSV\.$/s, 'data.srcp.singleColumn', ['name', 'column']],
  [/^“(.*)” has a header but no rows\.$/s, 'data.srcp.headerOnly', ['name']],
  [/^“(.*?)” is not valid JSON: (.*)$/s, 'data.srcp.badJson', ['name', 'message']],
  [/^“(.*)” holds no records\.$/s, 'data.srcp.noRecords', ['name']],
  // Detection notes (detect/roles.ts) and load notes (session.ts, load/normalise-*.ts)
  [/^Attributes: (.*)\.$/s, 'data.srcp.attributes', ['list']],
  [/^(\d+) billing periods of (\d+) subscriptions: each period counts from its start to its end\.$/, 'data.srcp.billingPeriods', ['n', 'subs']],
  [/^(\d+) subscriptions started with a trial: no MRR before the trial ends\.$/, 'data.srcp.trials', ['n']],
  [/^(\d+) incomplete subscriptions \(first payment never made\) bring no MRR\.$/, 'data.srcp.incomplete', ['n']],
  [/^(\d+) unpaid or paused subscriptions: MRR counted up to their current period's start\.$/, 'data.srcp.unpaid', ['n']],
  [/^(\d+) rows with a negative amount were read as refunds of their order\.$/, 'data.srcp.negatives', ['n']],
  [/^(\d+) orders span several rows with different products: read as line items, amounts summed per order\.$/, 'data.srcp.lineItems', ['n']],
  [/^(\d+) rows repeat an order id already read; the first row of each order was kept\.$/, 'data.srcp.repeats', ['n']],
  [/^Scores read on the (NPS 0–10|CSAT 1–5) scale\.$/, 'data.srcp.scale', ['scale']],
  [/^The (.*) column was guessed from its values; please check it\.$/s, 'data.srcp.guessed', ['guess']],
  [/^"(.*)": day and month order cannot be told apart; read as (day\/month\/year|month\/day\/year)\.$/s, 'data.srcp.dayMonth', ['column', 'order']],
  [/^"(.*)" has Jalali \(Persian calendar\) dates; they will be converted to Gregorian\.$/s, 'data.srcp.jalaliDates', ['column']],
  // Details of rejected rows (load/normalise-*.ts, load/canonical*.ts, load/raw-*.ts)
  [/^date not readable: (.*)$/s, 'data.srcp.detail.badDate', ['value']],
  [/^no such date or time: (.*)$/s, 'data.srcp.detail.noSuchDateTime', ['value']],
  [/^(.*): date not readable: (.*)$/s, 'data.srcp.detail.columnBadDate', ['column', 'value']],
  [/^(.*): no such date: (.*)$/s, 'data.srcp.detail.columnNoSuchDate', ['column', 'value']],
  [/^amount not a number: (.*)$/s, 'data.srcp.detail.badAmount', ['value']],
  [/^negative amount (.*) \(refunds belong in a refunded-amount column\)$/s, 'data.srcp.detail.negative', ['value']],
  [/^negative amount (.*?) and no order (.*) to refund in this file$/s, 'data.srcp.detail.negativeAlone', ['value', 'order']],
  [/^negative amount (.*)$/s, 'data.srcp.detail.negativeSub', ['value']],
  [/^order (.*) already read from row (\d+)$/s, 'data.srcp.detail.dupOrder', ['order', 'row']],
  [/^order (.*) has no total on any of its rows$/s, 'data.srcp.detail.noTotal', ['order']],
  [/^order (.*?) was already loaded from (.*)$/s, 'data.srcp.detail.earlierOrder', ['order', 'file']],
  [/^quantity not a number ≥ 0: (.*)$/s, 'data.srcp.detail.badQuantity', ['value']],
  [/^billing interval not understood: (.*)$/s, 'data.srcp.detail.badInterval', ['value']],
  [/^status (.*) but no end, cancellation or period end date$/s, 'data.srcp.detail.noEnd', ['status']],
  [/^ends (.*) before it starts (.*)$/s, 'data.srcp.detail.endsFirst', ['end', 'start']],
  [/^period (.*) – (.*) overlaps an earlier period of (.*) \(to (.*)\)$/s, 'data.srcp.detail.overlap', ['from', 'to', 'sub', 'prev']],
  [/^subscription (.*) already read from row (\d+)$/s, 'data.srcp.detail.dupSubscription', ['sub', 'row']],
  [/^subscription (.*?) \(period from (.*)\) was already loaded from (.*)$/s, 'data.srcp.detail.earlierPeriod', ['sub', 'from', 'file']],
  [/^subscription (.*?) was already loaded from (.*)$/s, 'data.srcp.detail.earlierSubscription', ['sub', 'file']],
  [/^score not a number: (.*)$/s, 'data.srcp.detail.badScore', ['value']],
  [/^score (.*) is outside (\d+)–(\d+) \((NPS|CSAT) scale\)$/s, 'data.srcp.detail.scoreRange', ['value', 'lo', 'hi', 'scale']],
  [/^customer (.*) already read$/s, 'data.srcp.detail.dupCustomer', ['cid']],
  [/^customer (.*) was already loaded$/s, 'data.srcp.detail.earlierCustomer', ['cid']],
  [/^too few fields: (\d+) instead of (\d+)$/, 'data.srcp.detail.fewFields', ['found', 'expected']],
  [/^too many fields: (\d+) instead of (\d+)$/, 'data.srcp.detail.manyFields', ['found', 'expected']],
  [/^not valid JSON: (.*)$/s, 'data.srcp.detail.badJsonLine', ['message']],
];

/** Counts and small numbers: formatted in the reader's digits by t(). */
const COUNTS = new Set(['n', 'subs', 'seconds', 'found', 'expected', 'lo', 'hi']);
/** "The customer email column was guessed…" (detect/roles.ts writes the role with a space). */
const GUESSED: Record<string, MessageKey> = {
  'customer email': 'data.srcw.customerEmail', 'ordered at': 'data.srcw.orderedAt', amount: 'data.srcw.amount',
};
/** A role of the mapping ("ordered_at") → the label the mapping form shows for it, translated. */
function roleLabel(role: string): string {
  const label = Object.values(ROLES).flat().find((r) => r.role === role)?.label;
  const key = label === undefined ? undefined : fixedKey(label);
  return key ? t(key) : role;
}
/** "512.0 MB" in the reader's digits and unit words, with the fraction digits as written. */
function size(v: string): string {
  const [num, unit] = v.split(' ');
  const decimals = num.split('.')[1]?.length ?? 0;
  const f = numberFormat(prefs.lang, prefs.digits, { useGrouping: false, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return t(SIZE_KEYS[unit], { n: f.format(Number(num)) });
}

/**
 * Pattern parameters: counts become numbers (written in the reader's digits), known phrases are
 * translated, values from the file (column names, file names, cells, ids) stay as they are.
 */
function patternParam(name: string, v: string): string | number {
  if (COUNTS.has(name) && /^\d+$/.test(v)) return Number(v);
  switch (name) {
    case 'row': return localDigits(v, prefs.lang, prefs.digits); // a row number: no thousands separator
    case 'order': return v === 'day/month/year' ? t('data.order.dmy') : v === 'month/day/year' ? t('data.order.mdy') : v;
    case 'role': return roleLabel(v);
    case 'guess': return GUESSED[v] ? t(GUESSED[v]) : v;
    case 'list': return v === 'none' ? t('data.srcw.none') : v;
    case 'value': return v === '(empty)' ? t('data.srcw.empty') : v;
    case 'size': case 'limit': return size(v);
    case 'message': return dataText(v); // the loader's own message inside ("The JSON file holds no list…"); a parser's stays as is
    default: return v;
  }
}

/** The catalog key a text from src/data is translated by, or null when the catalog does not know it (tests pin this). */
export function loaderTextKey(text: string): MessageKey | null {
  return fixedKey(text) ?? PATTERNS.find(([re]) => re.test(text))?.[1] ?? null;
}

/**
 * A text produced by src/data in the reader's language when the catalog knows it (English is
 * returned unchanged); a text it does not know stays English.
 */
export function dataText(text: string): string {
  if (prefs.lang === 'en') return text;
  const key = fixedKey(text);
  if (key) return localDigits(t(key), prefs.lang, prefs.digits);
  for (const [re, k, names] of PATTERNS) {
    const m = text.match(re);
    if (m) return t(k, Object.fromEntries(names.map((n, i) => [n, patternParam(n, m[i + 1])])) as Params);
  }
  return text;
}

// Nothing the loader says to the reader stays English in Persian or Arabic: every fixture goes
// through the real inspector and loader (DuckDB-WASM in Node), every text the app shows from it is
// translated by dataText (src/i18n/data-text.ts); and every sentence src/data can write (the
// producers called directly, and a list of each template filled in) reaches its catalog key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { dataText, loaderTextKey } from '../../src/i18n/data-text';
import { setDigits, setLang } from '../../src/i18n/prefs.svelte';
import dataCatalog from '../../src/i18n/messages/data';
import { inspectFile } from '../../src/data/inspect';
import { inputFromBytes } from '../../src/data/input';
import { inputFromPath } from '../../src/data/input-node';
import { validatePlan } from '../../src/data/validate-plan';
import { rejectRows } from '../../src/data/load/rejects';
import type { LoadPlan } from '../../src/data/load/plan';
import type { DataSession } from '../../src/data/session';
import { ROLES, TABLE_LABELS } from '../../src/data/roles-catalog';
import { KIND_MESSAGES, detectFileKind } from '../../src/data/detect/file-kind';
import { PRESETS } from '../../src/data/detect/presets';
import { REFUSE_BYTES, REFUSE_JS_PARSED_BYTES, WARN_BYTES, sizeVerdict } from '../../src/data/limits';
import { detectTable } from '../../src/data/detect/roles';
import { freshSession } from '../data/load-helpers';

const DIR = 'test/fixtures';
const LANGS = ['fa', 'ar'] as const;

/** Isolated values (t() wraps string parameters in U+2068 … U+2069 in right-to-left text). */
const ISOLATED = /\u2068([^\u2068\u2069]*)\u2069/g;
/**
 * Runs of 3+ English words left in a translated text once the file's own values are taken out:
 * isolated parameters that are known values (file names, column names, cells), and anything in
 * quotes (“…”, "…", «…»: names from the file or of another program's menu).
 */
function englishRuns(translated: string, known: ReadonlySet<string>): string[] {
  let s = translated;
  for (let before = ''; before !== s;) {
    before = s;
    s = s.replace(ISOLATED, (_whole, v: string) => (isKnown(v, known) ? ' ' : v));
  }
  s = s.replace(/“[^”]*”|"[^"]*"|«[^»]*»/g, ' ');
  return s.match(/[A-Za-z][\w'’.-]*(?:[\s,;:()/=×+]+[A-Za-z][\w'’.-]*){2,}/g) ?? [];
}

/** A value from the file, or a list of them ("Attributes: age, gender, city."). */
const isKnown = (v: string, known: ReadonlySet<string>) => known.has(v.trim()) || v.split(/,\s*/).every((x) => known.has(x.trim()));

/** Problems of a list of English texts in one language: untranslated, or English runs left. */
function untranslated(texts: Iterable<string>, known: ReadonlySet<string>): string[] {
  const bad: string[] = [];
  for (const text of texts) {
    const out = dataText(text);
    if (out === text) bad.push(`not translated: ${text}`);
    else if (englishRuns(out, known).length) bad.push(`English left in "${out}": ${englishRuns(out, known).join(' | ')}`);
  }
  return bad;
}

function inLang<T>(lang: 'fa' | 'ar', run: () => T): T {
  setLang(lang, false);
  setDigits('native', false);
  try {
    return run();
  } finally {
    setLang('en', false);
    setDigits('latn', false);
  }
}

describe('the check itself', () => {
  it('finds English runs and leaves file values and quoted names alone', () => {
    const known = new Set(['not a date', 'orders.csv']);
    expect(englishRuns('تاریخ خوانا نیست: \u2068not a date\u2069', known)).toEqual([]);
    expect(englishRuns('تاریخ خوانا نیست: \u2068next tuesday maybe\u2069', known)).toEqual(['next tuesday maybe']);
    expect(englishRuns('ستون «CSV UTF-8 (comma delimited)» در \u2068orders.csv\u2069', known)).toEqual([]);
    expect(englishRuns('Times are UTC.', known)).toEqual(['Times are UTC.']);
    expect(englishRuns('زمان‌ها به وقت UTC هستند (Captured = false).', known)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// (a) Every fixture through the real inspector and loader.

/** Every text the app shows from the fixtures, with where it came from. */
const shown = new Map<string, string>();
const known = new Set<string>();
const show = (text: string | null | undefined, where: string) => {
  if (text && !shown.has(text)) shown.set(text, where);
};
const fixtures = readdirSync(DIR).filter((f) => !/^(README\.md|manifest\.json)$|\.mjs$/.test(f)).sort();
let session: DataSession;

describe('every fixture, inspected and loaded', () => {
  beforeAll(async () => {
    session = await freshSession();
    const inputs = fixtures.map((f) => inputFromPath(`${DIR}/${f}`));
    // Loaded again under another name: ids already read from an earlier file are rejected there.
    for (const again of ['customers.csv', 'subscription-periods.csv', 'tab-separated.tsv']) {
      inputs.push(inputFromBytes(new Uint8Array(readFileSync(`${DIR}/${again}`)), `again-${again}`));
    }
    for (const input of inputs) {
      known.add(input.name);
      const insp = await inspectFile(input);
      show(insp.error, `${input.name}: error`);
      for (const w of insp.warnings) show(w, `${input.name}: warning`);
      for (const n of insp.notes) show(n, `${input.name}: note`);
      for (const c of insp.preview.columns) known.add(c);
      for (const row of insp.preview.rows) for (const v of row) if (v) known.add(v.trim());
      if (!insp.plan) continue;
      const problems = validatePlan(insp.plan);
      for (const p of problems) show(p, `${input.name}: plan problem`);
      if (problems.length) continue;
      const report = await session.load(input, insp, insp.plan);
      for (const n of report.notes) show(n, `${input.name}: load note`);
      for (const r of report.rejected) show(r.reason, `${input.name}: reject reason`);
    }
    for (const r of await rejectRows(session.engine)) {
      show(r.reason, `${r.file}: reject reason`);
      show(r.detail, `${r.file}: reject detail`);
    }
    for (const n of session.summary!.notCounted) show(n.reason, 'not counted');
    await session.setSettings({ refundRule: 'exclude' });
    for (const n of session.summary!.notCounted) show(n.reason, 'not counted (exclude rule)');
  }, 120_000);
  afterAll(() => {
    setLang('en', false);
  });

  it('reads every fixture and collects what the reader is told', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(29);
    for (const f of ['ragged-rows.csv', 'bad-dates-and-amounts.csv', 'empty.csv', 'only-header.csv', 'no-customer-column.csv', 'document.pdf',
      'image.png', 'xss-header.csv', 'workbook.xlsx', 'duplicate-order-ids.csv']) expect(fixtures).toContain(f);
    const texts = [...shown.keys()];
    // A sample of what must be there (the collection is real, not empty).
    for (const t of [
      'This file is empty. Export your orders again and drop the new file.',
      'This is a PDF document, not a table. Export your orders as CSV, Parquet or JSON and drop that file.',
      'This is an image, not a table. Export your orders as CSV, Parquet or JSON and drop that file.',
      '“only-header.csv” has a header but no rows.',
      'No customer column: pick the column that identifies the customer (an id or an e-mail).',
      'Text encoding windows-1256 converted to UTF-8.',
      'malformed row', 'too few fields: 3 instead of 5', 'too many fields: 7 instead of 5',
      'unparseable date', 'date not readable: not a date', 'unparseable amount', 'amount not a number: abc',
      'duplicate order id', 'order 1002 already read from row 2', 'order id in an earlier file',
      'score out of range', 'score 11 is outside 0–10 (NPS scale)', 'unparseable score', 'score not a number: ten',
      'overlapping period', 'ends before it starts', 'customer id in an earlier file', 'customer C01 was already loaded',
      'payment failed', 'refunded in full', 'other currency (EUR)', 'refunded (rule: exclude refunded orders)',
      'Scores read on the NPS 0–10 scale.', 'Times are UTC; days are read as the UTC day.',
    ]) expect(texts, t).toContain(t);
    expect(texts).toContain('Attributes: signup_date, age, gender, city, platform, signup_channel.');
    expect(texts).toContain('subscription S1 (period from 2024-01-01) was already loaded from subscription-periods.csv');
    expect(texts.length).toBeGreaterThan(70);
  });

  it.each(LANGS)('%s: every text is translated, with no English left but the file\'s own values', (lang) => {
    const bad = inLang(lang, () => untranslated(shown.keys(), known)).map((b) => `${b}  [${shown.get(b.replace(/^not translated: /, '')) ?? ''}]`);
    expect(bad).toEqual([]);
  });

  it('numbers in the translations are in the reader\'s digits; file values are kept as written', () => {
    inLang('fa', () => {
      expect(dataText('too few fields: 3 instead of 5')).toBe('فیلدها کم است: ۳ به جای ۵');
      expect(dataText('order 1002 already read from row 2').replace(ISOLATED, '[$1]')).toBe('سفارش [1002] پیش‌تر از ردیف [۲] خوانده شده است');
      expect(dataText('“only-header.csv” has a header but no rows.').replace(ISOLATED, '[$1]')).toBe('«[only-header.csv]» سرستون دارد ولی هیچ ردیفی ندارد.');
    });
    inLang('ar', () => {
      expect(dataText('score 11 is outside 0–10 (NPS scale)').replace(ISOLATED, '[$1]')).toBe('الدرجة [11] خارج النطاق من ٠ إلى ١٠ (مقياس [NPS])');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// (b) Every sentence src/data can write.

/** Each template of src/data, filled in, and the key it must reach. */
const TEMPLATES: [string, string][] = [
  // detect/file-kind.ts, inspect.ts, limits.ts, load/raw-records.ts
  ['“notes.txt” is not a file we can read as a table.', 'data.srcp.notTable'],
  ["This file is 512.0 MB; the browser's database can hold about 400.0 MB of this format before it runs out of memory. Split it (e.g. by year) and drop the parts, or convert it to CSV.", 'data.srcp.tooLargeParsed'],
  ["This file is 2.50 GB; the browser's database can hold about 2.00 GB of CSV before it runs out of memory. Split it (e.g. by year) and drop the parts, or filter it to the columns you need.", 'data.srcp.tooLargeCsv'],
  ['Large file (600.0 MB): loading takes about 12 s; you can cancel it.', 'data.srcp.largeFile'],
  ['“orders.csv” has no rows: the file is empty.', 'data.srcp.noRows'],
  ['This compressed file is not UTF-8 text; unpack it and drop the CSV.', 'data.src.gzipNotUtf8'],
  ['Text encoding windows-1252 converted to UTF-8.', 'data.srcp.encoding'],
  ['“list.csv” has a single column (“name”): it does not look like a table of orders. Check the delimiter or export again as CSV.', 'data.srcp.singleColumn'],
  ['“orders.csv” has a header but no rows.', 'data.srcp.headerOnly'],
  ['“orders.json” is not valid JSON: The JSON file holds no list of records (expected an array of objects).', 'data.srcp.badJson'],
  ['“orders.json” is not valid JSON: Unexpected end of JSON input', 'data.srcp.badJson'],
  ['“orders.json” holds no records.', 'data.srcp.noRecords'],
  ['The JSON file holds no list of records (expected an array of objects).', 'data.src.jsonNoList'],
  ['The file holds no records with fields.', 'data.src.noFields'],
  // detect/roles.ts
  ['Could not tell what this file holds: choose the table and the columns below.', 'data.src.unknownTable'],
  ['The customer email column was guessed from its values; please check it.', 'data.srcp.guessed'],
  ['The ordered at column was guessed from its values; please check it.', 'data.srcp.guessed'],
  ['The amount column was guessed from its values; please check it.', 'data.srcp.guessed'],
  ['No customer id column: customers are keyed by e-mail (lower-cased).', 'data.src.keyedByEmail'],
  ['"Order Date": day and month order cannot be told apart; read as day/month/year.', 'data.srcp.dayMonth'],
  ['"Order Date": day and month order cannot be told apart; read as month/day/year.', 'data.srcp.dayMonth'],
  ['"تاریخ سفارش" has Jalali (Persian calendar) dates; they will be converted to Gregorian.', 'data.srcp.jalaliDates'],
  ['The amounts are read as Saudi riyals (SAR); change the currency if they are another riyal.', 'data.src.sar'],
  // validate-plan.ts
  ['No order date column: pick the column with the order date.', 'data.src.problem.orderDate'],
  ['The column “Order Date” mapped to ordered_at is not in the file.', 'data.srcp.columnMissing'],
  // session.ts
  ['Loading was cancelled; nothing from this file was kept.', 'data.src.cancelled'],
  ['Attributes: age, gender, city.', 'data.srcp.attributes'],
  ['Attributes: none.', 'data.srcp.attributes'],
  // load/normalise-orders.ts
  ['12 rows with a negative amount were read as refunds of their order.', 'data.srcp.negatives'],
  ['1 orders span several rows with different products: read as line items, amounts summed per order.', 'data.srcp.lineItems'],
  ['3 rows repeat an order id already read; the first row of each order was kept.', 'data.srcp.repeats'],
  ['date not readable: (empty)', 'data.srcp.detail.badDate'],
  ['no such date or time: 2024-02-30', 'data.srcp.detail.noSuchDateTime'],
  ['amount not a number: abc', 'data.srcp.detail.badAmount'],
  ['negative amount -5.00 (refunds belong in a refunded-amount column)', 'data.srcp.detail.negative'],
  ['negative amount -12.0 and no order 1048 to refund in this file', 'data.srcp.detail.negativeAlone'],
  ['order 1002 already read from row 2', 'data.srcp.detail.dupOrder'],
  ['order #1001 has no total on any of its rows', 'data.srcp.detail.noTotal'],
  ['no customer id or e-mail on this row', 'data.src.detail.noCustomer'],
  ['missing customer id', 'data.src.reject.noCustomer'], ['unparseable date', 'data.src.reject.badDate'],
  ['invalid date', 'data.src.reject.invalidDate'], ['unparseable amount', 'data.src.reject.badAmount'],
  ['negative amount', 'data.src.reject.negative'], ['missing order total', 'data.src.reject.noTotal'],
  ['duplicate order id', 'data.src.reject.dupOrder'],
  // load/normalise-subscriptions.ts, canonical-subscriptions.ts
  ['4 billing periods of 2 subscriptions: each period counts from its start to its end.', 'data.srcp.billingPeriods'],
  ['No billing interval column: every amount is read as monthly.', 'data.src.noInterval'],
  ['2 subscriptions started with a trial: no MRR before the trial ends.', 'data.srcp.trials'],
  ['1 incomplete subscriptions (first payment never made) bring no MRR.', 'data.srcp.incomplete'],
  ["3 unpaid or paused subscriptions: MRR counted up to their current period's start.", 'data.srcp.unpaid'],
  ['Start (UTC): date not readable: soon', 'data.srcp.detail.columnBadDate'],
  ['Trial End (UTC): no such date: 2024-02-30', 'data.srcp.detail.columnNoSuchDate'],
  ['no start date on this row', 'data.src.detail.noStart'],
  ['negative amount -9.00', 'data.srcp.detail.negativeSub'],
  ['quantity not a number ≥ 0: -1', 'data.srcp.detail.badQuantity'],
  ['billing interval not understood: fortnight × 2', 'data.srcp.detail.badInterval'],
  ['status canceled but no end, cancellation or period end date', 'data.srcp.detail.noEnd'],
  ['ends 2024-03-10 before it starts 2024-04-10', 'data.srcp.detail.endsFirst'],
  ['no billing period end on this row', 'data.src.detail.noPeriodEnd'],
  ['period 2024-02-01 – 2024-03-01 overlaps an earlier period of S1 (to 2024-03-01)', 'data.srcp.detail.overlap'],
  ['subscription sub_1 already read from row 4', 'data.srcp.detail.dupSubscription'],
  ['subscription S1 (period from 2024-01-01) was already loaded from periods.csv', 'data.srcp.detail.earlierPeriod'],
  ['subscription sub_1 was already loaded from subs.csv', 'data.srcp.detail.earlierSubscription'],
  ['missing start date', 'data.src.reject.noStart'], ['unparseable quantity', 'data.src.reject.badQuantity'],
  ['unknown billing interval', 'data.src.reject.badInterval'], ['canceled without an end date', 'data.src.reject.noEnd'],
  ['missing period end', 'data.src.reject.noPeriodEnd'], ['duplicate subscription id', 'data.src.reject.dupSubscription'],
  ['ends before it starts', 'data.src.reject.endsFirst'], ['overlapping period', 'data.src.reject.overlap'],
  ['subscription id in an earlier file', 'data.src.reject.earlierSubscription'],
  // load/normalise-responses.ts
  ['Scores read on the CSAT 1–5 scale.', 'data.srcp.scale'],
  ['unparseable score', 'data.src.reject.badScore'], ['score out of range', 'data.src.reject.scoreRange'],
  ['score not a number: ten', 'data.srcp.detail.badScore'],
  ['score 7 is outside 1–5 (CSAT scale)', 'data.srcp.detail.scoreRange'],
  // load/normalise-customers.ts, canonical-simple.ts
  ['no customer id on this row', 'data.src.detail.noCustomerId'],
  ['customer C01 already read', 'data.srcp.detail.dupCustomer'],
  ['customer C01 was already loaded', 'data.srcp.detail.earlierCustomer'],
  ['duplicate customer id', 'data.src.reject.dupCustomer'], ['customer id in an earlier file', 'data.src.reject.earlierCustomer'],
  // load/canonical.ts
  ['order 1001 was already loaded from orders.csv', 'data.srcp.detail.earlierOrder'],
  ['order id in an earlier file', 'data.src.reject.earlierOrder'],
  ['cancelled', 'data.src.notCounted.cancelled'], ['payment failed', 'data.src.notCounted.failed'],
  ['refunded (rule: exclude refunded orders)', 'data.src.notCounted.excluded'], ['refunded in full', 'data.src.notCounted.refunded'],
  ['other currency (?)', 'data.srcp.otherCurrency'],
  // load/raw-csv.ts, load/raw-records.ts
  ['malformed row', 'data.src.reject.malformed'],
  ['too few fields: 3 instead of 5', 'data.srcp.detail.fewFields'],
  ['too many fields: 7 instead of 5', 'data.srcp.detail.manyFields'],
  ['item is not an object', 'data.src.detail.notObject'],
  ['line is not a JSON object', 'data.src.detail.lineNotObject'],
  ['not valid JSON: Unexpected token } in JSON at position 9', 'data.srcp.detail.badJsonLine'],
];
/** Values in the filled-in templates (they stand for the file's data and stay as written). */
const SAMPLE_VALUES = new Set(['notes.txt', 'orders.csv', 'list.csv', 'name', 'orders.json', 'Order Date', 'تاریخ سفارش', 'ordered_at',
  'age, gender, city', 'abc', '-5.00', '-12.0', '1048', '1002', '#1001', 'soon', 'Start (UTC)', 'Trial End (UTC)', 'fortnight × 2',
  'canceled', 'S1', 'sub_1', 'periods.csv', 'subs.csv', 'ten', 'C01', '1001', '?', '-9.00', '-1', '2024-02-30', '2024-03-10',
  'Unexpected end of JSON input', 'Unexpected token } in JSON at position 9']);

/** Sentences the producers of src/data write, asked of them directly (no DuckDB needed). */
async function produced(): Promise<string[]> {
  const out: string[] = [...Object.values(KIND_MESSAGES), ...Object.values(TABLE_LABELS)];
  out.push(detectFileKind('export.xls', new TextEncoder().encode('<html><body><table></table></body></html>')).message!);
  for (const p of PRESETS) out.push(...p.notes);
  for (const list of Object.values(ROLES)) for (const r of list) out.push(r.label);
  for (const [bytes, js] of [[WARN_BYTES + 1, false], [REFUSE_BYTES + 1, false], [REFUSE_JS_PARSED_BYTES + 1, true]] as const) {
    out.push(sizeVerdict(bytes, js)!.message);
  }
  // Plans with nothing mapped, and one mapping a column the file does not have.
  for (const table of ['orders', 'responses', 'customers', 'subscriptions'] as const) {
    const plan = { fileName: 'x.csv', table, mapping: { amount: 'Gone' }, read: { columns: ['a', 'b'] } } as unknown as LoadPlan;
    out.push(...validatePlan(plan));
  }
  // Detection: headerless orders (guessed roles), ambiguous day/month order, e-mail as the customer key.
  const guessed = detectTable(['column_1', 'column_2', 'column_3'],
    [['a@x.io', '2024-01-05', '19.99'], ['b@x.io', '2024-01-06', '5.50'], ['c@x.io', '2024-01-07', '7.25']]);
  const dayMonth = detectTable(['email', 'order_date', 'amount'], [['a@x.io', '03/04/2024', '10'], ['b@x.io', '05/06/2024', '12']]);
  out.push(...guessed.notes, ...dayMonth.notes);
  // Inspection of small files: one column, broken JSON, JSON without records, a gzip that is not UTF-8, cp1252 text.
  const bytes = (s: string) => new TextEncoder().encode(s);
  for (const [name, data] of [
    ['one-column.csv', bytes('name\nAli\nSara\n')],
    ['broken.json', bytes('[{"a": 1},')],
    ['no-list.json', bytes('{"a": 1}')],
    ['empty-list.json', bytes('[]')],
    ['latin1.csv.gz', gzipSync(new Uint8Array([...bytes('customer_id,order_date,amount,city\nC1,2024-01-01,10,M'), 0xfc, ...bytes('nchen\n')]))],
    ['latin1.csv', new Uint8Array([...bytes('customer_id,order_date,amount,city\nC1,2024-01-01,10,M'), 0xfc, ...bytes('nchen\n')])],
  ] as const) {
    const insp = await inspectFile(inputFromBytes(data, name));
    out.push(...[insp.error, ...insp.warnings, ...insp.notes].filter((x): x is string => !!x));
  }
  return out;
}

describe('every sentence src/data can write', () => {
  it('each filled-in template reaches its key', () => {
    const wrong = TEMPLATES.filter(([text, key]) => loaderTextKey(text) !== key).map(([text, key]) => `${text} → ${loaderTextKey(text)}, want ${key}`);
    expect(wrong).toEqual([]);
  });

  it('every loader key of the catalog is reached by a template or a producer', async () => {
    const reached = new Set([...TEMPLATES.map(([, k]) => k), ...(await produced()).map(loaderTextKey)]);
    const keys = Object.keys(dataCatalog.en).filter((k) => k.startsWith('data.src.') || k.startsWith('data.srcp.'));
    expect(keys.filter((k) => !reached.has(k))).toEqual([]);
  });

  it('the producers write only sentences the catalog knows', async () => {
    const texts = await produced();
    expect(texts.length).toBeGreaterThan(60);
    expect(texts.filter((t) => loaderTextKey(t) === null)).toEqual([]);
    // Pinned: the producers wrote what the templates above stand for.
    expect(texts).toContain("This file is 2.00 GB; the browser's database can hold about 2.00 GB of CSV before it runs out of memory. Split it (e.g. by year) and drop the parts, or filter it to the columns you need.");
    expect(texts).toContain('Large file (500.0 MB): loading takes about 10 s; you can cancel it.');
    expect(texts).toContain('The customer email column was guessed from its values; please check it.');
    expect(texts.some((t) => t.startsWith('“broken.json” is not valid JSON: '))).toBe(true);
    expect(texts).toContain('“no-list.json” is not valid JSON: The JSON file holds no list of records (expected an array of objects).');
    expect(texts).toContain('“empty-list.json” holds no records.');
    expect(texts).toContain('This compressed file is not UTF-8 text; unpack it and drop the CSV.');
    expect(texts).toContain('Text encoding windows-1252 converted to UTF-8.');
    expect(texts).toContain('“one-column.csv” has a single column (“name”): it does not look like a table of orders. Check the delimiter or export again as CSV.');
  });

  it.each(LANGS)('%s: templates and producers are translated, with no English left but the values', async (lang) => {
    const texts = [...TEMPLATES.map(([t]) => t), ...(await produced())];
    const values = new Set([...SAMPLE_VALUES, 'Gone', 'one-column.csv', 'broken.json', 'no-list.json', 'empty-list.json', 'latin1.csv.gz', 'latin1.csv',
      'windows-1252', 'NPS', 'CSAT', 'NPS 0–10', 'CSAT 1–5', 'amount']);
    // A JSON parser's own message (not the loader's) is a detail of the file, kept as written.
    for (const t of texts) {
      const parser = /not valid JSON: (.*)$/s.exec(t)?.[1];
      if (parser && loaderTextKey(parser) === null) values.add(parser);
    }
    const bad = inLang(lang, () => untranslated(texts, values));
    expect(bad).toEqual([]);
  });

  it('sizes, counts and roles are written for the reader', () => {
    inLang('fa', () => {
      const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');
      expect(plain(dataText('Large file (600.0 MB): loading takes about 12 s; you can cancel it.')))
        .toBe('فایل بزرگ (۶۰۰٫۰ مگابایت): بارگذاری حدود ۱۲ ثانیه طول می‌کشد؛ می‌توانید آن را لغو کنید.');
      expect(plain(dataText('The column “Order Date” mapped to ordered_at is not in the file.')))
        .toBe('ستون «Order Date» که به تاریخ سفارش نسبت داده شده در فایل نیست.');
      expect(plain(dataText('The customer email column was guessed from its values; please check it.')))
        .toBe('ستون ایمیل مشتری از روی مقدارهایش حدس زده شد؛ لطفاً آن را بررسی کنید.');
      expect(plain(dataText('Attributes: none.'))).toBe('ویژگی‌ها: هیچ.');
      expect(plain(dataText('“orders.json” is not valid JSON: The JSON file holds no list of records (expected an array of objects).')))
        .toBe('«orders.json» یک JSON معتبر نیست: فایل JSON فهرستی از رکوردها ندارد (باید آرایه‌ای از شیءها باشد).');
    });
    inLang('ar', () => {
      const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');
      expect(plain(dataText('Large file (600.0 MB): loading takes about 12 s; you can cancel it.')))
        .toBe('ملف كبير (٦٠٠٫٠ ميغابايت): يستغرق التحميل نحو ١٢ ثانية؛ يمكنك إلغاؤه.');
      expect(plain(dataText('Large file (600.0 MB): loading takes about 3 s; you can cancel it.'))).toContain('٣ ثوانٍ');
      expect(plain(dataText('date not readable: (empty)'))).toBe('تاريخ غير مقروء: (فارغ)');
    });
  });
});

import type { Engine } from '../engine/engine';
import { DataSession, LoadCancelled, type FileReport, type LoadProgress } from '../data/session';
import { inspectFile, type Inspection } from '../data/inspect';
import { inputFromBlob, type InputFile } from '../data/input';
import type { LoadPlan, LoadSettings } from '../data/load/plan';
import { validatePlan } from '../data/validate-plan';
import { rejectRows, type RejectRow } from '../data/load/rejects';
import { rejectsCsv } from '../data/rejects-csv';
import type { CanonicalSummary } from '../data/load/canonical';
import { recallMapping, rememberMapping } from './remembered-mappings';
import { fetchDataUrl } from '../share/data-url';
import { t, type MessageKey, type Params } from '../i18n/t';
import { prefs } from '../i18n/prefs.svelte';
import { localDigits } from '../i18n/numbers';
import dataCatalog from '../i18n/messages/data';

/**
 * A message of the data area as stored: a catalog key and its parameters (translated where it is
 * shown, so switching the language updates it), or English text from src/data (translated when it
 * is one of the loader's fixed sentences, see `dataText`, else shown as is).
 */
export type Said = { key: MessageKey; params?: Params } | { text: string };

/** The message in the reader's language (t() isolates the data in it: file names, URLs, error details). */
export const say = (s: Said): string => ('text' in s ? dataText(s.text) : t(s.key, s.params));
export const sayAll = (list: readonly Said[]) => list.map(say).join(' ');

/** English fixed texts from src/data (role and table labels, reject reasons, plan problems…) → their keys ("data.src.*"). */
let byEnglish: Map<string, MessageKey> | null = null;
/** Fixed texts from src/data with a data value in them: the pattern, the key ("data.srcp.*"), the parameter names. */
const PATTERNS: [RegExp, MessageKey, string[]][] = [
  [/^other currency \((.*)\)$/s, 'data.srcp.otherCurrency', ['code']],
  [/^The column “(.*)” mapped to (.*) is not in the file\.$/s, 'data.srcp.columnMissing', ['column', 'role']],
  [/^Attributes: (.*)\.$/s, 'data.srcp.attributes', ['list']],
  [/^(\d+) billing periods of (\d+) subscriptions: each period counts from its start to its end\.$/, 'data.srcp.billingPeriods', ['n', 'subs']],
  [/^(\d+) subscriptions started with a trial: no MRR before the trial ends\.$/, 'data.srcp.trials', ['n']],
  [/^(\d+) incomplete subscriptions \(first payment never made\) bring no MRR\.$/, 'data.srcp.incomplete', ['n']],
  [/^(\d+) unpaid or paused subscriptions: MRR counted up to their current period's start\.$/, 'data.srcp.unpaid', ['n']],
  [/^(\d+) rows with a negative amount were read as refunds of their order\.$/, 'data.srcp.negatives', ['n']],
  [/^(\d+) orders span several rows with different products: read as line items, amounts summed per order\.$/, 'data.srcp.lineItems', ['n']],
  [/^(\d+) rows repeat an order id already read; the first row of each order was kept\.$/, 'data.srcp.repeats', ['n']],
  [/^Scores read on the (NPS 0–10|CSAT 1–5) scale\.$/, 'data.srcp.scale', ['scale']],
  [/^The (.*) column was guessed from its values; please check it\.$/s, 'data.srcp.guessed', ['role']],
  [/^"(.*)": day and month order cannot be told apart; read as (day\/month\/year|month\/day\/year)\.$/s, 'data.srcp.dayMonth', ['column', 'order']],
  [/^"(.*)" has Jalali \(Persian calendar\) dates; they will be converted to Gregorian\.$/s, 'data.srcp.jalaliDates', ['column']],
];
/** Pattern parameters: counts become numbers (written in the reader's digits), known phrases are translated. */
const patternParam = (name: string, v: string): string | number =>
  /^\d+$/.test(v) && (name === 'n' || name === 'subs') ? Number(v)
    : name === 'order' ? t(v === 'day/month/year' ? 'data.order.dmy' : 'data.order.mdy')
      : v;

/**
 * A text produced by src/data in the reader's language when the catalog knows it (English is
 * returned unchanged); texts it does not know (sentences with file-specific details) stay English.
 */
export function dataText(text: string): string {
  if (prefs.lang === 'en') return text;
  byEnglish ??= new Map(Object.entries(dataCatalog.en)
    .filter(([k, v]) => k.startsWith('data.src.') && typeof v === 'string')
    .map(([k, v]) => [v as string, k as MessageKey]));
  const key = byEnglish.get(text);
  if (key) return localDigits(t(key), prefs.lang, prefs.digits);
  for (const [re, k, names] of PATTERNS) {
    const m = text.match(re);
    if (m) return t(k, Object.fromEntries(names.map((n, i) => [n, patternParam(n, m[i + 1])])));
  }
  return text;
}

const STAGE_KEYS: Record<string, MessageKey> = {
  reading: 'data.stage.reading', normalising: 'data.stage.normalising', combining: 'data.stage.combining', done: 'data.stage.done',
};
/** What a load is doing now, in the reader's language ("Reading the file"…). */
export const stageText = (stage: string): string => (STAGE_KEYS[stage] ? t(STAGE_KEYS[stage]) : stage);

/** Gives up on the engine's start after this long. */
const START_TIMEOUT_S = 90;
class StartTimeout extends Error {}

export interface PendingFile {
  key: number;
  input: InputFile;
  inspection: Inspection;
  plan: LoadPlan | null;
  remembered: boolean;
  /** Why the last attempt to load it failed (plan problems, a load error), translated where shown. */
  error: Said[] | null;
  /** Set when the file could not be read at all (inspection.error has the same in English). */
  readError?: Said;
}

export interface ActiveLoad {
  fileName: string;
  progress: LoadProgress;
  startedAt: number;
  controller: AbortController;
}

/** Sample files bundled with the app (generated by sample-data/generate.mjs into public/sample): the shop's orders, customer attributes, NPS answers and club memberships. */
const SAMPLE_FILES = ['orders.csv', 'customers.csv', 'responses.csv', 'subscriptions.csv'];

/**
 * App state around the data session: the engine's start-up, files waiting for confirmation,
 * the load in progress, reports. Components read this and call its methods; they never build SQL.
 */
export class DataStore {
  status = $state<'starting' | 'ready' | 'failed'>('starting');
  /** The engine's state in words: a key, translated when read (`statusMessage`). */
  statusSaid = $state<Said>({ key: 'data.status.starting' });
  get statusMessage(): string {
    return say(this.statusSaid);
  }
  engineInfo = $state<{ bundle: string; startMs: number } | null>(null);
  pending = $state<PendingFile[]>([]);
  active = $state<ActiveLoad | null>(null);
  reports = $state<FileReport[]>([]);
  summary = $state<CanonicalSummary | null>(null);
  settings = $state<LoadSettings>({ refundRule: 'net', currency: null });
  /** The last load error(s): messages translated when read (`lastError`). */
  errors = $state<Said[] | null>(null);
  get lastError(): string | null {
    return this.errors ? sayAll(this.errors) : null;
  }
  set lastError(text: string | null) {
    this.errors = text === null ? null : [{ text }];
  }
  /** Increments each time the canonical tables change, so analyses know to re-run. */
  dataVersion = $state(0);

  engine: Engine | null = null;
  /** Runs before the canonical tables are rebuilt (a load, a removal, a settings change): the app
   *  removes its segment filter's views there (analyses/segment-filter.ts). */
  beforeChange: (() => Promise<void>) | null = null;
  private session: DataSession | null = null;
  private keys = 0;

  /**
   * `beforeReady` runs on the engine before anything else may use it (the notebook's lockdown);
   * `dataUrls` (?data=) are fetched and loaded instead of the sample.
   */
  async start(
    createEngine: () => Promise<Engine & { info?: { bundle: string; startMs: number } }>, loadSample: boolean,
    options: { beforeReady?: (engine: Engine) => Promise<void>; dataUrls?: string[] } = {},
  ) {
    try {
      // A worker that dies while starting (blocked by a policy, out of memory) never answers:
      // give up after a while and say so instead of spinning forever.
      const engine = await Promise.race([
        createEngine(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new StartTimeout(`it did not answer within ${START_TIMEOUT_S} seconds (is this browser blocking WebAssembly or workers?)`)), START_TIMEOUT_S * 1000)),
      ]);
      this.engine = engine;
      this.engineInfo = engine.info ?? null;
      this.session = new DataSession(engine);
      await this.session.init();
      await options.beforeReady?.(engine);
      this.status = 'ready';
      this.statusSaid = { key: 'data.status.ready' };
      if (options.dataUrls?.length) await this.loadUrls(options.dataUrls);
      else if (loadSample) await this.loadSample();
    } catch (e) {
      this.status = 'failed';
      this.statusSaid = e instanceof StartTimeout
        ? { key: 'data.status.timeout', params: { seconds: START_TIMEOUT_S } }
        : { key: 'data.status.failed', params: { message: (e as Error).message } };
    }
  }

  async loadSample() {
    // The analyses run once, on all the files, not after each one (they would compete with the loads).
    let loaded = 0;
    try {
      for (const name of SAMPLE_FILES) if (await this.loadSampleFile(name)) loaded++;
    } finally {
      if (loaded) this.announce();
    }
  }

  private async loadSampleFile(name: string): Promise<boolean> {
    const res = await fetch(`sample/${name}`);
      if (!res.ok) {
        this.errors = [{ key: 'data.sample.missing', params: { name, status: res.status } }];
        return false;
      }
      const input = inputFromBlob(await res.blob(), `sample-${name}`);
      const inspection = await inspectFile(input);
      if (!inspection.plan) {
        this.errors = [inspection.error ? { text: inspection.error } : { key: 'data.sample.notRecognised', params: { name } }];
        return false;
      }
      return this.runLoad(input, inspection, inspection.plan, false);
  }

  /**
   * `?data=` files: fetched, inspected and loaded like a dropped file whose proposed mapping is
   * accepted at once (a remembered mapping wins). A file whose mapping needs the user waits in the
   * pending list; each failure is said in one sentence, the other files still load.
   */
  async loadUrls(urls: string[]) {
    const errors: Said[] = [];
    let loaded = 0;
    try {
      for (const raw of urls) {
        let input: InputFile;
        try {
          const got = await fetchDataUrl(raw, location.href);
          input = inputFromBlob(got.blob, got.name);
        } catch (e) {
          errors.push({ text: (e as Error).message });
          continue;
        }
        let inspection: Inspection;
        try {
          inspection = await inspectFile(input);
        } catch (e) {
          errors.push({ key: 'data.url.readFailed', params: { name: input.name, url: raw, message: (e as Error).message } });
          continue;
        }
        if (!inspection.plan) {
          errors.push(inspection.error
            ? { key: 'data.url.fromUrl', params: { error: inspection.error, url: raw } }
            : { key: 'data.url.notRecognised', params: { name: input.name, url: raw } });
          continue;
        }
        const recalled = recallMapping(inspection.signature, inspection.plan);
        const plan = recalled ?? inspection.plan;
        const problems = validatePlan(plan);
        if (problems.length) {
          this.pending.push({ key: ++this.keys, input, inspection, plan, remembered: !!recalled, error: problems.map((text) => ({ text })) });
          continue;
        }
        if (await this.runLoad(input, inspection, plan, false)) loaded++;
        else if (this.errors) errors.push(...this.errors);
      }
    } finally {
      if (loaded) this.announce();
      this.errors = errors.length ? errors : null;
    }
  }

  /** Sniff and preview dropped files; nothing heavy runs until the user confirms. */
  async addFiles(files: File[]) {
    this.errors = null;
    for (const file of files) {
      const input = inputFromBlob(file, file.name);
      let inspection: Inspection;
      try {
        inspection = await inspectFile(input);
      } catch (e) {
        this.pending.push({
          key: ++this.keys, input, inspection: failedInspection(file, e), plan: null, remembered: false, error: null,
          readError: { key: 'data.readFailed', params: { name: file.name, message: (e as Error).message } },
        });
        continue;
      }
      const recalled = inspection.plan ? recallMapping(inspection.signature, inspection.plan) : null;
      this.pending.push({
        key: ++this.keys, input, inspection, plan: recalled ?? inspection.plan, remembered: !!recalled, error: null,
      });
    }
  }

  dismiss(key: number) {
    this.pending = this.pending.filter((p) => p.key !== key);
  }

  problems(p: PendingFile): string[] {
    return p.plan ? validatePlan(p.plan) : [];
  }

  async confirm(key: number) {
    const p = this.pending.find((x) => x.key === key);
    if (!p || !p.plan) return;
    const plan = $state.snapshot(p.plan) as LoadPlan;
    const problems = validatePlan(plan);
    if (problems.length) {
      p.error = problems.map((text) => ({ text }));
      return;
    }
    const ok = await this.runLoad(p.input, p.inspection, plan);
    if (ok) {
      rememberMapping(p.inspection.signature, plan);
      this.dismiss(key);
    } else {
      p.error = this.errors;
    }
  }

  cancel() {
    this.active?.controller.abort();
  }

  /** The canonical tables changed: publish the new summary and let the analyses re-run. */
  private announce() {
    this.summary = this.session?.summary ?? null;
    this.dataVersion++;
  }

  /** `announce`: bump dataVersion (re-run the analyses) when done; a batch of loads announces once at its end. */
  private async runLoad(input: InputFile, inspection: Inspection, plan: LoadPlan, announce = true): Promise<boolean> {
    if (!this.session) return false;
    const controller = new AbortController();
    this.active = { fileName: plan.fileName, progress: { stage: 'reading', fraction: null }, startedAt: performance.now(), controller };
    try {
      await this.beforeChange?.();
      const report = await this.session.load(input, inspection, plan, (progress) => {
        if (this.active) this.active.progress = progress;
      }, controller.signal);
      this.reports = [...this.reports.filter((r) => r.fileName !== report.fileName), report];
      if (announce) this.announce();
      return true;
    } catch (e) {
      this.errors = [e instanceof LoadCancelled ? { text: e.message }
        : { key: 'data.loadFailed', params: { name: plan.fileName, message: (e as Error).message } }];
      return false;
    } finally {
      this.active = null;
    }
  }

  async removeFile(id: string) {
    await this.beforeChange?.();
    await this.session?.remove(id);
    this.reports = this.reports.filter((r) => r.id !== id);
    this.summary = this.session?.summary ?? null;
    this.dataVersion++;
  }

  async updateSettings(s: Partial<LoadSettings>) {
    if (!this.session) return;
    await this.beforeChange?.();
    await this.session.setSettings(s);
    this.settings = { ...this.session.settings };
    this.summary = this.session.summary;
    // Refund rule changes move rejects too; refresh counts.
    this.dataVersion++;
  }

  async rejectedRows(file: string, limit = 50): Promise<RejectRow[]> {
    return this.engine ? rejectRows(this.engine, file, limit) : [];
  }

  async rejectedCsv(file?: string): Promise<string> {
    return this.engine ? rejectsCsv(this.engine, file) : '';
  }
}

function failedInspection(file: File, e: unknown): Inspection {
  return {
    fileName: file.name, size: file.size, format: null, plan: null, warnings: [], missing: [], notes: [],
    error: `“${file.name}” could not be read: ${(e as Error).message}`, preview: { columns: [], rows: [] }, detectedTable: 'unknown',
    confidence: 0, signature: '',
  };
}

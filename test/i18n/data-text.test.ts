// Sentences the loader writes in English (src/data) reach the reader in their language.
import { afterEach, describe, expect, it } from 'vitest';
import { dataText } from '../../src/i18n/data-text';
import { setDigits, setLang } from '../../src/i18n/prefs.svelte';

const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

describe('loader sentences in the reader’s language', () => {
  afterEach(() => { setLang('en', false); setDigits('latn', false); });

  it('English is returned as it is', () => {
    expect(dataText('399 subscriptions started with a trial: no MRR before the trial ends.')).toBe('399 subscriptions started with a trial: no MRR before the trial ends.');
  });

  it('counts in Persian digits, fixed phrases translated, names kept', () => {
    setLang('fa', false);
    setDigits('native', false);
    expect(plain(dataText('399 subscriptions started with a trial: no MRR before the trial ends.'))).toBe('۳۹۹ اشتراک با دورهٔ آزمایشی آغاز شد: پیش از پایان دورهٔ آزمایشی MRR ندارند.');
    expect(plain(dataText('"تاریخ": day and month order cannot be told apart; read as day/month/year.'))).toBe('«تاریخ»: ترتیب روز و ماه قابل تشخیص نیست؛ به‌صورت روز/ماه/سال خوانده شد.');
    expect(dataText('Times are UTC.')).toBe('زمان‌ها به وقت UTC هستند.');
  });

  it('Arabic counts take their plural form', () => {
    setLang('ar', false);
    setDigits('native', false);
    expect(plain(dataText('2 unpaid or paused subscriptions: MRR counted up to their current period\'s start.'))).toMatch(/^اشتراكان غير مدفوعين/);
    expect(plain(dataText('11 rows with a negative amount were read as refunds of their order.'))).toMatch(/^١١ صفًا/);
  });

  it('inspection errors and reject details are translated too, the file\'s values kept', () => {
    setLang('fa', false);
    expect(dataText('This is an image, not a table. Export your orders as CSV, Parquet or JSON and drop that file.'))
      .toBe('این یک تصویر است، نه جدول. از سفارش‌ها خروجی CSV، Parquet یا JSON بگیرید و همان فایل را رها کنید.');
    setLang('ar', false);
    setDigits('native', false);
    expect(plain(dataText('too many fields: 7 instead of 5'))).toBe('حقول أكثر من اللازم: ٧ بدلًا من ٥');
    expect(plain(dataText('order T1 was already loaded from tab-separated.tsv'))).toBe('الطلب T1 حُمِّل من قبل من tab-separated.tsv');
  });

  it('the data store still offers it to components', async () => {
    expect((await import('../../src/app/data-store.svelte')).dataText).toBe(dataText);
  });

  it('a loader sentence passed as the error of a message is translated inside it', async () => {
    const { say } = await import('../../src/app/data-store.svelte');
    setLang('fa', false);
    const said = plain(say({ key: 'data.url.fromUrl', params: { error: 'This is an image, not a table. Export your orders as CSV, Parquet or JSON and drop that file.', url: 'https://x.test/a.png' } }));
    expect(said).toContain('این یک تصویر است، نه جدول.');
    expect(said).toContain('https://x.test/a.png');
    // an error from elsewhere (the browser, DuckDB) is passed on as it is
    expect(plain(say({ key: 'data.loadFailed', params: { name: 'a.csv', message: 'Out of Memory Error' } }))).toContain('Out of Memory Error');
  });

  it('a sentence the catalog does not know stays English', () => {
    setLang('fa', false);
    expect(dataText('Something new the loader says.')).toBe('Something new the loader says.');
  });
});

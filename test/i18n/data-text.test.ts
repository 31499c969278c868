// Sentences the loader writes in English (src/data) reach the reader in their language.
import { afterEach, describe, expect, it } from 'vitest';
import { dataText } from '../../src/app/data-store.svelte';
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

  it('a sentence the catalog does not know stays English', () => {
    setLang('fa', false);
    expect(dataText('Something new the loader says.')).toBe('Something new the loader says.');
  });
});

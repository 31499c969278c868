// @vitest-environment happy-dom
/**
 * The persona editor's suggestions in Persian (happy-dom): names, descriptions and figures in the
 * reader's language and digits; a suggestion taken fills the form in Persian, and the form keeps
 * those words when the language changes afterwards (they are the user's text from then on).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import PersonaEditor from '../../src/components/personas/PersonaEditor.svelte';
import type { ProfileField } from '../../src/analyses/personas';
import type { PersonaSuggestion } from '../../src/analyses/persona-suggestions';
import type { Persona } from '../../src/personas/rules';
import { setLang } from '../../src/i18n/prefs.svelte';

const FIELDS: ProfileField[] = [
  { name: 'orders', type: 'number', source: 'behaviour', label: 'orders (up to as-of)', customers: 10, min: 1, max: 9 },
  { name: 'first_channel', type: 'text', source: 'behaviour', label: 'first channel', customers: 10, values: [{ value: 'instagram', customers: 6 }] },
  { name: 'first_city', type: 'text', source: 'behaviour', label: 'first city', customers: 10, values: [{ value: 'Tehran', customers: 6 }] },
  { name: 'rfm_segment', type: 'text', source: 'behaviour', label: 'RFM segment', customers: 10, values: [{ value: 'Champions', customers: 3 }] },
];
const SUGGESTIONS: PersonaSuggestion[] = [
  {
    id: 'rfm-champions', rules: [{ field: 'rfm_segment', op: '=', value: 'Champions' }],
    label: { kind: 'rfm', segment: 'Champions', asOf: '2024-03-20' }, customers: 1647, share: 0.14196,
  },
  {
    id: 'first-instagram-tehran',
    rules: [{ field: 'first_channel', op: '=', value: 'instagram' }, { field: 'first_city', op: '=', value: 'Tehran' }],
    label: { kind: 'channel-city', channel: 'instagram', city: 'Tehran' }, customers: 1126, share: 0.097,
  },
];

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u2066-\u2069\u061c\u200e\u200f]/g, '').replace(/\s+/g, ' ').trim();

afterEach(() => {
  setLang('en', false);
  localStorage.clear();
});

describe('persona suggestions in Persian', () => {
  it('are listed in Persian and, once taken, fill the form in Persian for good', () => {
    setLang('fa', false);
    const el = document.createElement('div');
    document.body.appendChild(el);
    const saved: Persona[] = [];
    const c = mount(PersonaEditor, { target: el, props: { fields: FIELDS, suggestions: SUGGESTIONS, onsave: (p: Persona) => saved.push(p), oncancel: () => {} } });
    flushSync();

    expect(el.querySelector('.suggestions summary')?.textContent).toBe('شروع از یک پیشنهاد');
    const buttons = () => [...el.querySelectorAll<HTMLButtonElement>('[data-testid="persona-suggestion"]')];
    expect(buttons().map((b) => b.textContent)).toEqual(['قهرمانان', 'instagram · Tehran']);
    expect(buttons().map((b) => plain(b.title))).toEqual([
      'بخش RFM «قهرمانان» در تاریخ ۲۰۲۴/۰۳/۲۰: ۱٬۶۴۷ مشتری (۱۴٫۲٪).',
      'نخستین سفارش از کانال instagram، ارسال به Tehran: ۱٬۱۲۶ مشتری (۹٫۷٪).',
    ]);
    const items = [...el.querySelectorAll('.suggestions li')].map((li) => plain(li.textContent));
    expect(items[0]).toContain('۱٬۶۴۷ مشتری (۱۴٫۲٪)');
    expect(items[1]).toContain('۱٬۱۲۶ مشتری (۹٫۷٪)');
    for (const text of [...buttons().map((b) => b.textContent + ' ' + b.title), ...items]) expect(text).not.toMatch(/[0-9]/);

    buttons()[0].click();
    flushSync();
    const name = el.querySelector<HTMLInputElement>('[data-testid="persona-name"]')!;
    const description = el.querySelector<HTMLTextAreaElement>('[data-testid="persona-description"]')!;
    expect(name.value).toBe('قهرمانان');
    expect(plain(description.value)).toBe('بخش RFM «قهرمانان» در تاریخ ۲۰۲۴/۰۳/۲۰: ۱٬۶۴۷ مشتری (۱۴٫۲٪).');
    expect(el.querySelectorAll('[data-testid="persona-rule"]').length).toBe(1);

    // The reader switches to English: the list follows, the persona being made does not.
    setLang('en', false);
    flushSync();
    expect(buttons().map((b) => b.textContent)).toEqual(['Champions', 'instagram · Tehran']);
    expect(buttons()[0].title).toBe('RFM segment "Champions" on 2024-03-20: 1,647 customers (14.2%).');
    expect(name.value).toBe('قهرمانان');

    el.querySelector<HTMLButtonElement>('[data-testid="persona-save"]')!.click();
    flushSync();
    expect(saved.length).toBe(1);
    expect(saved[0].name).toBe('قهرمانان');
    expect(plain(saved[0].description)).toBe('بخش RFM «قهرمانان» در تاریخ ۲۰۲۴/۰۳/۲۰: ۱٬۶۴۷ مشتری (۱۴٫۲٪).');
    expect(saved[0].rules).toEqual([{ field: 'rfm_segment', op: '=', value: 'Champions' }]);
    unmount(c);
  });
});

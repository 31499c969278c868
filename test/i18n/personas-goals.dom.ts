// @vitest-environment happy-dom
/**
 * Personas and goals in Persian and Arabic (happy-dom): the rule editor's operators, labels and
 * validation messages, and a goal card's status, rule, figures and dates follow the language
 * (setLang), the digits and the display calendar; English comes back unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { toJalaali } from 'jalaali-js';
import PersonaEditor from '../../src/components/personas/PersonaEditor.svelte';
import GoalCard from '../../src/components/goals/GoalCard.svelte';
import GoalsPanel from '../../src/components/goals/GoalsPanel.svelte';
import { GoalsStore } from '../../src/app/goals-store.svelte';
import type { ProfileField } from '../../src/analyses/personas';
import type { GoalSeries } from '../../src/analyses/goal-series';
import { ALI_AND_NAZANIN } from '../../src/personas/samples';
import { SAMPLE_GOALS } from '../../src/goals/samples';
import { goalStatus } from '../../src/goals/status';
import { formatGoalValue } from '../../src/goals/view';
import { setDisplayCalendar, setLang } from '../../src/i18n/prefs.svelte';

const FIELDS: ProfileField[] = [
  { name: 'age', type: 'number', source: 'attribute', label: 'age', customers: 10, min: 16, max: 65 },
  { name: 'children', type: 'number', source: 'attribute', label: 'children', customers: 10, min: 0, max: 3 },
  { name: 'city', type: 'text', source: 'attribute', label: 'city', customers: 10, values: [{ value: 'Tehran', customers: 6 }, { value: 'Qom', customers: 4 }] },
  { name: 'orders', type: 'number', source: 'behaviour', label: 'orders (up to as-of)', customers: 10, min: 1, max: 9 },
];

function target() {
  const el = document.createElement('div');
  document.body.appendChild(el);
  return el;
}
const texts = (els: Iterable<Element>) => [...els].map((e) => e.textContent?.trim());
const PERSIAN_DIGITS = /[۰-۹]/;
const ARABIC_DIGITS = /[٠-٩]/;

afterEach(() => {
  setLang('en', false);
  setDisplayCalendar('gregorian');
  localStorage.clear();
});

describe('persona rule editor in Persian and Arabic', () => {
  it('operators, labels and validation messages follow the language; option values stay the operators', () => {
    const el = target();
    const c = mount(PersonaEditor, { target: el, props: { persona: ALI_AND_NAZANIN, fields: FIELDS, onsave: () => {}, oncancel: () => {} } });
    flushSync();
    const opSelect = (n: number) => el.querySelectorAll('[data-testid="persona-rule"]')[n - 1].querySelectorAll('select')[1] as HTMLSelectElement;
    const NUMBER_OPS = ['=', '≠', 'in', 'not in', '<', '≤', '>', '≥', 'between'];
    expect(texts(opSelect(1).options)).toEqual(NUMBER_OPS);
    expect(opSelect(1).getAttribute('aria-label')).toBe('Rule 1: operator');

    // A third rule on a text field, left empty: a validation message.
    (el.querySelector('[data-testid="persona-add-rule"]') as HTMLButtonElement).click();
    flushSync();
    const field = el.querySelectorAll('[data-testid="persona-rule"]')[2].querySelector('select') as HTMLSelectElement;
    field.value = 'city';
    field.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(texts(opSelect(3).options)).toEqual(['=', '≠', 'in', 'not in', 'contains']);
    expect(el.querySelector('[data-testid="persona-problems"]')?.textContent).toBe('Rule 3: city =: the value is empty.');

    setLang('fa', false);
    flushSync();
    expect(document.documentElement.dir).toBe('rtl');
    expect(texts(opSelect(1).options)).toEqual(['=', '≠', 'یکی از', 'هیچ‌یک از', '<', '≤', '>', '≥', 'بین']);
    expect([...opSelect(1).options].map((o) => o.value)).toEqual(NUMBER_OPS);
    expect(opSelect(1).value).toBe('between');
    expect(opSelect(2).value).toBe('≥');
    expect(texts(opSelect(3).options)).toEqual(['=', '≠', 'یکی از', 'هیچ‌یک از', 'شامل']);
    expect(opSelect(1).getAttribute('aria-label')).toBe('قاعدهٔ ۱: عملگر');
    expect(el.querySelector('#persona-editor-title')?.textContent).toContain('ویرایش پرسونای «');
    expect(el.querySelector('legend')?.textContent).toBe('قاعده‌ها (مشتری وقتی عضو است که همهٔ آن‌ها برقرار باشند)');
    const faProblem = el.querySelector('[data-testid="persona-problems"]')?.textContent ?? '';
    expect(faProblem).toMatch(/^قاعدهٔ /);
    expect(faProblem).toContain('۳');
    expect(faProblem).toContain('مقدار خالی است.');
    expect([...el.querySelector('[data-testid="persona-rule"]')!.querySelectorAll('optgroup')].map((g) => g.getAttribute('label'))).toEqual(['ویژگی‌های مشتری', 'رفتار']);
    // The behaviour field's label is translated; attribute names (data) are not.
    const fieldOptions = texts(el.querySelector('[data-testid="persona-rule"] select')!.querySelectorAll('option'));
    expect(fieldOptions).toEqual(['age', 'children', 'city', 'تعداد سفارش‌ها (تا تاریخ مبنا)']);
    // The SQL is not translated.
    expect((el.querySelector('[data-testid="persona-sql"]') as HTMLTextAreaElement).value).toBe('— برای دیدن پرس‌وجو، قاعده‌های بالا را اصلاح کنید —');

    setLang('ar', false);
    flushSync();
    expect(texts(opSelect(1).options)).toEqual(['=', '≠', 'ضمن', 'ليس ضمن', '<', '≤', '>', '≥', 'بين']);
    expect(texts(opSelect(3).options)).toEqual(['=', '≠', 'ضمن', 'ليس ضمن', 'يحتوي على']);
    expect(opSelect(1).getAttribute('aria-label')).toBe('القاعدة ١: العامل');
    expect(el.querySelector('[data-testid="persona-problems"]')?.textContent).toContain('القيمة فارغة.');
    expect((el.querySelector('[data-testid="persona-save"]') as HTMLButtonElement).textContent).toBe('حفظ');

    setLang('en', false);
    flushSync();
    expect(document.documentElement.dir).toBe('ltr');
    expect(texts(opSelect(1).options)).toEqual(NUMBER_OPS);
    expect(opSelect(1).getAttribute('aria-label')).toBe('Rule 1: operator');
    expect(el.querySelector('[data-testid="persona-problems"]')?.textContent).toBe('Rule 3: city =: the value is empty.');
    unmount(c);
  });
});

describe('goal card in Persian and Arabic', () => {
  // Goal 1 of the samples half-way: baseline 0% on 2026-04-30, 12% on 2026-07-31 → at risk.
  const goal = SAMPLE_GOALS[0];
  const series: GoalSeries = {
    goalId: goal.id, baseline: { day: '2026-04-30', value: 0, from: null, to: '2026-04-30', count: 0, of: 100 },
    points: [{ day: '2026-07-31', value: 0.12, from: '2026-05-01', to: '2026-07-31', count: 12, of: 100 }],
    lastDataDay: '2026-07-31', end: '2026-07-31', windowDays: 184, churnDays: 90,
  };
  const status = goalStatus(goal, series, (v) => formatGoalValue(v, 'share'));

  it('status, rule, figures and dates follow the language, the digits and the calendar', () => {
    const el = target();
    const c = mount(GoalCard, { target: el, props: { goal, result: { running: false, series, status, error: null }, onedit: () => {}, ondelete: () => {} } });
    flushSync();
    const q = (id: string) => el.querySelector(`[data-testid="${id}"]`)!;
    expect(q('goal-status').textContent).toBe('at risk');
    expect(q('goal-current').textContent).toBe('12.0%');
    expect(q('goal-rule').textContent).toMatch(/^At risk: the projection to 2026-10-31 is 24\.0%/);
    expect(q('goal-progress').getAttribute('aria-valuetext')).toBe('40% of the way: 12.0% of 30.0% (from 0.0%)');
    expect(el.textContent).toContain('2026-05-01 → 2026-10-31');

    setLang('fa', false);
    flushSync();
    expect(q('goal-status').textContent).toBe('در خطر');
    expect(q('goal-rule').textContent).toMatch(/^در خطر: پیش‌بینی تا /);
    expect(q('goal-rule').textContent).toContain('۲۰۲۶/۱۰/۳۱');
    expect(q('goal-current').textContent).toMatch(PERSIAN_DIGITS);
    expect(q('goal-current').textContent).not.toMatch(/[0-9]/);
    expect(q('goal-progress').getAttribute('aria-valuetext')).toMatch(/از راه/);
    expect(el.querySelector('h3 bdi')?.textContent).toBe(goal.name);
    expect(texts(el.querySelectorAll('dt')).map((s) => s?.split(' ')[0])).toEqual(['مقدار', 'مقدار', 'مقدار', 'پیش‌بینی']);
    expect(el.textContent).toContain('دوباره از ');
    expect(el.querySelector('button[aria-label^="ویرایش هدف "]')).not.toBeNull();

    // Jalali display calendar: the card's dates become Jalali (2026-10-31 = 1405/08/09).
    const j = toJalaali(2026, 10, 31);
    expect([j.jy, j.jm, j.jd]).toEqual([1405, 8, 9]);
    setDisplayCalendar('jalali');
    flushSync();
    expect(q('goal-rule').textContent).toContain('۱۴۰۵/۰۸/۰۹');
    expect(el.textContent).toContain('۱۴۰۵/۰۲/۱۱'); // the start, 2026-05-01
    setDisplayCalendar('gregorian');

    setLang('ar', false);
    flushSync();
    expect(q('goal-status').textContent).toBe('معرّض للخطر');
    expect(q('goal-rule').textContent).toMatch(/^معرّض للخطر: الإسقاط حتى /);
    expect(q('goal-current').textContent).toMatch(ARABIC_DIGITS);
    expect(q('goal-progress').getAttribute('aria-valuetext')).toMatch(/من الطريق/);

    setLang('en', false);
    flushSync();
    expect(q('goal-status').textContent).toBe('at risk');
    expect(q('goal-rule').textContent).toBe(status.rule);
    expect(q('goal-progress').getAttribute('aria-valuetext')).toBe('40% of the way: 12.0% of 30.0% (from 0.0%)');
    expect(el.textContent).toContain('2026-05-01 → 2026-10-31');
    unmount(c);
  });

  it('the status rules of the goals panel in every language', () => {
    const el = target();
    const store = new GoalsStore(SAMPLE_GOALS.map((g) => ({ ...g })));
    store.results[goal.id] = { running: false, series, status, error: null };
    const c = mount(GoalsPanel, { target: el, props: { store, engine: null } });
    flushSync();
    const states = () => texts(el.querySelectorAll('details li strong'));
    expect(states()).toEqual(['no data yet', 'achieved', 'missed', 'on track', 'at risk', 'off track']);
    expect(el.querySelector('h2')?.textContent).toBe('Goals');
    setLang('fa', false);
    flushSync();
    expect(states()).toEqual(['هنوز داده‌ای نیست', 'محقق شد', 'محقق نشد', 'در مسیر', 'در خطر', 'خارج از مسیر']);
    expect(el.querySelector('h2')?.textContent).toBe('اهداف');
    expect(el.querySelector('details li:nth-child(5)')?.textContent).toContain('۷۵٪');
    setLang('ar', false);
    flushSync();
    expect(states()).toEqual(['لا بيانات بعد', 'تحقق', 'لم يتحقق', 'على المسار', 'معرّض للخطر', 'خارج المسار']);
    expect(el.querySelector('h2')?.textContent).toBe('الأهداف');
    setLang('en', false);
    flushSync();
    expect(states()).toEqual(['no data yet', 'achieved', 'missed', 'on track', 'at risk', 'off track']);
    unmount(c);
  });
});

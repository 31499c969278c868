// @vitest-environment happy-dom
/**
 * The date picker (src/components/DateInput.svelte) mounted in happy-dom: the browser's date input
 * in the Gregorian calendar; in the Jalali calendar a text field that reads any digits and says why a
 * date does not exist, and a month grid with the date picker dialog's keyboard (mirrored in RTL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import DateInput from '../../src/components/DateInput.svelte';
import { prefs } from '../../src/i18n/prefs.svelte';
import { todayIso } from '../../src/i18n/jalali-grid';

type Props = { value?: string; min?: string; max?: string; required?: boolean; testid?: string; label?: string };

let target: HTMLElement;
let component: ReturnType<typeof mount> | null = null;
let changes: string[];

function setup(props: Props, p: Partial<typeof prefs> = {}) {
  Object.assign(prefs, { lang: 'en', digits: 'latn', calendar: 'jalali' }, p);
  changes = [];
  component = mount(DateInput, { target, props: { testid: 'day', label: 'Day', ...props, onchange: (iso: string) => changes.push(iso) } });
  flushSync();
}
const field = () => target.querySelector('[data-testid="day"]') as HTMLInputElement;
const opener = () => target.querySelector('button[aria-haspopup="dialog"]') as HTMLButtonElement;
const dialog = () => target.querySelector('[role="dialog"]') as HTMLElement | null;
const cell = (iso: string) => target.querySelector(`[role="gridcell"][data-iso="${iso}"]`) as HTMLElement;
const active = () => (document.activeElement as HTMLElement | null)?.getAttribute('data-iso');
const title = () => target.querySelector('[role="dialog"] .title')?.textContent;
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u2068\u2069]/g, '');

function type(text: string) {
  const input = field();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}
async function key(k: string, o: KeyboardEventInit = {}) {
  const el = document.activeElement as HTMLElement;
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...o }));
  flushSync();
  await tick();
}
async function openGrid() {
  opener().click();
  flushSync();
  await tick();
}

beforeEach(() => {
  target = document.createElement('div');
  document.body.appendChild(target);
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
  target.remove();
  Object.assign(prefs, { lang: 'en', digits: 'latn', calendar: 'gregorian' });
});

describe('Gregorian: the browser date input', () => {
  it('renders a native date input with the value, bounds and test id', () => {
    setup({ value: '2024-03-20', min: '2024-01-01', max: '2024-12-31', required: true }, { calendar: 'gregorian' });
    const input = field();
    expect(input.tagName).toBe('INPUT');
    expect(input.type).toBe('date');
    expect(input.value).toBe('2024-03-20');
    expect(input.getAttribute('min')).toBe('2024-01-01');
    expect(input.getAttribute('max')).toBe('2024-12-31');
    expect(input.required).toBe(true);
    expect(input.getAttribute('aria-label')).toBe('Day');
    expect(opener()).toBeNull();
    input.value = '2024-05-01';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(changes).toEqual(['2024-05-01']);
  });
});

describe('Jalali: the text field', () => {
  it('shows the value in the reader’s digits', () => {
    setup({ value: '2024-03-20' }, { lang: 'fa', digits: 'native' });
    expect(field().type).toBe('text');
    expect(field().value).toBe('۱۴۰۳/۰۱/۰۱');
    expect(field().getAttribute('aria-label')).toBe('Day');
  });

  it('typing Persian, Arabic-Indic or Latin digits sets the ISO value', () => {
    setup({}, { lang: 'fa', digits: 'native' });
    type('۱۴۰۳/۰۱/۰۱');
    expect(changes).toEqual(['2024-03-20']);
    expect(field().value).toBe('۱۴۰۳/۰۱/۰۱');
    type('١٤٠٣-١٢-٣٠');
    expect(changes.at(-1)).toBe('2025-03-20');
    type('1404.1.1');
    expect(changes.at(-1)).toBe('2025-03-21');
    expect(field().value).toBe('۱۴۰۴/۰۱/۰۱');
    expect(field().hasAttribute('aria-invalid')).toBe(false);
    type('');
    expect(changes.at(-1)).toBe('');
  });

  it('says why a date does not exist, and keeps the last good value', () => {
    setup({ value: '2024-03-20' });
    type('1402/12/30');
    expect(field().getAttribute('aria-invalid')).toBe('true');
    const error = target.querySelector('[data-testid="day-error"]')!;
    expect(error.textContent).toBe('1402/12/30 does not exist: 1402 is not a leap year');
    expect(field().getAttribute('aria-describedby')).toBe(error.id);
    expect(changes).toEqual([]);
    type('1403/07/31');
    expect(target.querySelector('[data-testid="day-error"]')!.textContent).toBe('1403/07/31 does not exist: Mehr has 30 days');
    type('15 Farvardin');
    expect(target.querySelector('[data-testid="day-error"]')!.textContent).toBe('Type the date as 1403/01/15');
    type('1403/12/30');
    expect(field().hasAttribute('aria-invalid')).toBe(false);
    expect(target.querySelector('[data-testid="day-error"]')).toBeNull();
    expect(changes).toEqual(['2025-03-20']);
  });

  it('the message follows the language and digits', () => {
    setup({}, { lang: 'fa', digits: 'native' });
    type('۱۴۰۲/۱۲/۳۰');
    expect(plain(target.querySelector('[data-testid="day-error"]')!.textContent)).toBe('۱۴۰۲/۱۲/۳۰ وجود ندارد: سال ۱۴۰۲ کبیسه نیست');
  });

  it('checks min and max', () => {
    setup({ min: '2024-03-20', max: '2024-04-19' });
    type('1402/12/29');
    expect(target.querySelector('[data-testid="day-error"]')!.textContent).toBe('Choose 1403/01/01 or later');
    type('1403/02/01');
    expect(target.querySelector('[data-testid="day-error"]')!.textContent).toBe('Choose 1403/01/31 or earlier');
    expect(changes).toEqual([]);
  });
});

describe('Jalali: the month grid', () => {
  it('opens on the selected day: Saturday-first headers, month name, selected and today marked', async () => {
    setup({ value: '2024-03-20' }, { lang: 'fa', digits: 'native' });
    expect(opener().getAttribute('aria-expanded')).toBe('false');
    expect(dialog()).toBeNull();
    await openGrid();
    expect(dialog()).not.toBeNull();
    expect(opener().getAttribute('aria-expanded')).toBe('true');
    const grid = dialog()!.querySelector('[role="grid"]')!;
    expect([...grid.querySelectorAll('thead th [aria-hidden="true"]')].map((e) => e.textContent)).toEqual(['ش', 'ی', 'د', 'س', 'چ', 'پ', 'ج']);
    expect(title()).toBe('فروردین ۱۴۰۳');
    expect(cell('2024-03-20').getAttribute('aria-selected')).toBe('true');
    expect(cell('2024-03-20').textContent).toBe('۱');
    expect(cell('2024-03-20').getAttribute('tabindex')).toBe('0');
    expect(active()).toBe('2024-03-20');
    // 1 Farvardin 1403 is a Wednesday: the 5th column.
    expect(cell('2024-03-20').parentElement!.children[4]).toBe(cell('2024-03-20'));
    expect(plain(cell('2024-03-20').getAttribute('aria-label'))).toBe('چهارشنبه ۱ فروردین ۱۴۰۳');
    expect(grid.querySelectorAll('[aria-selected="true"]').length).toBe(1);
  });

  it('with no value, opens on today, marked as the current date', async () => {
    setup({});
    await openGrid();
    const today = todayIso();
    expect(active()).toBe(today);
    expect(cell(today).getAttribute('aria-current')).toBe('date');
    expect(target.querySelectorAll('[aria-current="date"]').length).toBe(1);
  });

  it('keyboard in RTL: ArrowLeft is the next day; pages by month and year; Home/End; Enter chooses', async () => {
    setup({ value: '2024-03-20' }, { lang: 'fa', digits: 'native' });
    await openGrid();
    await key('ArrowLeft');
    expect(active()).toBe('2024-03-21');
    await key('ArrowRight');
    await key('ArrowRight');
    expect(active()).toBe('2024-03-19'); // 1402/12/29: the grid shows Esfand 1402 now
    expect(title()).toBe('اسفند ۱۴۰۲');
    await key('ArrowDown');
    expect(active()).toBe('2024-03-26');
    await key('ArrowUp');
    expect(active()).toBe('2024-03-19');
    await key('PageDown');
    expect(active()).toBe('2024-04-17'); // 1403/01/29
    expect(title()).toBe('فروردین ۱۴۰۳');
    await key('PageDown', { shiftKey: true });
    expect(title()).toBe('فروردین ۱۴۰۴');
    await key('PageUp', { shiftKey: true });
    await key('PageUp');
    expect(active()).toBe('2024-03-19');
    await key('Home');
    expect(active()).toBe('2024-03-16'); // Saturday
    await key('End');
    expect(active()).toBe('2024-03-22'); // Friday
    await key('Enter');
    expect(changes).toEqual(['2024-03-22']);
    expect(dialog()).toBeNull();
    expect(field().value).toBe('۱۴۰۳/۰۱/۰۳');
    expect(document.activeElement).toBe(opener());
  });

  it('keyboard in LTR: ArrowLeft is the previous day; Space chooses', async () => {
    setup({ value: '2024-03-20' });
    await openGrid();
    expect([...target.querySelectorAll('thead th [aria-hidden="true"]')].map((e) => e.textContent)).toEqual(['Sa', 'Su', 'Mo', 'Tu', 'We', 'Th', 'Fr']);
    expect(title()).toBe('Farvardin 1403');
    await key('ArrowLeft');
    expect(active()).toBe('2024-03-19');
    await key(' ');
    expect(changes).toEqual(['2024-03-19']);
  });

  it('previous/next month and year buttons', async () => {
    setup({ value: '2025-03-20' }); // 1403/12/30
    await openGrid();
    expect(title()).toBe('Esfand 1403');
    (target.querySelector('button[aria-label="Next month"]') as HTMLButtonElement).click();
    flushSync();
    expect(title()).toBe('Farvardin 1404');
    (target.querySelector('button[aria-label="Previous year"]') as HTMLButtonElement).click();
    flushSync();
    expect(title()).toBe('Farvardin 1403');
    (target.querySelector('button[aria-label="Previous month"]') as HTMLButtonElement).click();
    (target.querySelector('button[aria-label="Next year"]') as HTMLButtonElement).click();
    flushSync();
    expect(title()).toBe('Esfand 1403');
    expect(target.querySelectorAll('tbody [role="gridcell"]:not(.outside)').length).toBe(30);
  });

  it('clicking a day chooses it', async () => {
    setup({ value: '2024-03-20' });
    await openGrid();
    cell('2024-04-01').click();
    flushSync();
    expect(changes).toEqual(['2024-04-01']);
    expect(field().value).toBe('1403/01/13');
    expect(dialog()).toBeNull();
  });

  it('min and max disable days, buttons and clamp the keyboard', async () => {
    setup({ value: '2024-03-28', min: '2024-03-25', max: '2024-04-05' });
    await openGrid();
    expect(cell('2024-03-24').getAttribute('aria-disabled')).toBe('true');
    expect(cell('2024-03-25').hasAttribute('aria-disabled')).toBe(false);
    expect(cell('2024-04-05').hasAttribute('aria-disabled')).toBe(false);
    expect(cell('2024-04-06').getAttribute('aria-disabled')).toBe('true');
    expect((target.querySelector('button[aria-label="Previous month"]') as HTMLButtonElement).disabled).toBe(true);
    expect((target.querySelector('button[aria-label="Next month"]') as HTMLButtonElement).disabled).toBe(true);
    expect((target.querySelector('button[aria-label="Previous year"]') as HTMLButtonElement).disabled).toBe(true);
    cell('2024-03-24').click();
    flushSync();
    expect(changes).toEqual([]);
    expect(dialog()).not.toBeNull();
    await key('PageUp');
    expect(active()).toBe('2024-03-25');
    await key('PageDown');
    expect(active()).toBe('2024-04-05');
  });

  it('Escape closes and returns focus to the button; pressing outside closes', async () => {
    setup({ value: '2024-03-20' });
    await openGrid();
    await key('Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(opener());
    expect(changes).toEqual([]);
    await openGrid();
    expect(dialog()).not.toBeNull();
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    flushSync();
    expect(dialog()).toBeNull();
  });

  it('Alt+ArrowDown in the field opens the grid', async () => {
    setup({ value: '2024-03-20' });
    field().focus();
    await key('ArrowDown', { altKey: true });
    expect(dialog()).not.toBeNull();
    expect(active()).toBe('2024-03-20');
  });
});

// @vitest-environment happy-dom
/**
 * The persona components mounted in happy-dom: the cards show each persona's figures, compare
 * mode shows the table, and the editor validates, shows the generated SQL and hands back the persona.
 */
import { describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import PersonaCards from '../../src/components/personas/PersonaCards.svelte';
import PersonaEditor from '../../src/components/personas/PersonaEditor.svelte';
import type { PersonaFigures, PersonasResult, ProfileField } from '../../src/analyses/personas';
import type { Persona } from '../../src/personas/rules';
import { ALI_AND_NAZANIN } from '../../src/personas/samples';

function figures(id: string, name: string, customers: number): PersonaFigures {
  return {
    id, name, description: `${name} description`, rules: 'age between 30 and 45', customers, share: customers / 10, orders: customers * 2,
    revenue: customers * 200, revenueShare: customers / 10, aov: 100, purchaseFrequency: 2, repeatCustomers: 1, repeatCustomerRate: 0.5,
    notYetAtRisk: 0, atRisk: customers, churned: 1, churnRate: 0.25, customerValue: 200, customerValuePerYear: 400, avgLifespanDays: 30,
    avgLifespanYears: 30 / 365.25, historicCltv: 32.85, nps: { responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 },
    csat: { responses: 0, satisfied: 0, csat: null }, preferredChannel: { channel: 'instagram', customers: 2, share: 0.5 },
    topProducts: [{ product: 'Jersey', orders: 3, customers: 2, revenue: 300 }], retention: [1, 0.4, 0.3], retentionSize: [4, 4, 3],
  };
}
const RESULT: PersonasResult = {
  asOf: '2024-03-31', observedDays: 87, period: 'month', all: figures('*', 'All customers', 10),
  personas: [figures('a', 'Alpha', 4), figures('b', 'Beta', 3)], overlap: [[4, 1], [1, 3]],
};
const FIELDS: ProfileField[] = [
  { name: 'age', type: 'number', source: 'attribute', label: 'age', customers: 10, min: 16, max: 65 },
  { name: 'children', type: 'number', source: 'attribute', label: 'children', customers: 10, min: 0, max: 3 },
  { name: 'city', type: 'text', source: 'attribute', label: 'city', customers: 10, values: [{ value: 'Tehran', customers: 6 }, { value: 'Qom', customers: 4 }] },
  { name: 'orders', type: 'number', source: 'behaviour', label: 'orders (up to as-of)', customers: 10, min: 1, max: 9 },
];

describe('PersonaCards', () => {
  it('a card per persona with its figures, the compare table and the overlap matrix', () => {
    const target = document.createElement('div');
    document.body.appendChild(target);
    const removed: string[] = [];
    const c = mount(PersonaCards, { target, props: { result: RESULT, currency: 'USD', onremove: (id: string) => removed.push(id) } });
    flushSync();
    const cards = target.querySelectorAll('[data-testid="persona-card"]');
    expect(cards.length).toBe(2);
    expect(cards[0].querySelector('h3')?.textContent).toBe('Alpha');
    expect(cards[0].textContent).toContain('40.0% of customers');
    expect(cards[0].textContent).toContain('instagram (50.0%)');
    expect(cards[0].textContent).toContain('Jersey');
    expect(target.querySelector('[data-testid="persona-overlap"]')).not.toBeNull();
    (target.querySelector('button[aria-label="Remove Beta"]') as HTMLButtonElement).click();
    expect(removed).toEqual(['b']);
    (target.querySelector('[data-testid="persona-compare"]') as HTMLInputElement).click();
    flushSync();
    const table = target.querySelector('[data-testid="persona-compare-table"]')!;
    expect([...table.querySelectorAll('thead th')].map((t) => t.textContent)).toEqual(['Figure', 'Alpha', 'Beta', 'All customers']);
    expect(table.textContent).toContain('Churn rate');
    unmount(c);
  });
});

describe('PersonaEditor', () => {
  it('edits, validates, shows the SQL and saves', () => {
    const target = document.createElement('div');
    document.body.appendChild(target);
    const saved: Persona[] = [];
    const c = mount(PersonaEditor, { target, props: { persona: ALI_AND_NAZANIN, fields: FIELDS, onsave: (p: Persona) => saved.push(p), oncancel: () => {} } });
    flushSync();
    expect((target.querySelector('[data-testid="persona-name"]') as HTMLInputElement).value).toBe('Ali and Nazanin');
    expect(target.querySelectorAll('[data-testid="persona-rule"]').length).toBe(2);
    expect((target.querySelector('[data-testid="persona-sql"]') as HTMLTextAreaElement).value).toContain('"age" BETWEEN 30 AND 45');
    (target.querySelector('[data-testid="persona-save"]') as HTMLButtonElement).click();
    flushSync();
    expect(saved).toEqual([ALI_AND_NAZANIN]);

    (target.querySelector('[data-testid="persona-add-rule"]') as HTMLButtonElement).click();
    flushSync();
    expect(target.querySelectorAll('[data-testid="persona-rule"]').length).toBe(3);
    expect(target.querySelector('[data-testid="persona-problems"]')?.textContent).toContain('Rule 3: age between: give two numbers');
    (target.querySelector('[data-testid="persona-save"]') as HTMLButtonElement).click();
    flushSync();
    expect(saved.length).toBe(1); // invalid: not saved
    (target.querySelector('button[aria-label="Remove rule 3"]') as HTMLButtonElement).click();
    flushSync();
    expect(target.querySelector('[data-testid="persona-problems"]')).toBeNull();
    unmount(c);
  });
});

describe('PersonasStore', () => {
  it('keeps the list: save adds or replaces by id, remove, set', async () => {
    const { PersonasStore } = await import('../../src/app/personas-store.svelte');
    const { SAEED } = await import('../../src/personas/samples');
    const s = new PersonasStore([SAEED]);
    expect(s.personas.map((p) => p.id)).toEqual(['saeed']);
    s.save(ALI_AND_NAZANIN);
    s.save({ ...SAEED, name: 'Saeed 2' });
    expect(s.personas.map((p) => p.name)).toEqual(['Saeed 2', 'Ali and Nazanin']);
    s.remove('saeed');
    expect(s.personas.map((p) => p.id)).toEqual(['ali-and-nazanin']);
    s.set([SAEED, ALI_AND_NAZANIN]);
    expect(s.personas.length).toBe(2);
    expect(s.personas[0]).not.toBe(SAEED); // a copy
    expect(s.results.value).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { applyOverride, parseMappingFile } from '../../src/cli/mapping-file';
import { EXIT, ReportError } from '../../src/cli/errors';
import type { LoadPlan } from '../../src/data/load/plan';

const parse = (doc: unknown) => parseMappingFile(typeof doc === 'string' ? doc : JSON.stringify(doc), 'map.json');
function failure(run: () => unknown): ReportError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ReportError);
    expect((e as ReportError).exitCode).toBe(EXIT.input);
    return e as ReportError;
  }
  throw new Error('expected an error');
}

const plan: LoadPlan = {
  fileName: 'bestellungen.csv',
  read: { format: 'csv', encoding: 'utf-8', delimiter: ';', hasHeader: true, columns: ['Bestellung', 'Kunde', 'Datum', 'Betrag'] },
  table: 'orders', preset: null, mapping: { order_id: 'Bestellung' }, date: { format: 'ymd', calendar: 'gregorian' },
  amountStyle: 'dot-decimal', currency: null, lineItems: false,
};

describe('mapping file', () => {
  it('accepts the documented format and normalises the currency', () => {
    const m = parse({
      orders: { mapping: { customer_id: 'Kunde', ordered_at: 'Datum', amount: 'Betrag', status: null }, date: { format: 'dmy' }, amountStyle: 'comma-decimal', currency: 'eur' },
      responses: { mapping: { score: 'Note' } },
      customers: { mapping: { age: 'Alter' } },
    });
    expect(m.orders!.currency).toBe('EUR');
    expect(m.orders!.date).toEqual({ format: 'dmy' });
    expect(m.responses!.mapping).toEqual({ score: 'Note' });
  });

  it('rejects what it does not know, naming it', () => {
    expect(failure(() => parse('{ "orders": ')).message).toMatch(/map\.json.*not valid JSON/);
    expect(failure(() => parse([])).message).toMatch(/must be a JSON object/);
    expect(failure(() => parse({ order: {} })).message).toMatch(/unknown table "order"/);
    expect(failure(() => parse({ orders: { maping: {} } })).message).toMatch(/unknown key "orders\.maping"/);
    expect(failure(() => parse({ orders: { mapping: { kunde: 'Kunde', customer_id: 'K' } } })).message).toMatch(/unknown role "kunde" for orders; the roles are order_id, customer_id/);
    expect(failure(() => parse({ responses: { mapping: { amount: 'x' } } })).message).toMatch(/unknown role "amount" for responses/);
    expect(failure(() => parse({ orders: { mapping: { amount: 3 } } })).message).toMatch(/"orders\.mapping\.amount" must be a column name or null/);
    expect(failure(() => parse({ orders: { date: { format: 'dd.mm.yyyy' } } })).message).toMatch(/date\.format" must be one of ymd, ymd-compact, dmy/);
    expect(failure(() => parse({ orders: { date: { calendar: 'julian' } } })).message).toMatch(/gregorian or jalali/);
    expect(failure(() => parse({ orders: { amountStyle: 'comma' } })).message).toMatch(/dot-decimal, comma-decimal/);
    expect(failure(() => parse({ orders: { currency: 'Euro' } })).message).toMatch(/three-letter code/);
    expect(failure(() => parse({ orders: { lineItems: 'yes' } })).message).toMatch(/true or false/);
  });

  it('applies to a plan: merges roles, null removes one, conventions replaced', () => {
    const o = parse({ orders: { mapping: { customer_id: 'Kunde', ordered_at: 'Datum', amount: 'Betrag', order_id: null }, date: { format: 'dmy' }, amountStyle: 'comma-decimal', currency: 'EUR' } }).orders!;
    const { plan: p, mappedRoles } = applyOverride(plan, o, 'map.json');
    expect(p.mapping).toEqual({ order_id: null, customer_id: 'Kunde', ordered_at: 'Datum', amount: 'Betrag' });
    expect(p.date).toEqual({ format: 'dmy', calendar: 'gregorian' });
    expect(p).toMatchObject({ amountStyle: 'comma-decimal', currency: 'EUR', lineItems: false });
    expect(mappedRoles).toEqual(['customer_id', 'ordered_at', 'amount']);
    expect(plan.mapping).toEqual({ order_id: 'Bestellung' }); // not mutated
  });

  it('names the columns the file does not have, and suggests near misses', () => {
    const o = parse({ orders: { mapping: { customer_id: 'kunde', amount: 'Summe' } } }).orders!;
    const m = failure(() => applyOverride(plan, o, 'map.json')).message;
    expect(m).toContain('“kunde” (customer_id), did you mean “Kunde”?');
    expect(m).toContain('“Summe” (amount)');
    expect(m).toContain('The file\'s columns are: “Bestellung”, “Kunde”, “Datum”, “Betrag”.');
  });
});

import { describe, expect, it } from 'vitest';
import {
  describePersonaRules, describeRule, personaId, personaMembersSql, validatePersona, validateRule, type FieldInfo, type Persona,
} from '../../src/personas/rules';
import { ALI_AND_NAZANIN, SAEED } from '../../src/personas/samples';

const FIELDS: FieldInfo[] = [
  { name: 'age', type: 'number' }, { name: 'marital_status', type: 'text' }, { name: 'children', type: 'number' },
  { name: 'favourite_club', type: 'text' }, { name: 'city', type: 'text' }, { name: 'we"ird', type: 'text' },
];
const persona = (rules: Persona['rules']): Persona => ({ id: 'p', name: 'P', description: '', rules });

describe('describeRule', () => {
  it('reads like the rule', () => {
    expect(describeRule({ field: 'age', op: 'between', value: [20, 32] })).toBe('age between 20 and 32');
    expect(describeRule({ field: 'children', op: '≥', value: 1 })).toBe('children ≥ 1');
    expect(describeRule({ field: 'favourite_club', op: 'in', value: ['Arsenal', 'Chelsea'] })).toBe('favourite_club in Arsenal, Chelsea');
    expect(describeRule({ field: 'city', op: 'contains', value: 'teh' })).toBe('city contains "teh"');
    expect(describeRule({ field: 'spend', op: '>', value: 1500000 })).toBe('spend > 1,500,000');
    expect(describePersonaRules(ALI_AND_NAZANIN)).toBe('age between 30 and 45 and children ≥ 1');
    expect(describePersonaRules(persona([]))).toBe('every customer');
  });
});

describe('validation', () => {
  it('names the problem', () => {
    expect(validateRule({ field: 'shoe', op: '=', value: 1 }, FIELDS)[0]).toMatch(/^Unknown field "shoe"/);
    expect(validateRule({ field: 'city', op: '>', value: 1 }, FIELDS)[0]).toBe('">" does not apply to city, a text field (use =, ≠, in, not in, contains).');
    expect(validateRule({ field: 'age', op: 'contains', value: '2' }, FIELDS)[0]).toMatch(/does not apply to age, a number field/);
    expect(validateRule({ field: 'city', op: 'in', value: [] }, FIELDS)).toEqual(['city in: the list is empty; pick at least one value.']);
    expect(validateRule({ field: 'age', op: 'between', value: [40, 30] }, FIELDS)[0]).toMatch(/low end 40 is above the high end 30/);
    expect(validateRule({ field: 'age', op: 'between', value: 3 }, FIELDS)[0]).toMatch(/two numbers/);
    expect(validateRule({ field: 'age', op: '=', value: 'old' }, FIELDS)[0]).toMatch(/must be a number/);
    expect(validateRule({ field: 'age', op: '<', value: Number.NaN }, FIELDS)[0]).toMatch(/must be a number/);
    expect(validateRule({ field: 'city', op: '=', value: '' }, FIELDS)[0]).toMatch(/empty/);
    expect(validateRule({ field: 'city', op: '=', value: ['a'] }, FIELDS)[0]).toMatch(/not a list/);
    expect(validatePersona({ ...persona([{ field: 'x', op: '=', value: 1 }]), name: ' ' }, FIELDS))
      .toEqual(['The persona needs a name.', 'Rule 1: Unknown field "x" (available: age, marital_status, children, favourite_club, city, we"ird).']);
    expect(validatePersona(SAEED, FIELDS)).toEqual([]);
  });
});

describe('personaMembersSql', () => {
  it('builds the query with quoted identifiers and literals only', () => {
    expect(personaMembersSql(ALI_AND_NAZANIN, FIELDS)).toBe(
      'SELECT customer_id FROM "rn_customer_profile"\nWHERE ("age" BETWEEN 30 AND 45) IS TRUE\n  AND ("children" >= 1) IS TRUE');
    const sql = personaMembersSql(persona([
      { field: 'we"ird', op: 'not in', value: ["O'Brien", 'x'] },
      { field: 'city', op: 'contains', value: "'; DROP TABLE orders; --" },
      { field: 'city', op: '≠', value: 'Qom' },
    ]), FIELDS);
    expect(sql).toContain(`("we""ird" NOT IN ('O''Brien', 'x')) IS TRUE`);
    expect(sql).toContain(`contains(lower("city"), lower('''; DROP TABLE orders; --'))`);
    expect(sql).toContain(`("city" <> 'Qom') IS TRUE`);
    expect(personaMembersSql(persona([]), FIELDS)).toBe('SELECT customer_id FROM "rn_customer_profile"\nWHERE TRUE');
    expect(() => personaMembersSql(persona([{ field: 'city', op: 'in', value: [] }]), FIELDS)).toThrow(/list is empty/);
  });

  it('text fields compare as text also when a number is typed', () => {
    expect(personaMembersSql(persona([{ field: 'city', op: '=', value: 12 }]), FIELDS)).toContain(`"city" = '12'`);
  });
});

describe('personaId', () => {
  it('slugs the name and avoids taken ids', () => {
    expect(personaId('Ali and Nazanin')).toBe('ali-and-nazanin');
    expect(personaId('Saeed', ['saeed', 'saeed-2'])).toBe('saeed-3');
    expect(personaId('  ')).toBe('persona');
    expect(personaId('Café fans')).toBe('cafe-fans');
    expect(personaId('سعید', ['persona'])).toBe('persona-2'); // ids stay plain ASCII (saved notebooks)
    expect(personaId('x'.repeat(100)).length).toBeLessThanOrEqual(60);
  });
});

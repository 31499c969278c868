// Which notebook the page opens, and whether it is someone else's (then its SQL runs locked).
import { describe, expect, it } from 'vitest';
import { openingNotebook } from '../../src/app/notebook-store.svelte';
import { defaultReport } from '../../src/notebook/default-report';
import { notebookToHash } from '../../src/share/link';
import { AUTOSAVE_KEY, BACKUP_KEY, loadBackedUpNotebook, saveNotebook } from '../../src/notebook/autosave';
import { UNTRUSTED_KEY, readUntrustedMark, writeUntrustedMark } from '../../src/share/lockdown';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const mine = () => ({ ...defaultReport(), title: 'Mine' });
const theirs = () => ({ ...defaultReport(), title: 'Theirs' });

describe('opening notebook', () => {
  it('own autosaved notebook: unlocked; nothing saved: the built-in report', () => {
    const s = memoryStorage();
    expect(openingNotebook('', s)).toMatchObject({ fromElsewhere: false, fromLink: false, notice: null });
    expect(openingNotebook('', s).doc.title).toBe('Retention report');
    saveNotebook(mine(), s);
    expect(openingNotebook('', s)).toMatchObject({ fromElsewhere: false, doc: { title: 'Mine' } });
  });

  it('a share link wins over the autosave and is someone else’s', () => {
    const s = memoryStorage();
    saveNotebook(mine(), s);
    const o = openingNotebook(notebookToHash(theirs()), s);
    expect(o).toMatchObject({ fromElsewhere: true, fromLink: true, doc: { title: 'Theirs' } });
    expect(o.notice?.text).toMatch(/from the link/);
  });

  it('a garbled link is refused with a notice; the own notebook opens unlocked', () => {
    const s = memoryStorage();
    saveNotebook(mine(), s);
    const o = openingNotebook('#nb=AAAA', s);
    expect(o).toMatchObject({ fromElsewhere: false, fromLink: false, doc: { title: 'Mine' }, notice: { bad: true } });
  });

  it('an autosaved copy of someone else’s notebook stays locked until the mark is removed', () => {
    const s = memoryStorage();
    writeUntrustedMark(true, s);
    saveNotebook(theirs(), s);
    expect(readUntrustedMark(s)).toBe(true);
    expect(openingNotebook('', s)).toMatchObject({ fromElsewhere: true, doc: { title: 'Theirs' } });
    writeUntrustedMark(false, s);
    expect(s.getItem(UNTRUSTED_KEY)).toBeNull();
    expect(openingNotebook('', s)).toMatchObject({ fromElsewhere: false });
    // a mark without a readable document locks nothing (the built-in report opens)
    writeUntrustedMark(true, s);
    s.setItem(AUTOSAVE_KEY, '{broken');
    expect(openingNotebook('', s)).toMatchObject({ fromElsewhere: false, doc: { title: 'Retention report' } });
  });

  it('opening a link sets one’s own autosaved notebook aside (and only an own one)', () => {
    const s = memoryStorage();
    saveNotebook(mine(), s);
    openingNotebook(notebookToHash(theirs()), s);
    expect(loadBackedUpNotebook(s)?.title).toBe('Mine');
    // the link's notebook is then autosaved, marked as someone else's; a second link keeps the first backup
    writeUntrustedMark(true, s);
    saveNotebook(theirs(), s);
    openingNotebook(notebookToHash({ ...theirs(), title: 'Third' }), s);
    expect(loadBackedUpNotebook(s)?.title).toBe('Mine');
  });

  it('nothing saved, or a garbled link: nothing is set aside', () => {
    const s = memoryStorage();
    openingNotebook(notebookToHash(theirs()), s);
    expect(s.getItem(BACKUP_KEY)).toBeNull();
    saveNotebook(mine(), s);
    openingNotebook('#nb=AAAA', s);
    expect(s.getItem(BACKUP_KEY)).toBeNull();
  });

  it('a Persian reader’s built-in report starts in the Jalali calendar, in Persian', () => {
    expect(defaultReport('fa')).toMatchObject({ title: 'گزارش نگهداری مشتری', params: { calendar: 'jalali' } });
    expect(defaultReport('ar').params.calendar).toBe('gregorian');
    expect(defaultReport().title).toBe('Retention report');
    // The seeds' personas and goals by their Persian names, with the same rules and targets.
    const fa = defaultReport('fa'), en = defaultReport();
    expect(fa.personas.map((p) => p.name)).toEqual(['سعید', 'علی و نازنین']);
    expect(fa.personas.map((p) => p.rules)).toEqual(en.personas.map((p) => p.rules));
    expect(fa.goals.map((g) => [g.metric, g.target, g.start, g.deadline])).toEqual(en.goals.map((g) => [g.metric, g.target, g.start, g.deadline]));
    expect(defaultReport('ar').personas[1].name).toBe('علي ونازنين');
  });
});

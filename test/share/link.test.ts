import { describe, expect, it } from 'vitest';
import { defaultReport } from '../../src/notebook/default-report';
import { LINK_WARN_BYTES, ShareLinkError, linkBytes, notebookFromHash, notebookToHash, shareUrl } from '../../src/share/link';
import { readNotebook } from '../../src/notebook/serialise';

describe('share links', () => {
  it('round-trips the built-in report exactly (cells, params, personas, goals)', () => {
    const nb = defaultReport();
    nb.params.period = 'quarter';
    nb.params.churnDays = 45;
    nb.params.segment = nb.personas[0].id;
    nb.cells[0] = { ...nb.cells[0], collapsed: true };
    const hash = notebookToHash(nb);
    expect(hash.startsWith('#nb=')).toBe(true);
    expect(hash.slice(4)).toMatch(/^[A-Za-z0-9_-]+$/); // base64url: safe in a URL as is
    const back = notebookFromHash(hash);
    expect(back).toEqual(readNotebook(JSON.parse(JSON.stringify(nb))));
    expect(back.personas.length).toBeGreaterThan(0);
    expect(back.goals.length).toBeGreaterThan(0);
    expect(notebookFromHash(hash.slice(1))).toEqual(back); // without the leading '#'
  });

  it('keeps non-Latin text (Persian markdown, emoji)', () => {
    const nb = defaultReport();
    nb.title = 'گزارش بازگشت مشتری 📈';
    nb.cells[0] = { id: 'intro', kind: 'markdown', source: '# مشتریان\n\nسلام' };
    expect(notebookFromHash(notebookToHash(nb)).title).toBe(nb.title);
  });

  it("the built-in report's link is well under the warning size", () => {
    const url = shareUrl(defaultReport(), 'https://example.org/team/retention/?data=https://example.org/o.csv#old');
    expect(url.startsWith('https://example.org/team/retention/?data=https://example.org/o.csv#nb=')).toBe(true);
    expect(linkBytes(url)).toBeLessThan(LINK_WARN_BYTES);
    expect(LINK_WARN_BYTES).toBe(8192);
  });

  it('carries no data: only the document', () => {
    const hash = notebookToHash(defaultReport());
    const json = JSON.stringify(notebookFromHash(hash));
    expect(Object.keys(JSON.parse(json)).sort()).toEqual(['cells', 'goals', 'params', 'personas', 'title', 'version']);
  });

  it('says clearly when a link is cut off or garbled', () => {
    const hash = notebookToHash(defaultReport());
    expect(() => notebookFromHash(hash.slice(0, Math.floor(hash.length / 2)))).toThrow(ShareLinkError);
    expect(() => notebookFromHash(hash.slice(0, Math.floor(hash.length / 2)))).toThrow(/cut off/);
    expect(() => notebookFromHash('#nb=' + 'A'.repeat(40))).toThrow(/garbled/);
    expect(() => notebookFromHash('#nb=abc$%^')).toThrow(/garbled|characters/);
    expect(() => notebookFromHash('#nb=')).toThrow(/cut off/);
    expect(() => notebookFromHash('#section-2')).toThrow(/not a share link/);
  });

  it('refuses a well-formed link whose notebook is invalid, with the reason', () => {
    const bad = { ...defaultReport(), cells: [{ id: 'x', kind: 'python' }] } as never;
    expect(() => notebookFromHash(notebookToHash(bad))).toThrow(/does not open.*unknown kind "python"/);
  });
});

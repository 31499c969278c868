/**
 * The SQL editor of a SQL cell: CodeMirror 6 with SQL highlighting and completion of the
 * loaded tables, views and their columns; Shift+Enter (or Ctrl/Cmd+Enter) runs the cell.
 * Always left to right, also in a Persian or Arabic page (SQL is written left to right).
 */
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { sql, PostgreSQL } from '@codemirror/lang-sql';

export interface SqlEditor {
  setSchema(schema: Record<string, string[]>): void;
  /** Put the cursor at a 1-based line and column and focus the editor. */
  goTo(line: number, column?: number): void;
  destroy(): void;
}

const theme = EditorView.theme({
  '&': { fontSize: '0.85rem', backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)', borderRadius: '6px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', border: 'none' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)' },
});

export function createSqlEditor(parent: HTMLElement, o: { doc: string; label: string; onchange: (doc: string) => void; onrun: () => void }): SqlEditor {
  const lang = new Compartment();
  const run = () => { o.onrun(); return true; };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        Prec.highest(keymap.of([{ key: 'Shift-Enter', run }, { key: 'Mod-Enter', run }])),
        basicSetup,
        lang.of(sql({ dialect: PostgreSQL, upperCaseKeywords: true })),
        theme,
        EditorView.editorAttributes.of({ dir: 'ltr' }),
        EditorView.contentAttributes.of({ 'aria-label': o.label, dir: 'ltr' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) o.onchange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    setSchema(schema) {
      view.dispatch({ effects: lang.reconfigure(sql({ dialect: PostgreSQL, upperCaseKeywords: true, schema })) });
    },
    goTo(line, column = 1) {
      const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
      view.dispatch({ selection: { anchor: Math.min(l.from + column - 1, l.to) }, scrollIntoView: true });
      view.focus();
    },
    destroy() { view.destroy(); },
  };
}

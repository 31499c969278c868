import type { Engine } from '../engine/engine';
import { profileFields, runPersonas, type PersonaOptions, type PersonasResult, type ProfileField } from '../analyses/personas';
import { suggestPersonas, type PersonaSuggestion } from '../analyses/persona-suggestions';
import type { Persona } from '../personas/rules';
import { runPersonaClv, type PersonaClv } from '../analyses/persona-clv';
import type { ClvResult } from '../analyses/clv';
import { Section } from './section.svelte';

/**
 * The personas panel's state: the personas (the user's list, in order), the fields and
 * suggestions the editor offers, and the last run's figures. Each part is a Section, so a newer
 * run supersedes one still in flight.
 */
/** Where the personas live: the store itself, or the notebook document (saved and shared with it). */
export interface PersonasAccess {
  get(): Persona[];
  set(personas: Persona[]): void;
}

export class PersonasStore {
  private local = $state<Persona[]>([]);
  private access: PersonasAccess | null = null;
  get personas(): Persona[] { return this.access ? this.access.get() : this.local; }
  set personas(v: Persona[]) { if (this.access) this.access.set(v); else this.local = v; }
  results = new Section<PersonasResult>();
  fields = new Section<ProfileField[]>();
  /** facts only: the editor words them in the reader's language (src/personas/suggestion-text.ts) */
  suggestions = new Section<PersonaSuggestion[]>();
  /** predicted CLV per persona, once the CLV models are fitted (with the months it covers) */
  predicted = new Section<{ months: number; rows: PersonaClv[] }>();

  constructor(initial: readonly Persona[] | PersonasAccess = []) {
    if ('get' in initial && typeof initial.get === 'function') this.access = initial as PersonasAccess;
    else this.local = (initial as readonly Persona[]).map((p) => $state.snapshot(p) as Persona);
  }

  /** Figures of `personas` (default: the store's list). */
  run(engine: Engine, personas: readonly Persona[] = this.personas, options: PersonaOptions = {}): Promise<void> {
    const list = personas.map((p) => $state.snapshot(p) as Persona);
    return this.results.run(() => runPersonas(engine, list, options));
  }

  /** Mean predicted CLV of each persona's members, from a fitted CLV result. */
  runPredicted(engine: Engine, clv: ClvResult): Promise<void> {
    const list = this.personas.map((p) => $state.snapshot(p) as Persona);
    return this.predicted.run(async () => ({ months: clv.clvSchedule.months, rows: await runPersonaClv(engine, clv, list) }));
  }

  /** Fields and suggestions for the editor. */
  async loadEditorData(engine: Engine, options: PersonaOptions = {}): Promise<void> {
    await this.fields.run(() => profileFields(engine, options));
    await this.suggestions.run(() => suggestPersonas(engine, options));
  }

  /** Adds the persona, or replaces the one with the same id. */
  save(persona: Persona): void {
    const i = this.personas.findIndex((p) => p.id === persona.id);
    if (i < 0) this.personas = [...this.personas, persona];
    else this.personas = this.personas.map((p, j) => (j === i ? persona : p));
  }

  remove(id: string): void {
    this.personas = this.personas.filter((p) => p.id !== id);
  }

  /** Replaces the whole list (e.g. from a saved notebook). */
  set(personas: readonly Persona[]): void {
    this.personas = personas.map((p) => $state.snapshot(p) as Persona);
  }

  clear(): void {
    this.results.clear();
    this.fields.clear();
    this.suggestions.clear();
  }
}

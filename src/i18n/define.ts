/** Catalog typing: every catalog has the English keys in Persian and Arabic too (a missing key is a type error). */
export type Params = Record<string, string | number>;
export type Msg = string | ((p: Params) => string);

export interface Catalog<E extends Record<string, Msg>> {
  en: E;
  fa: { [K in keyof E]: Msg };
  ar: { [K in keyof E]: Msg };
}

export function defineMessages<const E extends Record<string, Msg>>(catalog: Catalog<E>): Catalog<E> {
  return catalog;
}

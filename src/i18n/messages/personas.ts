import { defineMessages } from '../define';

/** UI text of the personas area (keys start with "personas."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

import { defineMessages } from '../define';

/** UI text of the goals area (keys start with "goals."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

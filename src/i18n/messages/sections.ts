import { defineMessages } from '../define';

/** UI text of the sections area (keys start with "sections."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

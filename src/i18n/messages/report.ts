import { defineMessages } from '../define';

/** UI text of the report area (keys start with "report."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

import { defineMessages } from '../define';

/** UI text of the analyses area (keys start with "analyses."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

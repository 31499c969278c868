import { defineMessages } from '../define';

/** UI text of the data area (keys start with "data."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

import { defineMessages } from '../define';

/** UI text of the share area (keys start with "share."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

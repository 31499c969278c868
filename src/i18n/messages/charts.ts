import { defineMessages } from '../define';

/** UI text of the charts area (keys start with "charts."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

import { defineMessages } from '../define';

/** UI text of the notebook area (keys start with "notebook."). Terms of the field: src/i18n/glossary.ts. */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

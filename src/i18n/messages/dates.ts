import { defineMessages } from '../define';

/** The date picker and calendar words (keys start with "dates."). */
export default defineMessages({
  en: {
  },
  fa: {
  },
  ar: {
  },
});

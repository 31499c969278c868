/**
 * Markdown cells: rendered with marked, then sanitised with DOMPurify — notebooks can come from
 * a link or a file someone else wrote, so no script, event handler or javascript: URL survives.
 * Links open in a new tab without an opener.
 */
import { marked } from 'marked';
import DOMPurify from 'dompurify';

let hooked = false;

export function renderMarkdown(source: string): string {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  const html = marked.parse(source, { async: false, gfm: true }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe'] });
}

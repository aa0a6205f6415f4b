// A form's result where the eyes are: the element takes focus (tabindex=-1, so a screen reader reads
// it) and scrolls into view, when it appears and each time `key` changes (a new answer of the same
// form). Without JavaScript the page reloads with the message at the top of its form.
import type { Action } from 'svelte/action';

export const takeFocus: Action<HTMLElement, unknown> = (node) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const focus = () => {
    if (!node.isConnected) return;
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: 'center' });
  };
  // Once now, and once after SvelteKit's use:enhance, which resets focus to the page after a
  // successful action once the page has its answer.
  const both = () => {
    focus();
    clearTimeout(timer);
    timer = setTimeout(focus, 0);
  };
  both();
  return { update: both, destroy: () => clearTimeout(timer) };
};

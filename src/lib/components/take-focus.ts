// A form's result where the eyes are: the element takes focus (tabindex=-1, so a screen reader reads
// it) and scrolls into view, when it appears and each time `key` changes (a new answer of the same
// form). Without JavaScript the page reloads with the message at the top of its form.
import type { Action } from 'svelte/action';

export const takeFocus: Action<HTMLElement, unknown> = (node) => {
  const focus = () => {
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: 'center' });
  };
  focus();
  return { update: focus };
};

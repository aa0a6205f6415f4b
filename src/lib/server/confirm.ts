// Irreversible taps confirm: a page's form action makes such a move only when its form carries
// confirm=1 (the second submit, from the confirmation panel); the first post only asks.

/** Whether the posted form is the confirmed one. */
export function isConfirmed(form: FormData | URLSearchParams): boolean {
  return form.get('confirm') === '1';
}

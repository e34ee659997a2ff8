// Today's WHOOP card (recovery, sleep, strain), shown on the Today screen when WHOOP is
// connected. (Placeholder in the shared base: the WHOOP screen's owner replaces this file.)

export async function renderWhoopToday(container: HTMLElement): Promise<void> {
  container.replaceChildren();
  return Promise.resolve();
}

// Import and export of the training log, shown in Settings. (Placeholder in the shared
// base: the training screens' owner replaces this file.)

export async function renderTransfer(container: HTMLElement): Promise<void> {
  container.replaceChildren();
  return Promise.resolve();
}

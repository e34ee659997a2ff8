// One source of truth per screen. A screen loads the vault's answers into its own store
// and draws itself from the store alone; after any command it asks the vault again and
// draws again, instead of patching the page by hand. Nothing a screen shows can then
// outlive the data it describes (a deleted set's banner, a finished workout's timer, a
// deleted routine's card), and a screen shown again starts from the vault, not from what
// an earlier visit left behind.
//
// A store belongs to one showing of a screen: the router empties the screen's host when
// another screen comes, and a store whose host is gone neither draws nor speaks, so an
// answer that arrives late cannot paint or announce on the screen the person moved to.

import { append, type Child } from "./dom";
import { say } from "./messages";

/** A value that tells its subscribers when it changes. */
export interface Store<T> {
  /** The state now. */
  get(): T;
  /** Replaces the state; every subscriber hears of it. */
  set(next: T): void;
  /** Replaces the state with what `change` makes of it. */
  update(change: (state: T) => T): void;
  /** Calls `listener` after every change; returns what stops that. */
  subscribe(listener: (state: T) => void): () => void;
}

/** A store holding `initial`. */
export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<(state: T) => void>();
  const set = (next: T): void => {
    state = next;
    for (const listener of [...listeners]) listener(state);
  };
  return {
    get: () => state,
    set,
    update: (change) => {
      set(change(state));
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** A screen drawn from its store, whose only input is the vault's answers. */
export interface VaultView<T> {
  /** The screen's state: what the vault answered last. */
  readonly store: Store<T>;
  /** Asks the vault again (after a command changed something) and draws the answer. */
  readonly reload: () => Promise<void>;
  /** Whether the screen is still shown (its host is in the page). */
  readonly shown: () => boolean;
  /** Says `text` in the notice area, unless the person has moved to another screen. */
  readonly say: (text: string) => void;
  /** After a command changed the vault: asks it again, draws the answer, then says `text`. */
  readonly changed: (text?: string) => Promise<void>;
}

/**
 * Shows a screen from the vault: `load` asks the vault, its answer goes into the screen's
 * store, and `draw` renders `host` from the store each time it changes. Resolves once the
 * first answer is drawn.
 */
export async function showFromVault<T>(
  host: HTMLElement,
  load: () => Promise<T>,
  draw: (state: T, view: VaultView<T>) => Child[],
): Promise<VaultView<T>> {
  const store = createStore(await load());
  const shown = (): boolean => host.isConnected;
  // Only the latest question's answer is drawn: an earlier one that arrives late is old.
  let asked = 0;
  const view: VaultView<T> = {
    store,
    shown,
    reload: async () => {
      const mine = ++asked;
      const answer = await load();
      if (mine === asked && shown()) store.set(answer);
    },
    say: (text) => {
      if (shown()) say(text);
    },
    changed: async (text) => {
      await view.reload();
      if (text !== undefined) view.say(text);
    },
  };
  const render = (state: T): void => {
    if (!shown()) return;
    host.replaceChildren();
    append(host, ...draw(state, view));
  };
  store.subscribe(render);
  render(store.get());
  return view;
}

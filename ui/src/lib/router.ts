// The app's screens and the navigation between them. A screen renders itself into the
// host element each time it is shown; the location hash (`#/history?session=12`) names
// the screen and its parameters, so Back/Forward and reloads land where the person was.

import { h } from "./dom";
import { clearMessages, report, say } from "./messages";

export type ScreenId =
  | "today"
  | "workout"
  | "history"
  | "exercises"
  | "routines"
  | "body"
  | "whoop"
  | "insights"
  | "report"
  | "backups"
  | "settings";

export interface Screen {
  id: ScreenId;
  /** The name in the navigation and the screen's heading. */
  title: string;
  /** Reached from links on other screens only, not from the navigation column. */
  linkedOnly?: boolean;
  /** Renders into `host` (already empty, headed by the title). */
  render(host: HTMLElement, params: URLSearchParams): Promise<void> | void;
  /** Called before another screen replaces this one (stop timers, listeners). */
  leave?(): void;
}

const screens = new Map<ScreenId, Screen>();
let current: Screen | null = null;
let host: HTMLElement | null = null;
let nav: HTMLElement | null = null;
/** What to say once the screen being navigated to is drawn (see `navigate`). */
let pendingNotice: string | null = null;

/** Registers the screens, in navigation order, and builds the navigation. */
export function mount(navHost: HTMLElement, screenHost: HTMLElement, all: readonly Screen[]): void {
  nav = navHost;
  host = screenHost;
  const items = all.flatMap((screen) => {
    screens.set(screen.id, screen);
    if (screen.linkedOnly) return [];
    return [
      h(
        "li",
        {},
        h("a", { attrs: { href: `#/${screen.id}` }, testid: `nav-${screen.id}` }, screen.title),
      ),
    ];
  });
  navHost.replaceChildren(h("ul", {}, ...items));
  window.addEventListener("hashchange", () => {
    showFromHash().catch(report);
  });
}

/** Shows the screen the location names, or `fallback`. */
export async function start(fallback: ScreenId): Promise<void> {
  if (!parse(location.hash)) location.hash = `#/${fallback}`;
  await showFromHash();
}

/**
 * Goes to a screen (adds a history entry); `notice`, if given, is said once that screen is
 * drawn. (Said before, it would be cleared with the screen it was said on: the location
 * changes after this returns.)
 */
export function navigate(id: ScreenId, params: Record<string, string> = {}, notice?: string): void {
  pendingNotice = notice ?? null;
  const query = new URLSearchParams(params).toString();
  const target = `#/${id}${query ? `?${query}` : ""}`;
  if (location.hash === target) {
    showFromHash().catch(report);
  } else {
    location.hash = target;
  }
}

/** Renders the current screen again (after data it shows has changed). */
export async function refresh(): Promise<void> {
  await showFromHash();
}

function parse(hash: string): { screen: Screen; params: URLSearchParams } | null {
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const screen = match ? screens.get(match[1] as ScreenId) : undefined;
  if (!match || !screen) return null;
  return { screen, params: new URLSearchParams(match[2] ?? "") };
}

async function showFromHash(): Promise<void> {
  const target = parse(location.hash);
  if (!target || !host || !nav) return;
  current?.leave?.();
  current = target.screen;
  clearMessages();
  const notice = pendingNotice;
  pendingNotice = null;
  for (const link of nav.querySelectorAll("a")) {
    if (link.getAttribute("href") === `#/${target.screen.id}`) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  }
  const heading = h("h2", { attrs: { id: `${target.screen.id}-title`, tabindex: -1 } }, target.screen.title);
  const body = h("div", { class: "screen-body" });
  host.replaceChildren(heading, body);
  host.dataset.screen = target.screen.id;
  host.setAttribute("aria-labelledby", heading.id);
  host.setAttribute("aria-busy", "true");
  try {
    await target.screen.render(body, target.params);
    if (notice !== null && body.isConnected) say(notice);
  } finally {
    host.setAttribute("aria-busy", "false");
  }
}

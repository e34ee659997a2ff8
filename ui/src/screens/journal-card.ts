// Today's journal card: today's and yesterday's tags as toggle chips and a note, saved
// as soon as they change, and a field to add a tag of one's own. The card draws from its
// one store (what the vault last answered) and every change replaces the store's part
// with the vault's answer, so a chip never shows a tick the vault does not hold. Only the
// day that changed is redrawn, so typing in the other day's note is never interrupted.

import { commands, type JournalEntry, type JournalTag, type JournalToday_Serialize } from "../bindings";
import { h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";

const DAY_NAMES = ["Today", "Yesterday"] as const;

/** The card's state: the tags to offer and each day's entry, as the vault last said. */
interface Store {
  tags: JournalTag[];
  days: { day: string; entry: JournalEntry | null }[];
}

function ticked(store: Store, index: number): string[] {
  return store.days[index]?.entry?.tags ?? [];
}

/** Draws day `index` into `slot` from the store. */
function drawDay(store: Store, index: number, slot: HTMLElement): void {
  const day = store.days[index];
  if (!day) return;
  const label = DAY_NAMES[index] ?? day.day;
  const headingId = `journal-day-${String(index)}-heading`;
  const note = h("textarea", {
    attrs: { rows: 2, maxlength: 500, "aria-label": `${label}'s note`, placeholder: "A note (optional)" },
    testid: `journal-note-${String(index)}`,
  });
  note.value = day.entry?.note ?? "";
  const chips: HTMLButtonElement[] = [];
  const save = (tags: string[]): Promise<void> =>
    // Every chip and the note wait for the vault: a second change must not start from a stale day.
    busy([...chips, note], async () => {
      day.entry = await call(commands.journalSet(day.day, tags, note.value));
      drawDay(store, index, slot);
    });
  for (const tag of store.tags) {
    const on = ticked(store, index).includes(tag.name);
    const chip = h(
      "button",
      {
        class: "chip",
        attrs: { type: "button", "aria-pressed": String(on) },
        testid: `journal-chip-${String(index)}-${tag.name.replace(/\s+/g, "-")}`,
      },
      tag.name,
    );
    chip.addEventListener("click", () => {
      const now = ticked(store, index);
      save(on ? now.filter((name) => name !== tag.name) : [...now, tag.name]).catch(report);
    });
    chips.push(chip);
  }
  note.addEventListener("change", () => {
    save(ticked(store, index)).catch(report);
  });
  slot.replaceChildren(
    h(
      "div",
      { class: "journal-day", attrs: { role: "group", "aria-labelledby": headingId }, testid: `journal-day-${String(index)}` },
      h("h4", { attrs: { id: headingId } }, `${label} `, h("span", { class: "hint" }, day.day)),
      h("div", { class: "chips" }, ...chips),
      note,
    ),
  );
}

/** Draws the journal card into `container` and keeps it in step with the vault. */
export async function renderJournal(container: HTMLElement): Promise<void> {
  const answer: JournalToday_Serialize = await call(commands.journalToday());
  const store: Store = { tags: answer.tags, days: answer.days.map((d) => ({ day: d.day, entry: d.entry })) };
  const slots = store.days.map(() => h("div", {}));
  const drawDays = (): void => {
    slots.forEach((slot, index) => {
      drawDay(store, index, slot);
    });
  };
  const name = h("input", {
    attrs: { type: "text", maxlength: 40, "aria-label": "A tag of your own", placeholder: "A tag of your own" },
    testid: "journal-own-tag",
  });
  const add = h("button", { attrs: { type: "submit" }, testid: "journal-own-tag-add" }, "Add tag");
  const form = h("form", { class: "row journal-own" }, name, add);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([add], async () => {
      store.tags = await call(commands.journalTagAdd(name.value));
      name.value = "";
      drawDays();
    }).catch(report);
  });
  drawDays();
  container.replaceChildren(
    h(
      "section",
      { class: "card journal", attrs: { "aria-labelledby": "today-journal" }, testid: "journal-card" },
      h("h3", { attrs: { id: "today-journal" } }, "Journal"),
      h("p", { class: "hint" }, "Tick what applied; Insights compares your next-day recovery with and without each tag."),
      ...slots,
      form,
    ),
  );
}

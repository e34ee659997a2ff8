// Building the DOM without markup strings: every text goes in through `textContent`, so
// nothing the vault holds (an exercise name, a note, an athlete's backup) can become markup.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  /** Class names, space-separated. */
  class?: string | undefined;
  /** The `data-testid` the end-to-end tests find the element by. */
  testid?: string | undefined;
  /** Any other attribute (aria-*, type, id, for, role, …). `false` leaves it out. */
  attrs?: Record<string, string | number | boolean>;
  /** Event listeners. */
  on?: Partial<{ [E in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[E]) => void }>;
}

/** Creates an element with properties and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.testid) node.dataset.testid = props.testid;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [event, listener] of Object.entries(props.on ?? {})) {
    node.addEventListener(event, listener as EventListener);
  }
  append(node, ...children);
  return node;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Finds an element the page must have, of the expected kind. */
export function element<T extends HTMLElement>(id: string, kind: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof kind)) {
    throw new Error(`The page has no #${id} ${kind.name}.`);
  }
  return found;
}

/** A labelled form field: `<label>` then the control, tied by id. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = uniqueId("field");
  const wrap = h("div", { class: "field" }, h("label", { attrs: { for: control.id } }, label), control);
  if (hint) {
    const hintNode = h("p", { class: "hint", attrs: { id: `${control.id}-hint` } }, hint);
    control.setAttribute("aria-describedby", hintNode.id);
    wrap.append(hintNode);
  }
  return wrap;
}

let counter = 0;
/** An id no other element on the page has. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${String(counter)}`;
}

/**
 * Marks a date or time input `empty` while it holds no value, so the stylesheet can draw
 * it as empty (WebKit draws its "mm/dd/yyyy" pattern like a typed value).
 */
export function markWhenEmpty(input: HTMLInputElement): HTMLInputElement {
  const mark = (): void => {
    input.classList.toggle("empty", input.value === "");
  };
  input.addEventListener("input", mark);
  input.addEventListener("change", mark);
  mark();
  return input;
}

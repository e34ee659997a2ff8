// The colour theme: light, dark, or the system's. A preference of this window, kept in
// localStorage (it applies before any vault is open, on first run too) and applied as a
// `data-theme` attribute on <html> that style.css maps to its colour variables.

export type Theme = "light" | "dark" | "system";

const KEY = "ironkeep.theme";

export function storedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === "light" || value === "dark" ? value : "system";
}

/** Applies a theme; "system" removes the attribute so the system setting decides. */
export function applyTheme(theme: Theme): void {
  if (theme === "system") {
    document.documentElement.removeAttribute("data-theme");
  } else {
    document.documentElement.setAttribute("data-theme", theme);
  }
}

/** Remembers and applies a theme. */
export function chooseTheme(theme: Theme): void {
  if (theme === "system") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, theme);
  applyTheme(theme);
}

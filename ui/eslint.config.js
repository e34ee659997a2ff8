// Lint rules for the UI (type-aware) and the Node end-to-end tests.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeGlobals = {
  AbortSignal: "readonly",
  Buffer: "readonly",
  URL: "readonly",
  console: "readonly",
  fetch: "readonly",
  process: "readonly",
  setTimeout: "readonly",
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/bindings.ts"] },
  js.configs.recommended,
  {
    files: ["src/**/*.ts", "vite.config.ts"],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ["e2e/**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: nodeGlobals },
  },
);

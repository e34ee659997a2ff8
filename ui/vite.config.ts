// Vite serves the UI on a fixed port for `tauri dev` and builds it into dist/ for
// `tauri build`. Nothing here may add inline scripts or styles: the app's CSP forbids them.
import { defineConfig } from "vite";

export default defineConfig({
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Keep every asset a file: a data: URL script or style would need a looser CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});

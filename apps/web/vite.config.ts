import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { runtimeConfig } from "./scripts/runtimeConfig.ts";

// The app is one static bundle; what it talks to (chain, API, deployment) comes from /backstop.json at run
// time, so one build serves any devnet or network.
export default defineConfig({
  plugins: [react(), runtimeConfig()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: { target: "es2022", chunkSizeWarningLimit: 900 },
});

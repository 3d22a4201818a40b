import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.DEMO_PORT ?? 5173);

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: { host, port, strictPort: true },
  preview: { host, port, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vendor code changes far less often than ours, so it gets its own long-cached chunks.
// (Vite 8 bundles with Rolldown, where `codeSplitting.groups` replaces Rollup's manualChunks.)
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // ZHONGSHU_API_ORIGIN points the dev server at a server on another port.
      '/api': { target: process.env.ZHONGSHU_API_ORIGIN ?? 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd stays one chunk: its zh_CN locale already pulls in the pickers, calendar and table, so splitting it
    // further only adds requests to the first load.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/, priority: 30 },
            { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs|@babel[\\/]runtime)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});

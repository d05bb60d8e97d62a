import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The tunnel's public hostname, exactly: no scheme, no port, no path.
const tunnelHost = 'abc123.natappfree.cc'

export default defineConfig({
  plugins: [vue()],
  server: {
    // Vite 6.0.9 / 5.4.12 / 4.5.6 and later refuse any other Host header.
    allowedHosts: [tunnelHost],
    // The tunnel forwards to one fixed local port: fail instead of moving to the next free one.
    port: 5173,
    strictPort: true,
    // Listen on IPv4: a tunnel client dialling 127.0.0.1 misses a server bound only to ::1.
    host: '127.0.0.1',
  },
  // `vite preview` has its own list.
  preview: {
    allowedHosts: [tunnelHost],
  },
})

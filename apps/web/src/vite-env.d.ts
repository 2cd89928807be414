/// <reference types="vite/client" />

/** Version of the web app, from apps/web/package.json (set by vite.config.ts). */
declare const __APP_VERSION__: string;

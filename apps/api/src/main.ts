// Entry point of `npm start` / `pnpm --filter @openiom/api run serve`. graphql-js and Apollo read
// NODE_ENV once, when they load: default it to production before anything imports them
// (`pnpm dev` sets development).
process.env.NODE_ENV ??= 'production';
await import('./serve.ts');
export {};

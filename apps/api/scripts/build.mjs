// Builds what `npm start` runs: the API and the workspace packages it imports (@openiom/db, its
// generated Prisma client, @openiom/schema), compiled from TypeScript into one ES module,
// `dist/main.js`. Running compiled JavaScript keeps tsx and its per-module transforms and source
// maps out of the serving process (bench/RESULTS.md, W5 memory). `pnpm dev` and the tests still run
// the TypeScript sources through tsx.
//
// Two things make the bundle behave as the sources do:
// - Packages from node_modules stay external, imported by the file they resolve to in this install:
//   with pnpm's isolated node_modules, a dependency of a bundled workspace package (pg, pglite,
//   @prisma/*) cannot be found from apps/api/dist by its name. Rebuild after moving the checkout.
// - `import.meta.url` in each workspace source is that source's own URL, so lookups relative to it
//   (schema.graphql, the migrations, the PDF fonts) find the same files as under tsx.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromNodeModules = (file) => file.split(path.sep).includes('node_modules');

/** @type {import('esbuild').Plugin} */
const keepSourceLocations = {
  name: 'keep-source-locations',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || args.path.startsWith('node:') || args.path.startsWith('@openiom/')) return undefined;
      const resolved = await bundler.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (resolved.external || !fromNodeModules(resolved.path)) return undefined;
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
    bundler.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (fromNodeModules(args.path)) return undefined;
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts', resolveDir: path.dirname(args.path) };
    });
  },
};

const started = Date.now();
await build({
  entryPoints: [path.join(apiRoot, 'src/main.ts')],
  outfile: path.join(apiRoot, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [keepSourceLocations],
  logLevel: 'warning',
});
console.log(`apps/api/dist/main.js built in ${Date.now() - started} ms`);

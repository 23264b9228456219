// Builds the storefront scripts into assets/: `shopdesk-chat.js` (the loader every page loads) and
// `shopdesk-chat-ui.js` (the conversation UI, fetched on first open). Run with `npm run build:widget`.
import { build, type BuildOptions } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

// The sources live outside the extension: Shopify deploys only assets/, blocks/, locales/ and snippets/ from it.
export const EXTENSION_DIR = join(here, "../extensions/chat-widget");
export const ASSETS_DIR = join(EXTENSION_DIR, "assets");
export const LOADER_FILE = "shopdesk-chat.js";
export const UI_FILE = "shopdesk-chat-ui.js";

/** Builds both bundles into `outdir` (the extension's assets/ by default); returns the written paths. */
export async function buildWidget(outdir = ASSETS_DIR): Promise<{ loader: string; ui: string }> {
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    // Classic scripts (IIFE): the UI is injected as a plain <script>, which the Shopify CDN serves without the
    // CORS headers a cross-origin module import would need.
    format: "iife",
    // ES2019 reaches every browser Shopify supports for storefronts, so no polyfills are bundled.
    target: "es2019",
    platform: "browser",
    legalComments: "none",
    charset: "utf8",
    sourcemap: false,
    logLevel: "warning",
    write: true,
  };
  const loader = join(outdir, LOADER_FILE);
  const ui = join(outdir, UI_FILE);
  await Promise.all([
    build({ ...common, entryPoints: [join(here, "src/loader.ts")], outfile: loader }),
    build({ ...common, entryPoints: [join(here, "src/ui.ts")], outfile: ui }),
  ]);
  return { loader, ui };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const { loader, ui } = await buildWidget();
  console.log(`built ${loader} and ${ui} in ${Math.round(performance.now() - started)} ms`);
}

import { setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// maplibre-gl 6 ships an ES-module worker (`maplibre-gl-worker.mjs`, there is no `-csp-` build any
// more). Bundlers do not follow the library's own `import.meta.url` lookup into node_modules, so
// the built app would never start a worker: hand it the emitted asset's URL instead.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import notoSansLatin from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import notoSansLatinExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';

setWorkerUrl(workerUrl);

// The subsets' ranges as @fontsource declares them.
const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,' +
  'U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,' +
  'U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';

function unicodeRange(list: string): string[] {
  return list.split(',');
}

/** Font name to use in `text-font` of map styles. */
export const MAP_TEXT_FONT = 'Noto Sans Regular';

/**
 * The style's `font-faces`: labels are drawn from the bundled Noto Sans, so no glyph server is
 * needed. Characters it lacks (Chinese) fall back to the system's fonts.
 */
export const mapFontFaces: NonNullable<StyleSpecification['font-faces']> = {
  [MAP_TEXT_FONT]: [
    { url: notoSansLatin, 'unicode-range': unicodeRange(LATIN) },
    { url: notoSansLatinExt, 'unicode-range': unicodeRange(LATIN_EXT) },
  ],
};

/**
 * Pass as the map's `localIdeographFontFamily`: Chinese labels are drawn locally with these fonts
 * instead of being fetched from a glyph server.
 */
export const MAP_IDEOGRAPH_FONT_FAMILY =
  '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

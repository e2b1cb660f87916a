import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

const require = createRequire(import.meta.url);

/** DejaVu from the dejavu-fonts-ttf package, so text renders even on machines without fonts. */
function fontFiles(): string[] {
  const root = dirname(require.resolve("dejavu-fonts-ttf/package.json"));
  return [join(root, "ttf", "DejaVuSans.ttf"), join(root, "ttf", "DejaVuSans-Bold.ttf")];
}

export function svgToPng(svg: string): Buffer {
  const renderer = new Resvg(svg, {
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: 1.5 },
  });
  return renderer.render().asPng();
}

// A wide table's scrolling wrapper on a narrow screen: a labelled region that takes keyboard focus, so a keyboard
// user can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
import type { ReactNode } from "react";

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

// Evidence links come from the chain (anyone can submit a claim): only http(s) URLs become links, so a
// `javascript:` or `data:` URI is shown as text and can never run in the page.

/** The URI when it is an http(s) URL, else undefined. */
export function webUrl(uri: string): string | undefined {
  try {
    return ["http:", "https:"].includes(new URL(uri).protocol) ? uri : undefined;
  } catch {
    return undefined;
  }
}

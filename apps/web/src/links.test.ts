import assert from "node:assert/strict";
import { test } from "node:test";
import { webUrl } from "./links.ts";

test("test_webUrl_onlyHttpAndHttpsBecomeLinks", () => {
  assert.equal(webUrl("https://example.org/report"), "https://example.org/report");
  assert.equal(webUrl("http://example.org/a?b=c"), "http://example.org/a?b=c");
  for (const hostile of [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ipfs://bafy...",
    "not a url",
    "",
  ])
    assert.equal(webUrl(hostile), undefined, hostile);
});

// axe-core over a page: no WCAG 2 A/AA violations, nor a `region` one.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export async function expectNoViolations(page: Page, where: string) {
  // A colour still transitioning (a button just enabled) would be measured half-way: let finite
  // transitions and animations end first (endless ones, like a pulsing icon, are left running).
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== "running" || animation.effect?.getTiming().iterations === Infinity));
  // Content outside landmarks (`region`) is a best practice, not WCAG; it was reported, so it is checked too.
  for (const options of [{ tags: WCAG_TAGS }, { rules: ["region"] }]) {
    const builder = new AxeBuilder({ page });
    const result = await ("tags" in options ? builder.withTags(options.tags!) : builder.withRules(options.rules)).analyze();
    const found = result.violations.map((violation) => ({
      rule: violation.id,
      nodes: violation.nodes.map((node) => `${node.target.join(" ")} — ${node.failureSummary?.split("\n").slice(1).join(" ")}`),
    }));
    expect(found, `axe on ${where}`).toEqual([]);
  }
}

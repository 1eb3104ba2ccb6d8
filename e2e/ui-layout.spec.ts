import { expect, test } from './support/fixtures.js';
import type { SoftphonePage } from './support/softphone-page.js';

const TABS = ['phone', 'phonebook', 'history', 'settings'] as const;

/** Nothing sticks out sideways: the page needs no horizontal scrolling. */
async function expectNoSidewaysScroll(phone: SoftphonePage, where: string): Promise<void> {
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
}

/**
 * 200 % scaling of a 1280×800 window leaves 640×400 CSS pixels: every view must still fit its
 * width. And every control is reached with Tab and shows where the focus is.
 */
test('every view fits at 200 % scaling, and Tab reaches the controls with a visible focus ring', async ({ softphones }) => {
  const a = await softphones.open('A');
  await a.login();
  await expect(a.registration).toHaveText('登録済み');

  for (const size of [{ width: 1280, height: 800 }, { width: 853, height: 533 }, { width: 640, height: 400 }]) {
    await a.page.setViewportSize(size);
    for (const tab of TABS) {
      await a.page.getByTestId(`tab-${tab}`).click();
      await expect(a.page.getByTestId(`tabpanel-${tab}`)).toBeVisible();
      await expectNoSidewaysScroll(a, `${tab} at ${size.width}px`);
    }
  }

  // keyboard only: from the top of the phone tab, Tab walks through the controls
  await a.page.getByTestId('tab-phone').click();
  await a.dialInput.fill('201'); // so the call button is enabled
  await a.page.getByTestId('tab-phone').focus();
  const seen = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await a.page.keyboard.press('Tab');
    const focused = await a.page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      return {
        name: element.dataset.testid ?? element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!focused) continue;
    expect(focused.ring, `focus ring on ${focused.name}`).toBe(true);
    seen.add(focused.name);
  }
  for (const control of ['dial-input', 'tenkey-1', 'caller-number', 'dial-button', 'dnd-toggle']) expect([...seen], [...seen].join(' | ')).toContain(control);

  // the tabs themselves: arrows move between them (WAI-ARIA tabs)
  await a.page.getByTestId('tab-phone').focus();
  await a.page.keyboard.press('End');
  await expect(a.page.getByTestId('tab-settings')).toBeFocused();
  await expect(a.page.getByTestId('tabpanel-settings')).toBeVisible();
});

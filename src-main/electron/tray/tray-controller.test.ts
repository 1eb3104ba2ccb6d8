import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot, type PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { TrayController, type TrayLike, type TrayMenuTemplateItem } from './tray-controller.js';
import type { TrayAction } from './tray-view.js';

class FakeTray implements TrayLike {
  images: unknown[] = [];
  tooltip = '';
  menu: TrayMenuTemplateItem[] = [];
  clickListeners = new Set<() => void>();
  destroyed = false;
  constructor(image: unknown) {
    this.images.push(image);
  }
  setImage(image: unknown): void {
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu as TrayMenuTemplateItem[];
  }
  on(_event: 'click', listener: () => void): this {
    this.clickListeners.add(listener);
    return this;
  }
  removeListener(_event: 'click', listener: () => void): this {
    this.clickListeners.delete(listener);
    return this;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

const registered = (missedCalls: number): PhoneSnapshot => ({
  ...emptyPhoneSnapshot(),
  account: { loginId: 'a', displayName: '佐藤', extension: '201', directNumber: '05030000001', callerNumbers: [], defaultCallerNumber: '0355550100' },
  registration: { state: 'registered', error: null },
  missedCalls,
});

function setup() {
  let tray: FakeTray | undefined;
  const actions: TrayAction[] = [];
  let clicks = 0;
  let menus = 0;
  const controller = new TrayController({
    createTray: (image) => (tray = new FakeTray(image)),
    image: (kind, badge) => `${kind}${badge ? '+badge' : ''}`,
    buildMenu: (template) => {
      menus++;
      return template;
    },
    onAction: (action) => actions.push(action),
    onClick: () => clicks++,
  });
  return { controller, tray: () => tray!, actions, clicks: () => clicks, menus: () => menus };
}

describe('TrayController', () => {
  it('shows the state icon, follows login, registration and missed calls, and runs menu actions', () => {
    const t = setup();
    t.controller.start(emptyPhoneSnapshot());
    expect(t.tray().images).toEqual(['loggedOut']);
    t.controller.update(registered(0));
    t.controller.update(registered(2));
    expect(t.tray().images).toEqual(['loggedOut', 'registered', 'registered+badge']);
    expect(t.tray().tooltip).toContain('不在着信 2 件');
    const labels = t.tray().menu.map((item) => item.label);
    expect(labels).toEqual(['PlusPhone を表示', '不在着信 2 件を見る', '取り込み中 (着信拒否)', '', '終了']);
    t.tray().menu[1]!.click!();
    t.tray().menu[4]!.click!();
    expect(t.actions).toEqual(['showHistory', 'quit']);
    for (const listener of t.tray().clickListeners) listener();
    expect(t.clicks()).toBe(1);
  });

  it('does not rebuild the native menu when nothing shown changed, and lets go on dispose', () => {
    const t = setup();
    t.controller.start(registered(1));
    t.controller.update({ ...registered(1), version: 42 });
    expect(t.menus()).toBe(1);
    t.controller.dispose();
    expect(t.tray().destroyed).toBe(true);
    expect(t.tray().clickListeners.size).toBe(0);
    t.controller.update(registered(5)); // after dispose: nothing happens
    expect(t.menus()).toBe(1);
  });
});

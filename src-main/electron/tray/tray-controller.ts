/**
 * The tray icon staff leave running all day: its icon says whether the phone is registered and
 * whether calls were missed; a click shows the main window; its menu runs tray actions. Electron's
 * Tray, nativeImage and Menu come in through `TrayDeps`, so this runs in unit tests too.
 */
import type { PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { sameTrayView, trayView, type TrayAction, type TrayIconKind, type TrayLanguage, type TrayView } from './tray-view.js';

export interface TrayLike {
  setImage(image: unknown): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): this;
  removeListener(event: 'click', listener: () => void): this;
  destroy(): void;
}

export interface TrayMenuTemplateItem {
  label: string;
  enabled: boolean;
  type?: 'checkbox' | 'separator';
  checked?: boolean;
  click?: () => void;
}

export interface TrayDeps {
  createTray(image: unknown): TrayLike;
  /** the native image for a state (with a badge dot for missed calls) */
  image(kind: TrayIconKind, badge: boolean): unknown;
  buildMenu(template: TrayMenuTemplateItem[]): unknown;
  onAction(action: TrayAction): void;
  /** a click on the icon itself */
  onClick(): void;
  language?: () => TrayLanguage;
}

export class TrayController {
  private tray: TrayLike | null = null;
  private shown: TrayView | null = null;
  private readonly onClick = (): void => this.deps.onClick();

  constructor(private readonly deps: TrayDeps) {}

  start(snapshot: PhoneSnapshot): void {
    if (this.tray) return;
    const view = this.viewOf(snapshot);
    this.tray = this.deps.createTray(this.deps.image(view.icon, view.badge));
    this.tray.on('click', this.onClick);
    this.apply(view, true);
  }

  update(snapshot: PhoneSnapshot): void {
    if (!this.tray) return;
    this.apply(this.viewOf(snapshot), false);
  }

  /** what the tray shows now (for tests and diagnostics) */
  get view(): TrayView | null {
    return this.shown;
  }

  dispose(): void {
    if (!this.tray) return;
    this.tray.removeListener('click', this.onClick);
    this.tray.destroy();
    this.tray = null;
    this.shown = null;
  }

  private viewOf(snapshot: PhoneSnapshot): TrayView {
    return trayView(snapshot, this.deps.language?.() ?? 'ja');
  }

  private apply(view: TrayView, first: boolean): void {
    const tray = this.tray;
    if (!tray || (!first && this.shown && sameTrayView(this.shown, view))) return;
    if (!first && (this.shown?.icon !== view.icon || this.shown?.badge !== view.badge)) tray.setImage(this.deps.image(view.icon, view.badge));
    tray.setToolTip(view.tooltip);
    const quit = view.items.find((item) => item.action === 'quit');
    const template: TrayMenuTemplateItem[] = view.items
      .filter((item) => item.action !== 'quit')
      .map((item) => ({
        label: item.label,
        enabled: item.enabled,
        ...(item.checked !== undefined ? { type: 'checkbox' as const, checked: item.checked } : {}),
        click: () => this.deps.onAction(item.action),
      }));
    if (quit) template.push({ label: '', enabled: true, type: 'separator' }, { label: quit.label, enabled: true, click: () => this.deps.onAction('quit') });
    tray.setContextMenu(this.deps.buildMenu(template));
    this.shown = view;
  }
}

import { z } from 'zod';
import { linkTemplateSchema } from '../../provisioning/link-template.js';
import { request } from '../define.js';
import { DEFAULT_GLOBAL_SHORTCUTS, GLOBAL_SHORTCUT_ACTIONS, isValidGlobalAccelerator, type GlobalShortcutAction } from '../../domain/global-shortcuts.js';

/**
 * The softphone's own settings (issue 5 point 9): kept per PC in the local SQLite database
 * (src-main/core/settings), read by the core, shown and changed by the settings window.
 * Every field has a default, so a fresh install and a database written by an older build both
 * give a complete object.
 */

/** Keyboard shortcuts the core knows. */
export const SHORTCUT_ACTIONS = ['answer', 'hangup', 'hold', 'mute', 'park', 'focusDialer', 'redial'] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export const SHORTCUT_LABELS: Readonly<Record<ShortcutAction, string>> = {
  answer: '応答',
  hangup: '切断',
  hold: '保留',
  mute: 'ミュート',
  park: 'パーク',
  focusDialer: 'ダイヤル入力へ移動',
  redial: 'リダイヤル',
};

/**
 * The default set: Ctrl+Shift+letter, so none of them is typed into the dialer or a text field
 * by accident, and none collides with the browser's or Windows' common Ctrl+letter ones.
 */
export const DEFAULT_SHORTCUTS: Readonly<Record<ShortcutAction, string>> = {
  answer: 'Ctrl+Shift+A',
  hangup: 'Ctrl+Shift+E',
  hold: 'Ctrl+Shift+H',
  mute: 'Ctrl+Shift+M',
  park: 'Ctrl+Shift+P',
  focusDialer: 'Ctrl+Shift+D',
  redial: 'Ctrl+Shift+R',
};

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
const MODIFIER_ALIASES: Readonly<Record<string, (typeof MODIFIERS)[number]>> = {
  ctrl: 'Ctrl',
  control: 'Ctrl',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
  meta: 'Meta',
  cmd: 'Meta',
  command: 'Meta',
  super: 'Meta',
  win: 'Meta',
};
const NAMED_KEYS = ['Enter', 'Space', 'Tab', 'Escape', 'Backspace', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown', 'Up', 'Down', 'Left', 'Right'];

/**
 * An accelerator in canonical form ("Ctrl+Shift+A": modifiers in the order Ctrl, Alt, Shift,
 * Meta, then one key), or a Japanese reason. Letters and digits need Ctrl, Alt or Meta (they are
 * typed otherwise); function keys may stand alone.
 */
export function normalizeShortcut(raw: string): { ok: true; value: string } | { ok: false; problem: string } {
  const parts = raw.split('+').map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === '')) return { ok: false, problem: `ショートカットの形式が正しくありません: ${raw.slice(0, 32)}` };
  const keyPart = parts[parts.length - 1]!;
  const modifiers = new Set<(typeof MODIFIERS)[number]>();
  for (const part of parts.slice(0, -1)) {
    const modifier = MODIFIER_ALIASES[part.toLowerCase()];
    if (!modifier || modifiers.has(modifier)) return { ok: false, problem: `ショートカットの形式が正しくありません: ${raw.slice(0, 32)}` };
    modifiers.add(modifier);
  }
  let key: string | undefined;
  if (/^[a-z0-9]$/i.test(keyPart)) key = keyPart.toUpperCase();
  else if (/^f([1-9]|1\d|2[0-4])$/i.test(keyPart)) key = keyPart.toUpperCase();
  else key = NAMED_KEYS.find((name) => name.toLowerCase() === keyPart.toLowerCase());
  if (key === undefined) return { ok: false, problem: `ショートカットに使えないキーです: ${keyPart.slice(0, 16)}` };
  const isFunctionKey = /^F\d+$/.test(key);
  if (!isFunctionKey && !modifiers.has('Ctrl') && !modifiers.has('Alt') && !modifiers.has('Meta')) {
    return { ok: false, problem: `ショートカットには Ctrl・Alt のいずれかを含めてください: ${raw.slice(0, 32)}` };
  }
  return { ok: true, value: [...MODIFIERS.filter((m) => modifiers.has(m)), key].join('+') };
}

/** One shortcut: canonical accelerator, or null = off. */
export const shortcutSchema = z
  .string()
  .max(64)
  .nullable()
  .transform((raw, ctx) => {
    if (raw === null || raw.trim() === '') return null;
    const normalized = normalizeShortcut(raw);
    if (!normalized.ok) {
      ctx.addIssue({ code: 'custom', message: normalized.problem });
      return z.NEVER;
    }
    return normalized.value;
  });

/** The same accelerator for two actions, as a Japanese message, or undefined. */
export function shortcutConflict(shortcuts: Partial<Record<ShortcutAction, string | null>>): string | undefined {
  const byKey = new Map<string, ShortcutAction>();
  for (const action of SHORTCUT_ACTIONS) {
    const key = shortcuts[action];
    if (!key) continue;
    const other = byKey.get(key);
    if (other) return `ショートカットが重複しています: ${SHORTCUT_LABELS[other]} と ${SHORTCUT_LABELS[action]}（${key}）`;
    byKey.set(key, action);
  }
  return undefined;
}

/** Synthesized by the media host (no audio files): see src-renderer/media/signal-tones.ts. */
export const RINGTONES = ['classic', 'chime', 'pulse', 'silent'] as const;
export type Ringtone = (typeof RINGTONES)[number];

/** A device id from enumerateDevices (opaque, per origin); null = the system default. */
const deviceId = z.string().min(1).max(256).nullable();

const shortcutsSchema = z
  .object(Object.fromEntries(SHORTCUT_ACTIONS.map((action) => [action, shortcutSchema.default(DEFAULT_SHORTCUTS[action])])) as {
    [A in ShortcutAction]: z.ZodDefault<typeof shortcutSchema>;
  })
  .superRefine((shortcuts, ctx) => {
    const conflict = shortcutConflict(shortcuts);
    if (conflict) ctx.addIssue({ code: 'custom', message: conflict });
  });

/** An Electron accelerator with a modifier (e.g. CommandOrControl+Alt+A), or null for off. */
const globalAccelerator = z
  .string()
  .max(64)
  .refine(isValidGlobalAccelerator, 'ショートカットの形式が正しくありません（例: Ctrl+Alt+A）')
  .nullable();

/**
 * Each section is stored (and recovered from a damaged row) on its own. Unknown fields (a newer
 * build's) are dropped on read rather than costing the section its values; patches are strict.
 */
export const settingsSectionSchemas = {
  language: z.enum(['ja', 'en']).default('ja'),
  audio: z
    .object({
      microphoneId: deviceId.default(null),
      speakerId: deviceId.default(null),
      /** where the ringtone plays: may differ from the call audio (a loud speaker, headset on the desk) */
      ringerId: deviceId.default(null),
      ringtone: z.enum(RINGTONES).default('classic'),
    })
    .prefault({}),
  /** the user's own templates; null = use the one the server provisions */
  links: z.object({ crm: linkTemplateSchema.default(null), numberSearch: linkTemplateSchema.default(null) }).prefault({}),
  shortcuts: shortcutsSchema.prefault({}),
  startup: z.object({ atLogin: z.boolean().default(false), minimized: z.boolean().default(false) }).prefault({}),
  /** system-wide shortcuts of the Windows app (Electron accelerators; null = off) */
  globalShortcuts: z
    .object(
      Object.fromEntries(GLOBAL_SHORTCUT_ACTIONS.map((action) => [action, globalAccelerator.default(DEFAULT_GLOBAL_SHORTCUTS[action])])) as {
        [A in GlobalShortcutAction]: z.ZodDefault<typeof globalAccelerator>;
      },
    )
    .prefault({}),
  /** do-not-disturb when the phone starts */
  dndDefault: z.boolean().default(false),
  /** answer by itself when the INVITE carries the provisioned intercom header */
  autoAnswerIntercom: z.boolean().default(true),
};

export type SettingsSection = keyof typeof settingsSectionSchemas;
export const SETTINGS_SECTIONS = Object.keys(settingsSectionSchemas) as SettingsSection[];

export const phoneSettingsSchema = z.object(settingsSectionSchemas).strict();
export type PhoneSettings = z.output<typeof phoneSettingsSchema>;

export const defaultPhoneSettings = (): PhoneSettings => phoneSettingsSchema.parse({});

/**
 * `settings.update`: any sections, each given in part (fields not named keep their value).
 * Values are validated here; the merged result is validated again by the store.
 */
export const settingsPatchSchema = z
  .object({
    language: z.enum(['ja', 'en']).optional(),
    audio: z
      .object({
        microphoneId: deviceId.optional(),
        speakerId: deviceId.optional(),
        ringerId: deviceId.optional(),
        ringtone: z.enum(RINGTONES).optional(),
      })
      .strict()
      .optional(),
    links: z.object({ crm: linkTemplateSchema.optional(), numberSearch: linkTemplateSchema.optional() }).strict().optional(),
    shortcuts: z
      .object(Object.fromEntries(SHORTCUT_ACTIONS.map((action) => [action, shortcutSchema.optional()])) as {
        [A in ShortcutAction]: z.ZodOptional<typeof shortcutSchema>;
      })
      .strict()
      .optional(),
    startup: z.object({ atLogin: z.boolean().optional(), minimized: z.boolean().optional() }).strict().optional(),
    globalShortcuts: z
      .object(Object.fromEntries(GLOBAL_SHORTCUT_ACTIONS.map((action) => [action, globalAccelerator.optional()])) as {
        [A in GlobalShortcutAction]: z.ZodOptional<typeof globalAccelerator>;
      })
      .strict()
      .optional(),
    dndDefault: z.boolean().optional(),
    autoAnswerIntercom: z.boolean().optional(),
  })
  .strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const settingsRequests = {
  'settings.get': request<PhoneSettings>()(z.object({})),
  /** merge and save; the whole new settings come back (and go out as `settings.changed`) */
  'settings.update': request<PhoneSettings>()(settingsPatchSchema),
};

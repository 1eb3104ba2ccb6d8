/**
 * A company number's voice menu (自動音声応答, IVR), as the PBX reads it from the directory: the
 * prompt to play, which key sequence rings which IDs, and what happens when the caller chooses
 * nothing usable. Validated by store/ivr-menu-rules.ts before it is ever stored.
 */

/** After the last play of the prompt without a usable choice. */
export type IvrNoChoice = 'ringSet' | 'hangUp';

export interface IvrMenuOption {
  /** the keys to press: 1–4 of 0-9 * #; never a prefix of another option's keys */
  digits: string;
  /** what the option is for (営業部, サポート…), for people; may be empty */
  label: string;
  /** ids (PbxIdentity.idId) that ring, all at once, when the caller chooses this option */
  ringSet: number[];
}

export interface IvrMenu {
  /** a bundled prompt (ivr-prompts.ts) */
  prompt: string;
  options: IvrMenuOption[];
  /** seconds to wait for a (further) key once the prompt has ended */
  timeoutSeconds: number;
  /** how often the prompt is played again after no key or an unknown one (0 = never) */
  repeats: number;
  /** 'ringSet': the number's normal ring set rings (without X-IVR-Digits); 'hangUp': the call ends */
  onNoChoice: IvrNoChoice;
}

export type IvrMatch =
  | { kind: 'chosen'; option: IvrMenuOption }
  /** the keys so far begin some option: wait for more */
  | { kind: 'more' }
  | { kind: 'invalid' };

/** What the keys pressed so far (since the prompt last started) mean in this menu. */
export function matchIvrDigits(menu: Pick<IvrMenu, 'options'>, digits: string): IvrMatch {
  if (digits === '') return { kind: 'more' };
  const option = menu.options.find((candidate) => candidate.digits === digits);
  if (option) return { kind: 'chosen', option };
  return menu.options.some((candidate) => candidate.digits.startsWith(digits)) ? { kind: 'more' } : { kind: 'invalid' };
}

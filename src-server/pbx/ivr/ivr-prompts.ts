/**
 * The prompts a menu may play: bundled recordings (assets/audio/, see its README), so a menu
 * never points at a file the server does not have. A menu stores the prompt's name.
 */
import { type AudioAsset } from '../media/wav-asset.js';

export interface IvrPrompt {
  name: string;
  /** what it says, for the customer page */
  label: string;
  asset: AudioAsset;
}

export const IVR_PROMPTS: readonly IvrPrompt[] = [
  {
    name: 'keiri-menu-ja',
    label: '経理部です。お支払いのお問い合わせは1を、ご請求のお問い合わせは2を押してください。',
    asset: 'ivr-menu-keiri-ja',
  },
];

export function findIvrPrompt(name: string): IvrPrompt | undefined {
  return IVR_PROMPTS.find((prompt) => prompt.name === name);
}

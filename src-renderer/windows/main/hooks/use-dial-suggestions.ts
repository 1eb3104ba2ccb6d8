import { useEffect, useState } from 'react';
import type { PhonebookListing } from '../../../../src-shared/contract/requests/phonebook.js';
import { usePhoneIntents } from '../../../app/phone-context.js';

/** One number of a phonebook entry, as the dialer offers it. */
export interface DialSuggestion {
  key: string;
  name: string;
  company: string;
  book: PhonebookListing['book'];
  label: string;
  digits: string;
}

const MAX_SUGGESTIONS = 6;
/** Typing pauses this long before a search goes out (a fast typist sends one, not five). */
const DEBOUNCE_MS = 120;

function suggestionsOf(entries: readonly PhonebookListing[], term: string): DialSuggestion[] {
  const digitTerm = /^\d+$/.test(term) ? term : null;
  const out: DialSuggestion[] = [];
  for (const entry of entries) {
    // by number: the numbers that contain what was typed; by name: every number of the entry
    const numbers = digitTerm ? entry.numbers.filter((n) => n.digits.includes(digitTerm)) : entry.numbers;
    for (const number of numbers.length > 0 ? numbers : entry.numbers) {
      out.push({
        key: `${entry.book}-${entry.id}-${number.digits}`,
        name: entry.name,
        company: entry.company,
        book: entry.book,
        label: number.label,
        digits: number.digits,
      });
    }
  }
  return out.slice(0, MAX_SUGGESTIONS);
}

/**
 * Both phonebooks searched as the dial field changes (`phonebook.search`): digits (from 2) match
 * numbers, kana or letters match names and readings. An answer for an older term is dropped.
 */
export function useDialSuggestions(term: string): DialSuggestion[] {
  const intents = usePhoneIntents();
  const [found, setFound] = useState<{ term: string; suggestions: DialSuggestion[] }>({ term: '', suggestions: [] });
  const searchable = /^\d{2,}$/.test(term) || /\p{L}/u.test(term);
  useEffect(() => {
    if (!searchable) return;
    let current = true;
    const timer = setTimeout(() => {
      void intents.request('phonebook.search', { query: term, limit: MAX_SUGGESTIONS }).then((result) => {
        if (current) setFound({ term, suggestions: result.ok ? suggestionsOf(result.value.entries, term) : [] });
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [intents, term, searchable]);
  return searchable && found.term === term ? found.suggestions : [];
}

import type { HandlersOf } from '../../../src-shared/contract/define.js';
import { PHONEBOOK_CSV_MAX_BYTES, type phonebookRequests } from '../../../src-shared/contract/requests/phonebook.js';
import type { AccountPhonebook } from './account-phonebook.js';

/**
 * The phonebook requests of the contract, for PhoneService to spread into its handlers.
 * `phonebook()` gives the logged-in account's phonebook or throws the contract's
 * "not logged in" failure.
 */
export function phonebookHandlers(phonebook: () => AccountPhonebook): HandlersOf<typeof phonebookRequests> {
  return {
    'phonebook.search': (args) => phonebook().search(args),
    'phonebook.create': (args) => phonebook().create(args),
    'phonebook.update': (args) => phonebook().update(args),
    'phonebook.delete': (args) => {
      phonebook().remove(args.id);
      return null;
    },
    'phonebook.importCsv': (args) => {
      const book = phonebook();
      const bytes = Buffer.from(args.base64, 'base64');
      if (bytes.byteLength > PHONEBOOK_CSV_MAX_BYTES) {
        const reason = `ファイルが大きすぎます（上限 ${PHONEBOOK_CSV_MAX_BYTES / 1024 / 1024} MiB）`;
        return { imported: false, reason, encoding: null, problems: [], truncated: false };
      }
      return book.importCsv(bytes, args.mode);
    },
    'phonebook.exportCsv': (args) => phonebook().exportCsv(args.encoding),
    'phonebook.lookup': (args) => phonebook().lookup(args.number),
    'phonebook.sync': () => phonebook().syncNow(),
  };
}

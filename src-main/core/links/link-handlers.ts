import type { HandlersOf } from '../../../src-shared/contract/define.js';
import type { linksRequests } from '../../../src-shared/contract/requests/links.js';
import type { LinkService } from './link-service.js';

export function linkHandlers(links: LinkService): HandlersOf<typeof linksRequests> {
  return {
    'links.build': (target) => links.build(target),
    'links.open': (target) => links.open(target),
  };
}

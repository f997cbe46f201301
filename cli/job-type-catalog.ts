import type { JobTypeCatalog } from '../api/jobs/router';
import type { Config } from '../common/config';

// placeholder until the definitions loader lands
export function loadJobTypeCatalog(_config: Config): JobTypeCatalog {
  return { get: (id) => (id === 'cloudboxx-install' ? { id, version: 1, title: 'Install CloudBoxx' } : undefined) };
}

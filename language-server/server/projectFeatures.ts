import { featureCapabilities, registerFeatures } from '../features/index.js';
import { registerRoles } from './custom/roles.js';
import { registerSearch } from './custom/search.js';
import { todayOf } from './serverContext.js';
import type { ServerOptions } from './startServer.js';

/**
 * What every build of the server registers beyond the workspace, diagnostics and task requests:
 * the standard feature providers (language-server/features) and the `scriptorium/…` requests
 * on core/search and core/roles.
 */
export const projectFeatures: ServerOptions = {
  features: (connection, context, server) => {
    registerFeatures(connection, context, {
      today: () => todayOf(server.settings()),
      roleNames: () => server.roles.names(),
      linkRanker: server.search.linkRanker,
    });
    return featureCapabilities;
  },
  extensions: [registerSearch, registerRoles],
};

/**
 * Infrastructure every feature uses: errors and problem documents, request ids and body limits,
 * paging, the server's command line and start-up checks, SQL helpers. It is an open module: its
 * subpackages are meant to be used by all features, and it depends on none of them.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.quartermaster.server.platform;

import org.springframework.modulith.ApplicationModule;

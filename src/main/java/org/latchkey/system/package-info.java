/**
 * What every module may use: the clock, the public address of this server, masks for logs and pages, paging,
 * lists of values split for a statement's {@code IN}, the retention of the records of what was sent, and the base
 * type of a refused field. It sees no request: how a request arrives (trusted proxies, HTTPS-only mode) is the web
 * layer's.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.latchkey.system;

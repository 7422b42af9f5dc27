/**
 * What every module may use: the clock, the public address of this server, whether it runs behind TLS,
 * and the address of the client behind a request.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.latchkey.system;

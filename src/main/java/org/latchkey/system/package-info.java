/**
 * What every module may use: the clock and the public address of this server.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.latchkey.system;

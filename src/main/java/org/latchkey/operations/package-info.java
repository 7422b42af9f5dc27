/**
 * What whoever runs Latchkey needs beside its pages: the management port (Prometheus metrics, build info,
 * health, never behind the user sign-in), the health answer of the application port, the version the server
 * runs, and the {@code admin-recover} command that brings back a locked-out administrator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations")
package org.latchkey.operations;

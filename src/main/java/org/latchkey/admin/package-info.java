/**
 * The administration console: users (list, search, create, invite, edit, disable, enable, reset their password
 * or 2FA email) and the audit log. Its pages call the public beans of the account, sign-in and audit modules;
 * the security chain keeps it to administrators.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Administration console")
package org.latchkey.admin;

/**
 * The administration console: users (list, search, create, invite, edit, disable, enable) and the audit log. Its
 * pages call the public beans of the account and audit modules; the security chain keeps it to
 * administrators.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Administration console")
package org.latchkey.admin;

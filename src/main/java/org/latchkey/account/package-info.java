/**
 * Users of Latchkey: their login, name, business email, role and status, their password (Argon2id), and the
 * creation of the first administrator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.latchkey.account;

/**
 * Users of Latchkey: their login, name, business email, role and status, their password (Argon2id), the
 * single-use links and temporary passwords that let them choose a new one, and the creation of the first
 * administrator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.latchkey.account;

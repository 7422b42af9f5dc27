/**
 * Users of Latchkey: their login, name, business email, role and status, their password (Argon2id), the
 * single-use links and temporary passwords that let them choose a new one, the creation of the first
 * administrator, and the first-login email that lets an invited user set up their account.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.latchkey.account;

package org.latchkey.web;

/** The password change form; the passwords are checked by the sign-in and account modules, not here. */
record PasswordChangeForm(String currentPassword, String password) {
}

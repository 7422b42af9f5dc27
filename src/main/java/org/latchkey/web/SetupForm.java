package org.latchkey.web;

/** The first-administrator form; its fields are checked by the account module, not here. */
record SetupForm(String token, String login, String displayName, String businessEmail, String password) {
}

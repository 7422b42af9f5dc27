package org.latchkey.sso;

/** Which Latchkey account a person the provider vouches for signs in to, the first time they come. */
public enum ProviderLinking {

	/** The active account whose business email is the linking claim's value (a verified email). */
	LINK_EXISTING,

	/** As {@link #LINK_EXISTING}, and when there is none, a new account (role user) created there and then. */
	CREATE_ACCOUNTS,

	/** Only people already linked to an account; anyone else is refused. */
	LINKED_ONLY

}

package org.latchkey.secret;

import java.util.List;

import org.latchkey.secret.internal.KeyRing;

/** A real {@link SecretCipher} for tests of other modules that seal secrets without an application context. */
public final class Ciphers {

	private Ciphers() {
	}

	/** A cipher under a master key of its own, made up for the caller. */
	public static SecretCipher underANewMasterKey() {
		return new SecretCipher(new KeyRing(MasterKeyRotationTests.key(), List.of()));
	}

}

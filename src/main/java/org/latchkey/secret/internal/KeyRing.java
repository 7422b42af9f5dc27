package org.latchkey.secret.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The master key that seals and hashes from now on, and the earlier ones that still open and match what they
 * made while a rotation is under way.
 */
public record KeyRing(MasterKey current, List<MasterKey> previous) {

	/** Every key, the current one first. */
	public List<MasterKey> all() {
		List<MasterKey> all = new ArrayList<>();
		all.add(this.current);
		all.addAll(this.previous);
		return all;
	}

}

package org.latchkey.account.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.bouncycastle.crypto.PasswordConverter;

import org.springframework.security.crypto.keygen.BytesKeyGenerator;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.security.crypto.password.AbstractValidatingPasswordEncoder;

/**
 * Argon2id hashes in the PHC string format Spring Security's {@code Argon2PasswordEncoder} writes and reads
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, Base64 without padding, the password as UTF-8), so the hashes
 * either one made are checked by the other. The difference is the memory: each hash at the configured cost fills
 * a block array that the next hash reuses, so the memory hashes take stays as many arrays as hashes ever ran at once
 * (the {@link PasswordHashLimiter}'s permits) and a hash allocates none of it again. A stored hash of
 * another cost is checked in an array of its own.
 */
final class Argon2idPasswordEncoder extends AbstractValidatingPasswordEncoder {

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private final Argon2id cost;

	private final int hashLength;

	private final BytesKeyGenerator salts;

	private final Queue<long[]> spareMemory = new ConcurrentLinkedQueue<>();

	Argon2idPasswordEncoder(int saltLength, int hashLength, Argon2id cost) {
		this.cost = cost;
		this.hashLength = hashLength;
		this.salts = KeyGenerators.secureRandom(saltLength);
	}

	@Override
	protected String encodeNonNullPassword(String rawPassword) {
		byte[] salt = this.salts.generateKey();
		byte[] hash = hash(this.cost, rawPassword, salt, this.hashLength);
		return "$argon2id$v=19$m=" + this.cost.memoryKib() + ",t=" + this.cost.iterations() + ",p="
				+ this.cost.lanes() + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
	}

	@Override
	protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
		StoredHash stored = StoredHash.parse(encodedPassword);
		if (stored == null) {
			return false;
		}
		byte[] hash = hash(stored.cost(), rawPassword, stored.salt(), stored.hash().length);
		return MessageDigest.isEqual(hash, stored.hash());
	}

	/** A hash made at less memory or fewer iterations than configured is made again at the next sign-in. */
	@Override
	protected boolean upgradeEncodingNonNull(String encodedPassword) {
		StoredHash stored = StoredHash.parse(encodedPassword);
		return stored != null && (stored.cost().memoryKib() < this.cost.memoryKib()
				|| stored.cost().iterations() < this.cost.iterations());
	}

	private byte[] hash(Argon2id cost, String rawPassword, byte[] salt, int length) {
		byte[] password = PasswordConverter.UTF8.convert(rawPassword.toCharArray());
		boolean pooled = cost.memoryLongs() == this.cost.memoryLongs();
		long[] memory = pooled ? this.spareMemory.poll() : null;
		if (memory == null) {
			memory = new long[cost.memoryLongs()];
		}
		try {
			return cost.hash(password, salt, length, memory);
		}
		finally {
			Arrays.fill(password, (byte) 0);
			if (pooled) {
				this.spareMemory.offer(memory);
			}
		}
	}

	/** A stored hash as the PHC string gives it, or null when the string is not an Argon2id, version 1.3, hash. */
	private record StoredHash(Argon2id cost, byte[] salt, byte[] hash) {

		static StoredHash parse(String encoded) {
			String[] parts = encoded.split("\\$");
			if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
				return null;
			}
			String[] costs = parts[3].split(",");
			if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=")
					|| !costs[2].startsWith("p=")) {
				return null;
			}
			try {
				Argon2id cost = new Argon2id(Integer.parseInt(costs[0].substring(2)),
						Integer.parseInt(costs[1].substring(2)), Integer.parseInt(costs[2].substring(2)));
				byte[] hash = Base64.getDecoder().decode(parts[5]);
				return hash.length < 4 ? null : new StoredHash(cost, Base64.getDecoder().decode(parts[4]), hash);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

}

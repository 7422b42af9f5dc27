package org.latchkey.account.internal;

import java.util.Arrays;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.util.Pack;

/**
 * Argon2id, version 1.3 (RFC 9106), filling a memory the caller owns. BouncyCastle's generator allocates its
 * memory, one object per 1 KiB block, on every hash: 19,456 objects for the default cost, which the garbage
 * collector then copies while they live. This one fills a flat {@code long[]} of {@link #memoryLongs()} words
 * that {@link Argon2idPasswordEncoder} hands from hash to hash, so a hash allocates next to nothing. The lanes
 * are filled one after another on the calling thread, as BouncyCastle does; the output is BouncyCastle's to the
 * bit ({@code Argon2idTests} holds both, and the RFC's test vector, to that). The Blake2b work at the start and
 * the end is BouncyCastle's digest.
 */
final class Argon2id {

	private static final int VERSION = 0x13;

	private static final int TYPE_ID = 2;

	private static final int SYNC_POINTS = 4;

	private static final int BLOCK_LONGS = 128;

	private static final int BLOCK_BYTES = 8 * BLOCK_LONGS;

	private static final long LOW_32_BITS = 0xFFFFFFFFL;

	/** The most lanes the RFC allows. */
	private static final int MAX_LANES = (1 << 24) - 1;

	/** The most memory whose words one {@code long[]} holds: 16 GiB less 1 KiB. */
	private static final int MAX_MEMORY_KIB = Integer.MAX_VALUE / BLOCK_LONGS;

	private final int memoryKib;

	private final int iterations;

	private final int lanes;

	private final int laneLength;

	private final int segmentLength;

	/**
	 * @param memoryKib the memory cost m in KiB, rounded down to a multiple of 4 × lanes as the RFC says
	 * @param iterations the passes t over the memory
	 * @param lanes the parallelism p
	 */
	Argon2id(int memoryKib, int iterations, int lanes) {
		if (lanes < 1 || lanes > MAX_LANES || iterations < 1 || memoryKib < 8 * lanes || memoryKib > MAX_MEMORY_KIB) {
			throw new IllegalArgumentException("Argon2id needs 1 <= p <= " + MAX_LANES + ", t >= 1 and 8p <= m <= "
					+ MAX_MEMORY_KIB + " (one Java array); here m=" + memoryKib + ", t=" + iterations + ", p=" + lanes);
		}
		this.memoryKib = memoryKib;
		this.iterations = iterations;
		this.lanes = lanes;
		this.segmentLength = memoryKib / (SYNC_POINTS * lanes);
		this.laneLength = this.segmentLength * SYNC_POINTS;
	}

	int memoryKib() {
		return this.memoryKib;
	}

	int iterations() {
		return this.iterations;
	}

	int lanes() {
		return this.lanes;
	}

	/** The length of the memory {@link #hash} fills. */
	int memoryLongs() {
		return this.lanes * this.laneLength * BLOCK_LONGS;
	}

	/**
	 * The tag of {@code outputLength} bytes for this password and salt. {@code memory} holds at least
	 * {@link #memoryLongs()} words, whatever they are; they are overwritten and left zeroed.
	 */
	byte[] hash(byte[] password, byte[] salt, int outputLength, long[] memory) {
		if (memory.length < memoryLongs()) {
			throw new IllegalArgumentException("the memory holds " + memory.length + " words; the cost needs "
					+ memoryLongs());
		}
		try {
			fillFirstBlocks(initialHash(password, salt, outputLength), memory);
			new Filling(memory).fill();
			return tag(memory, outputLength);
		}
		finally {
			Arrays.fill(memory, 0, memoryLongs(), 0L);
		}
	}

	/** H0: Blake2b-512 over the parameters, the password, the salt, and an empty secret and associated data. */
	private byte[] initialHash(byte[] password, byte[] salt, int outputLength) {
		Blake2bDigest blake = new Blake2bDigest(512);
		for (int value : new int[] { this.lanes, outputLength, this.memoryKib, this.iterations, VERSION, TYPE_ID }) {
			blake.update(Pack.intToLittleEndian(value), 0, 4);
		}
		for (byte[] octets : new byte[][] { password, salt, new byte[0], new byte[0] }) {
			blake.update(Pack.intToLittleEndian(octets.length), 0, 4);
			blake.update(octets, 0, octets.length);
		}
		byte[] seed = new byte[64 + 8];
		blake.doFinal(seed, 0);
		return seed;
	}

	/** B[i][0] = H'(H0 || 0 || i) and B[i][1] = H'(H0 || 1 || i), in each lane i. */
	private void fillFirstBlocks(byte[] seed, long[] memory) {
		long[] block = new long[BLOCK_LONGS];
		for (int lane = 0; lane < this.lanes; lane++) {
			for (int column = 0; column < 2; column++) {
				Pack.intToLittleEndian(column, seed, 64);
				Pack.intToLittleEndian(lane, seed, 68);
				Pack.littleEndianToLong(variableHash(seed, BLOCK_BYTES), 0, block);
				System.arraycopy(block, 0, memory, (lane * this.laneLength + column) * BLOCK_LONGS, BLOCK_LONGS);
			}
		}
	}

	/** The tag: H' over the exclusive or of each lane's last block. */
	private byte[] tag(long[] memory, int outputLength) {
		long[] last = new long[BLOCK_LONGS];
		for (int lane = 0; lane < this.lanes; lane++) {
			int offset = (lane * this.laneLength + this.laneLength - 1) * BLOCK_LONGS;
			for (int i = 0; i < BLOCK_LONGS; i++) {
				last[i] ^= memory[offset + i];
			}
		}
		byte[] bytes = new byte[BLOCK_BYTES];
		Pack.longToLittleEndian(last, bytes, 0);
		return variableHash(bytes, outputLength);
	}

	/** H', the variable-length hash of RFC 9106 section 3.3. */
	private static byte[] variableHash(byte[] input, int length) {
		byte[] out = new byte[length];
		byte[] lengthBytes = Pack.intToLittleEndian(length);
		if (length <= 64) {
			Blake2bDigest blake = new Blake2bDigest(8 * length);
			blake.update(lengthBytes, 0, 4);
			blake.update(input, 0, input.length);
			blake.doFinal(out, 0);
			return out;
		}
		Blake2bDigest blake = new Blake2bDigest(512);
		byte[] v = new byte[64];
		blake.update(lengthBytes, 0, 4);
		blake.update(input, 0, input.length);
		blake.doFinal(v, 0);
		int whole = (length + 31) / 32 - 2;
		int at = 0;
		for (int i = 1; i < whole; i++) {
			System.arraycopy(v, 0, out, at, 32);
			at += 32;
			blake.update(v, 0, 64);
			blake.doFinal(v, 0);
		}
		System.arraycopy(v, 0, out, at, 32);
		at += 32;
		Blake2bDigest last = new Blake2bDigest(8 * (length - at));
		last.update(v, 0, 64);
		last.doFinal(out, at);
		return out;
	}

	/** One hash's passes over the memory, slice by slice and lane by lane, with its working blocks. */
	private final class Filling {

		private final long[] memory;

		private final long[] r = new long[BLOCK_LONGS];

		private final long[] z = new long[BLOCK_LONGS];

		private final long[] addressInput = new long[BLOCK_LONGS];

		private final long[] addresses = new long[BLOCK_LONGS];

		private final long[] zero = new long[BLOCK_LONGS];

		Filling(long[] memory) {
			this.memory = memory;
		}

		void fill() {
			for (int pass = 0; pass < Argon2id.this.iterations; pass++) {
				for (int slice = 0; slice < SYNC_POINTS; slice++) {
					for (int lane = 0; lane < Argon2id.this.lanes; lane++) {
						fillSegment(pass, slice, lane);
					}
				}
			}
		}

		private void fillSegment(int pass, int slice, int lane) {
			int laneLength = Argon2id.this.laneLength;
			int segmentLength = Argon2id.this.segmentLength;
			boolean dataIndependent = pass == 0 && slice < SYNC_POINTS / 2;
			int start = (pass == 0 && slice == 0) ? 2 : 0;
			int current = lane * laneLength + slice * segmentLength + start;
			int previous = (current % laneLength == 0) ? current + laneLength - 1 : current - 1;
			if (dataIndependent) {
				Arrays.fill(this.addressInput, 0L);
				long[] input = { pass, lane, slice, memoryLongs() / BLOCK_LONGS, Argon2id.this.iterations, TYPE_ID };
				System.arraycopy(input, 0, this.addressInput, 0, input.length);
				if (start == 2) {
					nextAddresses();
				}
			}
			for (int index = start; index < segmentLength; index++) {
				long pseudoRandom;
				if (dataIndependent) {
					if (index % BLOCK_LONGS == 0) {
						nextAddresses();
					}
					pseudoRandom = this.addresses[index % BLOCK_LONGS];
				}
				else {
					pseudoRandom = this.memory[previous * BLOCK_LONGS];
				}
				int referenceLane = (pass == 0 && slice == 0) ? lane
						: (int) ((pseudoRandom >>> 32) % Argon2id.this.lanes);
				int reference = referenceLane * laneLength
						+ referenceColumn(pass, slice, index, pseudoRandom, referenceLane == lane);
				compress(this.memory, previous * BLOCK_LONGS, this.memory, reference * BLOCK_LONGS, this.memory,
						current * BLOCK_LONGS, pass > 0);
				previous = current;
				current++;
			}
		}

		/** The column of the reference block, in the area the RFC's section 3.4.1.2 allows. */
		private int referenceColumn(int pass, int slice, int index, long pseudoRandom, boolean sameLane) {
			int laneLength = Argon2id.this.laneLength;
			int segmentLength = Argon2id.this.segmentLength;
			int areaSize;
			int startPosition;
			if (pass == 0) {
				startPosition = 0;
				areaSize = sameLane ? slice * segmentLength + index - 1
						: slice * segmentLength + ((index == 0) ? -1 : 0);
			}
			else {
				startPosition = ((slice + 1) * segmentLength) % laneLength;
				areaSize = sameLane ? laneLength - segmentLength + index - 1
						: laneLength - segmentLength + ((index == 0) ? -1 : 0);
			}
			long relative = pseudoRandom & LOW_32_BITS;
			relative = (relative * relative) >>> 32;
			relative = areaSize - 1 - ((areaSize * relative) >>> 32);
			return (int) ((startPosition + relative) % laneLength);
		}

		/** The next block of data-independent addresses: G(0, G(0, input)), with the input's counter stepped. */
		private void nextAddresses() {
			this.addressInput[6]++;
			compress(this.zero, 0, this.addressInput, 0, this.addresses, 0, false);
			compress(this.zero, 0, this.addresses, 0, this.addresses, 0, false);
		}

		/**
		 * The compression function G of section 3.5: out = P(x ^ y) ^ x ^ y, or, from the second pass on, the
		 * block's old value exclusive-or'd with it.
		 */
		private void compress(long[] x, int xAt, long[] y, int yAt, long[] out, int outAt, boolean withOld) {
			long[] r = this.r;
			long[] z = this.z;
			for (int i = 0; i < BLOCK_LONGS; i++) {
				long word = x[xAt + i] ^ y[yAt + i];
				r[i] = word;
				z[i] = word;
			}
			for (int row = 0; row < 8; row++) {
				int i = 16 * row;
				permute(z, i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7, i + 8, i + 9, i + 10, i + 11, i + 12,
						i + 13, i + 14, i + 15);
			}
			for (int column = 0; column < 8; column++) {
				int i = 2 * column;
				permute(z, i, i + 1, i + 16, i + 17, i + 32, i + 33, i + 48, i + 49, i + 64, i + 65, i + 80, i + 81,
						i + 96, i + 97, i + 112, i + 113);
			}
			if (withOld) {
				for (int i = 0; i < BLOCK_LONGS; i++) {
					out[outAt + i] ^= r[i] ^ z[i];
				}
			}
			else {
				for (int i = 0; i < BLOCK_LONGS; i++) {
					out[outAt + i] = r[i] ^ z[i];
				}
			}
		}

	}

	/** The permutation P: Blake2b's round on 16 words, with BlaMka's multiplication in the additions. */
	private static void permute(long[] v, int v0, int v1, int v2, int v3, int v4, int v5, int v6, int v7, int v8,
			int v9, int v10, int v11, int v12, int v13, int v14, int v15) {
		mix(v, v0, v4, v8, v12);
		mix(v, v1, v5, v9, v13);
		mix(v, v2, v6, v10, v14);
		mix(v, v3, v7, v11, v15);
		mix(v, v0, v5, v10, v15);
		mix(v, v1, v6, v11, v12);
		mix(v, v2, v7, v8, v13);
		mix(v, v3, v4, v9, v14);
	}

	/** GB of section 3.6. */
	private static void mix(long[] v, int a, int b, int c, int d) {
		long va = v[a];
		long vb = v[b];
		long vc = v[c];
		long vd = v[d];
		va += vb + 2 * (va & LOW_32_BITS) * (vb & LOW_32_BITS);
		vd = Long.rotateRight(vd ^ va, 32);
		vc += vd + 2 * (vc & LOW_32_BITS) * (vd & LOW_32_BITS);
		vb = Long.rotateRight(vb ^ vc, 24);
		va += vb + 2 * (va & LOW_32_BITS) * (vb & LOW_32_BITS);
		vd = Long.rotateRight(vd ^ va, 16);
		vc += vd + 2 * (vc & LOW_32_BITS) * (vd & LOW_32_BITS);
		vb = Long.rotateRight(vb ^ vc, 63);
		v[a] = va;
		v[b] = vb;
		v[c] = vc;
		v[d] = vd;
	}

}

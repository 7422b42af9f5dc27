package org.latchkey.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A passkey made in the test, without a browser: an ES256 key pair and the authenticator data, attestation
 * object (format {@code none}) and client data a WebAuthn authenticator and browser would produce, as the JSON
 * {@code PublicKeyCredential.toJSON()} gives. Tests choose what a real one would not let them: the origin the
 * browser claims, the signature counter, whether the user was verified, whether the passkey is synced.
 */
public final class SoftwarePasskey {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	private final byte[] credentialId = new byte[16];

	private final boolean synced;

	private boolean userVerified = true;

	private long counter;

	private String origin;

	private byte[] userHandle;

	private SoftwarePasskey(boolean synced, String origin) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		new SecureRandom().nextBytes(this.credentialId);
		this.synced = synced;
		this.origin = origin;
	}

	/** A passkey bound to one device, which keeps a signature counter (it starts at 0 and grows by one per use). */
	public static SoftwarePasskey deviceBound(String origin) {
		return new SoftwarePasskey(false, origin);
	}

	/** A synced passkey, which keeps no counter: it says 0 every time. */
	public static SoftwarePasskey synced(String origin) {
		return new SoftwarePasskey(true, origin);
	}

	/** Whether the next answers say the user was verified (PIN, biometrics). */
	public SoftwarePasskey userVerified(boolean verified) {
		this.userVerified = verified;
		return this;
	}

	/** The origin the browser claims in the next answers: a phishing page's, say. */
	public SoftwarePasskey origin(String claimed) {
		this.origin = claimed;
		return this;
	}

	/** The counter the next answer says; a device-bound passkey otherwise adds one per use. */
	public SoftwarePasskey counter(long value) {
		this.counter = value;
		return this;
	}

	public String credentialId() {
		return BASE64URL.encodeToString(this.credentialId);
	}

	/** The registration response to the creation options of a page ({@code data-options}). */
	public String register(String creationOptions) {
		JsonNode options = JSON.readTree(creationOptions);
		this.userHandle = Base64.getUrlDecoder().decode(options.get("user").get("id").asString());
		byte[] clientData = clientData("webauthn.create", options.get("challenge").asString());
		byte[] authenticatorData = authenticatorData(options.get("rp").get("id").asString(), true);
		ByteArrayOutputStream attestation = new ByteArrayOutputStream();
		head(attestation, 5, 3);
		text(attestation, "fmt");
		text(attestation, "none");
		text(attestation, "attStmt");
		head(attestation, 5, 0);
		text(attestation, "authData");
		bytes(attestation, authenticatorData);
		return "{\"id\":\"" + credentialId() + "\",\"rawId\":\"" + credentialId()
				+ "\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{},"
				+ "\"response\":{\"clientDataJSON\":\"" + BASE64URL.encodeToString(clientData)
				+ "\",\"attestationObject\":\"" + BASE64URL.encodeToString(attestation.toByteArray())
				+ "\",\"transports\":[\"internal\"]}}";
	}

	/** The assertion (a signature over the challenge) for the request options of a page. */
	public String sign(String requestOptions) {
		JsonNode options = JSON.readTree(requestOptions);
		byte[] clientData = clientData("webauthn.get", options.get("challenge").asString());
		byte[] authenticatorData = authenticatorData(options.get("rpId").asString(), false);
		byte[] signature;
		try {
			Signature signer = Signature.getInstance("SHA256withECDSA");
			signer.initSign(this.keys.getPrivate());
			signer.update(authenticatorData);
			signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
			signature = signer.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		return "{\"id\":\"" + credentialId() + "\",\"rawId\":\"" + credentialId()
				+ "\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{},"
				+ "\"response\":{\"clientDataJSON\":\"" + BASE64URL.encodeToString(clientData)
				+ "\",\"authenticatorData\":\"" + BASE64URL.encodeToString(authenticatorData) + "\",\"signature\":\""
				+ BASE64URL.encodeToString(signature) + "\",\"userHandle\":\"" + BASE64URL.encodeToString(this.userHandle)
				+ "\"}}";
	}

	private byte[] clientData(String type, String challenge) {
		return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + this.origin
				+ "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
	}

	private byte[] authenticatorData(String rpId, boolean attested) {
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		try {
			data.writeBytes(MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		int flags = 0x01 | (this.userVerified ? 0x04 : 0) | (this.synced ? 0x18 : 0) | (attested ? 0x40 : 0);
		data.write(flags);
		long count = this.synced ? 0 : this.counter;
		data.writeBytes(ByteBuffer.allocate(4).putInt((int) count).array());
		if (!this.synced) {
			this.counter++;
		}
		if (attested) {
			data.writeBytes(new byte[16]);
			data.write(0);
			data.write(this.credentialId.length);
			data.writeBytes(this.credentialId);
			ECPublicKey key = (ECPublicKey) this.keys.getPublic();
			head(data, 5, 5);
			integer(data, 1);
			integer(data, 2);
			integer(data, 3);
			integer(data, -7);
			integer(data, -1);
			integer(data, 1);
			integer(data, -2);
			bytes(data, coordinate(key.getW().getAffineX()));
			integer(data, -3);
			bytes(data, coordinate(key.getW().getAffineY()));
		}
		return data.toByteArray();
	}

	private static byte[] coordinate(BigInteger value) {
		byte[] raw = value.toByteArray();
		byte[] fixed = new byte[32];
		int length = Math.min(raw.length, 32);
		System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
		return fixed;
	}

	private static void integer(ByteArrayOutputStream out, long value) {
		if (value >= 0) {
			head(out, 0, value);
		}
		else {
			head(out, 1, -1 - value);
		}
	}

	private static void bytes(ByteArrayOutputStream out, byte[] value) {
		head(out, 2, value.length);
		out.writeBytes(value);
	}

	private static void text(ByteArrayOutputStream out, String value) {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		head(out, 3, utf8.length);
		out.writeBytes(utf8);
	}

	/** A CBOR head (RFC 8949 §3): major type and argument. */
	private static void head(ByteArrayOutputStream out, int major, long argument) {
		if (argument < 24) {
			out.write((major << 5) | (int) argument);
		}
		else if (argument < 256) {
			out.write((major << 5) | 24);
			out.write((int) argument);
		}
		else {
			out.write((major << 5) | 25);
			out.writeBytes(Arrays.copyOfRange(ByteBuffer.allocate(4).putInt((int) argument).array(), 2, 4));
		}
	}

}

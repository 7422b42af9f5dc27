package org.latchkey;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.Role;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.TotpCheck;
import org.latchkey.outbox.OutboxStatus;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.session.EndReason;
import org.latchkey.selfservice.MethodChange;
import org.latchkey.session.SignedInWith;
import org.latchkey.sms.SmsBodyFormat;
import org.latchkey.sms.SmsLimitReachedException;
import org.latchkey.sms.SmsProviderKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message keys that pages, emails and controllers build from an enum constant's name (such as
 * {@code "methods." + method.name()}) exist, for every constant a page can meet, in the English and the French
 * bundles: a constant added to an enum without its texts fails here rather than showing {@code ??key??}.
 */
class EnumMessageKeysTests {

	private static final Function<Enum<?>, String> AS_IS = Enum::name;

	private static final Function<Enum<?>, String> LOWER_CASE = constant -> constant.name().toLowerCase(Locale.ROOT);

	static Stream<KeysFromEnum> keysBuiltFromEnums() {
		return Stream.of(new KeysFromEnum("verify.app.", LOWER_CASE, except(TotpCheck.ACCEPTED)),
				new KeysFromEnum("verify.code.", LOWER_CASE, except(CodeCheck.Result.ACCEPTED)),
				new KeysFromEnum("my-account.code.", LOWER_CASE, List.of(CodeCheck.Result.NONE, CodeCheck.Result.FOREIGN)),
				new KeysFromEnum("signin.ended.", LOWER_CASE, all(EndReason.values())),
				new KeysFromEnum("sms.settings.test.limit.", AS_IS, all(SmsLimitReachedException.Limit.values())),
				new KeysFromEnum("account.role.", AS_IS, all(Role.values())),
				new KeysFromEnum("account.status.", AS_IS, all(AccountStatus.values())),
				new KeysFromEnum("sms.settings.provider.", AS_IS, all(SmsProviderKind.values())),
				new KeysFromEnum("sms.settings.bodyFormat.", AS_IS, all(SmsBodyFormat.values())),
				new KeysFromEnum("delivery.status.", AS_IS, all(OutboxStatus.values())),
				new KeysFromEnum("methods.", AS_IS, all(SecondFactorKind.values())),
				new KeysFromEnum("methods.action.", AS_IS, all(MethodChange.Action.values())),
				new KeysFromEnum("admin.audit.outcome.", AS_IS, all(AuditOutcome.values())),
				new KeysFromEnum("sessions.method.", AS_IS, all(SignedInWith.values())),
				// the purposes of codes that go by email; the others go by SMS only
				new KeysFromEnum("mail.code.purpose.", AS_IS, except(CodePurpose.SMS_SIGN_IN, CodePurpose.PHONE_CONFIRM)));
	}

	@ParameterizedTest
	@MethodSource("keysBuiltFromEnums")
	void everyConstantHasItsMessageInEnglishAndInFrench(KeysFromEnum keys) throws IOException, URISyntaxException {
		for (String bundle : List.of(".properties", "_fr.properties")) {
			assertThat(keysOf(bundle)).as("the messages in *" + bundle).containsAll(keys.keys());
		}
	}

	private static Set<String> keysOf(String suffix) throws IOException, URISyntaxException {
		Path directory = Path.of(EnumMessageKeysTests.class.getResource("/messages").toURI());
		Set<String> keys = new HashSet<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(path -> isOfBundle(path, suffix)).toList()) {
				Properties messages = new Properties();
				try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					messages.load(reader);
				}
				keys.addAll(messages.stringPropertyNames());
			}
		}
		return keys;
	}

	/** English is the bundle without a language suffix; French the one ending in {@code _fr}. */
	private static boolean isOfBundle(Path file, String suffix) {
		String name = file.getFileName().toString();
		return name.endsWith(suffix) && (suffix.startsWith("_") || !name.matches(".*_[a-z]{2}\\.properties"));
	}

	private static List<Enum<?>> all(Enum<?>[] constants) {
		return List.of(constants);
	}

	private static List<Enum<?>> except(Enum<?>... excluded) {
		Set<Enum<?>> left = new HashSet<>(Arrays.asList(excluded[0].getDeclaringClass().getEnumConstants()));
		left.removeAll(Arrays.asList(excluded));
		return List.copyOf(left);
	}

	/** The keys a prefix and an enum's constants make, as the code or the template builds them. */
	record KeysFromEnum(String prefix, Function<Enum<?>, String> name, List<Enum<?>> constants) {

		List<String> keys() {
			return this.constants.stream().map(constant -> this.prefix + this.name.apply(constant)).toList();
		}

		@Override
		public String toString() {
			return this.prefix + "<" + this.constants.get(0).getDeclaringClass().getSimpleName() + ">";
		}

	}

}

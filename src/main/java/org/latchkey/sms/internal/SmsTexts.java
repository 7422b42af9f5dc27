package org.latchkey.sms.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.latchkey.sms.Sms;
import org.latchkey.system.PublicUrl;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes the text of an {@link Sms} from the {@code sms} bundle: the key {@code sms.<template>} in the SMS's
 * language, each {@code {name}} replaced by the variable of that name. A code's text ends with the
 * origin-bound line {@code @<host> #<code>} (the format of WebOTP and of origin-bound one-time codes), so a
 * browser on this server's address can offer to fill the code in, and no other site can.
 */
@Component
public class SmsTexts {

	static final String CODE_TEMPLATE = "code";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)\\}");

	/** What the origin-bound line may carry without breaking its format. */
	private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{4,12}");

	private final MessageSource messages;

	private final PublicUrl publicUrl;

	SmsTexts(MessageSource messages, PublicUrl publicUrl) {
		this.messages = messages;
		this.publicUrl = publicUrl;
	}

	/** Fails when the text or one of its variables is missing, so the caller's transaction rolls back. */
	public String render(Sms sms) {
		// without arguments the bundle's text comes back as written, {name} placeholders included
		String template = this.messages.getMessage("sms." + sms.template(), null, sms.locale());
		String text = PLACEHOLDER.matcher(template)
			.replaceAll(match -> Matcher.quoteReplacement(variable(sms, match.group(1))));
		if (!CODE_TEMPLATE.equals(sms.template())) {
			return text;
		}
		// an application's own words before the code's text (the Verify API's custom prefix)
		Object prefix = sms.variables().get("prefix");
		if (prefix != null && !prefix.toString().isBlank()) {
			text = prefix.toString().strip() + " " + text;
		}
		String code = variable(sms, "code");
		if (!CODE.matcher(code).matches()) {
			throw new IllegalArgumentException("An SMS code must be 4 to 12 letters or digits");
		}
		return text + "\n\n@" + this.publicUrl.to("/").build().getHost() + " #" + code;
	}

	private static String variable(Sms sms, String name) {
		Object value = sms.variables().get(name);
		if (value == null) {
			throw new IllegalArgumentException("The SMS " + sms.template() + " needs the variable " + name);
		}
		return value.toString();
	}

}

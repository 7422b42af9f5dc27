package org.latchkey.sms;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.latchkey.outbox.InvalidRecipientException;
import org.latchkey.outbox.TemplateNames;
import org.latchkey.system.Masks;

/**
 * An SMS to send: to which number, which text (the key {@code sms.<template>} of the {@code sms} bundle, whose
 * {@code {name}} placeholders take the variables of the same name), in which language. For the template
 * {@code code} the variables hold {@code code}, and the text ends with the origin-bound line
 * {@code @<host> #<code>} so browsers can offer to fill the code in. The variables may carry a code; they are
 * kept only sealed.
 *
 * @param accountId the account the SMS is for, counted against its cap; {@code null} for a test SMS
 * @param to the number in E.164 form ({@code +33612345678})
 * @param template lower-case letters, digits and dashes
 * @param locale the language of the text; a language without texts falls back to English
 * @param variables the values of the text's placeholders, none of them {@code null}
 */
public record Sms(@Nullable Long accountId, String to, String template, Locale locale, Map<String, Object> variables) {

	/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	/**
	 * @throws InvalidRecipientException when the number is not in E.164 form
	 * @throws IllegalArgumentException when the template name is not lower-case words joined by dashes
	 */
	public Sms {
		if (to == null || !E164.matcher(to).matches()) {
			throw new InvalidRecipientException("delivery.phone.invalid");
		}
		TemplateNames.check(template);
		Objects.requireNonNull(locale, "locale must not be null");
		variables = Map.copyOf(Objects.requireNonNull(variables, "variables must not be null"));
	}

	/** Names the template and the masked number only: the values may hold a code. */
	@Override
	public String toString() {
		return "Sms[" + this.template + " to " + Masks.phone(this.to) + "]";
	}

}

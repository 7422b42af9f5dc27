package org.latchkey.sms;

import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.latchkey.sms.internal.SmsSettingsStore;

import org.springframework.stereotype.Service;

/**
 * What other modules may ask about SMS: whether a provider is configured (SMS can be offered at all), and to
 * which countries numbers may belong. The administrator sets both in Advanced Settings.
 */
@Service
public class SmsSettings {

	private final SmsSettingsStore store;

	SmsSettings(SmsSettingsStore store) {
		this.store = store;
	}

	/** Whether an SMS provider is configured; without one, {@link SmsQueue#enqueue(Sms)} refuses every SMS. */
	public boolean configured() {
		return this.store.current().provider() != SmsProviderKind.NONE;
	}

	/** The country calling codes (33 for France, 1 for North America) numbers may have; empty for all. */
	public Set<Integer> allowedCountryCodes() {
		return this.store.current().allowedCountryCodes();
	}

	/** Whether SMS may go to this E.164 number's country; false when it is not a number at all. */
	public boolean allowsCountryOf(String e164) {
		return allows(this.store.current().allowedCountryCodes(), e164);
	}

	static boolean allows(Set<Integer> countryCodes, String e164) {
		try {
			int code = PhoneNumberUtil.getInstance().parse(e164, null).getCountryCode();
			return countryCodes.isEmpty() || countryCodes.contains(code);
		}
		catch (NumberParseException ex) {
			return false;
		}
	}

}

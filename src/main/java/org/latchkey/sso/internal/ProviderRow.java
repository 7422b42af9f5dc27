package org.latchkey.sso.internal;

import org.latchkey.sso.SsoProvider;

/** A provider as stored, with its sealed client secret, for the flow that must open it. */
public record ProviderRow(SsoProvider provider, String sealedClientSecret) {
}

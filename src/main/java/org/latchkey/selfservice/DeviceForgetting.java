package org.latchkey.selfservice;

import java.util.List;

import org.latchkey.audit.AuditLog;
import org.latchkey.factor.RememberedDevices;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.stereotype.Service;

/** The remembered devices My account lists, and forgetting one or all of them (audited). */
@Service
public class DeviceForgetting {

	private final RememberedDevices devices;

	private final AuditLog audit;

	DeviceForgetting(RememberedDevices devices, AuditLog audit) {
		this.devices = devices;
		this.audit = audit;
	}

	public List<RememberedDevices.Device> of(SignInPrincipal principal) {
		return this.devices.of(principal.accountId());
	}

	public void forget(SignInPrincipal principal, long deviceId) {
		if (this.devices.forget(principal.accountId(), deviceId)) {
			this.audit.success(SelfServiceEvent.REMEMBERED_DEVICES_FORGOTTEN, principal.accountId(),
					principal.getUsername());
		}
	}

	public void forgetAll(SignInPrincipal principal) {
		if (this.devices.forgetAll(principal.accountId()) > 0) {
			this.audit.success(SelfServiceEvent.REMEMBERED_DEVICES_FORGOTTEN, principal.accountId(),
					principal.getUsername());
		}
	}

}

package org.latchkey.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes each audit event, once its transaction has committed, to the logger {@value #LOGGER} as one JSON object
 * of a stable shape, so that a SIEM reading the log sees what the console's audit page shows. The keys are
 * always the same and always present ({@code null} when empty):
 * {@code time, event, outcome, actor, subject, subjectAccountId, clientIp, userAgent, detail}. An event whose
 * transaction rolls back is never written, as it is never stored.
 */
final class AuditStream {

	static final String LOGGER = "latchkey.audit";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private static final JsonMapper json = JsonMapper.builder().build();

	void written(AuditEntry entry) {
		if (!log.isInfoEnabled()) {
			return;
		}
		String line = json(entry);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					log.info(line);
				}
			});
		}
		else {
			log.info(line);
		}
	}

	static String json(AuditEntry entry) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("time", entry.occurredAt().toString());
		fields.put("event", entry.event());
		fields.put("outcome", entry.outcome().name());
		fields.put("actor", entry.actor());
		fields.put("subject", entry.subject());
		fields.put("subjectAccountId", entry.subjectAccountId());
		fields.put("clientIp", entry.clientIp());
		fields.put("userAgent", entry.userAgent());
		fields.put("detail", entry.detail());
		return json.writeValueAsString(fields);
	}

}

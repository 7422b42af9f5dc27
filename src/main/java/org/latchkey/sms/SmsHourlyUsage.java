package org.latchkey.sms;

/**
 * How much of the hourly SMS cap is used, without the provider's settings or secrets.
 * @param sentLastHour how many SMS were queued during the last hour
 * @param hourlyCap the cap set in the console
 */
public record SmsHourlyUsage(long sentLastHour, int hourlyCap) {
}

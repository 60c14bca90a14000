#pragma once
// Alerts as JSON: one object per alert for `vigil check --json`, and the webhook payload
// in Slack's incoming-webhook shape ({"text": ..., "attachments": [...]}) carrying the
// same object under "vigil" for receivers that want fields rather than text. The
// instance, read from logs, is masked in both (a webhook leaves the machine).

#include "alert.h"

#include <QJsonObject>

namespace vigil {

QString isoTime(std::int64_t epochUs); // "2025-11-10T10:20:04.000Z"

QJsonObject alertToJson(const Alert& alert);

enum class AlertEvent { Raised, Resolved };
QJsonObject webhookPayload(const Alert& alert, AlertEvent event);

} // namespace vigil

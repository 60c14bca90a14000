#pragma once
// Reads and writes the human-editable rules file (JSON): the rules and the action
// settings. A broken file yields messages that name the line and column (syntax) or the
// line, rule and field (content), so the caller can keep the last good rules in force.
//
// {
//   "rules": [
//     {"id": "error-rate", "name": "Error rate", "metric": "error_rate", "scope": "each",
//      "window": 60, "warning": 5, "critical": 10, "for": 0, "repeat": 900, "min_samples": 20}
//   ],
//   "actions": {"webhook": {"enabled": false, "url": "", "timeout_ms": 5000},
//               "command": {"enabled": false, "program": "", "arguments": [], "timeout_ms": 10000}}
// }
// scope is "all", "each" or a list of instance names; durations are in seconds; a missing
// "critical" (or null) means the rule has a warning level only.

#include "alertactionsettings.h"
#include "alertrule.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace vigil {

struct RulesDocument {
    std::vector<AlertRule> rules;
    AlertActionSettings actions;
};

struct RulesParseResult {
    RulesDocument document;
    QStringList errors; // empty when the document is good
    bool ok() const { return errors.isEmpty(); }
};

RulesParseResult parseRules(const QByteArray& json);
QByteArray rulesToJson(const RulesDocument& document);

// The default location: <AppConfigLocation>/rules.json (~/.config/Vigil/Vigil/rules.json on Linux).
QString defaultRulesPath();

// Reads a rules file. When it does not exist and createIfMissing is set, writes the
// defaults there first. Errors name the file.
RulesParseResult loadRulesFile(const QString& path, bool createIfMissing);
// Writes atomically; returns an error message or an empty string.
QString saveRulesFile(const QString& path, const RulesDocument& document);

// Reloads `path` into `inForce` only when it is good; otherwise leaves the last good
// rules in force and returns the problems (empty on success).
QStringList reloadRules(const QString& path, RulesDocument& inForce, bool createIfMissing = true);

// 1-based line and column of a byte offset in text.
void lineColumnAt(const QByteArray& text, int offset, int& line, int& column);

} // namespace vigil

// Bytes as the rules file a user edits: parsed with its line-numbered messages, and when
// good, written back and read again (what the Rules dialog does on save).

#include "fuzzseeds.h"

#include "models/alerts/rulesfile.h"

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (vigil::fuzz::seedDir().isEmpty()) return 0;
    vigil::RulesDocument defaults;
    defaults.rules = vigil::defaultAlertRules();
    const QByteArray good = vigil::rulesToJson(defaults);
    vigil::fuzz::writeSeed(QStringLiteral("rules-defaults.json"), good);
    defaults.actions.webhook.enabled = true;
    defaults.actions.webhook.url = QStringLiteral("https://hooks.example.com/T0/B0");
    defaults.actions.command.enabled = true;
    defaults.actions.command.program = QStringLiteral("/usr/bin/notify-send");
    defaults.actions.command.arguments = {QStringLiteral("{severity}"), QStringLiteral("{message}")};
    vigil::fuzz::writeSeed(QStringLiteral("rules-actions.json"), vigil::rulesToJson(defaults));
    QByteArray broken = good;
    broken.replace("\"window\": 60", "\"window\": 1.5, \"treshold\": 3");
    vigil::fuzz::writeSeed(QStringLiteral("rules-broken.json"), broken);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const vigil::RulesParseResult parsed =
        vigil::parseRules(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (parsed.ok()) vigil::parseRules(vigil::rulesToJson(parsed.document));
    return 0;
}

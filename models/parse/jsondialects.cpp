#include "jsondialects.h"

#include "builtinformats.h"
#include "jsonfields.h"
#include "jsonkeys.h"

namespace vigil {

namespace {
void jsonFields(std::string_view line, const ParsedLine&, FieldList& out) {
    for (auto& field : flattenJsonFields(line))
        out.push_back(std::move(field));
}
} // namespace

bool parseJsonDialectLine(LineContext& line, ParsedLine& out) {
    return line.jsonDialect() == out.format && line.readJsonLine(out);
}

FormatDescriptor jsonDialectFormat(std::string_view name, bool (*matches)(std::uint32_t keys)) {
    FormatDescriptor format;
    format.name = name;
    format.parse = parseJsonDialectLine;
    format.matchesJsonKeys = matches;
    format.onePerLine = true;
    format.fields = jsonFields;
    format.prettyText = prettyJson;
    return format;
}

// Registered in this order, which decides between them: structlog lines may carry HTTP
// keys, tracing lines carry spans.

// Seed 001, Rust tracing-subscriber:
// {"timestamp":"2025-11-10T10:20:00.000377Z","level":"ERROR","fields":{"message":"Task
// completed","duration_ms":873},"target":"octollm_executor::executor","span":{"task_id":"task-33918","name":"process_task"},"spans":[...]}
FormatDescriptor tracingJsonFormat() {
    return jsonDialectFormat("tracing-json",
                             [](JsonKeys k) -> bool { return (k & KeyFields) && (k & KeyTarget); });
}

// Seed 001, structlog JSONRenderer: the message is under "event".
// {"event": "task.created", "task_id": "task-24730", "request_id": "req_a276cb0ab0cac06e", "timestamp":
// "2025-11-10T10:20:00.014858Z", "level": "warning", "logger": "octollm.orchestrator", "service":
// "octollm-orchestrator", "environment": "production"}
FormatDescriptor structlogJsonFormat() {
    return jsonDialectFormat("structlog-json",
                             [](JsonKeys k) -> bool { return (k & KeyEvent) && !(k & KeyMessage); });
}

// Seed 002, production JSON logger with call ids and an "extra" object:
// {"timestamp": "2025-11-10T10:20:00.012061Z", "level": "DEBUG", "logger": "app.telephony.asterisk_ari",
// "function": "handle_stasis_start", "line": 145, "message": "Call failed", "app": "ai_voice_agent",
// "environment": "production", "call_id": "ast-620-413", "extra": {"duration_sec": 26.34}}
FormatDescriptor productionJsonFormat() {
    return jsonDialectFormat("production-json", [](JsonKeys k) -> bool {
        return (k & KeyCallId) || ((k & KeyApp) && (k & KeyExtra));
    });
}

// Seed 004, JSON with user context:
// {"timestamp": "2025-11-10T10:20:00.011Z", "level": "INFO", "logger": "auth", "message": "User logged in:
// 0x123...", "module": "auth", "function": "connect_wallet", "line": 145, "user_id": "198", "request_id":
// "52f9bcc9-3e94", "ip_address": "192.168.1.124"}
FormatDescriptor userContextJsonFormat() {
    return jsonDialectFormat("user-context-json",
                             [](JsonKeys k) -> bool { return (k & KeyUserId) || (k & KeyIpAddress); });
}

// Seed 003, Flask API logger (timestamp without zone):
// {"timestamp": "2025-11-10T10:20:00.007191", "level": "INFO", "message": "Text generation completed",
// "module": "logger", "request_id": "req_5394149652244849", "method": "POST", "url":
// "http://localhost:5000/api/v1/generate", "endpoint": "generate_response", "type": "custom_event"}
FormatDescriptor flaskJsonFormat() {
    return jsonDialectFormat("flask-json", [](JsonKeys k) -> bool {
        return (k & KeyEndpoint) || ((k & KeyType) && (k & KeyUrl));
    });
}

// JSON lines of no dialect above, still read for timestamp/level/message keys:
// {"time": "2025-11-10T10:20:00Z", "severity": "error", "msg": "boom", "instance": "i-1", "duration": 2.5}
FormatDescriptor genericJsonFormat() {
    return jsonDialectFormat("generic-json", nullptr);
}

} // namespace vigil

#pragma once
// The JSON-lines dialects of FORMATS.md. All are read by JsonLineReader in one pass; a
// dialect only says which keys identify it, so detection costs no second parse.

#include "formatid.h"
#include "jsonkeys.h"

namespace vigil {

class JsonDialect {
public:
    virtual ~JsonDialect() = default;
    virtual FormatId id() const = 0;
    virtual bool matches(JsonKeys keys) const = 0;
};

// Seed 001, Rust tracing-subscriber:
// {"timestamp":"2025-11-10T10:20:00.000377Z","level":"ERROR","fields":{"message":"Task completed","duration_ms":873},"target":"octollm_executor::executor","span":{"task_id":"task-33918","name":"process_task"},"spans":[...]}
class TracingJsonDialect final : public JsonDialect {
public:
    FormatId id() const override { return FormatId::TracingJson; }
    bool matches(JsonKeys k) const override { return (k & KeyFields) && (k & KeyTarget); }
};

// Seed 001, structlog JSONRenderer: the message is under "event".
// {"event": "task.created", "task_id": "task-24730", "request_id": "req_a276cb0ab0cac06e", "timestamp": "2025-11-10T10:20:00.014858Z", "level": "warning", "logger": "octollm.orchestrator", "service": "octollm-orchestrator", "environment": "production"}
class StructlogJsonDialect final : public JsonDialect {
public:
    FormatId id() const override { return FormatId::StructlogJson; }
    bool matches(JsonKeys k) const override { return (k & KeyEvent) && !(k & KeyMessage); }
};

// Seed 002, production JSON logger with call ids and an "extra" object:
// {"timestamp": "2025-11-10T10:20:00.012061Z", "level": "DEBUG", "logger": "app.telephony.asterisk_ari", "function": "handle_stasis_start", "line": 145, "message": "Call failed", "app": "ai_voice_agent", "environment": "production", "call_id": "ast-620-413", "extra": {"duration_sec": 26.34}}
class ProductionJsonDialect final : public JsonDialect {
public:
    FormatId id() const override { return FormatId::ProductionJson; }
    bool matches(JsonKeys k) const override { return (k & KeyCallId) || ((k & KeyApp) && (k & KeyExtra)); }
};

// Seed 004, JSON with user context:
// {"timestamp": "2025-11-10T10:20:00.011Z", "level": "INFO", "logger": "auth", "message": "User logged in: 0x123...", "module": "auth", "function": "connect_wallet", "line": 145, "user_id": "198", "request_id": "52f9bcc9-3e94", "ip_address": "192.168.1.124"}
class UserContextJsonDialect final : public JsonDialect {
public:
    FormatId id() const override { return FormatId::UserContextJson; }
    bool matches(JsonKeys k) const override { return (k & KeyUserId) || (k & KeyIpAddress); }
};

// Seed 003, Flask API logger (timestamp without zone):
// {"timestamp": "2025-11-10T10:20:00.007191", "level": "INFO", "message": "Text generation completed", "module": "logger", "request_id": "req_5394149652244849", "method": "POST", "url": "http://localhost:5000/api/v1/generate", "endpoint": "generate_response", "type": "custom_event"}
class FlaskJsonDialect final : public JsonDialect {
public:
    FormatId id() const override { return FormatId::FlaskJson; }
    bool matches(JsonKeys k) const override { return (k & KeyEndpoint) || ((k & KeyType) && (k & KeyUrl)); }
};

// The dialect a JSON line's keys identify, or GenericJson.
FormatId classifyJsonDialect(JsonKeys keys);

} // namespace vigil

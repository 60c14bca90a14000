#include "jsonlinereader.h"

#include "timestamp.h"

namespace vigil {

namespace od = simdjson::ondemand;

struct JsonLineReader::Ranks {
    int message = 0;     // message/msg (2) over structlog's event (1)
    int logger = 0;      // logger/name (3) over target (2) over module (1)
    int instance = 0;    // instance (3) over service (2) over app (1)
    int correlation = 0; // request_id (5) > call_id (4) > task_id (3) > session_id (2) > span task (1)
};

namespace {

constexpr int kMaxDepth = 3;

bool readNumber(od::value value, double& out) {
    od::json_type type;
    if (value.type().get(type)) return false;
    if (type == od::json_type::number) return !value.get_double().get(out);
    if (type == od::json_type::string) {
        std::string_view s;
        if (value.get_string().get(s) || s.empty()) return false;
        char* end = nullptr;
        const std::string copy(s);
        out = std::strtod(copy.c_str(), &end);
        return end && *end == '\0';
    }
    return false;
}

bool readString(od::value value, std::string_view& out) { return !value.get_string().get(out); }

std::string_view pathOfUrl(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) {
        const std::size_t slash = url.find('/', scheme + 3);
        url = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
    }
    const std::size_t query = url.find_first_of("?#");
    return query == std::string_view::npos ? url : url.substr(0, query);
}

// pino-style numeric levels (10 trace ... 60 fatal).
Level levelFromNumber(double n) {
    if (n >= 60) return Level::Critical;
    if (n >= 50) return Level::Error;
    if (n >= 40) return Level::Warning;
    if (n >= 30) return Level::Info;
    if (n >= 20) return Level::Debug;
    return n >= 10 ? Level::Trace : Level::None;
}

} // namespace

bool JsonLineReader::read(std::string_view json, std::size_t readable, ParsedLine& out) {
    m_keys = 0;
    const char* data = json.data();
    if (readable < json.size() + simdjson::SIMDJSON_PADDING) {
        m_padded.assign(json.data(), json.size());
        m_padded.append(simdjson::SIMDJSON_PADDING, '\0');
        data = m_padded.data();
        readable = m_padded.size();
    }
    od::document doc;
    if (m_parser.iterate(data, json.size(), readable).get(doc)) return false;
    od::object object;
    if (doc.get_object().get(object)) return false;
    Ranks ranks;
    return readObject(object, 0, out, ranks);
}

bool JsonLineReader::readObject(od::object object, int depth, ParsedLine& out, Ranks& ranks) {
    for (auto field : object) {
        std::string_view key;
        od::value value;
        if (field.unescaped_key().get(key) || field.value().get(value)) return false;
        if (!readValue(key, value, depth, out, ranks)) return false;
    }
    return true;
}

bool JsonLineReader::readValue(std::string_view key, od::value value, int depth, ParsedLine& out, Ranks& ranks) {
    const bool top = depth == 0;
    std::string_view s;
    double n = 0;
    auto setCorrelation = [&](int rank) {
        if (rank > ranks.correlation && readString(value, s) && !s.empty()) {
            ranks.correlation = rank;
            out.correlationId = s;
        }
    };
    auto setDuration = [&](double scale) {
        if (!out.hasDuration() && readNumber(value, n) && n >= 0) out.durationSeconds = static_cast<float>(n * scale);
    };
    auto nested = [&](JsonKey bit) {
        if (top) m_keys |= bit;
        od::json_type type;
        if (value.type().get(type)) return false;
        if (type != od::json_type::object || depth >= kMaxDepth) return true;
        od::object inner;
        if (value.get_object().get(inner)) return false;
        return readObject(inner, depth + 1, out, ranks);
    };

    switch (key.size()) {
    case 2:
        if (key == "ts" && top && out.timeUs == kNoTime) {
            if (readString(value, s)) out.timeUs = parseTimestampValue(s);
            else if (readNumber(value, n)) out.timeUs = epochNumberToMicros(n);
        }
        return true;
    case 3:
        if (key == "msg" && ranks.message < 2 && readString(value, s)) {
            ranks.message = 2;
            out.message = s;
            if (top) m_keys |= KeyMessage;
        } else if (key == "app" && top) {
            m_keys |= KeyApp;
            if (ranks.instance < 1 && readString(value, s)) {
                ranks.instance = 1;
                out.instance = s;
            }
        } else if (key == "url") {
            if (top) m_keys |= KeyUrl;
            if (out.path.empty() && readString(value, s)) out.path = pathOfUrl(s);
        }
        return true;
    case 4:
        if (key == "time" && top && out.timeUs == kNoTime) {
            if (readString(value, s)) out.timeUs = parseTimestampValue(s);
            else if (readNumber(value, n)) out.timeUs = epochNumberToMicros(n);
        } else if (key == "type" && top) {
            m_keys |= KeyType;
        } else if (key == "name" && top && ranks.logger < 3 && readString(value, s)) {
            ranks.logger = 3;
            out.logger = s;
        } else if (key == "path" && out.path.empty() && readString(value, s)) {
            out.path = pathOfUrl(s);
        } else if (key == "data") {
            return nested(KeyExtra);
        } else if (key == "span") {
            if (top) m_keys |= KeySpan;
            od::object inner;
            if (value.get_object().get(inner) == simdjson::SUCCESS) {
                for (auto field : inner) {
                    std::string_view k;
                    if (field.unescaped_key().get(k) || field.value().get(value)) return false;
                    if (k == "task_id" || k == "request_id") setCorrelation(1);
                }
            }
        }
        return true;
    case 5:
        if (key == "level" && top) {
            m_keys |= KeyLevel;
            if (out.level == Level::None) {
                if (readString(value, s)) out.level = parseLevel(s);
                else if (readNumber(value, n)) out.level = levelFromNumber(n);
            }
        } else if (key == "event" && top) {
            m_keys |= KeyEvent;
            if (ranks.message < 1 && readString(value, s)) {
                ranks.message = 1;
                out.message = s;
            }
        } else if (key == "extra") {
            return nested(KeyExtra);
        }
        return true;
    case 6:
        if (key == "logger" && ranks.logger < 3 && readString(value, s)) {
            ranks.logger = 3;
            out.logger = s;
            if (top) m_keys |= KeyLogger;
        } else if (key == "target" && top) {
            m_keys |= KeyTarget;
            if (ranks.logger < 2 && readString(value, s)) {
                ranks.logger = 2;
                out.logger = s;
            }
        } else if (key == "module" && top) {
            m_keys |= KeyModule;
            if (ranks.logger < 1 && readString(value, s)) {
                ranks.logger = 1;
                out.logger = s;
            }
        } else if (key == "method" && out.method.empty() && readString(value, s)) {
            out.method = s;
        } else if (key == "status") {
            if (out.status == 0 && readNumber(value, n) && n >= 100 && n < 1000) out.status = static_cast<std::uint16_t>(n);
        } else if (key == "fields") {
            return nested(KeyFields);
        }
        return true;
    case 7:
        if (key == "message" && ranks.message < 2 && readString(value, s)) {
            ranks.message = 2;
            out.message = s;
            if (top) m_keys |= KeyMessage;
        } else if (key == "service" && top) {
            m_keys |= KeyService;
            if (ranks.instance < 2 && readString(value, s)) {
                ranks.instance = 2;
                out.instance = s;
            }
        } else if (key == "user_id" && top) {
            m_keys |= KeyUserId;
        } else if (key == "call_id") {
            if (top) m_keys |= KeyCallId;
            setCorrelation(4);
        } else if (key == "task_id") {
            setCorrelation(3);
        }
        return true;
    case 8:
        if (key == "instance" && ranks.instance < 3 && readString(value, s)) {
            ranks.instance = 3;
            out.instance = s;
        } else if (key == "endpoint" && top) {
            m_keys |= KeyEndpoint;
        } else if (key == "severity" && top && out.level == Level::None && readString(value, s)) {
            out.level = parseLevel(s);
            m_keys |= KeyLevel;
        } else if (key == "duration") {
            setDuration(1.0);
        }
        return true;
    case 9:
        if (key == "timestamp" && top) {
            m_keys |= KeyTimestamp;
            if (out.timeUs == kNoTime) {
                if (readString(value, s)) out.timeUs = parseTimestampValue(s);
                else if (readNumber(value, n)) out.timeUs = epochNumberToMicros(n);
            }
        } else if (key == "levelname" && top && out.level == Level::None && readString(value, s)) {
            out.level = parseLevel(s);
            m_keys |= KeyLevel;
        }
        return true;
    case 10:
        if (key == "request_id") setCorrelation(5);
        else if (key == "session_id") setCorrelation(2);
        else if (key == "ip_address" && top) m_keys |= KeyIpAddress;
        else if (key == "@timestamp" && top && out.timeUs == kNoTime && readString(value, s))
            out.timeUs = parseTimestampValue(s);
        return true;
    case 11:
        if (key == "duration_ms") setDuration(0.001);
        else if (key == "status_code" && out.status == 0 && readNumber(value, n) && n >= 100 && n < 1000)
            out.status = static_cast<std::uint16_t>(n);
        return true;
    case 12:
        if (key == "duration_sec") setDuration(1.0);
        else if (key == "X-Request-ID" || key == "x_request_id") setCorrelation(5);
        return true;
    case 13:
        if (key == "tools_enabled" && out.toolsEnabled < 0) {
            bool on = false;
            if (!value.get_bool().get(on)) out.toolsEnabled = on ? 1 : 0;
        }
        return true;
    case 16:
        if (key == "duration_seconds") setDuration(1.0);
        return true;
    default:
        return true;
    }
}

} // namespace vigil

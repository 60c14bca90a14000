// The on-demand JSON line reader's body, compiled once per simdjson kernel: simdjson builds
// its on-demand API only for the kernel the compiler flags allow, so each jsonlinekernel*.cpp
// sets its flags and includes this inside its own namespace (no symbol is shared between
// kernels, so no AVX code can stand in for the baseline one). Not a header for anyone else.
// Expects VIGIL_JSON_KERNEL (namespace), VIGIL_JSON_KERNEL_NAME and VIGIL_JSON_KERNEL_FACTORY.

#include "jsonlinekernel.h"
#include "timestamp.h"
#include "urlpath.h"

#include <simdjson.h>

#include <cstdlib>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <cstring>
#include <string>

namespace vigil {
namespace VIGIL_JSON_KERNEL {

namespace od = simdjson::ondemand;

namespace {

class Reader final : public JsonLineKernel {
  public:
    bool read(std::string_view json, std::size_t readable, ParsedLine& out) override;
    const char* name() const override { return VIGIL_JSON_KERNEL_NAME; }

  private:
    struct Ranks; // priorities among alternative keys, per line
    bool readObject(od::object& object, int depth, ParsedLine& out, Ranks& ranks);
    bool readValue(std::string_view key, od::value& value, int depth, ParsedLine& out, Ranks& ranks);

    od::parser m_parser;
    std::string m_padded;
};

struct Reader::Ranks {
    int message = 0;     // message/msg (2) over structlog's event (1)
    int logger = 0;      // logger/name (3) over target (2) over module (1)
    int instance = 0;    // instance (3) over service (2) over app (1)
    int correlation = 0; // request_id (5) > call_id (4) > task_id (3) > session_id (2) > span task (1)
};

constexpr int kMaxDepth = 3;

// Not string_view's operator==: its out-of-line copy compiled with this kernel's flags
// could be the one the linker keeps for the whole program.
bool is(std::string_view key, std::string_view name) {
    return key.size() == name.size() && std::memcmp(key.data(), name.data(), key.size()) == 0;
}

bool readNumber(od::value& value, double& out) {
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

// A key as written when it has no escape, which is every key looked for: unescaping each
// key into the parser's string buffer was 2 % of a scan. Keys with escapes are unescaped.
bool fieldKey(od::field& field, std::string_view& out) {
    const char* raw = field.key().raw();
    // Stage 1 found the closing quote, and the padding after the line makes reading 16
    // bytes past any byte of it safe.
    const char* end = raw;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (;; end += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end));
        const int stops =
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
        if (stops != 0) {
            end += __builtin_ctz(static_cast<unsigned>(stops));
            break;
        }
    }
#else
    while (*end != '"' && *end != '\\')
        ++end;
#endif
    if (*end == '"') {
        out = std::string_view(raw, static_cast<std::size_t>(end - raw));
        return true;
    }
    return !field.unescaped_key().get(out);
}

bool readString(od::value& value, std::string_view& out) {
    return !value.get_string().get(out);
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

bool Reader::read(std::string_view json, std::size_t readable, ParsedLine& out) {
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

bool Reader::readObject(od::object& object, int depth, ParsedLine& out, Ranks& ranks) {
    for (auto field : object) {
        // Used in place: copying the field out of its result reloads, in 16 bytes, what
        // was just stored in 8 and 4, and that stall was half of this loop's time.
        if (field.error()) return false;
        od::field& f = field.value_unsafe();
        std::string_view key;
        if (!fieldKey(f, key) || !readValue(key, f.value(), depth, out, ranks)) return false;
    }
    return true;
}

bool Reader::readValue(std::string_view key, od::value& value, int depth, ParsedLine& out, Ranks& ranks) {
    const bool top = depth == 0;
    std::string_view s;
    double n = 0;
    // Fills `field` from a string value when `rank` beats what filled it before.
    auto ranked = [&](int& current, int rank, std::string_view& field) {
        if (rank > current && readString(value, s) && !s.empty()) {
            current = rank;
            field = s;
        }
    };
    auto setTime = [&] {
        if (!top || out.timeUs != kNoTime) return;
        if (readString(value, s))
            out.timeUs = parseTimestampValue(s);
        else if (readNumber(value, n))
            out.timeUs = epochNumberToMicros(n);
    };
    auto setLevel = [&] {
        if (!top) return;
        m_keys |= KeyLevel;
        if (out.level != Level::None) return;
        if (readString(value, s))
            out.level = parseLevel(s);
        else if (readNumber(value, n))
            out.level = levelFromNumber(n);
    };
    auto setStatus = [&] {
        if (out.status == 0 && readNumber(value, n) && n >= 100 && n < 1000)
            out.status = static_cast<std::uint16_t>(n);
    };
    auto setDuration = [&](double scale) {
        if (!out.hasDuration() && readNumber(value, n) && n >= 0)
            out.durationSeconds = static_cast<float>(n * scale);
    };
    auto setPath = [&] {
        if (out.path.empty() && readString(value, s)) out.path = pathOfUrl(s);
    };
    auto mark = [&](JsonKey bit) {
        if (top) m_keys |= bit;
    };
    auto nested = [&](JsonKey bit) {
        mark(bit);
        od::json_type type;
        if (value.type().get(type)) return false;
        if (type != od::json_type::object || depth >= kMaxDepth) return true;
        od::object inner;
        if (value.get_object().get(inner)) return false;
        return readObject(inner, depth + 1, out, ranks);
    };

    // Dispatch on the key's length first: most keys of a line are none of these, and are
    // rejected by one comparison instead of forty.
    switch (key.size()) {
    case 2:
        if (is(key, "ts")) setTime();
        break;
    case 3:
        if (is(key, "msg"))
            ranked(ranks.message, 2, out.message);
        else if (is(key, "app")) {
            mark(KeyApp);
            if (top) ranked(ranks.instance, 1, out.instance);
        } else if (is(key, "url")) {
            mark(KeyUrl);
            setPath();
        }
        break;
    case 4:
        if (is(key, "time"))
            setTime();
        else if (is(key, "type"))
            mark(KeyType);
        else if (is(key, "name") && top)
            ranked(ranks.logger, 3, out.logger);
        else if (is(key, "path"))
            setPath();
        else if (is(key, "data"))
            return nested(KeyExtra);
        else if (is(key, "span")) {
            // The current span names the task being worked on; its other fields are not entry fields.
            mark(KeySpan);
            od::object inner;
            if (value.get_object().get(inner) != simdjson::SUCCESS) return true;
            for (auto field : inner) {
                std::string_view k;
                od::field f;
                if (std::move(field).get(f) || !fieldKey(f, k)) return false;
                value = std::move(f.value());
                if (is(k, "task_id") || is(k, "request_id")) ranked(ranks.correlation, 1, out.correlationId);
            }
        }
        break;
    case 5:
        if (is(key, "level"))
            setLevel();
        else if (is(key, "event")) {
            mark(KeyEvent);
            if (top) ranked(ranks.message, 1, out.message);
        } else if (is(key, "extra"))
            return nested(KeyExtra);
        break;
    case 6:
        if (is(key, "logger")) {
            mark(KeyLogger);
            ranked(ranks.logger, 3, out.logger);
        } else if (is(key, "target")) {
            mark(KeyTarget);
            if (top) ranked(ranks.logger, 2, out.logger);
        } else if (is(key, "module")) {
            mark(KeyModule);
            if (top) ranked(ranks.logger, 1, out.logger);
        } else if (is(key, "method") && out.method.empty() && readString(value, s))
            out.method = s;
        else if (is(key, "status"))
            setStatus();
        else if (is(key, "fields"))
            return nested(KeyFields);
        break;
    case 7:
        if (is(key, "message")) {
            mark(KeyMessage);
            ranked(ranks.message, 2, out.message);
        } else if (is(key, "service")) {
            mark(KeyService);
            if (top) ranked(ranks.instance, 2, out.instance);
        } else if (is(key, "user_id"))
            mark(KeyUserId);
        else if (is(key, "call_id")) {
            mark(KeyCallId);
            ranked(ranks.correlation, 4, out.correlationId);
        } else if (is(key, "task_id"))
            ranked(ranks.correlation, 3, out.correlationId);
        break;
    case 8:
        if (is(key, "instance"))
            ranked(ranks.instance, 3, out.instance);
        else if (is(key, "endpoint"))
            mark(KeyEndpoint);
        else if (is(key, "severity"))
            setLevel();
        else if (is(key, "duration"))
            setDuration(1.0);
        break;
    case 9:
        if (is(key, "timestamp")) {
            mark(KeyTimestamp);
            setTime();
        } else if (is(key, "levelname"))
            setLevel();
        break;
    case 10:
        if (is(key, "request_id"))
            ranked(ranks.correlation, 5, out.correlationId);
        else if (is(key, "session_id"))
            ranked(ranks.correlation, 2, out.correlationId);
        else if (is(key, "ip_address"))
            mark(KeyIpAddress);
        else if (is(key, "@timestamp"))
            setTime();
        break;
    case 11:
        if (is(key, "duration_ms"))
            setDuration(0.001);
        else if (is(key, "status_code"))
            setStatus();
        break;
    case 12:
        if (is(key, "duration_sec"))
            setDuration(1.0);
        else if (is(key, "X-Request-ID") || is(key, "x_request_id"))
            ranked(ranks.correlation, 5, out.correlationId);
        break;
    case 13:
        if (is(key, "tools_enabled")) {
            bool on = false;
            if (out.toolsEnabled < 0 && !value.get_bool().get(on)) out.toolsEnabled = on ? 1 : 0;
        }
        break;
    case 16:
        if (is(key, "duration_seconds")) setDuration(1.0);
        break;
    default:
        break;
    }
    return true;
}

} // namespace
} // namespace VIGIL_JSON_KERNEL

std::unique_ptr<JsonLineKernel> VIGIL_JSON_KERNEL_FACTORY() {
    return std::make_unique<VIGIL_JSON_KERNEL::Reader>();
}

} // namespace vigil

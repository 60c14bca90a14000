// logfmt, as Go services (log/slog's TextHandler, go-kit, logrus, log15) and Heroku write
// it: one entry per line, every word a key=value pair.
// time=2025-11-10T10:20:00.512Z level=warn msg="GET /health slow" duration_ms=12 instance=web-1
// Values may be quoted with escapes (msg="say \"hi\""); a key may stand alone (cached).
// Times are RFC 3339 or epoch seconds/milliseconds; durations are normalised to seconds
// from a unit in the key (duration_ms) or in the value (latency=1.5ms, took=2m3s).

#include "builtinformats.h"
#include "linecontext.h"
#include "messageclues.h"
#include "textfields.h"
#include "timestamp.h"
#include "urlpath.h"

#include <cmath>
#include <cstdint>

namespace vigil {

namespace {
bool isKeyByte(char c) {
    return static_cast<unsigned char>(c) > ' ' && c != '=' && c != '"';
}

struct Pair {
    std::string_view key;
    std::string_view value; // as written, quotes removed
    bool escaped = false;   // value holds backslash escapes
    bool bare = false;      // a key without '='
};

// Calls fn(const Pair&) for each pair of the line; false when the line is not logfmt
// (an unterminated quote, a stray '=' or quote, or a first word that is no key=value).
template <typename Fn> bool forEachPair(std::string_view line, Fn&& fn) {
    std::size_t i = 0;
    const std::size_t n = line.size();
    bool first = true;
    while (true) {
        while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            ++i;
        if (i >= n) return !first;
        Pair pair;
        const std::size_t keyStart = i;
        while (i < n && isKeyByte(line[i]))
            ++i;
        if (i == keyStart) return false;
        pair.key = line.substr(keyStart, i - keyStart);
        if (i >= n || line[i] != '=') {
            if (first || (i < n && line[i] == '"')) return false;
            pair.bare = true;
        } else if (++i < n && line[i] == '"') {
            const std::size_t valueStart = ++i;
            while (i < n && line[i] != '"') {
                if (line[i] == '\\') {
                    pair.escaped = true;
                    ++i;
                }
                ++i;
            }
            if (i >= n) return false;
            pair.value = line.substr(valueStart, i - valueStart);
            ++i;
            if (i < n && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') return false;
        } else {
            const std::size_t valueStart = i;
            while (i < n && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                if (line[i] == '"') return false;
                ++i;
            }
            pair.value = line.substr(valueStart, i - valueStart);
        }
        first = false;
        fn(static_cast<const Pair&>(pair));
    }
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Go's quoting (strconv.Quote): \" \\ \n \t \r and \uXXXX; anything else kept as written.
void unescapeInto(std::string_view value, std::string& out) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\' || i + 1 >= value.size()) {
            out += value[i];
            continue;
        }
        const char c = value[++i];
        switch (c) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'u':
            if (i + 4 < value.size()) {
                std::uint32_t cp = 0;
                bool ok = true;
                for (std::size_t k = 1; k <= 4; ++k) {
                    const int h = hexValue(value[i + k]);
                    ok = ok && h >= 0;
                    cp = cp * 16 + std::uint32_t(h < 0 ? 0 : h);
                }
                if (ok) {
                    appendUtf8(out, cp);
                    i += 4;
                    break;
                }
            }
            out += '\\';
            out += c;
            break;
        default:
            out += c;
            break;
        }
    }
}

// The value unescaped; views into `scratch`, which has room for the whole line so earlier
// views stay valid.
std::string_view valueOf(const Pair& pair, std::string& scratch) {
    if (!pair.escaped) return pair.value;
    const std::size_t at = scratch.size();
    unescapeInto(pair.value, scratch);
    return std::string_view(scratch).substr(at);
}

// log15 writes four-letter levels.
Level logfmtLevel(std::string_view word) {
    if (word == "dbug") return Level::Debug;
    if (word == "eror") return Level::Error;
    if (word == "trce") return Level::Trace;
    return parseLevel(word);
}

// Seconds a number in this key is counted in, or 0 when the key is no duration.
double durationKeyScale(std::string_view key) {
    static constexpr std::string_view kStems[] = {"duration", "latency", "took", "elapsed", "response_time"};
    for (std::string_view stem : kStems) {
        if (key.substr(0, stem.size()) != stem) continue;
        const std::string_view unit = key.substr(stem.size());
        if (unit.empty() || unit == "_s" || unit == "_sec" || unit == "_secs" || unit == "_seconds")
            return 1.0;
        if (unit == "_ms" || unit == "_millis") return 1e-3;
        if (unit == "_us" || unit == "_micros") return 1e-6;
        if (unit == "_ns" || unit == "_nanos") return 1e-9;
    }
    return 0;
}

// A duration value in seconds: a plain number (times `scale`) or Go's duration text
// ("1.5ms", "350µs", "2m3.5s", "1h2m"). NaN when it is neither.
double durationSeconds(std::string_view value, double scale) {
    double total = 0;
    std::size_t i = 0;
    bool any = false, unitless = false;
    while (i < value.size()) {
        double number = 0, fraction = 0.1;
        bool digits = false, dot = false;
        for (; i < value.size(); ++i) {
            const char c = value[i];
            if (c >= '0' && c <= '9') {
                digits = true;
                if (dot) {
                    number += (c - '0') * fraction;
                    fraction /= 10;
                } else {
                    number = number * 10 + (c - '0');
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (!digits) return std::nan("");
        const std::string_view rest = value.substr(i);
        double unit = 0;
        std::size_t length = 0;
        if (rest.empty()) {
            unit = scale, unitless = true;
        } else if (rest.substr(0, 2) == "ns") {
            unit = 1e-9, length = 2;
        } else if (rest.substr(0, 2) == "us") {
            unit = 1e-6, length = 2;
        } else if (rest.substr(0, 3) == "\xC2\xB5s" || rest.substr(0, 3) == "\xCE\xBCs") {
            unit = 1e-6, length = 3;
        } else if (rest.substr(0, 2) == "ms") {
            unit = 1e-3, length = 2;
        } else if (rest[0] == 's') {
            unit = 1, length = 1;
        } else if (rest[0] == 'm') {
            unit = 60, length = 1;
        } else if (rest[0] == 'h') {
            unit = 3600, length = 1;
        } else {
            return std::nan("");
        }
        if (unitless && any) return std::nan("");
        total += number * unit;
        i += length;
        any = true;
        if (unitless) break;
    }
    return any ? total : std::nan("");
}

int correlationRank(std::string_view key) {
    if (key == "request_id" || key == "requestId" || key == "x_request_id" || key == "X-Request-ID") return 5;
    if (key == "call_id") return 4;
    if (key == "task_id") return 3;
    if (key == "session_id") return 2;
    if (key == "trace_id") return 1;
    return 0;
}

int instanceRank(std::string_view key) {
    if (key == "instance") return 3;
    if (key == "service") return 2;
    if (key == "app" || key == "dyno") return 1;
    return 0;
}

// Heroku's router and log drains put a time and the source before the pairs:
// 2025-11-10T10:20:00.123456+00:00 heroku[router]: at=info method=GET path="/" status=200 service=12ms
// The time, or kNoTime when the line has no such prefix (then `text` is left alone).
std::int64_t skipSyslogPrefix(std::string_view& text) {
    if (text.empty() || text[0] < '0' || text[0] > '9') return kNoTime;
    std::size_t consumed = 0;
    const std::int64_t time = parseIsoTimestamp(text, consumed);
    if (time == kNoTime || consumed >= text.size() || text[consumed] != ' ') return kNoTime;
    std::string_view rest = text.substr(consumed + 1);
    const std::size_t space = rest.find(' ');
    if (space != std::string_view::npos && space > 1 && rest[space - 1] == ':') rest.remove_prefix(space + 1);
    text = rest;
    return time;
}

bool parseLogfmtLine(LineContext& line, ParsedLine& parsed) {
    std::string_view text = line.line();
    const std::int64_t prefixTime = skipSyslogPrefix(text);
    // Cheap refusal before the full walk: the first word must be key=.
    std::size_t start = 0;
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t'))
        ++start;
    if (start >= text.size() || !isKeyByte(text[start]) || text[start] == '{' || text[start] == '[' ||
        (text[start] >= '0' && text[start] <= '9'))
        return false;
    std::size_t keyEnd = start;
    while (keyEnd < text.size() && isKeyByte(text[keyEnd]))
        ++keyEnd;
    if (keyEnd >= text.size() || text[keyEnd] != '=') return false; // "Traceback (most recent call last):"
    // Read aside: a line that turns out not to be logfmt must leave `parsed` as it was.
    ParsedLine out;
    out.format = parsed.format;
    std::string& scratch = line.scratch();
    bool known = false;
    int instanceAt = 0, correlationAt = 0;
    const bool ok = forEachPair(text, [&](const Pair& pair) {
        const std::string_view key = pair.key;
        if (pair.bare) return;
        if (key == "time" || key == "ts" || key == "timestamp" || key == "@timestamp") {
            if (out.timeUs == kNoTime) out.timeUs = parseTimestampValue(valueOf(pair, scratch));
            known = known || out.timeUs != kNoTime;
        } else if (key == "level" || key == "lvl" || key == "severity" || key == "at") { // at: Heroku
            if (out.level == Level::None) out.level = logfmtLevel(pair.value);
            known = known || out.level != Level::None;
        } else if (key == "msg" || key == "message") {
            if (out.message.empty()) out.message = valueOf(pair, scratch);
            known = true;
        } else if (key == "service" && !pair.value.empty() && pair.value.back() == 's' &&
                   !std::isnan(durationSeconds(pair.value, 0))) {
            // Heroku's router: "service=12ms" is the time the app took, not a service name.
            if (!out.hasDuration()) out.durationSeconds = float(durationSeconds(pair.value, 0));
        } else if (const int rank = instanceRank(key); rank > instanceAt) {
            out.instance = valueOf(pair, scratch);
            instanceAt = rank;
        } else if (const int corr = correlationRank(key); corr > correlationAt) {
            out.correlationId = valueOf(pair, scratch);
            correlationAt = corr;
        } else if (key == "logger" || key == "component" || key == "module" || key == "target") {
            if (out.logger.empty()) out.logger = valueOf(pair, scratch);
        } else if (key == "caller" || key == "source") {
            if (out.location.empty()) out.location = valueOf(pair, scratch);
        } else if (key == "method") {
            if (out.method.empty()) out.method = pair.value;
        } else if (key == "path" || key == "url" || key == "uri") {
            if (out.path.empty()) out.path = pathOfUrl(valueOf(pair, scratch));
        } else if (key == "status" || key == "status_code") {
            int status = 0;
            for (char c : pair.value)
                status = (c >= '0' && c <= '9' && status < 1000) ? status * 10 + (c - '0') : 1000;
            if (out.status == 0 && status >= 100 && status < 1000) out.status = std::uint16_t(status);
        } else if (key == "tools_enabled") {
            if (out.toolsEnabled < 0 && (pair.value == "true" || pair.value == "false"))
                out.toolsEnabled = pair.value == "true" ? 1 : 0;
        } else if (const double scale = durationKeyScale(key); scale > 0 && !out.hasDuration()) {
            const double seconds = durationSeconds(pair.value, scale);
            if (!std::isnan(seconds)) out.durationSeconds = float(seconds);
        }
    });
    if (!ok || !known) {
        scratch.clear();
        return false;
    }
    if (out.timeUs == kNoTime) out.timeUs = prefixTime;
    readMessageClues(out.message, out);
    parsed = out;
    return true;
}

// Every pair is a field, values unescaped; a bare key's value is empty. A duration is
// also given in seconds, as the duration column and filters count it.
void logfmtFields(std::string_view line, const ParsedLine& parsed, FieldList& out) {
    bool seconds = false;
    skipSyslogPrefix(line);
    forEachPair(line, [&](const Pair& pair) {
        std::string value;
        if (pair.escaped)
            unescapeInto(pair.value, value);
        else
            value.assign(pair.value);
        seconds = seconds || pair.key == "duration_seconds";
        out.emplace_back(std::string(pair.key), std::move(value));
    });
    if (parsed.hasDuration() && !seconds)
        out.emplace_back("duration_seconds", fieldNumber(parsed.durationSeconds));
}
} // namespace

FormatDescriptor logfmtFormat() {
    FormatDescriptor format;
    format.name = "logfmt";
    format.parse = parseLogfmtLine;
    format.onePerLine = true;
    format.fields = logfmtFields;
    return format;
}

} // namespace vigil

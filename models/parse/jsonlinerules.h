// What each key of a JSON log line fills in a ParsedLine, written once for both readers of
// such lines: simdjson's on-demand walk (jsonlinekernelbody.h) and the fast path for plain
// lines (flatjsonreader.cpp). They must agree on every line both accept, so the rules exist
// once, over a value type V the reader supplies with these functions:
//   bool readString(V&, std::string_view&)  a string value, unescaped
//   bool readNumber(V&, double&)            a number, or a string holding one (numberFromString)
//   bool readBool(V&, bool&)
//   int objectShape(V&)                     1 an object, 0 another value, -1 unreadable
//   int forEachField(V&, each)              calls each(std::string_view key, V& value) -> bool
//                                           per field: -1 not an object, 0 a field unreadable or
//                                           `each` returned false, 1 every field seen
// Included inside the includer's own anonymous namespace, after what it uses (ParsedLine,
// JsonKeys, parseTimestampValue, parseDecimal, pathOfUrl, <cstring>, <string>): each kernel,
// compiled for its own instruction set, gets its own copy and shares none with the others.

struct Ranks {
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

// "12.5" as a duration or status written as a string.
bool numberFromString(std::string_view s, double& out) {
    return parseDecimal(s, out);
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

template <class V> bool readObjectFields(V& object, int depth, ParsedLine& out, Ranks& ranks, JsonKeys& keys);

// One field of an object `depth` levels below the line's; false when the line must be
// rejected. Only fields of `out` still unset are filled; `keys` collects the top level's
// tell-tale keys. Inlined into the loops over fields (a call per field was 3 % of a scan);
// readObjectFields, out of line, ends the recursion.
template <class V>
__attribute__((always_inline)) inline bool readField(std::string_view key, V& value, int depth,
                                                     ParsedLine& out, Ranks& ranks, JsonKeys& keys) {
    const bool top = depth == 0;
    std::string_view s;
    double n = 0;
    // Fills `field` from a string value when `rank` beats what filled it before.
    auto rankedFrom = [&](V& from, int& current, int rank, std::string_view& field) {
        if (rank > current && readString(from, s) && !s.empty()) {
            current = rank;
            field = s;
        }
    };
    auto ranked = [&](int& current, int rank, std::string_view& field) {
        rankedFrom(value, current, rank, field);
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
        keys |= KeyLevel;
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
        if (top) keys |= bit;
    };
    auto nested = [&](JsonKey bit) {
        mark(bit);
        const int shape = objectShape(value);
        if (shape < 0) return false;
        if (shape == 0 || depth >= kMaxDepth) return true;
        return readObjectFields(value, depth + 1, out, ranks, keys);
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
            return forEachField(value, [&](std::string_view k, V& v) {
                       if (is(k, "task_id") || is(k, "request_id"))
                           rankedFrom(v, ranks.correlation, 1, out.correlationId);
                       return true;
                   }) != 0;
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
            if (out.toolsEnabled < 0 && readBool(value, on)) out.toolsEnabled = on ? 1 : 0;
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

// The fields of an object value `depth` levels below the line's.
template <class V>
__attribute__((noinline)) bool readObjectFields(V& object, int depth, ParsedLine& out, Ranks& ranks,
                                                JsonKeys& keys) {
    return forEachField(object, [&](std::string_view k, V& v) {
               return readField(k, v, depth, out, ranks, keys);
           }) > 0;
}

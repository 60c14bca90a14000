#include "textformats.h"

#include "builtinformats.h"
#include "jsonfields.h"
#include "linecontext.h"
#include "messageclues.h"
#include "textfields.h"
#include "timestamp.h"

namespace vigil {

namespace {
constexpr std::string_view kSep = " - ";

inline std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Skips ANSI escape sequences (ESC '[' params final-byte) at the front of s.
std::string_view skipAnsi(std::string_view s) {
    while (s.size() >= 2 && s[0] == '\x1b' && s[1] == '[') {
        std::size_t i = 2;
        while (i < s.size() && !(s[i] >= '@' && s[i] <= '~'))
            ++i;
        s.remove_prefix(i < s.size() ? i + 1 : s.size());
    }
    return s;
}

// "[module:function:line]" — a code location, not a message that starts with a bracket.
bool isCodeLocation(std::string_view s) {
    if (s.size() < 5 || s.front() != '[' || s.back() != ']') return false;
    const std::size_t first = s.find(':');
    if (first == std::string_view::npos) return false;
    return s.find(' ') == std::string_view::npos;
}
} // namespace

bool PythonTextFormat::parse(std::string_view line, ParsedLine& out) const {
    std::size_t consumed = 0;
    const std::int64_t t = parseIsoTimestamp(line, consumed);
    if (t == kNoTime || line.substr(consumed, kSep.size()) != kSep) return false;
    std::string_view rest = line.substr(consumed + kSep.size());

    std::string_view instance;
    if (!rest.empty() && rest.front() == '[') {
        const std::size_t close = rest.find("] - ");
        if (close == std::string_view::npos) return false;
        instance = rest.substr(1, close - 1);
        rest.remove_prefix(close + 4);
    }
    std::size_t sep = rest.find(kSep);
    if (sep == std::string_view::npos) return false;
    const std::string_view logger = rest.substr(0, sep);
    rest.remove_prefix(sep + kSep.size());

    sep = rest.find(kSep);
    const std::string_view levelWord = trimmed(sep == std::string_view::npos ? rest : rest.substr(0, sep));
    const Level level = parseLevel(levelWord);
    if (level == Level::None) return false;
    rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + kSep.size());

    std::string_view location;
    if (!rest.empty() && rest.front() == '[') {
        // Only here: searching every message for " - " stops at each of its spaces.
        sep = rest.find(kSep);
        const std::string_view head = trimmed(sep == std::string_view::npos ? rest : rest.substr(0, sep));
        if (isCodeLocation(head)) {
            location = head.substr(1, head.size() - 2);
            rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + kSep.size());
        }
    }

    out.format = FormatId::PythonText;
    out.timeUs = t;
    out.level = level;
    out.instance = instance;
    out.logger = logger;
    out.message = rest;
    out.location = location;
    readMessageClues(rest, out);
    return true;
}

bool ColorConsoleFormat::parse(std::string_view line, ParsedLine& out) const {
    std::string_view rest = skipAnsi(line);
    if (rest.empty() || rest.front() != '[') return false;
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos || close > 12) return false;
    const Level level = parseLevel(rest.substr(1, close - 1));
    if (level == Level::None) return false;
    rest = skipAnsi(rest.substr(close + 1));
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    std::size_t consumed = 0;
    const std::int64_t t = parseIsoTimestamp(rest, consumed);
    if (t == kNoTime) return false;
    rest.remove_prefix(consumed);
    std::string_view logger;
    if (rest.substr(0, kSep.size()) == kSep) {
        rest.remove_prefix(kSep.size());
        const std::size_t sep = rest.find(kSep);
        if (sep != std::string_view::npos) {
            logger = rest.substr(0, sep);
            rest.remove_prefix(sep + kSep.size());
        }
    }
    out.format = FormatId::ColorConsole;
    out.timeUs = t;
    out.level = level;
    out.logger = logger;
    out.message = trimmed(rest);
    readMessageClues(out.message, out);
    return true;
}

bool GenericTextFormat::parse(std::string_view line, ParsedLine& out) const {
    std::string_view rest = skipAnsi(line);
    const bool bracketed = !rest.empty() && rest.front() == '[';
    if (bracketed) rest.remove_prefix(1);
    std::size_t consumed = 0;
    const std::int64_t t = parseIsoTimestamp(rest, consumed);
    if (t == kNoTime) return false;
    rest.remove_prefix(consumed);
    if (bracketed && !rest.empty() && rest.front() == ']') rest.remove_prefix(1);

    // The level is one of the first few words, possibly wrapped in brackets or followed by ':'.
    constexpr int kWordsToTry = 5;
    std::size_t pos = 0;
    for (int word = 0; word < kWordsToTry; ++word) {
        while (pos < rest.size() &&
               (rest[pos] == ' ' || rest[pos] == '\t' || rest[pos] == '-' || rest[pos] == '|'))
            ++pos;
        if (pos >= rest.size()) return false;
        std::size_t end = pos;
        while (end < rest.size() && rest[end] != ' ' && rest[end] != '\t')
            ++end;
        std::string_view w = skipAnsi(rest.substr(pos, end - pos));
        const std::size_t esc = w.find('\x1b'); // "[ERROR\x1b[0m]": colour reset inside the word
        if (esc != std::string_view::npos) w = w.substr(0, esc);
        while (!w.empty() && (w.front() == '[' || w.front() == '<' || w.front() == '('))
            w.remove_prefix(1);
        while (!w.empty() && (w.back() == ']' || w.back() == ':' || w.back() == '>' || w.back() == ')'))
            w.remove_suffix(1);
        const Level level = parseLevel(w);
        if (level != Level::None) {
            out.format = FormatId::GenericText;
            out.timeUs = t;
            out.level = level;
            std::string_view message = rest.substr(end);
            while (!message.empty() &&
                   (message.front() == ' ' || message.front() == ':' || message.front() == '-'))
                message.remove_prefix(1);
            out.message = trimmed(message);
            readMessageClues(out.message, out);
            return true;
        }
        pos = end;
    }
    return false;
}

// The descriptors of the text formats above.

namespace {
constexpr std::string_view kEventPrefix = "EVENT: {";

bool parsePythonLine(LineContext& line, ParsedLine& out) {
    if (!PythonTextFormat().parse(line.line(), out)) return false;
    if (out.message.substr(0, kEventPrefix.size()) != kEventPrefix) return true;
    // Format 2: the payload names the instance, session, duration and tools flag.
    const std::string_view payload = out.message.substr(kEventPrefix.size() - 1);
    const std::size_t payloadReadable =
        line.readable() - static_cast<std::size_t>(payload.data() - line.line().data());
    ParsedLine fromPayload = out;
    if (line.json().read(payload, payloadReadable, fromPayload)) {
        // The text's own tag, logger and message stay; the payload fills the rest.
        if (!out.instance.empty()) fromPayload.instance = out.instance;
        fromPayload.logger = out.logger;
        fromPayload.message = out.message;
        out = fromPayload;
        out.format = FormatId::PythonEvent;
    }
    return true;
}

void pythonEventFields(std::string_view, const ParsedLine& parsed, FieldList& out) {
    if (!parsed.instance.empty()) out.emplace_back("instance", std::string(parsed.instance));
    if (!parsed.logger.empty()) out.emplace_back("logger", std::string(parsed.logger));
    if (parsed.level != Level::None) out.emplace_back("level", std::string(levelName(parsed.level)));
    out.emplace_back("message", std::string(parsed.message));
    const std::size_t at = parsed.message.find(kEventPrefix);
    if (at != std::string_view::npos)
        for (auto& f : flattenJsonFields(parsed.message.substr(at + kEventPrefix.size() - 1)))
            out.push_back(std::move(f));
}

// The line as written, its EVENT payload indented below it.
std::string pythonEventText(std::string_view text) {
    std::string shown(text);
    const std::size_t at = text.find(kEventPrefix);
    if (at == std::string_view::npos) return shown;
    const std::size_t nl = text.find('\n');
    const std::size_t from = at + kEventPrefix.size() - 1;
    const std::string_view payload =
        nl == std::string_view::npos || nl < from ? text.substr(from) : text.substr(from, nl - from);
    shown += "\n\n";
    shown += prettyJson(payload);
    return shown;
}

bool parseConsoleLine(LineContext& line, ParsedLine& out) {
    return ColorConsoleFormat().parse(line.line(), out);
}
bool parseGenericLine(LineContext& line, ParsedLine& out) {
    return GenericTextFormat().parse(line.line(), out);
}

FormatDescriptor textFormat(std::string_view name, bool (*parse)(LineContext&, ParsedLine&)) {
    FormatDescriptor format;
    format.name = name;
    format.parse = parse;
    format.fields = appendTextFields;
    return format;
}
} // namespace

FormatDescriptor pythonTextFormat() {
    return textFormat("python-text", parsePythonLine);
}

// Produced by python-text's parse when the message is an EVENT payload.
FormatDescriptor pythonEventFormat() {
    FormatDescriptor format;
    format.name = "python-event";
    format.fields = pythonEventFields;
    format.prettyText = pythonEventText;
    format.fileFormat = "python-text";
    format.carriesEvents = true;
    return format;
}

FormatDescriptor colorConsoleFormat() {
    return textFormat("color-console", parseConsoleLine);
}
FormatDescriptor genericTextFormat() {
    return textFormat("generic-text", parseGenericLine);
}

} // namespace vigil

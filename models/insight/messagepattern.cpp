#include "messagepattern.h"

#include "../metrics/endpointtemplate.h"

namespace vigil {

namespace {
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isHexLetter(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
// Characters that end a token and stay in the pattern as written.
bool isDelimiter(char c) {
    return isSpace(c) || c == ',' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '=' || c == '|' || c == '`';
}

bool isNumber(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        if (isDigit(s[i]))
            digits = true;
        else if (s[i] == '.' && !dot)
            dot = true;
        else
            return false;
    }
    return digits;
}

// "30s", "120ms", "1.5µs", "2m", "3h", "35.2s" (a number with a unit of time).
bool isDuration(std::string_view s) {
    static constexpr std::string_view kUnits[] = {"ns",   "us", "\xC2\xB5s", "ms", "s", "sec",
                                                  "secs", "m",  "min",       "h",  "d"};
    for (std::string_view unit : kUnits)
        if (s.size() > unit.size() && s.substr(s.size() - unit.size()) == unit &&
            isNumber(s.substr(0, s.size() - unit.size())))
            return true;
    return false;
}

// 10.0.4.7, 10.0.4.7:5432, [::1]:80 reduced to digits, dots and colons with two dots or more.
bool isAddress(std::string_view s) {
    int dots = 0, digits = 0;
    for (char c : s) {
        if (c == '.')
            ++dots;
        else if (isDigit(c))
            ++digits;
        else if (c != ':')
            return false;
    }
    return dots >= 2 && digits >= 3;
}

// 2025-11-10T10:30:45.123Z, 10:30:45, 2025-11-10: digits with date and time separators.
bool isTimestamp(std::string_view s) {
    int digits = 0, separators = 0;
    for (char c : s) {
        if (isDigit(c))
            ++digits;
        else if (c == '-' || c == ':' || c == '.' || c == 'T' || c == 'Z' || c == '+' || c == '/')
            ++separators;
        else
            return false;
    }
    return digits >= 4 && separators >= 2;
}

bool isHexString(std::string_view s) {
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return true;
    int digits = 0, letters = 0, dashes = 0;
    for (char c : s) {
        if (isDigit(c))
            ++digits;
        else if (isHexLetter(c))
            ++letters;
        else if (c == '-')
            ++dashes;
        else
            return false;
    }
    return digits + letters >= 8 && digits > 0;
}

// Tokens that mix letters and digits: "req_9f3a2b7c1d", "user123", "sk-abc123xyz".
bool isIdentifier(std::string_view s) {
    int digits = 0, letters = 0;
    for (char c : s) {
        if (isDigit(c))
            ++digits;
        else if (isAlpha(c))
            ++letters;
        else if (c != '_' && c != '-' && c != '.' && c != ':')
            return false;
    }
    return digits > 0 && letters > 0 && (digits >= 2 || s.size() >= 8);
}
} // namespace

void MessagePattern::token(std::string_view t, std::string& out) {
    // Sentence punctuation stays literal: "after 30s." is "after {dur}.".
    std::size_t end = t.size();
    while (end > 0 && (t[end - 1] == '.' || t[end - 1] == ':' || t[end - 1] == '!' || t[end - 1] == '?'))
        --end;
    const std::string_view core = t.substr(0, end), tail = t.substr(end);
    if (core.empty()) {
        out.append(t);
        return;
    }
    if (core.find('/') != std::string_view::npos && !isDigit(core[0])) {
        if (core.find("://") != std::string_view::npos)
            out += "{url}";
        else
            out.append(endpointTemplate(core, m_scratch));
    } else if (isNumber(core)) {
        out += "{num}";
    } else if (core.back() == '%' && isNumber(core.substr(0, core.size() - 1))) {
        out += "{num}%";
    } else if (isDuration(core)) {
        out += "{dur}";
    } else if (isAddress(core)) {
        out += "{ip}";
    } else if (isTimestamp(core)) {
        out += "{time}";
    } else if (isHexString(core)) {
        out += "{hex}";
    } else if (isIdentifier(core)) {
        out += "{id}";
    } else {
        out.append(core);
    }
    out.append(tail);
}

std::string_view MessagePattern::of(std::string_view message, std::string& out) {
    out.clear();
    const std::size_t nl = message.find('\n');
    if (nl != std::string_view::npos) message = message.substr(0, nl);
    std::size_t i = 0;
    while (i < message.size()) {
        const char c = message[i];
        if (c == '"' || c == '\'') {
            // A quoted string: masked unless it is a JSON key ("name": ...). An apostrophe
            // inside a word ("can't") is not a quote.
            if (c == '\'' && i > 0 && isAlpha(message[i - 1])) {
                out += c;
                ++i;
                continue;
            }
            std::size_t j = i + 1;
            while (j < message.size() && message[j] != c) {
                if (message[j] == '\\') ++j;
                ++j;
            }
            if (j >= message.size()) { // unterminated: the rest as tokens
                out += c;
                ++i;
                continue;
            }
            std::size_t k = j + 1;
            while (k < message.size() && isSpace(message[k]))
                ++k;
            if (k < message.size() && message[k] == ':')
                out.append(message.substr(i, j + 1 - i));
            else
                out += "{str}";
            i = j + 1;
            continue;
        }
        if (c == '=') {
            // key=value: the value varies, the key names it.
            out += '=';
            std::size_t j = i + 1;
            if (j < message.size() && (message[j] == '"' || message[j] == '\'')) {
                i = j; // the quoted value is masked above
                continue;
            }
            while (j < message.size() && !isSpace(message[j]) && message[j] != ',' && message[j] != ';' &&
                   message[j] != '&' && message[j] != ')' && message[j] != ']' && message[j] != '}')
                ++j;
            if (j > i + 1) out += "{val}";
            i = j;
            continue;
        }
        if (isDelimiter(c)) {
            // Runs of blanks are one space: alignment padding is not part of the pattern.
            if (isSpace(c)) {
                if (!out.empty() && out.back() != ' ') out += ' ';
                while (i < message.size() && isSpace(message[i]))
                    ++i;
                continue;
            }
            out += c;
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < message.size() && !isDelimiter(message[j]))
            ++j;
        token(message.substr(i, j - i), out);
        i = j;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::string MessagePattern::toRegex(std::string_view pattern) {
    static constexpr std::string_view kMasks[] = {"{num}", "{dur}", "{ip}",  "{time}", "{hex}",
                                                  "{id}",  "{str}", "{val}", "{url}"};
    std::string re;
    std::size_t i = 0;
    auto literal = [&re](char c) {
        if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) re += '\\';
        re += c;
    };
    while (i < pattern.size()) {
        bool masked = false;
        if (pattern[i] == '{') {
            for (std::string_view m : kMasks)
                if (pattern.substr(i, m.size()) == m) {
                    // A quoted string was masked with its quotes; any other part is one token.
                    re += (m == "{str}") ? "(?:\"[^\"]*\"|'[^']*')" : "\\S+?";
                    i += m.size();
                    masked = true;
                    break;
                }
        }
        if (masked) continue;
        if (pattern[i] == ' ') {
            re += "\\s+";
            while (i < pattern.size() && pattern[i] == ' ')
                ++i;
            continue;
        }
        literal(pattern[i]);
        ++i;
    }
    return re;
}

} // namespace vigil

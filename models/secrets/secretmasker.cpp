#include "secretmasker.h"

#include "jsonstring.h"
#include "secretnames.h"
#include "widthfold.h"

#include "../export/recordtext.h"

#include <cstring>

namespace vigil {

namespace {
constexpr std::string_view kMask = "***";
constexpr std::size_t kSessionKeep = 8;
constexpr std::size_t kMaxNameBytes = 256;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6"; // …
constexpr std::size_t npos = std::string_view::npos;

bool isAlnum(unsigned char c) {
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}
bool isIdentByte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return isAlnum(u) || c == '_' || c == '-' || c == '.';
}
bool isBlank(char c) {
    return c == ' ' || c == '\t';
}
bool isSpace(char c) {
    return isBlank(c) || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// strchr() finds its terminator for a NUL byte: "password=\0hunter2" would end the value
// before it starts and show what follows.
bool isOneOf(char c, const char* set) {
    return c != '\0' && std::strchr(set, c) != nullptr;
}

std::size_t lineEnd(std::string_view s, std::size_t from) {
    const std::size_t nl = s.find_first_of("\r\n", from);
    return nl == npos ? s.size() : nl;
}

// `end` (npos: the text's end), or the line break before it: a value ends with its line.
// Looks no further than `end`, so that a line of a million values is not read again to its
// end from each of them.
std::size_t endOnLine(std::string_view s, std::size_t begin, std::size_t end) {
    end = std::min(end, s.size());
    const std::size_t nl = s.substr(begin, end - begin).find_first_of("\r\n");
    return nl == npos ? end : begin + nl;
}

// One past the quote closing the string that opens at `open` (backslash escapes honoured);
// npos when it is not closed.
std::size_t quotedEnd(std::string_view s, std::size_t open) {
    const char quote = s[open];
    for (std::size_t i = open + 1; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == quote)
            return i + 1;
    }
    return npos;
}

// One past the bracket closing the object or array that opens at `open`, strings skipped;
// npos when it is not closed. Brackets of both kinds count alike: only the extent matters.
std::size_t bracketEnd(std::string_view s, std::size_t open, bool singleQuotes) {
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"' || (singleQuotes && c == '\'')) {
            const std::size_t e = quotedEnd(s, i);
            if (e == npos) return npos;
            i = e - 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return npos;
}

// Where an unquoted value ends: at a blank, a separator of key=value lists or query
// strings, a quote or bracket of what encloses it, or an escaped quote or newline.
std::size_t bareEnd(std::string_view s, std::size_t from) {
    for (std::size_t i = from; i < s.size(); ++i) {
        const char c = s[i];
        if (isSpace(c) || isOneOf(c, ",;&\"'<>(){}[]")) return i;
        if (c == '\\' && i + 1 < s.size() && isOneOf(s[i + 1], "\"'nrt")) return i;
    }
    return s.size();
}

bool endsWithNoCase(std::string_view s, std::string_view tail) {
    if (s.size() < tail.size()) return false;
    for (std::size_t i = 0; i < tail.size(); ++i)
        if ((s[s.size() - tail.size() + i] | 32) != tail[i]) return false;
    return true;
}

bool sessionPrefixShown(std::string_view value) {
    if (value.size() <= kSessionKeep) return false;
    for (std::size_t i = 0; i < kSessionKeep; ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (!isAlnum(c) && c != '_' && c != '-') return false;
    }
    return true;
}

// Builds the output from the input and replacements in increasing order.
class Rewriter {
  public:
    explicit Rewriter(std::string_view in) : m_in(in) {}
    void replace(std::size_t begin, std::size_t end, std::string_view with) {
        if (m_in.substr(begin, end - begin) == with) return;
        m_out.append(m_in.substr(m_copied, begin - m_copied));
        m_out.append(with);
        m_copied = end;
        m_changed = true;
    }
    std::string finish() {
        if (!m_changed) return std::string(m_in);
        m_out.append(m_in.substr(m_copied));
        return std::move(m_out);
    }

  private:
    std::string_view m_in;
    std::string m_out;
    std::size_t m_copied = 0;
    bool m_changed = false;
};

// "key": value in JSON, at any depth, keys compared after unescaping ("pass\u0077ord").
// A secret's whole value goes, whatever its type: "***" replaces strings, arrays, objects.
std::string maskJsonFields(std::string_view s) {
    Rewriter out(s);
    std::size_t i = 0;
    while ((i = s.find('"', i)) != npos) {
        const std::size_t close = quotedEnd(s, i);
        if (close == npos) break;
        std::size_t j = close;
        while (j < s.size() && isSpace(s[j]))
            ++j;
        if (j >= s.size() || s[j] != ':') {
            i = close;
            continue;
        }
        const std::string_view key = s.substr(i + 1, close - i - 2);
        const bool named = key.size() <= kMaxNameBytes;
        const bool secret = named && isSecretName(key);
        const bool session = named && !secret && isSessionName(key);
        std::size_t v = j + 1;
        while (v < s.size() && isSpace(s[v]))
            ++v;
        if ((!secret && !session) || v >= s.size()) {
            i = v; // into the value: nested objects have keys too
            continue;
        }
        std::size_t end;
        if (s[v] == '"')
            end = quotedEnd(s, v);
        else if (s[v] == '{' || s[v] == '[')
            end = bracketEnd(s, v, false);
        else
            end = std::min(s.find_first_of(",}] \t\r\n", v), s.size());
        if (end == npos) end = s.size();
        if (secret) {
            out.replace(v, end, "\"***\"");
        } else if (s[v] == '"' && end - v >= 2) {
            const std::string_view value = s.substr(v + 1, end - v - 2);
            if (sessionPrefixShown(value))
                out.replace(v, end,
                            std::string("\"").append(value.substr(0, kSessionKeep)).append(kEllipsis) + '"');
        }
        i = end;
    }
    return out.finish();
}

// A command line's option and its value as two arguments: `--password hunter2`,
// `--api-key "k"`, and curl's user information `-u admin:pw` (`--user`, `-U`,
// `--proxy-user`), whose password goes. `name` starts at a dash, its value at `from`.
// Returns where the value ends, or `from` when there is none to mask.
std::size_t maskOptionValue(std::string_view s, std::string_view name, std::size_t from, Rewriter& out) {
    if (name.size() < 2 || name[0] != '-' || s[from] == '-') return from;
    const bool userInfo = name == "-u" || name == "-U" || name == "--user" || name == "--proxy-user";
    if (!userInfo && (name[1] != '-' || !isSecretName(name))) return from;
    std::size_t begin = from, end;
    if (s[from] == '"' || s[from] == '\'') {
        begin = from + 1;
        end = quotedEnd(s, from);
        end = endOnLine(s, begin, end == npos ? npos : end - 1);
    } else {
        end = bareEnd(s, from);
    }
    if (userInfo) {
        const std::size_t colon = s.substr(begin, end - begin).find(':');
        if (colon == npos) return from;
        begin += colon + 1;
    }
    if (begin < end && s.substr(begin, end - begin) != kMask) out.replace(begin, end, kMask);
    return end;
}

// name=value and name: value in text (logfmt, command lines, URLs' query strings, Python
// reprs, HTTP headers, escaped JSON inside a message): password="…", password='…',
// DB_PASSWORD=…, client_secret=…, accessToken=…, Authorization: Basic …, Set-Cookie: …
std::string maskAssignments(std::string_view s) {
    Rewriter out(s);
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        if (!isIdentByte(s[i]) || (i > 0 && isIdentByte(s[i - 1]))) {
            ++i;
            continue;
        }
        const std::size_t nameBegin = i;
        while (i < n && isIdentByte(s[i]))
            ++i;
        const std::string_view name = s.substr(nameBegin, i - nameBegin);
        std::size_t j = i;
        // The closing quote of a quoted name: "password": 'password': \"password\":
        if (j + 1 < n && s[j] == '\\' && s[j + 1] == '"')
            j += 2;
        else if (j < n && (s[j] == '"' || s[j] == '\''))
            ++j;
        while (j < n && isBlank(s[j]))
            ++j;
        if (j >= n || (s[j] != '=' && s[j] != ':')) {
            if (j < n && j > i && isBlank(s[i])) i = maskOptionValue(s, name, j, out);
            continue;
        }
        const char separator = s[j];
        if (s.substr(j, 3) == "://") continue;
        ++j;
        while (j < n && isBlank(s[j]))
            ++j;
        if (j >= n || name.size() > kMaxNameBytes) continue;
        const bool secret = isSecretName(name);
        if (!secret && !isSessionName(name)) continue;

        std::size_t begin = j, end;
        const char c = s[j];
        if (c == '\\' && j + 1 < n && s[j + 1] == '"') {
            begin = j + 2;
            end = s.find("\\\"", begin);
            end = endOnLine(s, begin, end);
        } else if (c == '"' || c == '\'') {
            begin = j + 1;
            end = quotedEnd(s, j);
            end = endOnLine(s, begin, end == npos ? npos : end - 1);
        } else if (c == '{' || c == '[') {
            end = bracketEnd(s, j, true);
            if (end == npos) end = lineEnd(s, j);
        } else if (secret && endsWithNoCase(name, "cookie")) {
            end = endOnLine(s, j, s.find_first_of("\"'", j));
        } else {
            end = bareEnd(s, j);
            // Authorization: Basic dXNlcjpwYXNz keeps its scheme word.
            if (secret && endsWithNoCase(name, "authorization") && end < n && isBlank(s[end])) {
                std::size_t k = end;
                while (k < n && isBlank(s[k]))
                    ++k;
                if (k < n && bareEnd(s, k) > k) {
                    begin = k;
                    end = bareEnd(s, k);
                }
            }
            // "invalid password: user=alice" names no password: the next key follows.
            if (separator == ':' && s.substr(begin, end - begin).find('=') != npos) continue;
        }
        const std::string_view value = s.substr(begin, end - begin);
        if (value.empty() || value == kMask) {
            i = std::max(i, end);
            continue;
        }
        if (secret)
            out.replace(begin, end, kMask);
        else if (sessionPrefixShown(value))
            out.replace(begin, end, std::string(value.substr(0, kSessionKeep)).append(kEllipsis));
        i = std::max(i, end);
    }
    return out.finish();
}

// An element named like a secret in XML (a SOAP body, a config dump): <password>x</password>,
// <ns:api_key type="k">x</ns:api_key>; its text up to the closing tag goes.
std::string maskXmlElements(std::string_view s) {
    Rewriter out(s);
    std::size_t i = 0;
    while ((i = s.find('<', i)) != npos) {
        std::size_t k = ++i, local = i;
        while (k < s.size() && (isIdentByte(s[k]) || s[k] == ':'))
            if (s[k++] == ':') local = k; // the name without its namespace prefix
        if (k == local || k >= s.size() || (s[k] != '>' && !isBlank(s[k]))) continue;
        const std::string_view name = s.substr(local, k - local);
        if (name.size() > kMaxNameBytes) continue;
        const bool secret = isSecretName(name);
        if (!secret && !isSessionName(name)) continue;
        // Neither search passes a '<', where the next look starts: one pass over a line of
        // a million "<password " is linear.
        const std::size_t open = s.find_first_of("<>\r\n", k);
        if (open == npos || s[open] != '>' || s[open - 1] == '/') continue;
        const std::size_t begin = open + 1;
        const std::size_t end = std::min(s.find_first_of("<\r\n", begin), s.size());
        // Only an element closed on its line: "unexpected <token> in input" is prose.
        if (s.substr(end, 2) != "</") continue;
        const std::string_view value = s.substr(begin, end - begin);
        if (!value.empty() && value != kMask) {
            if (secret)
                out.replace(begin, end, kMask);
            else if (sessionPrefixShown(value))
                out.replace(begin, end, std::string(value.substr(0, kSessionKeep)).append(kEllipsis));
        }
        i = std::max(begin, std::min(end, s.size()));
    }
    return out.finish();
}

// Bearer tokens wherever they appear, whole: "Bearer sk-ant:XYZ" hides sk-ant:XYZ.
std::string maskBearer(std::string_view s) {
    Rewriter out(s);
    for (std::size_t i = 0; i + 6 < s.size(); ++i) {
        if ((s[i] | 32) != 'b' || !endsWithNoCase(s.substr(i, 6), "bearer")) continue;
        if (i > 0 && (isIdentByte(s[i - 1]) && s[i - 1] != '-' && s[i - 1] != '.')) continue;
        std::size_t k = i + 6;
        // Bearer%20x and Bearer+x: the header's value in a URL's query string, which ends at '&'.
        const bool encoded = s.substr(k, 3) == "%20" || s[k] == '+';
        if (!isBlank(s[k]) && !encoded) continue;
        k += s[k] == '%' ? 3 : 1;
        while (k < s.size() && isBlank(s[k]))
            ++k;
        std::size_t end = k;
        while (end < s.size() && !isSpace(s[end]) &&
               !isOneOf(s[end], encoded ? "\"'\\,;<>()[]{}&" : "\"'\\,;<>()[]{}"))
            ++end;
        if (end > k && s.substr(k, end - k) != kMask) out.replace(k, end, kMask);
        i = end;
    }
    return out.finish();
}

// The length of the "://" at `colon`, with the backslashes JSON writers may put before the
// slashes, once per level of quoting: "postgres:\/\/app:pw@db" in a JSON string, and
// "postgres:\\/\\/app:pw@db" for JSON inside one. An entry's decoded message holds the
// password as much as its line. 0 when none starts there.
std::size_t urlSeparatorAt(std::string_view s, std::size_t colon) {
    std::size_t k = colon + 1, slashes = 0;
    for (; k < s.size() && (s[k] == '/' || s[k] == '\\'); ++k)
        slashes += s[k] == '/' ? 1 : 0;
    return slashes >= 2 ? k - colon : 0;
}

// A password in a URL's user information: https://user:pw@host -> https://user:***@host.
std::string maskUrlPasswords(std::string_view s) {
    Rewriter out(s);
    std::size_t i = 0;
    while ((i = s.find(':', i)) != npos) {
        const std::size_t separator = urlSeparatorAt(s, i);
        if (separator == 0) {
            ++i;
            continue;
        }
        const std::size_t from = i + separator;
        std::size_t k = from, at = npos;
        while (k < s.size() && !isSpace(s[k]) && !isOneOf(s[k], "/?#\"'<>")) {
            if (s[k] == '@') at = k;
            ++k;
        }
        if (at != npos) {
            const std::size_t colon = s.find(':', from);
            if (colon < at && colon + 1 < at && s.substr(colon + 1, at - colon - 1) != kMask)
                out.replace(colon + 1, at, kMask);
        }
        i = k;
    }
    return out.finish();
}

// Levels of quoting looked into: JSON in a JSON string in a JSON string is rare enough.
constexpr int kMaxQuoting = 4;

std::string maskAll(std::string_view utf8, int quoting = 0);

// Strings whose escapes hide what the rules above look for, which the entry's decoded
// message shows plainly: "\u0062earer x", "https:\/\/u:pw\u0040host", "password:\tx". Each
// string holding a backslash is judged decoded, as a message is; when that masks something,
// the string is written back masked and escaped again, so that a JSON line stays JSON.
std::string maskEscapedStrings(std::string_view s, int quoting) {
    Rewriter out(s);
    std::size_t i = 0;
    while ((i = s.find('"', i)) != npos) {
        const std::size_t close = quotedEnd(s, i);
        if (close == npos) break;
        const std::string_view content = s.substr(i + 1, close - i - 2);
        // No JSON string spans lines: this quote opens none (a traceback's lines stay lines).
        if (content.find_first_of("\r\n") != npos) {
            ++i;
            continue;
        }
        if (content.find('\\') != npos) {
            const std::string decoded = decodeJsonString(content);
            if (SecretMasker::mayHoldSecret(decoded)) {
                const std::string masked = maskAll(decoded, quoting + 1);
                if (masked != decoded) {
                    std::string literal;
                    appendJsonString(literal, masked);
                    out.replace(i, close, literal);
                }
            }
        }
        i = close;
    }
    return out.finish();
}

std::string maskAll(std::string_view utf8, int quoting) {
    std::string text(utf8);
    // JSON fields first, so that a JSON secret goes whole, quotes kept.
    if (text.find('"') != npos) text = maskJsonFields(text);
    if (text.find_first_of("=:") != npos || text.find("--") != npos) text = maskAssignments(text);
    if (text.find('<') != npos) text = maskXmlElements(text);
    text = maskBearer(text);
    if (text.find(":/") != npos || text.find(":\\") != npos) text = maskUrlPasswords(text);
    if (quoting < kMaxQuoting && text.find('\\') != npos && text.find('"') != npos)
        text = maskEscapedStrings(text, quoting);
    return text;
}

QString lastDottedPart(const QString& path) {
    const int dot = path.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? path : path.mid(dot + 1);
}
} // namespace

bool SecretMasker::isSecretName(const QString& name) {
    const QByteArray utf8 = name.toUtf8();
    return vigil::isSecretName(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

bool SecretMasker::isSessionName(const QString& name) {
    const QByteArray utf8 = name.toUtf8();
    return vigil::isSessionName(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

bool SecretMasker::isSecretPath(const QString& path) {
    // "api_key.primary" (an object under a secret name, flattened) is as secret as api_key.
    for (int dot = path.indexOf(QLatin1Char('.')); dot >= 0; dot = path.indexOf(QLatin1Char('.'), dot + 1))
        if (isSecretName(path.left(dot))) return true;
    return isSecretName(path);
}

QString SecretMasker::maskField(const QString& path, const QString& value) const {
    if (m_reveal) return value;
    if (isSecretPath(path)) return QString::fromLatin1(kMask.data(), int(kMask.size()));
    if (isSessionName(lastDottedPart(path)) && value.size() > int(kSessionKeep))
        return value.left(int(kSessionKeep)) + QStringLiteral("…");
    return mask(value);
}

namespace {
unsigned char foldAscii(unsigned char c) {
    return static_cast<unsigned char>(c + (unsigned(c - 'A') < 26u ? 32 : 0));
}

// Whether `word` (lower case) starts at p[0], ASCII letters compared in any case.
bool wordAt(const unsigned char* p, std::size_t left, std::string_view word) {
    if (left < word.size()) return false;
    for (std::size_t k = 1; k < word.size(); ++k)
        if (foldAscii(p[k]) != static_cast<unsigned char>(word[k])) return false;
    return true;
}
} // namespace

bool SecretMasker::mayHoldSecret(std::string_view utf8) {
    // Every rule needs one of these (any case); most entries have none, and looking for
    // them is far cheaper than scanning for names. "\u" for escaped JSON keys, "://" (slashes
    // escaped or not) for passwords in URLs, "pw" for db_pw and pwd, "key" for api keys,
    // private keys...
    // One pass that stops only at a byte some word starts with: an export tests every entry,
    // and twelve memmem passes over a lower-cased copy were a sixth of its time.
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t left = n - i;
        switch (foldAscii(p[i])) {
        case 'k':
            if (wordAt(p + i, left, "key")) return true;
            break;
        case 'p':
            if (wordAt(p + i, left, "pw") || wordAt(p + i, left, "pass")) return true;
            break;
        case 's':
            if (wordAt(p + i, left, "secret") || wordAt(p + i, left, "session")) return true;
            break;
        case 't':
            if (wordAt(p + i, left, "token")) return true;
            break;
        case 'b':
            if (wordAt(p + i, left, "bearer")) return true;
            break;
        case 'a':
            if (wordAt(p + i, left, "auth")) return true;
            break;
        case 'c':
            if (wordAt(p + i, left, "cookie") || wordAt(p + i, left, "credential")) return true;
            break;
        case '\\':
            if (wordAt(p + i, left, "\\u")) return true;
            break;
        case 0xE3:
        case 0xEF:
            if (fullWidthFormAt(p + i, left)) return true; // folded to ASCII, then judged
            break;
        case '-':
            // curl's -u user:pw (and -U, --user, --proxy-user), which names no secret. Dashes
            // are everywhere (dates, ids): one look at the next byte for most.
            if (left > 3 && (p[i + 1] | 32) == 'u') {
                if (isBlank(char(p[i + 2]))) return true;
            } else if (left > 6 && p[i + 1] == '-') {
                if (wordAt(p + i, left, "--user") || wordAt(p + i, left, "--proxy-user")) return true;
            }
            break;
        case ':':
            // Only a URL with user information ("https://user:pw@host") can hold a password:
            // most request lines carry a URL, and none of them needs masking for it.
            if (const std::size_t separator = urlSeparatorAt(utf8, i)) {
                // Stops at fewer bytes than maskUrlPasswords() does, never at more.
                for (std::size_t k = i + separator; k < n && p[k] != '/' && p[k] != '?' && p[k] != '#'; ++k)
                    if (p[k] == '@') return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

namespace {
// maskAll() of the text, or of its full-width forms folded to ASCII when that masks
// something: the line is then shown folded, so that what hid the secret is seen for what it
// is. A line whose full-width text hides nothing is shown as written.
std::string maskAnyWidth(std::string_view utf8) {
    std::string folded;
    if (!foldFullWidth(utf8, folded)) return maskAll(utf8);
    std::string masked = maskAll(folded);
    return masked == folded ? std::string(utf8) : masked;
}
} // namespace

std::string SecretMasker::maskFlagged(std::string_view utf8) const {
    return m_reveal ? std::string(utf8) : maskAnyWidth(utf8);
}

std::string SecretMasker::mask(std::string_view utf8) const {
    if (m_reveal || !mayHoldSecret(utf8)) return std::string(utf8);
    return maskAnyWidth(utf8);
}

QString SecretMasker::mask(const QString& text) const {
    if (m_reveal || text.isEmpty()) return text;
    const QByteArray utf8 = text.toUtf8();
    const std::string_view view(utf8.constData(), std::size_t(utf8.size()));
    if (!mayHoldSecret(view)) return text;
    const std::string masked = maskAnyWidth(view);
    return masked == view ? text : QString::fromStdString(masked);
}

} // namespace vigil

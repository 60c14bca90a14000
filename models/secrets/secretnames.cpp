#include "secretnames.h"

#include "widthfold.h"

#include <array>
#include <vector>

namespace vigil {

namespace {

bool isUpper(unsigned char c) {
    return c >= 'A' && c <= 'Z';
}
bool isLower(unsigned char c) {
    return c >= 'a' && c <= 'z';
}
bool isDigit(unsigned char c) {
    return c >= '0' && c <= '9';
}
// Bytes of UTF-8 sequences count as letters: a name in another script is one word.
bool isWordByte(unsigned char c) {
    return isUpper(c) || isLower(c) || isDigit(c) || c >= 0x80;
}
char lower(unsigned char c) {
    return char(isUpper(c) ? c + 32 : c);
}

// "AWS_SECRET_ACCESS_KEY" -> aws secret access key; "refreshToken" -> refresh token;
// "APIKey2" -> api key 2.
std::vector<std::string> words(std::string_view name) {
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) out.push_back(std::move(word));
        word.clear();
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (!isWordByte(c)) {
            flush();
            continue;
        }
        if (!word.empty()) {
            const auto prev = static_cast<unsigned char>(name[i - 1]);
            const bool next = i + 1 < name.size() && isLower(static_cast<unsigned char>(name[i + 1]));
            if ((isLower(prev) && isUpper(c)) || (isUpper(prev) && isUpper(c) && next) ||
                (isDigit(prev) != isDigit(c)))
                flush();
        }
        word += lower(c);
    }
    flush();
    return out;
}

bool endsWith(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A word that is a secret on its own, also at the end of a run-together word
// ("userpassword", "accesstoken"). "tokens" is a count, so plurals are listed one by one.
bool isSecretNoun(std::string_view w) {
    static constexpr std::array<std::string_view, 16> nouns = {
        "password", "passwords",  "passwd",      "passphrase", "secret",  "secrets",
        "token",    "credential", "credentials", "cookie",     "cookies", "authorization",
        "apikey",   "privatekey", "accesskey",   "secretkey"};
    for (std::string_view n : nouns)
        if (endsWith(w, n)) return true;
    return false;
}

// The word before "key" that makes it a credential rather than a cache or map key.
bool isKeyKind(std::string_view w) {
    static constexpr std::array<std::string_view, 10> kinds = {
        "api", "private", "access", "secret", "signing", "encryption", "master", "auth", "ssh", "client"};
    for (std::string_view k : kinds)
        if (w == k) return true;
    return false;
}

// Words after the secret that say how it is written, not what else it is about:
// password_hash and token_value are still secrets, token_count and password_reset are not.
bool isEncodingWord(std::string_view w) {
    static constexpr std::array<std::string_view, 19> encodings = {
        "value", "values", "hash",   "hashed", "salt", "digest", "enc",  "encrypted", "plain", "plaintext",
        "raw",   "b64",    "base64", "hex",    "str",  "string", "text", "header",    "bytes"};
    if (!w.empty() && isDigit(static_cast<unsigned char>(w[0]))) return true;
    for (std::string_view e : encodings)
        if (w == e) return true;
    return false;
}

// Every secret or session name holds one of these (any case); most names hold none, and
// this answers them without splitting words.
bool mayNameSecret(std::string_view name) {
    static constexpr std::array<std::string_view, 9> parts = {
        "pass", "pw", "secret", "token", "credential", "cookie", "auth", "key", "session"};
    char lowered[64];
    if (name.size() > sizeof lowered) return true;
    for (std::size_t i = 0; i < name.size(); ++i)
        lowered[i] = lower(static_cast<unsigned char>(name[i]));
    const std::string_view l(lowered, name.size());
    for (std::string_view p : parts)
        if (l.find(p) != std::string_view::npos) return true;
    return false;
}

} // namespace

std::string decodeJsonKey(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\' || i + 1 >= raw.size()) {
            out += c;
            continue;
        }
        const char e = raw[i + 1];
        if (e == 'u' && i + 6 <= raw.size()) {
            unsigned code = 0;
            bool ok = true;
            for (std::size_t k = i + 2; k < i + 6; ++k) {
                const auto h = static_cast<unsigned char>(raw[k]);
                code <<= 4;
                if (isDigit(h))
                    code |= unsigned(h - '0');
                else if (h >= 'a' && h <= 'f')
                    code |= unsigned(h - 'a' + 10);
                else if (h >= 'A' && h <= 'F')
                    code |= unsigned(h - 'A' + 10);
                else
                    ok = false;
            }
            if (ok) {
                // Names only need judging: a full-width form becomes its ASCII, any other code
                // point past ASCII one letter byte.
                const char ascii = asciiOfFullWidth(code);
                out += code < 0x80 ? char(code) : ascii ? ascii : '\x80';
                i += 5;
                continue;
            }
        }
        out += e == '"' || e == '\\' || e == '/' ? e : c;
        if (e == '"' || e == '\\' || e == '/') ++i;
    }
    return out;
}

bool isSecretName(std::string_view name) {
    if (std::string folded; foldFullWidth(name, folded)) return isSecretName(folded);
    if (name.find('\\') != std::string_view::npos) {
        const std::string decoded = decodeJsonKey(name);
        if (decoded != name) return isSecretName(decoded);
    }
    if (!mayNameSecret(name)) return false;
    const std::vector<std::string> w = words(name);
    // The last word that is not about the encoding must be the secret.
    std::size_t last = w.size();
    while (last > 0 && isEncodingWord(w[last - 1]))
        --last;
    if (last == 0) return false;
    const std::string& noun = w[last - 1];
    if (isSecretNoun(noun)) return true;
    if (noun == "key") return last >= 2 && isKeyKind(w[last - 2]);
    // db_pass, DB_PWD, mysql_pw: only after another word (a lone PWD is a folder).
    if (noun == "pass" || noun == "pwd" || noun == "pw") return last >= 2;
    return false;
}

bool isSessionName(std::string_view name) {
    if (std::string folded; foldFullWidth(name, folded)) return isSessionName(folded);
    if (name.find('\\') != std::string_view::npos) {
        const std::string decoded = decodeJsonKey(name);
        if (decoded != name) return isSessionName(decoded);
    }
    if (!mayNameSecret(name) || isSecretName(name)) return false;
    const std::vector<std::string> w = words(name);
    if (w.empty()) return false;
    const std::string& lastWord = w.back();
    if (lastWord == "session" || lastWord == "sessionid") return true;
    return w.size() >= 2 && lastWord == "id" && w[w.size() - 2] == "session";
}

} // namespace vigil

#include "flatjson.h"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace vigil {

namespace {

// Zero bytes after the copied line: a NUL stops every loop below (it is neither whitespace,
// a digit, a bracket nor a string byte), and 16-byte loads from any byte of the line stay
// inside the buffer.
constexpr std::size_t kPadding = 64;

// JSON's whitespace: space, tab, line feed, carriage return; one comparison for every other byte.
bool isSpace(char c) {
    const auto u = static_cast<unsigned char>(c);
    constexpr std::uint64_t kSpaces = (std::uint64_t(1) << ' ') | (1u << '\t') | (1u << '\n') | (1u << '\r');
    return u <= ' ' && ((std::uint64_t(1) << u) & kSpaces) != 0;
}

const char* skipSpace(const char* p) {
    while (isSpace(*p))
        ++p;
    return p;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// Every power of ten a double holds exactly.
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// The length of the valid UTF-8 sequence at `p` (its lead byte at least 0x80), 0 when there
// is none: no overlong forms, no surrogates, nothing above U+10FFFF. The NUL after the line
// ends any sequence cut short.
std::size_t utf8Length(const char* p) {
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(p[i]); };
    const unsigned char lead = at(0);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (at(1) < low || at(1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (at(i) < 0x80 || at(i) > 0xBF) return 0;
    return length;
}

bool hex4(const char* p, unsigned& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        unsigned digit;
        if (c >= '0' && c <= '9')
            digit = unsigned(c - '0');
        else if (c >= 'a' && c <= 'f')
            digit = unsigned(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            digit = unsigned(c - 'A' + 10);
        else
            return false;
        out = out << 4 | digit;
    }
    return true;
}

char* appendUtf8(char* w, unsigned cp) {
    if (cp < 0x80) {
        *w++ = char(cp);
    } else if (cp < 0x800) {
        *w++ = char(0xC0 | cp >> 6);
        *w++ = char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *w++ = char(0xE0 | cp >> 12);
        *w++ = char(0x80 | (cp >> 6 & 0x3F));
        *w++ = char(0x80 | (cp & 0x3F));
    } else {
        *w++ = char(0xF0 | cp >> 18);
        *w++ = char(0x80 | (cp >> 12 & 0x3F));
        *w++ = char(0x80 | (cp >> 6 & 0x3F));
        *w++ = char(0x80 | (cp & 0x3F));
    }
    return w;
}

// -?(0|[1-9][0-9]*)(.[0-9]+)? whose digits, read as one integer, stay within 2^53 and whose
// decimals are at most 22: dividing two exact doubles rounds once, to the nearest double,
// which is what simdjson's conversion gives for every number. Exponents are left to it.
// Returns the byte after the number, or null.
const char* number(const char* p, double& out) {
    constexpr std::uint64_t kExact = std::uint64_t(1) << 53;
    const bool negative = *p == '-';
    if (negative) ++p;
    std::uint64_t digits = 0;
    if (*p == '0') {
        ++p;
    } else if (*p >= '1' && *p <= '9') {
        for (; isDigit(*p); ++p) {
            digits = digits * 10 + unsigned(*p - '0');
            if (digits > kExact) return nullptr;
        }
    } else {
        return nullptr;
    }
    int decimals = 0;
    if (*p == '.') {
        ++p;
        if (!isDigit(*p)) return nullptr;
        for (; isDigit(*p); ++p) {
            digits = digits * 10 + unsigned(*p - '0');
            if (digits > kExact || ++decimals > 22) return nullptr;
        }
    }
    if (*p == 'e' || *p == 'E') return nullptr;
    double value = static_cast<double>(digits);
    if (decimals > 0) value /= kPow10[decimals];
    out = negative ? -value : value;
    return p;
}

const char* literal(const char* p, std::string_view word) {
    return std::memcmp(p, word.data(), word.size()) == 0 ? p + word.size() : nullptr;
}

// Strings of a line that is printable ASCII without a backslash: every quote delimits a
// string, so the walk takes them in order from the list of the line's quotes. The next
// string's end is then a load away from a counter, not from the end of the text before it,
// and the walk is no longer one long chain of dependent loads.
struct PlainStrings {
    const char* base;
    const std::uint32_t* quotes; // offsets of the line's quotes, in order
    std::size_t count;
    std::size_t next = 0; // the next unread quote

    // After the opening quote: returns the byte after the closing one, or null.
    const char* read(const char* p, std::string_view& out) {
        if (next + 1 >= count || base + quotes[next] + 1 != p) return nullptr;
        const char* close = base + quotes[next + 1];
        next += 2;
        out = std::string_view(p, static_cast<std::size_t>(close - p));
        return close + 1;
    }
};

// Strings of any other line: checked byte by byte where they are not plain (UTF-8, control
// bytes, escapes), and unescaped into `write` as simdjson unescapes: the two-character
// escapes of RFC 8259 and \uXXXX as UTF-8, a high surrogate only with a low one after it.
struct GeneralStrings {
    char* write;

    // The first quote, backslash, control byte or byte from 0x80 up from `p` on.
    static const char* special(const char* p) {
#ifdef __SSE2__
        for (;; p += 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            // Signed: bytes from 0x80 up are negative, so below 0x20 as control bytes are.
            const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                                            _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
                                               _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
            const int mask = _mm_movemask_epi8(stops);
            if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
        }
#else
        for (;; ++p) {
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return p;
        }
#endif
    }

    const char* read(const char* p, std::string_view& out) {
        const char* const begin = p;
        for (p = special(p);; p = special(p)) {
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"') {
                out = std::string_view(begin, static_cast<std::size_t>(p - begin));
                return p + 1;
            }
            if (c == '\\') return unescape(begin, p, out);
            if (c < 0x20) return nullptr;
            const std::size_t length = utf8Length(p);
            if (length == 0) return nullptr;
            p += length;
        }
    }

    // The string from `begin`, whose first escape is at `p`.
    const char* unescape(const char* begin, const char* p, std::string_view& out) {
        char* const start = write;
        char* w = start;
        std::memcpy(w, begin, static_cast<std::size_t>(p - begin));
        w += p - begin;
        for (;;) {
            const char* next = special(p);
            std::memcpy(w, p, static_cast<std::size_t>(next - p));
            w += next - p;
            p = next;
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"') {
                out = std::string_view(start, static_cast<std::size_t>(w - start));
                write = w;
                return p + 1;
            }
            if (c < 0x20) return nullptr;
            if (c >= 0x80) {
                const std::size_t length = utf8Length(p);
                if (length == 0) return nullptr;
                std::memcpy(w, p, length);
                w += length;
                p += length;
                continue;
            }
            char plain = 0;
            switch (p[1]) {
            case '"':
            case '\\':
            case '/':
                plain = p[1];
                break;
            case 'b':
                plain = '\b';
                break;
            case 'f':
                plain = '\f';
                break;
            case 'n':
                plain = '\n';
                break;
            case 'r':
                plain = '\r';
                break;
            case 't':
                plain = '\t';
                break;
            case 'u': {
                unsigned cp = 0;
                if (!hex4(p + 2, cp)) return nullptr;
                p += 6;
                if (cp >= 0xD800 && cp < 0xDC00) {
                    unsigned low = 0;
                    if (p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, low) || low < 0xDC00 || low > 0xDFFF)
                        return nullptr;
                    cp = (((cp - 0xD800) << 10) | (low - 0xDC00)) + 0x10000;
                    p += 6;
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return nullptr;
                }
                w = appendUtf8(w, cp);
                continue;
            }
            default:
                return nullptr;
            }
            *w++ = plain;
            p += 2;
        }
    }
};

// Walks the copied line, NUL after it, listing fields into `fields` (the slot at `count`
// doubles as scratch space for what is not listed). Every function takes the byte after
// an opening bracket or quote and returns the byte after what it read, or null.
template <class Strings> struct Walker {
    Strings strings;
    FlatJsonField* fields;
    std::uint32_t count;

    // Tests in order of frequency rather than a switch: the jump table it compiles to missed
    // its prediction on most values.
    const char* value(const char* p, int depth, bool listed, FlatJsonField& slot) {
        const char c = *p;
        if (c == '"') {
            slot.kind = FlatJsonKind::String;
            return strings.read(p + 1, slot.text);
        }
        if (isDigit(c) || c == '-') {
            slot.kind = FlatJsonKind::Number;
            return number(p, slot.number);
        }
        if (c == '{' || c == '[') {
            if (depth == FlatJsonScanner::kMaxNesting) return nullptr;
            if (c == '[') {
                slot.kind = FlatJsonKind::Array;
                return array(p + 1, depth + 1);
            }
            slot.kind = FlatJsonKind::Object;
            return object(p + 1, depth + 1, listed);
        }
        if (c == 't') {
            slot.kind = FlatJsonKind::True;
            return literal(p, "true");
        }
        if (c == 'f') {
            slot.kind = FlatJsonKind::False;
            return literal(p, "false");
        }
        slot.kind = FlatJsonKind::Null;
        return c == 'n' ? literal(p, "null") : nullptr;
    }

    const char* object(const char* p, int depth, bool listed) {
        p = skipSpace(p);
        if (*p == '}') return p + 1;
        for (;;) {
            if (*p != '"') return nullptr;
            FlatJsonField& slot = fields[count];
            p = strings.read(p + 1, slot.key);
            if (!p) return nullptr;
            // ": " as json.dumps writes it, and ":" compact, take no loop.
            if (*p == ':') {
                p += *(p + 1) == ' ' ? 2 : 1;
                if (isSpace(*p)) p = skipSpace(p);
            } else {
                p = skipSpace(p);
                if (*p != ':') return nullptr;
                p = skipSpace(p + 1);
            }
            if (listed) ++count;
            p = value(p, depth, listed, slot);
            if (!p) return nullptr;
            if (listed) slot.next = count;
            if (*p == ',') {
                p += *(p + 1) == ' ' ? 2 : 1;
                if (isSpace(*p)) p = skipSpace(p);
                continue;
            }
            if (*p == '}') return p + 1;
            p = skipSpace(p);
            if (*p == '}') return p + 1;
            if (*p != ',') return nullptr;
            p = skipSpace(p + 1);
        }
    }

    const char* array(const char* p, int depth) {
        p = skipSpace(p);
        if (*p == ']') return p + 1;
        for (;;) {
            p = value(p, depth, false, fields[count]);
            if (!p) return nullptr;
            p = skipSpace(p);
            if (*p == ']') return p + 1;
            if (*p != ',') return nullptr;
            p = skipSpace(p + 1);
        }
    }

    // The line, from its first byte; true when it is one object and whitespace.
    bool line(const char* p, const char* end) {
        p = skipSpace(p);
        if (*p != '{') return false;
        p = object(p + 1, 0, true);
        return p && skipSpace(p) == end;
    }
};

} // namespace

bool FlatJsonScanner::scan(std::string_view json) {
    const std::size_t size = json.size();
    if (size > kMaxLine) return false;
    // Unescaping never lengthens a string, and a field takes at least four bytes ("":0):
    // the line's size bounds both, so nothing grows while the line is read.
    if (m_capacity < size || !m_line) {
        m_capacity = size;
        m_line.reset(new char[size + 16 + kPadding]);
        m_unescaped.reset(new char[size + 1]);
        m_fields.reset(new FlatJsonField[size / 4 + 2]);
        m_quotes.reset(new std::uint32_t[size + 1]);
    }
    char* const line = m_line.get();
    m_count = 0;
    bool plain = false;
    std::size_t quoteCount = 0;
#ifdef __SSE2__
    // One pass copies the line 16 bytes at a time, lists its quotes, and finds whether any
    // byte needs a closer look: a backslash, a control byte, or one from 0x80 up (UTF-8).
    __m128i unusual = _mm_setzero_si128();
    std::uint32_t* const positions = m_quotes.get();
    for (std::size_t at = 0; at < size; at += 16) {
        __m128i bytes;
        if (size - at >= 16) {
            bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(json.data() + at));
        } else {
            // The last bytes, then spaces: plain text to the test below.
            alignas(16) char tail[16];
            std::memset(tail, ' ', sizeof tail);
            std::memcpy(tail, json.data() + at, size - at);
            bytes = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(line + at), bytes);
        for (unsigned quotes = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'))));
             quotes != 0; quotes &= quotes - 1)
            positions[quoteCount++] = static_cast<std::uint32_t>(at + unsigned(__builtin_ctz(quotes)));
        // Signed: bytes from 0x80 up are negative, so below 0x20 as control bytes are.
        unusual = _mm_or_si128(unusual, _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')),
                                                     _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20))));
    }
    plain = _mm_movemask_epi8(unusual) == 0;
#else
    std::memcpy(line, json.data(), size);
#endif
    // The NUL that stops every loop at the end of the line, and room for loads after it.
    std::memset(line + size, 0, kPadding);

    const char* const end = line + size;
    bool ok = false;
    if (plain) {
        Walker<PlainStrings> walker{{line, m_quotes.get(), quoteCount}, m_fields.get(), 0};
        ok = walker.line(line, end);
        m_count = walker.count;
    } else {
        Walker<GeneralStrings> walker{{m_unescaped.get()}, m_fields.get(), 0};
        ok = walker.line(line, end);
        m_count = walker.count;
    }
    return ok;
}

} // namespace vigil

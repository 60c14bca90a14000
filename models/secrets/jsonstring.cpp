#include "jsonstring.h"

namespace vigil {

namespace {
int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 32) >= 'a' && (c | 32) <= 'f') return (c | 32) - 'a' + 10;
    return -1;
}

// The code unit of "\uXXXX" at `at`, or -1.
long unitAt(std::string_view s, std::size_t at) {
    if (at + 6 > s.size() || s[at] != '\\' || s[at + 1] != 'u') return -1;
    long unit = 0;
    for (std::size_t k = at + 2; k < at + 6; ++k) {
        const int h = hexValue(s[k]);
        if (h < 0) return -1;
        unit = unit << 4 | h;
    }
    return unit;
}

void appendUtf8(std::string& out, unsigned long code) {
    if (code < 0x80) {
        out += char(code);
    } else if (code < 0x800) {
        out += char(0xC0 | (code >> 6));
        out += char(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += char(0xE0 | (code >> 12));
        out += char(0x80 | ((code >> 6) & 0x3F));
        out += char(0x80 | (code & 0x3F));
    } else {
        out += char(0xF0 | (code >> 18));
        out += char(0x80 | ((code >> 12) & 0x3F));
        out += char(0x80 | ((code >> 6) & 0x3F));
        out += char(0x80 | (code & 0x3F));
    }
}
} // namespace

std::string decodeJsonString(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c != '\\' || i + 1 >= s.size()) {
            out += c;
            continue;
        }
        const long unit = unitAt(s, i);
        if (unit >= 0) {
            unsigned long code = static_cast<unsigned long>(unit);
            i += 5;
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                const long low = unitAt(s, i + 1);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    code = 0x10000 + ((static_cast<unsigned long>(unit) - 0xD800) << 10) +
                           (static_cast<unsigned long>(low) - 0xDC00);
                    i += 6;
                } else {
                    code = 0xFFFD;
                }
            } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                code = 0xFFFD;
            }
            appendUtf8(out, code);
            continue;
        }
        const char e = s[i + 1];
        char decoded = 0;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            decoded = e;
            break;
        case 'b':
            decoded = '\b';
            break;
        case 'f':
            decoded = '\f';
            break;
        case 'n':
            decoded = '\n';
            break;
        case 'r':
            decoded = '\r';
            break;
        case 't':
            decoded = '\t';
            break;
        default:
            out += c; // not an escape JSON knows: kept
            continue;
        }
        out += decoded;
        ++i;
    }
    return out;
}

} // namespace vigil

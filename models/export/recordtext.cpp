#include "recordtext.h"

#include "../metrics/timemath.h"
#include <QDateTime>
#include <QString>

#include <cstdio>
#include <cstring>

namespace vigil {

namespace {
bool isAscii(std::string_view s) {
    // Eight bytes at a time: exported text is almost always ASCII.
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + i, 8);
        if (word & 0x8080808080808080ull) return false;
    }
    for (; i < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) & 0x80) return false;
    return true;
}

void appendDigits(std::string& out, unsigned value, int width) {
    char buf[12];
    for (int k = width - 1; k >= 0; --k) {
        buf[k] = char('0' + value % 10);
        value /= 10;
    }
    out.append(buf, std::size_t(width));
}

// Civil date of a day count since 1970-01-01 (days >= 0), proleptic Gregorian.
void civilFromDays(std::int64_t days, int& year, unsigned& month, unsigned& day) {
    days += 719468;
    const std::int64_t era = days / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = int(std::int64_t(yoe) + era * 400 + (month <= 2 ? 1 : 0));
}
} // namespace

std::string_view validUtf8(std::string_view utf8, std::string& scratch) {
    if (isAscii(utf8)) return utf8;
    // Rare enough to take Qt's own conversion, which defines what an invalid byte becomes.
    const QByteArray valid = QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).toUtf8();
    scratch.assign(valid.constData(), std::size_t(valid.size()));
    return scratch;
}

void appendIsoUtcMillis(std::string& out, std::int64_t timeUs) {
    const std::int64_t ms = msFromUs(timeUs);
    constexpr std::int64_t kYear10000Ms = 253402300800000;
    if (ms < 0 || ms >= kYear10000Ms) { // Qt's own text outside 1970..9999
        const QByteArray text =
            QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
        out.append(text.constData(), std::size_t(text.size()));
        return;
    }
    int year;
    unsigned month, day;
    civilFromDays(ms / 86400000, year, month, day);
    const auto inDay = static_cast<unsigned>(ms % 86400000);
    appendDigits(out, unsigned(year), 4);
    out += '-';
    appendDigits(out, month, 2);
    out += '-';
    appendDigits(out, day, 2);
    out += 'T';
    appendDigits(out, inDay / 3600000, 2);
    out += ':';
    appendDigits(out, inDay / 60000 % 60, 2);
    out += ':';
    appendDigits(out, inDay / 1000 % 60, 2);
    out += '.';
    appendDigits(out, inDay % 1000, 3);
    out += 'Z';
}

namespace {
// Bytes copied as they are: not a control, quote, backslash or DEL, and not the lead byte
// of a C1 control (0xC2) or of a line separator or bidirectional override (0xE2).
struct PlainJsonBytes {
    bool table[256];
    constexpr PlainJsonBytes() : table() {
        for (int c = 0; c < 256; ++c)
            table[c] = c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && c != 0xc2 && c != 0xe2;
    }
    constexpr bool operator[](unsigned char c) const { return table[c]; }
};
constexpr PlainJsonBytes kPlainInJson;
} // namespace

void appendJsonString(std::string& out, std::string_view utf8) {
    auto escape = [&out](unsigned code) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", code);
        out += buf;
    };
    out += '"';
    const std::size_t n = utf8.size();
    const char* data = utf8.data();
    for (std::size_t i = 0; i < n; ++i) {
        // Bytes that need no escape are copied in runs, not one append a byte.
        std::size_t run = i;
        while (run < n && kPlainInJson[static_cast<unsigned char>(data[run])])
            ++run;
        if (run > i) {
            out.append(data + i, run - i);
            i = run;
            if (i == n) break;
        }
        const char c = data[i];
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20 || u == 0x7f) {
                escape(u);
            } else if (u == 0xc2 && i + 1 < n && static_cast<unsigned char>(data[i + 1]) <= 0x9f) {
                escape(static_cast<unsigned char>(data[++i])); // U+0080..U+009F
            } else if (u == 0xe2 && i + 2 < n) {
                const unsigned code = 0x2000u | ((static_cast<unsigned char>(data[i + 1]) & 0x3fu) << 6) |
                                      (static_cast<unsigned char>(data[i + 2]) & 0x3fu);
                if (code == 0x200e || code == 0x200f || code == 0x2028 || code == 0x2029 ||
                    (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
                    escape(code);
                    i += 2;
                } else {
                    out += c;
                }
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendCsvField(std::string& out, std::string_view utf8) {
    bool quoted = false; // not find_first_of, which calls memchr once per byte
    for (const char c : utf8)
        quoted |= c == ',' || c == '"' || c == '\n' || c == '\r';
    if (!quoted) {
        out.append(utf8);
        return;
    }
    out += '"';
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t quote = utf8.find('"', i);
        const std::size_t end = quote == std::string_view::npos ? utf8.size() : quote + 1;
        out.append(utf8.substr(i, end - i));
        if (quote != std::string_view::npos) out += '"';
        i = end;
    }
    out += '"';
}

} // namespace vigil
